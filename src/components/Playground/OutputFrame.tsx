import React, { type ReactNode } from 'react';
import styles from './styles.module.css';

interface OutputFrameProps {
  /** The example's file name: each output region on a page has a name of its own. */
  fileName: string;
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
export default function OutputFrame({ fileName, status, live = false, busy, runState, runCount, minHeight, children }: OutputFrameProps): ReactNode {
  return (
    <div
      className={styles.output}
      style={minHeight ? { minHeight } : undefined}
      aria-live={live ? 'polite' : undefined}
      aria-busy={busy}
      aria-label={outputLabel(fileName)}
      data-output-frame
      role="region"
      data-run-state={runState}
      data-run={runCount}
    >
      <p className={styles.outputHeading}>
        <span>Output</span>
        <span className={styles.status} data-output-status>{status}</span>
      </p>
      {children}
    </div>
  );
}

/** The name screen readers give an output region, e.g. "Output of nines.ts". */
export function outputLabel(fileName: string): string {
  return `Output of ${fileName.replace(/^.*\//, '')}`;
}

export const RUN_HINT = 'Press Run (or Ctrl+Enter in the editor) to run this example.';
