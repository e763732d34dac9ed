/**
 * `<Playground example="00-introduction/first-simulation" />` in MDX (the remark plugin adds
 * `code`). The server renders the example as plain code with a Run button (StaticView),
 * readable with JavaScript off. The editor (Sandpack, with highlighting) is fetched only when
 * the reader scrolls near the Playground or reaches for it, so a chapter's first view carries
 * neither the editor's weight nor thousands of highlighted tokens.
 */
import React, { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import ErrorBoundary from './ErrorBoundary';
import { loadKitFiles } from './kitFiles';
import { loadTranspiler } from './loadTranspiler';
import { dropEdit } from './savedEdits';
import { dropShareFragment, shareTarget } from './shareLink';
import StaticView from './StaticView';
import styles from './styles.module.css';

const PlaygroundEditor = lazy(() => {
  // Scripts fetched from here on are the Playground's, not the page's first view (see
  // firstViewJavaScript in tests/browser/harness.mjs).
  performance.mark('lazy:playground');
  return import(/* webpackChunkName: "playground-editor" */ './PlaygroundEditor');
});

export interface PlaygroundProps {
  /** examples/<example>.ts, e.g. "00-introduction/first-simulation" */
  example: string;
  /** The example's source; the remark plugin fills it in. */
  code?: string;
  /** Seconds a run may take before it is stopped (default 10). */
  timeLimit?: number;
}

export default function Playground({ example, code, timeLimit }: PlaygroundProps): ReactNode {
  const section = useRef<HTMLElement>(null);
  const [active, setActive] = useState(false);
  const [editorReady, setEditorReady] = useState(false);
  const [runOnLoad, setRunOnLoad] = useState(false);
  // A new key mounts a fresh editor, after a failure to draw.
  const [attempt, setAttempt] = useState(0);
  const focusedControl = useRef<string | undefined>(undefined);
  const fileName = `${example.split('/').pop()}.ts`;

  useEffect(() => {
    const element = section.current;
    if (!element) return;
    // A share link for this Playground: load it now and bring it into view.
    if (shareTarget(window.location.hash) === example) {
      setActive(true);
      element.scrollIntoView({ block: 'start' });
      return;
    }
    // A pointer resting on it, or the focus inside it, since before the page ran: the reader
    // reached for it while the page was still loading, and no new pointerenter or focus will come.
    if (element.matches(':hover') || element.contains(document.activeElement)) {
      setActive(true);
      return;
    }
    // Load when the reader scrolls towards the Playground; one already in view at load waits
    // for the reader to reach for it (pointer, focus), so it does not weigh on the first view.
    let scrolled = false;
    let near = false;
    const maybeActivate = () => {
      if (scrolled && near) setActive(true);
    };
    const onScroll = () => {
      scrolled = true;
      maybeActivate();
    };
    const observer = new IntersectionObserver(
      (entries) => {
        near = entries.some((entry) => entry.isIntersecting);
        maybeActivate();
      },
      { rootMargin: '300px 0px' },
    );
    observer.observe(element);
    window.addEventListener('scroll', onScroll, { passive: true, once: true });
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', onScroll);
    };
  }, [example]);

  // The static view stays (and keeps focus) until the editor is ready; then focus moves to
  // the editor's control of the same name, so a keyboard reader is not dropped.
  useLayoutEffect(() => {
    const name = focusedControl.current;
    if (!editorReady || !name) return;
    section.current?.querySelector<HTMLElement>(`[data-control="${name}"]`)?.focus();
  }, [editorReady]);

  if (code === undefined) {
    return (
      <p role="alert" className={styles.errorBox}>
        Playground <code>{example}</code> has no code: is <code>src/remark/playground.ts</code> in this docs plugin's{' '}
        <code>remarkPlugins</code>?
      </p>
    );
  }

  const activate = () => setActive(true);
  const staticView = (
    <StaticView
      fileName={fileName}
      code={code}
      loading={active}
      onRun={() => {
        setRunOnLoad(true);
        setActive(true);
        // The run needs these too: fetch them beside the editor, not after it, and compile the
        // kit while the editor's larger chunks are still arriving.
        void Promise.all([loadKitFiles(), loadTranspiler(), import(/* webpackChunkName: "playground-warm-up" */ './warmUp')]).then(
          ([kit, , { warmUp }]) => warmUp(kit),
        );
      }}
    />
  );
  return (
    <section
      ref={section}
      className={styles.playground}
      aria-label={`Playground: ${fileName}`}
      data-playground={example}
      data-ready={active ? undefined : 'static'}
      onPointerEnter={activate}
      onFocus={activate}
      onTouchStart={activate}
    >
      <ErrorBoundary
        resetKey={attempt}
        fallback={(error) => (
          <>
            <div className={styles.errorBox} role="alert" data-playground-failed>
              <strong>This Playground stopped working.</strong> {error.message}.{' '}
              <button
                type="button"
                className={styles.button}
                data-control="reset"
                onClick={() => {
                  // The saved edit, or a link's code, may be what broke it: back to the example, in
                  // a fresh editor, without the link (it would open again).
                  dropEdit(example);
                  dropShareFragment(example);
                  setEditorReady(false);
                  setRunOnLoad(false);
                  setAttempt((n) => n + 1);
                }}
              >
                Reset
              </button>
            </div>
            <StaticView fileName={fileName} code={code} />
          </>
        )}
      >
        {!editorReady && staticView}
        {active && (
          <Suspense fallback={null}>
            <PlaygroundEditor
              key={attempt}
              example={example}
              original={code}
              runOnLoad={runOnLoad}
              timeLimitMs={timeLimit === undefined ? undefined : timeLimit * 1000}
              onReady={() => {
                const focused = document.activeElement as HTMLElement | null;
                focusedControl.current = focused && section.current?.contains(focused) ? focused.dataset.control : undefined;
                setEditorReady(true);
              }}
            />
          </Suspense>
        )}
      </ErrorBoundary>
    </section>
  );
}
