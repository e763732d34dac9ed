import React, { type ReactNode } from 'react';
import styles from './styles.module.css';

interface ToolbarProps {
  /** The static view's row: only Run works, the others wait for the editor. */
  placeholder?: boolean;
  onRun: () => void;
  running?: boolean;
  onStop?: () => void;
  onReset?: () => void;
  onCopy?: () => void;
  onShare?: () => void;
}

/**
 * Run, Stop, Reset, Copy and Share, in one row that fits a phone. The static view draws the
 * same row (the four it cannot act on yet are disabled), so nothing moves when the editor
 * replaces it; focus then moves to the editor's control of the same name.
 */
export default function Toolbar({ placeholder = false, onRun, running = false, onStop, onReset, onCopy, onShare }: ToolbarProps): ReactNode {
  const action = (handler: (() => void) | undefined) => (handler && !placeholder ? { onClick: handler } : { 'aria-disabled': true });
  return (
    <div className={styles.toolbar}>
      <button
        type="button"
        className={`${styles.button} ${styles.primary}`}
        // pointerdown too on the static view: the editor may replace this button between press and release.
        onPointerDown={placeholder ? onRun : undefined}
        onClick={onRun}
        // aria-disabled, not disabled: a disabled button drops the keyboard focus.
        aria-disabled={running}
        aria-keyshortcuts={placeholder ? undefined : 'Control+Enter Meta+Enter'}
        data-control="run"
      >
        <span aria-hidden="true">▶</span> Run
      </button>
      <button type="button" className={styles.button} {...action(running ? onStop : undefined)} data-control="stop">
        <span aria-hidden="true">■</span> Stop
      </button>
      <span className={styles.spacer} />
      <button type="button" className={styles.button} {...action(onReset)} data-control="reset" title="Restore the original example">
        Reset
      </button>
      <button type="button" className={styles.button} {...action(onCopy)} data-control="copy" aria-label="Copy the code">
        Copy
      </button>
      <button type="button" className={styles.button} {...action(onShare)} data-control="share" aria-label="Copy a link to this code">
        Share
      </button>
    </div>
  );
}
