// @vitest-environment happy-dom
// Whose code is in the editor, and what is saved, when the editor shows the restored code late:
// Sandpack's editor holds the code in a state of its own, and React may render it in a later task
// than the hook's own state (CI once found the reader's edit gone after opening a share link).
import { createElement, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashText, saveEdit } from './savedEdits';
import { encodeShare } from './shareLink';
import { useReaderCode, type ReaderCode } from './useReaderCode';

const EXAMPLE = 'ch/example';
const KEY = `playground:v1:${EXAMPLE}`;
const ORIGINAL = "export default () => console.log('the example');\n";
const MINE = "export default () => console.log('my edit');\n";
const LINKED = "export default () => console.log('from a link');\n";
/** Longer than the hook's 300 ms save delay: the editor shows the restored code only then. */
const EDITOR_DELAY_MS = 450;

const storedCode = () => {
  // undefined, too, with storage turned off (no localStorage).
  const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return raw === null ? undefined : (JSON.parse(raw) as { code: string }).code;
};
/** A share link's fragment, uncompressed (`p`) as a browser without CompressionStream makes it: decoded at once. */
const plainLink = (code: string) => `#pg=${EXAMPLE}:p${Buffer.from(code, 'utf8').toString('base64url')}`;
/** The reader arrives at the chapter through a share link with this fragment. */
const arriveWithLink = (fragment: string) => history.replaceState(null, '', `/docs/chapter/${fragment}`);
// Real time and React's own scheduling, as in a page (act() would hold renders back until it ends).
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Mounted {
  state: () => ReaderCode;
  code: () => string;
  /** What the reader types, shown at once (and winning over code still on its way). */
  type: (text: string) => void;
  /** Every value the saved edit had, sampled every 10 ms while the test ran. */
  seen: () => (string | undefined)[];
}

let root: Root | undefined;
let sampler: ReturnType<typeof setInterval> | undefined;

async function mount(): Promise<Mounted> {
  let latest: { state: ReaderCode; code: string; setCode: (code: string) => void } | undefined;
  // Code on its way to the editor; a keystroke made meanwhile wins over it (React applies the
  // keystroke's update after it), so the code awaited never shows.
  const pending = new Set<ReturnType<typeof setTimeout>>();
  function Editor() {
    const [code, setCode] = useState(ORIGINAL);
    const state = useReaderCode(EXAMPLE, ORIGINAL, code, (text) => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        setCode(text);
      }, EDITOR_DELAY_MS);
      pending.add(timer);
    });
    latest = { state, code, setCode };
    return null;
  }
  const seen: (string | undefined)[] = [];
  sampler = setInterval(() => seen.push(storedCode()), 10);
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  root.render(createElement(Editor));
  await sleep(0);
  return {
    state: () => latest!.state,
    code: () => latest!.code,
    type: (text) => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      latest!.setCode(text);
    },
    seen: () => seen,
  };
}

/** The site's localStorage, as a Map that counts writes and can be made full. */
const storage = { items: new Map<string, string>(), writes: 0, full: false };

beforeEach(() => {
  storage.items.clear();
  storage.writes = 0;
  storage.full = false;
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      storage.writes++;
      if (storage.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      storage.items.set(key, String(value));
    },
    removeItem: (key: string) => {
      storage.writes++;
      storage.items.delete(key);
    },
  });
  history.replaceState(null, '', '/docs/chapter/');
});

afterEach(() => {
  vi.unstubAllGlobals();
  root?.unmount();
  root = undefined;
  clearInterval(sampler);
});

