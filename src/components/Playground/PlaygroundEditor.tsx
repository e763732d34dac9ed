/**
 * The Playground once the reader wants it (a lazy chunk): Sandpack's editor over the example
 * and the simulation kit, the toolbar, the runner and the output. Sandpack is used for editing
 * only; nothing here talks to CodeSandbox's bundler.
 */
import React, { use, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  SandpackCodeEditor,
  SandpackLayout,
  SandpackProvider,
  useSandpack,
  type CodeEditorRef,
  type SandpackTheme,
} from '@codesandbox/sandpack-react';
import { Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { errorLineExtension, markErrorLine } from './errorLine';
import { loadKitFiles } from './kitFiles';
import Output, { type RunState } from './Output';
import { outputLabel } from './OutputFrame';
import type { OutputItem } from './outputBudget';
import { DEFAULT_TIME_LIMIT_MS, Runner } from './runner';
import CodeNotices from './CodeNotices';
import ErrorBoundary from './ErrorBoundary';
import { encodeShare, MAX_CODE_BYTES } from './shareLink';
import Toolbar from './Toolbar';
import { useReaderCode } from './useReaderCode';
import styles from './styles.module.css';
import { compileCache, warmUp } from './warmUp';
import { wrapModule } from './moduleLoader';

// Colours come from the site's theme (Infima variables), so light/dark switch with the page.
const THEME: SandpackTheme = {
  colors: {
    surface1: 'var(--pg-surface)',
    surface2: 'var(--ifm-color-emphasis-300)',
    surface3: 'var(--ifm-color-emphasis-100)',
    disabled: 'var(--ifm-color-emphasis-600)',
    base: 'var(--ifm-font-color-base)',
    clickable: 'var(--ifm-color-emphasis-700)',
    hover: 'var(--ifm-font-color-base)',
    accent: 'var(--ifm-color-primary)',
    error: 'var(--pg-error)',
    errorSurface: 'var(--pg-error-bg)',
  },
  syntax: {
    plain: 'var(--pg-syntax-plain)',
    comment: { color: 'var(--pg-syntax-comment)', fontStyle: 'italic' },
    keyword: 'var(--pg-syntax-keyword)',
    tag: 'var(--pg-syntax-keyword)',
    punctuation: 'var(--pg-syntax-plain)',
    definition: 'var(--pg-syntax-definition)',
    property: 'var(--pg-syntax-property)',
    static: 'var(--pg-syntax-static)',
    string: 'var(--pg-syntax-string)',
  },
  font: {
    body: 'var(--ifm-font-family-base)',
    mono: 'var(--ifm-font-family-monospace)',
    size: '14px',
    lineHeight: '1.5',
  },
};

interface EditorProps {
  example: string;
  original: string;
  runOnLoad: boolean;
  timeLimitMs?: number;
  /** Called once the editor is on screen, before paint, to retire the static view. */
  onReady: () => void;
}

export default function PlaygroundEditor(props: EditorProps): ReactNode {
  const kit = use(loadKitFiles());
  const entry = `/${props.example}.ts`;
  const files = useMemo(() => {
    const map: Record<string, { code: string; readOnly?: boolean; active?: boolean }> = {
      [entry]: { code: props.original, active: true },
    };
    for (const [path, code] of Object.entries(kit)) map[path] = { code, readOnly: true };
    return map;
  }, [entry, kit, props.original]);
  const kitPaths = useMemo(() => Object.keys(kit), [kit]);
  return (
    <SandpackProvider
      files={files}
      theme={THEME}
      options={{ visibleFiles: [entry], activeFile: entry, initMode: 'immediate', autorun: false, autoReload: false }}
    >
      <EditorShell {...props} entry={entry} kitPaths={kitPaths} />
    </SandpackProvider>
  );
}

function EditorShell({
  example,
  original,
  runOnLoad,
  onReady,
  entry,
  kitPaths,
  timeLimitMs = DEFAULT_TIME_LIMIT_MS,
}: EditorProps & { entry: string; kitPaths: string[] }) {
  const { sandpack } = useSandpack();
  const editor = useRef<CodeEditorRef>(null);
  const shell = useRef<HTMLDivElement>(null);
  const { siteConfig } = useDocusaurusContext();
  const runner = useMemo(() => new Runner(siteConfig.baseUrl), [siteConfig.baseUrl]);
  const [items, setItems] = useState<OutputItem[]>([]);
  const [run, setRun] = useState<RunState>({ state: 'idle' });
  const [runCount, setRunCount] = useState(0);
  const [heldHeight, setHeldHeight] = useState<number | undefined>();
  const [shareUrl, setShareUrl] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const pendingFocusLine = useRef<number | undefined>(undefined);

  const code = sandpack.files[entry]?.code ?? original;
  const latest = useRef({ sandpack, code });
  latest.current = { sandpack, code };
  const readerCode = useReaderCode(example, original, code, (text) => latest.current.sandpack.updateFile(entry, text, false));

  // CodeMirror lays out its lines and line numbers by guessed heights first and by measured
  // ones a frame later. Until then the editor stays hidden over the static view (see
  // .editor:not([data-measured]) in the styles), so nothing on screen jumps as it appears.
  const [measured, setMeasured] = useState(false);
  useEffect(() => {
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => setMeasured(true));
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  useLayoutEffect(() => {
    if (measured) onReady();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [measured]);

  // While the reader reads: a worker for the first run, sucrase fetched, the kit compiled in
  // idle moments and handed to the worker to evaluate, so that the first Run costs little more
  // than a later one.
  useEffect(() => {
    runner.prepare();
    let live = true;
    const kit: Record<string, string> = {};
    for (const path of kitPaths) kit[path] = latest.current.sandpack.files[path]?.code ?? '';
    void warmUp(kit).then(() => {
      if (!live) return;
      const modules = kitPaths.flatMap((path) => {
        const cached = compileCache.get(path);
        return cached && cached.source === kit[path] ? [{ path, code: wrapModule(path, cached.compiled.code) }] : [];
      });
      runner.preload(modules);
    });
    return () => {
      live = false;
      runner.dispose();
    };
  }, [runner, kitPaths]);

  const runCode = useCallback(async () => {
    if (runner.isRunning) return;
    const { sandpack: current } = latest.current;
    const program: Record<string, string> = { [entry]: current.files[entry]?.code ?? original };
    for (const path of kitPaths) program[path] = current.files[path]?.code ?? '';
    // The last run's output keeps its room until this run ends, so the page does not collapse
    // and grow again under the reader on every Run.
    const output = shell.current?.querySelector<HTMLElement>('[data-output-frame]');
    setHeldHeight(output?.offsetHeight);
    setItems([]);
    setRun({ state: 'running' });
    revealOutput(output);
    setRunCount((count) => count + 1);
    markError(undefined);
    // Batch the worker's messages into one render per frame.
    let pending: OutputItem[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      setItems((previous) => previous.concat(batch));
    };
    let first = true;
    const onOutput = (output: OutputItem[]) => {
      if (output.length === 0) return;
      pending.push(...output);
      // The first output at once (the reader is waiting for it), the rest a frame at a time.
      if (first) {
        first = false;
        flush();
      } else frame ||= requestAnimationFrame(flush);
    };
    const outcome = await runner.run(program, entry, onOutput, timeLimitMs, (note) => {
      setRun({ state: 'running', note });
      // The output region is busy (silent) until the run ends: a wait of seconds is said here.
      if (note) setAnnouncement(note);
    });
    if (frame) cancelAnimationFrame(frame);
    flush();
    setHeldHeight(undefined);
    if (outcome.status === 'done') setRun({ state: 'done', ms: outcome.ms });
    else if (outcome.status === 'stopped') setRun({ state: 'stopped', reason: outcome.reason, ms: outcome.ms, limitMs: outcome.limitMs });
    else {
      setRun({ state: 'error', error: outcome.error, ms: outcome.ms });
      const { file, line } = outcome.error.location ?? {};
      if (file && line !== undefined) {
        if (file !== latest.current.sandpack.activeFile) openKitFileRef.current(file);
        pendingErrorRef.current = { file, line, message: outcome.error.message };
        applyErrorMark();
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry, kitPaths, original, runner, timeLimitMs]);

  const runRef = useRef(runCode);
  runRef.current = runCode;

  // The error mark follows the file it is in, whichever tab is open.
  const pendingErrorRef = useRef<{ file: string; line: number; message: string } | undefined>(undefined);
  const applyErrorMark = () => {
    const view = editor.current?.getCodemirror();
    if (!view) return;
    const mark = pendingErrorRef.current;
    markErrorLine(view, mark && mark.file === latest.current.sandpack.activeFile ? mark.line : undefined, mark?.message);
  };
  const markError = (mark: typeof pendingErrorRef.current) => {
    pendingErrorRef.current = mark;
    applyErrorMark();
  };
  // Puts the cursor on a line, once the view for the file is there (now, or after a tab switch).
  const focusPendingLine = () => {
    const line = pendingFocusLine.current;
    const view = editor.current?.getCodemirror();
    if (line === undefined || !view) return;
    pendingFocusLine.current = undefined;
    const target = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
    view.dispatch({ selection: { anchor: target.from }, scrollIntoView: true });
    view.focus();
  };
  useEffect(() => {
    applyErrorMark();
    focusPendingLine();
  });

  useEffect(() => {
    if (runOnLoad) void runRef.current();
  }, [runOnLoad]);

  const extensions = useMemo(
    () => [
      errorLineExtension(styles.errorLine),
      // Above CodeMirror's own Mod-Enter (insert blank line).
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (void runRef.current(), true) }])),
    ],
    [],
  );

  const reset = () => {
    readerCode.reset();
    setShareUrl(undefined);
    markError(undefined);
    setAnnouncement('The example is back to its original code.');
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setAnnouncement('Code copied to the clipboard.');
    } catch {
      setAnnouncement('Copying was not allowed: select the code and copy it yourself.');
    }
  };

  const share = async () => {
    const fragment = await encodeShare(example, code);
    if (!fragment) {
      setShareUrl(undefined);
      setAnnouncement(`Your code is too long for a link (over ${MAX_CODE_BYTES / 1000} KB): use Copy instead.`);
      return;
    }
    const url = `${window.location.origin}${window.location.pathname}${fragment}`;
    setShareUrl(url);
    try {
      await navigator.clipboard.writeText(url);
      setAnnouncement('A link to your code was copied to the clipboard.');
    } catch {
      setAnnouncement('Here is a link to your code: copy it from the box.');
    }
  };

  // One kit file at a time beside the example, so the tabs stay two.
  const openKitFile = (path: string) => {
    if (!path) return;
    for (const open of sandpack.visibleFiles) if (open !== entry && open !== path) sandpack.closeFile(open);
    sandpack.openFile(path);
  };

  const openKitFileRef = useRef(openKitFile);
  openKitFileRef.current = openKitFile;

  return (
    <div
      ref={shell}
      className={styles.editor}
      data-measured={measured || undefined}
      onKeyDown={(event) => {
        if (!event.defaultPrevented && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void runCode();
        }
      }}
    >
      {/* Controls and output once shown: until then the static view's are the page's. */}
      {measured && (
        <Toolbar
          onRun={() => void runCode()}
          running={run.state === 'running'}
          onStop={() => runner.stop('reader')}
          onReset={reset}
          onCopy={() => void copy()}
          onShare={() => void share()}
        />
      )}
      <CodeNotices state={readerCode} />
      {shareUrl && (
        <div className={styles.shareBox}>
          <label htmlFor={`${example}-share`}>Link</label>
          <input id={`${example}-share`} readOnly value={shareUrl} onFocus={(event) => event.target.select()} data-control="share-url" />
        </div>
      )}
      <div className={styles.fileBar}>
        <FileTabs entry={entry} />
        <select
          className={styles.select}
          aria-label="Open a file of the simulation kit (read-only)"
          value=""
          onChange={(event) => openKitFile(event.target.value)}
          data-control="kit"
        >
          <option value="">Kit files…</option>
          {kitPaths.map((path) => (
            <option key={path} value={path}>
              {path.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <SandpackLayout>
        <SandpackCodeEditor
          ref={editor}
          showTabs={false}
          showLineNumbers
          wrapContent
          showRunButton={false}
          initMode="immediate"
          extensions={extensions}
        />
      </SandpackLayout>
      <p className={styles.visuallyHidden} role="status">
        {announcement}
      </p>
      {measured && (
        <ErrorBoundary resetKey={runCount} fallback={(error) => <OutputFailed error={error} fileName={entry} />}>
          <Output
            fileName={entry}
            minHeight={heldHeight}
            runCount={runCount}
            items={items}
            run={run}
            onShowLine={(file, line) => {
              pendingFocusLine.current = line;
              if (file !== sandpack.activeFile) openKitFile(file);
              else focusPendingLine();
            }}
          />
        </ErrorBoundary>
      )}
    </div>
  );
}

/**
 * Run pressed with the output below the screen (the editor fills most of a laptop's): bring
 * the output up to the middle of the screen, so the reader sees the run answer.
 */
function revealOutput(output: Element | null | undefined): void {
  if (!output) return;
  const top = output.getBoundingClientRect().top;
  if (top < window.innerHeight - 100) return;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  window.scrollBy({ top: top - window.innerHeight * 0.45, behavior: smooth ? 'smooth' : 'auto' });
}

/** The output panel when drawing it failed: the editor above, Run and Reset still work. */
function OutputFailed({ error, fileName }: { error: Error; fileName: string }) {
  return (
    <div className={styles.output} role="region" aria-label={outputLabel(fileName)} data-output-frame data-run-state="failed">
      <div className={styles.errorBox} role="alert" data-output-failed>
        <strong>The output could not be drawn.</strong> {error.message}. Run again, or press Reset to go back to the example.
      </div>
    </div>
  );
}

/**
 * The open files as tabs (the example, and the kit file the reader opened). Sandpack's own
 * tabs nest a button inside the element with role="tab", which screen readers stumble on.
 */
function FileTabs({ entry }: { entry: string }) {
  const { sandpack } = useSandpack();
  const { visibleFiles, activeFile, setActiveFile } = sandpack;
  const move = (event: React.KeyboardEvent, index: number) => {
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const target = visibleFiles[(next + visibleFiles.length) % visibleFiles.length];
    setActiveFile(target);
    (event.currentTarget.parentElement?.children[visibleFiles.indexOf(target)] as HTMLElement | undefined)?.focus();
  };
  return (
    <div className={styles.tabs} role="tablist" aria-label="Files">
      {visibleFiles.map((path, index) => (
        <button
          key={path}
          type="button"
          role="tab"
          aria-selected={path === activeFile}
          tabIndex={path === activeFile ? 0 : -1}
          className={styles.tab}
          onClick={() => setActiveFile(path)}
          onKeyDown={(event) => move(event, index)}
          data-control={`tab-${path}`}
        >
          {path === entry ? path.split('/').pop() : `${path.slice(1)} (read-only)`}
        </button>
      ))}
    </div>
  );
}
