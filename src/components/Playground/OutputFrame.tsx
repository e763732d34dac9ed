import React, { type ReactNode } from 'react';
import styles from './styles.module.css';

interface OutputFrameProps {
  status: string;
  /** Live while the editor is there: runs announce their output. */
  live?: boolean;
  busy?: boolean;
  runState?: string;
  runCount?: number;
  minHeight?: number;
  children: ReactNode;
}

/** The output panel's frame, the same on the static view and under the editor. */
export default function OutputFrame({ status, live = false, busy, runState, runCount, minHeight, children }: OutputFrameProps): ReactNode {
  return (
    <div
      className={styles.output}
      style={minHeight ? { minHeight } : undefined}
      aria-live={live ? 'polite' : undefined}
      aria-busy={busy}
      aria-label="Output"
      role="region"
      data-run-state={runState}
      data-run={runCount}
    >
      <p className={styles.outputHeading}>
        <span>Output</span>
        <span className={styles.status}>{status}</span>
      </p>
      {children}
    </div>
  );
}

export const RUN_HINT = 'Press Run (or Ctrl+Enter in the editor) to run this example.';
