/**
 * The reader's edits, kept in localStorage per example together with a hash of the original
 * they edited, so that an edit of an older version is offered, never applied silently.
 */
const PREFIX = 'playground:v1:';

export interface SavedEdit {
  code: string;
  originalHash: string;
}

/** A short, stable hash of the original (FNV-1a, 32 bits): enough to notice a change. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export type Restored =
  | { state: 'none' }
  | { state: 'same'; code: string }
  | { state: 'outdated'; code: string };

export function loadEdit(example: string, original: string, storage: Storage | undefined = safeStorage()): Restored {
  try {
    const raw = storage?.getItem(PREFIX + example);
    if (!raw) return { state: 'none' };
    const saved = JSON.parse(raw) as SavedEdit;
    if (typeof saved.code !== 'string') return { state: 'none' };
    return saved.originalHash === hashText(original) ? { state: 'same', code: saved.code } : { state: 'outdated', code: saved.code };
  } catch {
    return { state: 'none' };
  }
}

/**
 * Saves the edit (or forgets it, when it is the original again). False when it could not be
 * saved: storage full (QuotaExceededError) or turned off. The reader must be told, since the
 * edit then lasts only as long as the page. The original needs no saving: with storage turned
 * off there is no edit to forget either (none could be stored or read), so that is true.
 */
export function saveEdit(example: string, original: string, code: string, storage: Storage | undefined = safeStorage()): boolean {
  if (!storage) return code === original;
  try {
    if (code === original) storage.removeItem(PREFIX + example);
    else storage.setItem(PREFIX + example, JSON.stringify({ code, originalHash: hashText(original) } satisfies SavedEdit));
    return true;
  } catch {
    return false;
  }
}

export function dropEdit(example: string, storage: Storage | undefined = safeStorage()): void {
  try {
    storage?.removeItem(PREFIX + example);
  } catch {
    // nothing to drop
  }
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // a sandboxed frame or disabled cookies throw on access
  }
}
