// What the diagram tests measure on a rendered page, as functions that run in the browser
// (page.evaluate), and the problems they report, one line each, naming the diagram's source
// file:line. Kept apart from the tests: site.test.mjs checks every page's diagrams in the same
// visit as its other checks, and diagrams.test.mjs the full-screen view and lazy drawing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

/** Smallest diagram text a reader can read without zooming, in CSS pixels on screen. */
export const MIN_TEXT_PX = 12;
/** WCAG 2.x AA for normal text. */
export const MIN_CONTRAST = 4.5;

/**
 * Every diagram on the page, in document order: how big its text is on screen and whether it
 * scrolls sideways with a cue, a tab stop and a name. Runs in the page.
 * Text size on screen is the computed font size (in the SVG's user units) times the scale the
 * SVG is drawn at (viewBox to screen, transforms included); the glyph box is given beside it.
 */
export function measureDiagrams(selector = '[data-diagram]') {
  const scaleOf = (element) => {
    const target = element instanceof SVGGraphicsElement ? element : element.closest('foreignObject');
    const ctm = target?.getScreenCTM();
    return ctm ? Math.hypot(ctm.a, ctm.b) : 1;
  };
  const visible = (element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
  };
  /** Elements that hold text directly: SVG <text> and the HTML labels inside <foreignObject>. */
  const textElements = (svg) =>
    [...svg.querySelectorAll('text, foreignObject *')].filter(
      (element) =>
        [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '') &&
        !(element.tagName === 'tspan' && element.closest('text')) &&
        visible(element),
    );
  return [...document.querySelectorAll(selector)].map((figure, index) => {
    // The drawing shown: where the build kept a light and a dark drawing, one is hidden.
    const drawings = [...figure.querySelectorAll('svg[aria-roledescription]')];
    const svg = drawings.find((drawing) => drawing.getBoundingClientRect().width > 0) ?? drawings[0];
    const scroller = figure.querySelector('[data-diagram-scroller]');
    const title = svg?.querySelector(':scope > title')?.textContent ?? figure.getAttribute('data-diagram-title') ?? '';
    const result = { index, title, kind: svg?.getAttribute('aria-roledescription') ?? '', rendered: Boolean(svg), shown: visible(figure), texts: [] };
    if (!svg || !result.shown) return result;
    for (const element of textElements(svg)) {
      const fontPx = parseFloat(getComputedStyle(element).fontSize) * scaleOf(element);
      const box = element.getBoundingClientRect();
      result.texts.push({ text: element.textContent.trim().slice(0, 40), fontPx: Math.round(fontPx * 10) / 10, boxHeightPx: Math.round(box.height * 10) / 10 });
    }
    const overflows = scroller ? scroller.scrollWidth > scroller.clientWidth + 1 : false;
    const cue = figure.querySelector('[data-scroll-cue]');
    result.scroll = {
      overflows,
      width: Math.round(svg.getBoundingClientRect().width),
      column: Math.round(scroller?.clientWidth ?? 0),
      tabStop: scroller?.tabIndex === 0,
      name: scroller?.getAttribute('aria-label') ?? '',
      cueVisible: Boolean(cue && visible(cue)),
    };
    return result;
  });
}

/**
 * For every piece of diagram text: its colour, the colour of what is painted behind it (the
 * topmost filled shape under its centre, a label's own background, or the page) and their
 * contrast ratio. Works off screen too: shapes are hit-tested in SVG geometry, not by pointer.
 */