describe('useReaderCode, with an editor that shows restored code late', () => {
  it('restores the saved edit and never drops it meanwhile', async () => {
    saveEdit(EXAMPLE, ORIGINAL, MINE);
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 600);
    expect(editor.code()).toBe(MINE);
    expect(new Set(editor.seen())).toEqual(new Set([MINE]));
  });

  it("shows a link's code, unsaved, and keeps the reader's own edit", async () => {
    saveEdit(EXAMPLE, ORIGINAL, MINE);
    arriveWithLink(plainLink(LINKED));
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 600);
    expect(editor.code()).toBe(LINKED);
    expect(editor.state().link).toMatchObject({ code: LINKED, own: MINE, ownIsEdit: true, edited: false });
    expect(new Set(editor.seen())).toEqual(new Set([MINE]));
    expect(location.hash).not.toBe('');
  });

  it('saves what the reader types once the restore has landed, and an edit of the link makes it theirs', async () => {
    arriveWithLink((await encodeShare(EXAMPLE, LINKED))!);
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 100);
    expect(storedCode()).toBeUndefined();
    editor.type(`${LINKED}// mine now\n`);
    await sleep(600);
    expect(storedCode()).toBe(`${LINKED}// mine now\n`);
    expect(editor.state().link?.edited).toBe(true);
    expect(location.hash).toBe('');
  });

  it('offers an edit of an older version, leaves it saved as it was, and saves it for this version once chosen', async () => {
    const older = JSON.stringify({ code: MINE, originalHash: 'older' });
    localStorage.setItem(KEY, older);
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 100);
    expect(editor.state().outdated).toBe(MINE);
    expect(editor.code()).toBe(ORIGINAL);
    expect(localStorage.getItem(KEY)).toBe(older);
    editor.state().useOutdated();
    await sleep(EDITOR_DELAY_MS + 400);
    expect(editor.code()).toBe(MINE);
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({ code: MINE, originalHash: hashText(ORIGINAL) });
  });

  it("keeps a link's code when asked, at once", async () => {
    saveEdit(EXAMPLE, ORIGINAL, MINE);
    arriveWithLink(plainLink(LINKED));
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 100);
    editor.state().keepLink();
    expect(storedCode()).toBe(LINKED);
    await sleep(20);
    expect(editor.state().link).toBeUndefined();
    expect(location.hash).toBe('');
  });

  it("goes back to the reader's own edit without ever saving the link's code", async () => {
    saveEdit(EXAMPLE, ORIGINAL, MINE);
    arriveWithLink(plainLink(LINKED));
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 100);
    expect(editor.code()).toBe(LINKED);
    editor.state().backToOwn();
    await sleep(EDITOR_DELAY_MS + 400);
    expect(editor.code()).toBe(MINE);
    expect(editor.state().link).toBeUndefined();
    expect(new Set(editor.seen())).toEqual(new Set([MINE]));
    expect(location.hash).toBe('');
  });

  it('saves what the reader types before the awaited code shows, and the link becomes theirs', async () => {
    saveEdit(EXAMPLE, ORIGINAL, MINE);
    arriveWithLink(plainLink(LINKED));
    const editor = await mount();
    await sleep(50);
    expect(editor.state().link?.code).toBe(LINKED);
    editor.type(`${ORIGINAL}// typed at once\n`);
    await sleep(600);
    expect(storedCode()).toBe(`${ORIGINAL}// typed at once\n`);
    expect(editor.state().link?.edited).toBe(true);
    expect(location.hash).toBe('');
  });

  it('with storage full, an edit of a link is not called saved, and the link stays in the address', async () => {
    arriveWithLink(plainLink(LINKED));
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 100);
    storage.full = true;
    editor.type(`${LINKED}// mine\n`);
    await sleep(500);
    expect(editor.state().unsaved).toBe(true);
    expect(editor.state().link?.edited).toBe(false);
    expect(location.hash).not.toBe('');
    editor.state().keepLink();
    await sleep(20);
    expect(editor.state().link).toBeDefined();
    expect(location.hash).not.toBe('');
  });

  it("with storage turned off, the notice goes once the reader's code is the example's again", async () => {
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 100);
    vi.stubGlobal('localStorage', undefined);
    editor.type(`${ORIGINAL}// mine\n`);
    await sleep(500);
    expect(editor.state().unsaved).toBe(true);
    // Undone by hand, not with Reset: nothing is left that storage would have had to keep.
    editor.type(ORIGINAL);
    await sleep(500);
    expect(editor.state().unsaved).toBe(false);
  });

  it("choosing an older version's edit over a link's code deals with the link", async () => {
    saveEdit(EXAMPLE, 'an older version of the example', MINE);
    arriveWithLink(plainLink(LINKED));
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 100);
    expect(editor.state().outdated).toBe(MINE);
    expect(editor.code()).toBe(LINKED);
    editor.state().useOutdated();
    await sleep(EDITOR_DELAY_MS + 400);
    expect(editor.code()).toBe(MINE);
    expect(editor.state().link).toBeUndefined();
    expect(location.hash).toBe('');
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({ code: MINE, originalHash: hashText(ORIGINAL) });
  });

  it('Reset goes back to the example and forgets the edit', async () => {
    saveEdit(EXAMPLE, ORIGINAL, MINE);
    const editor = await mount();
    await sleep(EDITOR_DELAY_MS + 100);
    editor.state().reset();
    await sleep(EDITOR_DELAY_MS + 400);
    expect(editor.code()).toBe(ORIGINAL);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('writes nothing for a reader who only reads', async () => {
    const editor = await mount();
    await sleep(900);
    expect(editor.code()).toBe(ORIGINAL);
    expect(storage.writes).toBe(0);
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});

