import React, { type ReactNode } from 'react';
import type { ReaderCode } from './useReaderCode';
import styles from './styles.module.css';

/** What the reader must know about the code in the editor: whose it is, and whether it is saved. */
export default function CodeNotices({ state }: { state: ReaderCode }): ReactNode {
  const { outdated, link, linkProblem, unsaved } = state;
  return (
    <>
      {link && (
        <div className={styles.notice} role="status" data-notice="link">
          <span>
            {link.edited
              ? 'Your changes to the code from the link are saved as your edit.'
              : `This is code from a link, not saved. ${link.ownIsEdit ? 'Your own edit is kept until you choose.' : ''}`}
          </span>
          {!link.edited && (
            <button type="button" className={styles.button} onClick={state.keepLink} data-control="keep-link">
              Keep this code
            </button>
          )}
          <button type="button" className={styles.button} onClick={state.backToOwn} data-control="back-to-own">
            {link.ownIsEdit ? 'Back to my edit' : 'Back to the example'}
          </button>
        </div>
      )}
      {linkProblem && (
        <div className={styles.notice} role="alert" data-notice="link-problem">
          <span>The code from this link could not be opened: {linkProblem}.</span>
          <button type="button" className={styles.button} onClick={state.dismissLinkProblem}>
            Dismiss
          </button>
        </div>
      )}
      {outdated !== undefined && (
        <div className={styles.notice} role="status" data-notice="outdated">
          <span>This example changed since you edited it. Your edit of the older version is saved.</span>
          <button type="button" className={styles.button} onClick={state.useOutdated}>
            Use my edit
          </button>
          <button type="button" className={styles.button} onClick={state.dropOutdated}>
            Drop my edit
          </button>
        </div>
      )}
      {unsaved && (
        <div className={styles.notice} role="alert" data-notice="unsaved">
          <span>
            Your edit could not be saved: this browser&apos;s storage for the site is full or turned off. It lasts until you leave
            the page; copy it if you want to keep it.
          </span>
        </div>
      )}
    </>
  );
}
