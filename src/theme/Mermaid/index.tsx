import React, { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import clsx from 'clsx';
import ErrorBoundary from '@docusaurus/ErrorBoundary';
import { ErrorBoundaryErrorMessageFallback } from '@docusaurus/theme-common';
import { MermaidContainerClassName, useMermaidConfig } from '@docusaurus/theme-mermaid/client';
import type { RenderResult } from 'mermaid';
import DiagramDialog from './DiagramDialog';
import { renderDiagram } from './renderDiagram';
import { accessibleTitle, estimatedHeight, minimumScale, naturalSize } from './sizing';
import { useNearViewport } from './useNearViewport';
import { scrollBoxProps, useScrollCue } from './useScrollCue';
import fade from './scrollFade.module.css';
import styles from './styles.module.css';

/*
 * A diagram as the reader gets it: a placeholder of about its height until it nears the
 * viewport, then Mermaid's drawing, shrunk to the column only as far as its text stays
 * readable (12 px) and scrolled sideways past that, with a cue; and a button that opens it
 * full screen.
 */

type Rendered = RenderResult & { id: string; theme?: string };

interface Geometry {
  width: number;
  height: number;
  minScale: number;
}

function MermaidRenderer({ value }: { value: string }): React.ReactElement {
  const config = useMermaidConfig();
  const figure = useRef<HTMLElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const drawing = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const near = useNearViewport(figure);
  const [result, setResult] = useState<Rendered | null>(null);
  const [geometry, setGeometry] = useState<Geometry | null>(null);
  const [open, setOpen] = useState(false);
  const scroll = useScrollCue(scroller, geometry);
  const title = accessibleTitle(value) ?? 'Diagram';

  useEffect(() => {
    if (!near) return undefined;
    let current = true;
    renderDiagram(value, config, figure.current?.clientWidth ?? 700).then(
      (rendered) => current && setResult(rendered),
      (error: unknown) =>
        current &&
        setResult(() => {
          // Throwing inside a state update hands the error to the error boundary.
          throw error;
        }),
    );
    return () => {
      current = false;
    };
  }, [near, value, config]);

  useLayoutEffect(() => {
    const svg = drawing.current?.querySelector('svg');
    if (!result || !svg) return;
    result.bindFunctions?.(drawing.current!);
    const { width, height } = naturalSize(svg);
    const minScale = minimumScale(svg);
    // Mermaid caps the width at the natural size; shrinking stops where text reaches 12 px, and
    // a diagram whose text Mermaid writes smaller than that is drawn larger than natural.
    // (Rounded down: a diagram that fits the column but for a fraction of a pixel should not scroll.)
    svg.style.minWidth = `${Math.floor(width * minScale)}px`;
    if (minScale > 1) svg.style.maxWidth = `${Math.floor(width * minScale)}px`;
    setGeometry({ width, height, minScale });
  }, [result]);

  const close = useCallback(() => {
    setOpen(false);
    opener.current?.focus();
  }, []);

  const drawn = result !== null;
  return (
    <figure
      ref={figure}
      className={styles.diagram}
      data-diagram
      data-diagram-state={drawn ? 'rendered' : 'placeholder'}
      data-diagram-theme={drawn ? result.theme : undefined}
      data-diagram-title={title}
      data-overflows={scroll.overflows || undefined}
      style={drawn ? undefined : { minHeight: estimatedHeight(value) }}>
      <div
        ref={scroller}
        className={clsx(styles.scroller, fade.fade)}
        data-diagram-scroller
        {...scrollBoxProps(scroll, title)}>
        {drawn ? (
          <div ref={drawing} className={MermaidContainerClassName} dangerouslySetInnerHTML={{ __html: result.svg }} />
        ) : (
          <p className={styles.placeholder}>{title}</p>
        )}
      </div>
      {drawn && (
        <div className={styles.toolbar}>
          {scroll.overflows && (
            <span className={styles.hint} data-scroll-cue>
              Wider than the page: scroll sideways, or open it full screen.
            </span>
          )}
          <button ref={opener} type="button" className={styles.button} onClick={() => setOpen(true)} aria-label={`Full screen: ${title}`} data-diagram-open>
            <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
              <path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            </svg>
            Full screen
          </button>
        </div>
      )}
      {open && result && geometry && (
        <DiagramDialog
          svg={result.svg.replaceAll(result.id, `${result.id}-full`)}
          title={title}
          width={geometry.width}
          height={geometry.height}
          minScale={geometry.minScale}
          onClose={close}
        />
      )}
    </figure>
  );
}

export default function Mermaid(props: { value: string }): React.ReactElement {
  return (
    <ErrorBoundary fallback={(params) => <ErrorBoundaryErrorMessageFallback {...params} />}>
      <MermaidRenderer {...props} />
    </ErrorBoundary>
  );
}
