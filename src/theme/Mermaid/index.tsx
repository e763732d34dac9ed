import React, { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import clsx from 'clsx';
import ErrorBoundary from '@docusaurus/ErrorBoundary';
import { ErrorBoundaryErrorMessageFallback, useColorMode } from '@docusaurus/theme-common';
import { MermaidContainerClassName, useMermaidConfig } from '@docusaurus/theme-mermaid/client';
import type { RenderResult } from 'mermaid';
import DiagramDialog from './DiagramDialog';
import { drawingsOf, fetchDrawings, type PageDrawings } from './drawings';
import { renderDiagram } from './renderDiagram';
import { accessibleTitle, estimatedHeight, minimumScale, naturalSize } from './sizing';
import { useNearViewport } from './useNearViewport';
import { scrollBoxProps, useScrollCue } from './useScrollCue';
import fade from './scrollFade.module.css';
import styles from './styles.module.css';

/*
 * A diagram as the reader gets it: drawn at build time (src/remark/diagrams.ts), in the page's
 * HTML, its colours those of the page's colour mode; shrunk to the column only as far as its
 * text stays readable (12 px) and scrolled sideways past that, with a cue; and a button that opens
 * it full screen.
 *
 * On a page reached by the site's own links, the drawings are taken from the page's HTML, fetched
 * (drawings.ts). Where the build could not draw it (no browser at build time, or a diagram with
 * click handlers), or its HTML cannot be had (the dev server, offline), the reader's browser draws
 * it with Mermaid: a placeholder of about its height until it nears the viewport, then Mermaid's
 * drawing, sized the same way.
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
  const near = useNearViewport(figure);
  const [result, setResult] = useState<Rendered | null>(null);
  const [geometry, setGeometry] = useState<Geometry | null>(null);
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
      {drawn && <DiagramControls overflows={scroll.overflows} title={title} svg={result.svg} svgId={result.id} geometry={geometry} />}
    </figure>
  );
}

/**
 * Under a drawn diagram: the sideways-scroll cue when it is wider than the column, and the
 * full-screen button, with the full-screen view it opens (showing `svg`, its ids made its own).
 */
function DiagramControls({ overflows, title, svg, svgId, geometry }: { overflows: boolean; title: string; svg: string; svgId: string; geometry: Geometry | null }): React.ReactElement {
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => {
    setOpen(false);
    opener.current?.focus();
  }, []);
  return (
    <>
      <div className={styles.toolbar}>
        {overflows && (
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
      {open && geometry && (
        <DiagramDialog
          svg={svg.replaceAll(svgId, `${svgId}-full`)}
          title={title}
          width={geometry.width}
          height={geometry.height}
          minScale={geometry.minScale}
          onClose={close}
        />
      )}
    </>
  );
}

/** What src/remark/diagrams.ts gives a diagram it drew at build time. */
interface BuildDrawing {
  /** The key of its drawings in the build's cache (drawings.ts). */
  drawing: string;
  /** Its SVG's element id on the page (where the build kept a light and a dark SVG: `${drawingId}-light` and `-dark`). */
  drawingId: string;
  /** "width height minScale", its own size and how far it may shrink (sizing.ts). */
  geometry: string;
}

type DrawnProps = BuildDrawing & { value: string; drawings: PageDrawings };

/**
 * A diagram the build drew. Its drawing's colours follow the page's colour mode by CSS alone (no
 * script needed, no redraw when the mode switches); where the build could not make one drawing of
 * the two modes, both are in the HTML and CSS shows the page's. Sizes are written on the SVG at
 * build time.
 */
function DrawnDiagram({ value, drawing, drawingId, drawings, geometry: sizes }: DrawnProps): React.ReactElement {
  const { colorMode } = useColorMode();
  const config = useMermaidConfig();
  const scroller = useRef<HTMLDivElement>(null);
  const geometry = useMemo(() => {
    const [width, height, minScale] = sizes.split(' ').map(Number);
    return { width, height, minScale };
  }, [sizes]);
  const scroll = useScrollCue(scroller, colorMode);
  const title = accessibleTitle(value) ?? 'Diagram';
  const mode = colorMode === 'dark' ? 'dark' : 'light';
  // The drawing the full-screen view shows: the one, or the page's mode's.
  const shown = 'svg' in drawings ? { svg: drawings.svg, id: drawingId } : { svg: drawings[mode], id: `${drawingId}-${mode}` };
  return (
    <figure
      className={styles.diagram}
      data-diagram
      data-diagram-state="rendered"
      data-diagram-drawn="build"
      data-diagram-theme={config.theme}
      data-diagram-title={title}
      data-overflows={scroll.overflows || undefined}>
      <div ref={scroller} className={clsx(styles.scroller, fade.fade)} data-diagram-scroller {...scrollBoxProps(scroll, title)}>
        {'svg' in drawings ? (
          <div className={MermaidContainerClassName} data-drawing={drawingId} data-drawing-key={drawing} dangerouslySetInnerHTML={{ __html: drawings.svg }} />
        ) : (
          <>
            <div className={clsx(MermaidContainerClassName, styles.lightDrawing)} data-drawing={`${drawingId}-light`} data-drawing-key={drawing} dangerouslySetInnerHTML={{ __html: drawings.light }} />
            <div className={clsx(MermaidContainerClassName, styles.darkDrawing)} data-drawing={`${drawingId}-dark`} data-drawing-key={drawing} dangerouslySetInnerHTML={{ __html: drawings.dark }} />
          </>
        )}
      </div>
      <DiagramControls overflows={scroll.overflows} title={title} svg={shown.svg} svgId={shown.id} geometry={geometry} />
    </figure>
  );
}

/**
 * Where a drawn diagram will be, while its drawings are fetched: its title, in a box of the
 * drawing's size (as the SVG will be sized: no wider than it is, no narrower than its text allows),
 * so that nothing below moves when it arrives.
 */
function Placeholder({ value, geometry }: { value: string; geometry: string }): React.ReactElement {
  const title = accessibleTitle(value) ?? 'Diagram';
  const [width, height, minScale] = geometry.split(' ').map(Number);
  const smallest = Math.floor(width * minScale);
  return (
    <figure className={styles.diagram} data-diagram data-diagram-state="placeholder" data-diagram-title={title}>
      <div className={styles.scroller}>
        <div
          className={styles.placeholderBox}
          style={{ aspectRatio: `${width} / ${height}`, maxWidth: Math.max(width, smallest), minWidth: smallest }}>
          <p className={styles.placeholder}>{title}</p>
        </div>
      </div>
    </figure>
  );
}

type Source = { kind: 'drawn'; drawings: PageDrawings } | { kind: 'fetching' } | { kind: 'browser' };

export default function Mermaid(props: { value: string } & Partial<BuildDrawing>): React.ReactElement {
  const { value, drawing, drawingId, geometry } = props;
  const built = drawing && drawingId && geometry ? { drawing, drawingId, geometry } : null;
  // In the server rendering, from the build's cache; in the browser, from the page's HTML while it
  // hydrates, or else fetched (a page reached by the site's links); drawn in the browser if neither.
  const [source, setSource] = useState<Source>(() => {
    if (!built) return { kind: 'browser' };
    const drawings = drawingsOf(built.drawingId, built.drawing);
    return drawings ? { kind: 'drawn', drawings } : { kind: 'fetching' };
  });
  const fetchingId = source.kind === 'fetching' ? built?.drawingId : undefined;
  const fetchingKey = source.kind === 'fetching' ? built?.drawing : undefined;
  useEffect(() => {
    if (!fetchingId || !fetchingKey) return undefined;
    let current = true;
    void fetchDrawings(fetchingId, fetchingKey).then((drawings) => {
      if (current) setSource(drawings ? { kind: 'drawn', drawings } : { kind: 'browser' });
    });
    return () => {
      current = false;
    };
  }, [fetchingId, fetchingKey]);
  return (
    <ErrorBoundary fallback={(params) => <ErrorBoundaryErrorMessageFallback {...params} />}>
      {source.kind === 'drawn' && built ? (
        <DrawnDiagram value={value} {...built} drawings={source.drawings} />
      ) : source.kind === 'fetching' && built ? (
        <Placeholder value={value} geometry={built.geometry} />
      ) : (
        <MermaidRenderer value={value} />
      )}
    </ErrorBoundary>
  );
}
