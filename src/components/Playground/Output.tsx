import React, { lazy, Suspense, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { describeLocation, type PlaygroundError } from './errors';
import OutputChart from './OutputChart';
import OutputFrame, { RUN_HINT } from './OutputFrame';
import OutputTable from './OutputTable';
import type { OutputItem } from './outputBudget';
import styles from './styles.module.css';

// The replay's player is its own chunk, fetched only when an example shows a replay.
const OutputReplay = lazy(() => import(/* webpackChunkName: "replay" */ './Replay'));


export type RunState =
  | { state: 'idle' }
  | { state: 'loading' }
  /** `note`: what the run waits for before the code starts (a package loading). */
  | { state: 'running'; note?: string }
  | { state: 'done'; ms: number }
  | { state: 'error'; error: PlaygroundError; ms: number }
  | { state: 'stopped'; reason: 'time' | 'reader'; ms: number; limitMs: number };

interface OutputProps {
  /** How many runs so far: tests and the benchmark wait for this run's output. */
  /** The example's file name, for the output region's name. */
  fileName: string;
  runCount: number;
  items: OutputItem[];
  run: RunState;
  onShowLine: (file: string, line: number) => void;
  /** Room kept for the output while a run replaces it. */
  minHeight?: number;
}

/** The output panel: console lines, tables and charts in order, then how the run ended. */
export default function Output({ fileName, runCount, items, run, onShowLine, minHeight }: OutputProps): ReactNode {
  return (
    <OutputFrame
      fileName={fileName}
      status={statusText(run)}
      live
      busy={run.state === 'running' || run.state === 'loading'}
      runState={run.state}
      runCount={runCount}
      minHeight={minHeight}
    >
      {items.length === 0 && run.state === 'idle' && <p className={styles.note}>{RUN_HINT}</p>}
      <OutputItems items={items} />
      {run.state === 'error' && <ErrorReport error={run.error} onShowLine={onShowLine} />}
      {run.state === 'stopped' && (
        <div className={styles.errorBox} role="alert">
          <strong>Stopped.</strong>{' '}
          {run.reason === 'time'
            ? `The code was still running after ${run.limitMs / 1000} s (an endless loop?), so it was stopped. Fix it and run again.`
            : 'You stopped the run.'}
        </div>
      )}
    </OutputFrame>
  );
}

function OutputItems({ items }: { items: OutputItem[] }) {
  // Consecutive text lines share one <pre>; tables and charts sit between them.
  const nodes: ReactNode[] = [];
  let lines: ReactNode[] = [];
  const flush = () => {
    if (lines.length) nodes.push(<TextLines key={`p${nodes.length}`}>{lines}</TextLines>);
    lines = [];
  };
  items.forEach((item, index) => {
    if (item.kind === 'table' || item.kind === 'chart' || item.kind === 'replay') {
      flush();
      nodes.push(
        <React.Fragment key={index}>
          {item.kind === 'table' ? (
            <OutputTable table={item.table} />
          ) : item.kind === 'chart' ? (
            <OutputChart chart={item.chart} />
          ) : (
            <Suspense fallback={<p className={styles.note} data-output-loading>Loading the replay…</p>}>
              <OutputReplay replay={item.replay} />
            </Suspense>
          )}
          {item.cut.length > 0 && <p className={styles.note}>Cut to fit the page: {item.cut.join('; ')}.</p>}
        </React.Fragment>,
      );
    } else if (item.kind === 'note') {
      lines.push(<span key={index} className={styles.note}>{item.text}</span>);
    } else {
      const className = item.level === 'error' ? styles.error : item.level === 'warn' ? styles.warn : undefined;
      lines.push(
        <span key={index} className={`${styles.line} ${className ?? ''}`} data-level={item.level}>
          {item.level === 'warn' || item.level === 'error' ? <span className={styles.visuallyHidden} data-sr-only>{item.level}: </span> : null}
          {item.text}
        </span>,
      );
    }
  });
  flush();
  return <>{nodes}</>;
}

/**
 * Printed lines. A long run of them scrolls in its own box (charts never do: they sit in the
 * page, in full), and a box that scrolls is a stop for the keyboard.
 */
function TextLines({ children }: { children: ReactNode }) {
  const box = useRef<HTMLPreElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (element) setScrolls(element.scrollHeight > element.clientHeight + 1);
  });
  return (
    <pre
      ref={box}
      className={styles.lines}
      data-output="lines"
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': 'Printed lines' } : {})}
    >
      {children}
    </pre>
  );
}

function ErrorReport({ error, onShowLine }: { error: PlaygroundError; onShowLine: OutputProps['onShowLine'] }) {
  const where = describeLocation(error.location);
  const { file, line } = error.location ?? {};
  return (
    <div className={styles.errorBox} role="alert" data-error-location={where}>
      <strong>{error.name}</strong>
      {where && (
        <>
          {' in '}
          {file && line !== undefined ? (
            <button type="button" className={styles.linkButton} onClick={() => onShowLine(file, line)}>
              {where}
            </button>
          ) : (
            where
          )}
        </>
      )}
      : {error.message}
      {error.frames.length > 1 && <pre>{error.frames.map((frame) => `  at ${frame}`).join('\n')}</pre>}
    </div>
  );
}

function statusText(run: RunState): string {
  switch (run.state) {
    case 'loading':
      return 'Loading…';
    case 'running':
      return run.note ?? 'Running…';
    case 'done':
      return `Finished in ${formatMs(run.ms)}`;
    case 'error':
      return `Failed after ${formatMs(run.ms)}`;
    case 'stopped':
      return `Stopped after ${formatMs(run.ms)}`;
    default:
      return '';
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
