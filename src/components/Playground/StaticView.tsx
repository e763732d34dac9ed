import React, { type ReactNode } from 'react';
import OutputFrame, { RUN_HINT } from './OutputFrame';
import Toolbar from './Toolbar';
import styles from './styles.module.css';

interface StaticViewProps {
  fileName: string;
  code: string;
  /** The editor is on its way. */
  loading?: boolean;
  /** Run pressed before the editor is there; without it, the view shows the code only. */
  onRun?: () => void;
}

/**
 * The example as the server renders it, and what a chapter shows until the reader comes near
 * a Playground: the code as plain text (one element, where highlighted code was thousands of
 * token spans a page), readable with JavaScript off, laid out like the editor that replaces it
 * (same rows, font, line height, padding and wrapping), so that nothing on the page moves when
 * the editor arrives with its highlighting and line numbers.
 */
export default function StaticView({ fileName, code, loading = false, onRun }: StaticViewProps): ReactNode {
  return (
    <>
      {onRun && <Toolbar placeholder onRun={onRun} />}
      <div className={styles.fileBar}>
        <span className={styles.tab} aria-current="true">
          {fileName}
        </span>
        {onRun && (
          <select className={styles.select} disabled aria-label="Open a file of the simulation kit (read-only)">
            <option>Kit files…</option>
          </select>
        )}
      </div>
      {/* A scroll box the keyboard can reach, as the editor's is. */}
      <pre className={styles.staticCode} tabIndex={0} role="region" aria-label={`Code of ${fileName}`}>
        {/* The editor shows the empty line after a final newline; a <pre> would drop it. */}
        <code>{code.endsWith('\n') ? `${code}\n` : code}</code>
      </pre>
      {onRun && (
        <OutputFrame fileName={fileName} status={loading ? 'Loading the editor…' : ''} live>
          <p className={styles.note}>{RUN_HINT}</p>
        </OutputFrame>
      )}
    </>
  );
}
