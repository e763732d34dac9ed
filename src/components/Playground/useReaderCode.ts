/**
 * Whose code is in the editor, and keeping it: the reader's saved edit (restored on load,
 * saved as they type), an edit of an older version of the example (offered, never applied
 * silently), and code from a share link (shown, but not saved until the reader edits it or
 * chooses to keep it, so opening a link never replaces their own work). Also what could not
 * be done: a link that is damaged or too large, storage that is full or turned off.
 */
import { useEffect, useRef, useState } from 'react';
import { dropEdit, loadEdit, saveEdit } from './savedEdits';
import { decodeShare, dropShareFragment, shareTarget } from './shareLink';

const SAVE_DELAY_MS = 300;

export interface LinkedCode {
  /** The code the link carried. */
  code: string;
  /** What the reader had before: their saved edit, or the example. */
  own: string;
  ownIsEdit: boolean;
  /** The reader has changed the link's code (so it is saved as their edit). */
  edited: boolean;
}

export interface ReaderCode {
  /** An edit of an older version of the example, waiting for the reader's choice. */
  outdated: string | undefined;
  link: LinkedCode | undefined;
  /** Why a link to this example could not be opened. */
  linkProblem: string | undefined;
  /** The last save failed: the edit lasts only as long as the page. */
  unsaved: boolean;
  useOutdated(): void;
  dropOutdated(): void;
  keepLink(): void;
  backToOwn(): void;
  dismissLinkProblem(): void;
  /** Back to the example: the saved edit is dropped. */
  reset(): void;
}

export function useReaderCode(example: string, original: string, code: string, setCode: (code: string) => void): ReaderCode {
  const [outdated, setOutdated] = useState<string | undefined>();
  const [link, setLink] = useState<LinkedCode | undefined>();
  const [linkProblem, setLinkProblem] = useState<string | undefined>();
  const [unsaved, setUnsaved] = useState(false);
  // False until the restore below has decided what the editor shows: nothing is saved before.
  const [restored, setRestored] = useState(false);
  // Code this hook put in the editor that the editor does not show yet, and the codes it may
  // still show meanwhile. The editor (Sandpack) keeps the code in a state of its own, and React
  // may render it a task or more after this hook's own state: until it lands, `code` is still
  // one from before, and saving that would save the wrong code (CI once saw a reader's edit
  // dropped after a share link opened). Any other code is the reader's: a keystroke made before
  // the awaited code showed may win over it, and is then saved as any edit is.
  const awaiting = useRef<{ code: string; before: Set<string> } | undefined>(undefined);
  const latestCode = useRef(code);
  latestCode.current = code;
  const setCodeRef = useRef(setCode);
  setCodeRef.current = setCode;
  const showCode = (text: string) => {
    if (text === latestCode.current && awaiting.current === undefined) return;
    const before = new Set(awaiting.current?.before);
    if (awaiting.current) before.add(awaiting.current.code);
    before.add(latestCode.current);
    before.delete(text);
    awaiting.current = { code: text, before };
    setCodeRef.current(text);
  };

  // What storage holds for this example as this version's code (the example itself when it holds
  // nothing; undefined while it holds an edit of an older version): a save of the same is skipped.
  const stored = useRef<string | undefined>(undefined);
  /** Saves `text` as the reader's edit; false when storage refused it (full or turned off). */
  const save = (text: string): boolean => {
    if (text === stored.current) return true;
    const ok = saveEdit(example, original, text);
    stored.current = ok ? text : undefined;
    setUnsaved(!ok);
    return ok;
  };
  const forget = () => {
    dropEdit(example);
    stored.current = original;
  };
  // The link has been dealt with: a reload shows the reader's code, not the link's again.
  const dropFragment = () => dropShareFragment(example);

  // Restore once: the saved edit, then a link's code over it (unsaved).
  useEffect(() => {
    let cancelled = false;
    const saved = loadEdit(example, original);
    stored.current = saved.state === 'same' ? saved.code : saved.state === 'none' ? original : undefined;
    if (saved.state === 'same') showCode(saved.code);
    if (saved.state === 'outdated') setOutdated(saved.code);
    const own = saved.state === 'same' ? saved.code : original;
    (async () => {
      const shared = shareTarget(window.location.hash) === example ? await decodeShare(window.location.hash) : undefined;
      if (cancelled) return;
      if (shared?.state === 'ok' && shared.code === own) dropFragment();
      else if (shared?.state === 'ok') {
        setLink({ code: shared.code, own, ownIsEdit: saved.state === 'same', edited: false });
        showCode(shared.code);
      } else if (shared) setLinkProblem(shared.reason);
      setRestored(true);
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Keep the reader's edit across reloads; a link's code becomes theirs once they change it.
  useEffect(() => {
    if (!restored) return;
    const wait = awaiting.current;
    if (wait) {
      if (code !== wait.code && wait.before.has(code)) return;
      awaiting.current = undefined;
    }
    if (outdated !== undefined) return;
    if (link && !link.edited && code === link.code) return;
    const timer = setTimeout(() => {
      // Unsaved (storage full or off), the link stays as it was: its fragment is the code's only copy.
      if (!save(code)) return;
      if (link && !link.edited) {
        setLink({ ...link, edited: true });
        dropFragment();
      }
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, example, original, outdated, link, restored]);

  return {
    outdated,
    link,
    linkProblem,
    unsaved,
    useOutdated() {
      if (outdated === undefined) return;
      showCode(outdated);
      setOutdated(undefined);
      // The reader chose their older edit over a link's code: the link is dealt with.
      if (link) {
        setLink(undefined);
        dropFragment();
      }
    },
    dropOutdated() {
      forget();
      setOutdated(undefined);
    },
    keepLink() {
      if (!save(code)) return;
      setLink(undefined);
      dropFragment();
    },
    backToOwn() {
      if (!link) return;
      showCode(link.own);
      // An edit of the link's code was saved over the reader's own edit: put theirs back.
      save(link.own);
      setLink(undefined);
      dropFragment();
    },
    dismissLinkProblem() {
      setLinkProblem(undefined);
      dropFragment();
    },
    reset() {
      showCode(original);
      forget();
      setOutdated(undefined);
      setLink(undefined);
      setUnsaved(false);
      dropFragment();
    },
  };
}
