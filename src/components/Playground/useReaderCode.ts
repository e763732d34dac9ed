/**
 * Whose code is in the editor, and keeping it: the reader's saved edit (restored on load,
 * saved as they type), an edit of an older version of the example (offered, never applied
 * silently), and code from a share link (shown, but not saved until the reader edits it or
 * chooses to keep it, so opening a link never replaces their own work). Also what could not
 * be done: a link that is damaged or too large, storage that is full or turned off.
 */
import { useEffect, useRef, useState } from 'react';
import { dropEdit, loadEdit, saveEdit } from './savedEdits';
import { decodeShare, shareTarget } from './shareLink';

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
  const restored = useRef(false);
  const setCodeRef = useRef(setCode);
  setCodeRef.current = setCode;

  const save = (text: string) => setUnsaved(!saveEdit(example, original, text));
  // The link has been dealt with: a reload shows the reader's code, not the link's again.
  const dropFragment = () => {
    if (shareTarget(window.location.hash) === example) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
  };

  // Restore once: the saved edit, then a link's code over it (unsaved).
  useEffect(() => {
    let cancelled = false;
    const saved = loadEdit(example, original);
    if (saved.state === 'same') setCodeRef.current(saved.code);
    if (saved.state === 'outdated') setOutdated(saved.code);
    const own = saved.state === 'same' ? saved.code : original;
    (async () => {
      const shared = shareTarget(window.location.hash) === example ? await decodeShare(window.location.hash) : undefined;
      if (cancelled) return;
      if (shared?.state === 'ok' && shared.code === own) dropFragment();
      else if (shared?.state === 'ok') {
        setLink({ code: shared.code, own, ownIsEdit: saved.state === 'same', edited: false });
        setCodeRef.current(shared.code);
      } else if (shared) setLinkProblem(shared.reason);
      restored.current = true;
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Keep the reader's edit across reloads; a link's code becomes theirs once they change it.
  useEffect(() => {
    if (!restored.current || outdated !== undefined) return;
    if (link && !link.edited && code === link.code) return;
    const timer = setTimeout(() => {
      save(code);
      if (link && !link.edited) {
        setLink({ ...link, edited: true });
        dropFragment();
      }
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, example, original, outdated, link]);

  return {
    outdated,
    link,
    linkProblem,
    unsaved,
    useOutdated() {
      if (outdated === undefined) return;
      setCode(outdated);
      setOutdated(undefined);
    },
    dropOutdated() {
      dropEdit(example);
      setOutdated(undefined);
    },
    keepLink() {
      save(code);
      setLink(undefined);
      dropFragment();
    },
    backToOwn() {
      if (!link) return;
      setCode(link.own);
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
      setCode(original);
      dropEdit(example);
      setOutdated(undefined);
      setLink(undefined);
      setUnsaved(false);
      dropFragment();
    },
  };
}