export function diagramContrast(selector = '[data-diagram]') {
  const parse = (css) => {
    if (!css || css === 'none' || css === 'transparent') return null;
    const m = /rgba?\(([^)]+)\)/.exec(css);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / (a || 1);
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (x, y) => {
    const [l1, l2] = [luminance(x), luminance(y)].sort((a, b) => b - a);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const hex = ({ r, g, b }) => `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const opacityOf = (element, stop) => {
    let opacity = 1;
    for (let e = element; e && e !== stop; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    return opacity;
  };
  const pageBackground = (() => {
    for (let e = document.querySelector(selector); e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return over(c, { r: 255, g: 255, b: 255, a: 1 });
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  })();
  const SHAPES = 'rect, path, polygon, circle, ellipse, line, polyline';
  const results = [];
  document.querySelectorAll(selector).forEach((figure, index) => {
    const svg = [...figure.querySelectorAll('svg[aria-roledescription]')].find((drawing) => drawing.getBoundingClientRect().width > 0);
    if (!svg || figure.getBoundingClientRect().width === 0) return;
    const shapes = [...svg.querySelectorAll(SHAPES)];
    const texts = [...svg.querySelectorAll('text, foreignObject *')].filter(
      (element) =>
        [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '') &&
        !(element.tagName === 'tspan' && element.closest('text')) &&
        getComputedStyle(element).visibility !== 'hidden' &&
        element.getBoundingClientRect().width > 0,
    );
    for (const element of texts) {
      const style = getComputedStyle(element);
      const isSvgText = element instanceof SVGElement;
      let ink = parse(isSvgText ? style.fill : style.color);
      if (!ink) continue;
      ink = { ...ink, a: ink.a * (isSvgText ? Number(style.fillOpacity) : 1) * opacityOf(element, svg) };
      const box = element.getBoundingClientRect();
      const centre = new DOMPoint(box.x + box.width / 2, box.y + box.height / 2);
      // Layers under the text, bottom first: the page, every filled shape painted before the
      // text whose fill covers the centre, then backgrounds of the label's own HTML boxes.
      const layers = [];
      for (const shape of shapes) {
        if (shape.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_PRECEDING) break;
        if (shape.contains(element)) continue;
        const shapeStyle = getComputedStyle(shape);
        const fill = parse(shapeStyle.fill);
        if (!fill || shapeStyle.display === 'none' || shapeStyle.visibility === 'hidden') continue;
        const ctm = shape.getScreenCTM();
        if (!ctm) continue;
        const local = centre.matrixTransform(ctm.inverse());
        if (!shape.isPointInFill(local)) continue;
        layers.push({ ...fill, a: fill.a * Number(shapeStyle.fillOpacity) * opacityOf(shape, svg) });
      }
      const html = [];
      for (let e = element; e && !(e instanceof SVGElement); e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) html.unshift(c);
      }
      let behind = pageBackground;
      for (const layer of [...layers, ...html]) behind = over(layer, behind);
      const seen = over(ink, behind);
      results.push({ diagram: index, text: element.textContent.trim().slice(0, 40), ink: hex(seen), background: hex(behind), ratio: Math.round(ratio(seen, behind) * 100) / 100 });
    }
  });
  return results;
}

/** Widths the readability checks measure diagrams at: a laptop, then a phone. */
export const READABLE_WIDTHS = [1280, 390];
/** Viewport height for those checks. */
export const READABLE_HEIGHT = 900;

/** `file:line` of each ```mermaid block of a page's source, in page order. */
export function diagramSources(source) {
  const lines = readFileSync(join(ROOT, source), 'utf8').split('\n');
  return lines.flatMap((line, i) => (/^\s*```mermaid\s*$/.test(line) ? [`${source}:${i + 1}`] : []));
}

/** What is wrong with the diagrams' size and scrolling at one width, one line a problem. */
export function sizeProblems(diagrams, width, where) {
  const problems = [];
  for (const d of diagrams) {
    if (!d.shown) continue;
    const name = `diagram ${d.index + 1} "${d.title}" (${where[d.index] ?? '?'}) at ${width} px`;
    if (!d.rendered) {
      problems.push(`${name}: not drawn`);
      continue;
    }
    const small = d.texts.filter((t) => t.fontPx < MIN_TEXT_PX - 0.05);
    if (small.length > 0) {
      const list = small.slice(0, 4).map((t) => `"${t.text}" ${t.fontPx} px (glyph box ${t.boxHeightPx} px)`).join(', ');
      problems.push(`${name}: ${small.length} text(s) under ${MIN_TEXT_PX} px: ${list}; the drawing is ${d.scroll.width} px wide in a ${d.scroll.column} px column`);
    }
    if (d.scroll.overflows) {
      if (!d.scroll.cueVisible) problems.push(`${name}: scrolls sideways (${d.scroll.width} px in ${d.scroll.column} px) without a visible cue`);
      if (!d.scroll.tabStop) problems.push(`${name}: scrolls sideways but cannot be reached with Tab (needs tabindex="0")`);
      if (!d.scroll.name) problems.push(`${name}: scrolls sideways but its box has no accessible name`);
    }
  }
  return problems;
}

/** Diagram texts under the AA contrast ratio, one line each. */
export function contrastProblems(results, mode, where) {
  return results
    .filter((r) => r.ratio < MIN_CONTRAST)
    .map((r) => `diagram ${r.diagram + 1} (${where[r.diagram] ?? '?'}) in ${mode} mode: "${r.text}" is ${r.ink} on ${r.background}, contrast ${r.ratio}:1 (AA needs ${MIN_CONTRAST}:1)`);
}

/**
 * On a page whose diagrams are drawn: their text sizes and sideways scrolling at each of
 * READABLE_WIDTHS, then their contrast in the current colour scheme. Leaves the viewport at the
 * last width (a phone); `where` is diagramSources() of the page.
 */
export async function readabilityProblems(page, mode, where) {
  const problems = [];
  for (const width of READABLE_WIDTHS) {
    await page.setViewportSize({ width, height: READABLE_HEIGHT });
    // The scroll cue follows a ResizeObserver: give it a frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    problems.push(...sizeProblems(await page.evaluate(measureDiagrams), width, where));
  }
  problems.push(...contrastProblems(await page.evaluate(diagramContrast), mode, where));
  return problems;
}
