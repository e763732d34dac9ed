/**
 * How big a diagram may be drawn. Mermaid draws an SVG that shrinks to the column (`useMaxWidth`);
 * left alone, a wide diagram on a phone shrinks its text to 5 px. These keep the text readable:
 * a diagram shrinks only as far as its smallest text stays at MIN_TEXT_PX, and scrolls sideways
 * past that.
 */

/** Smallest diagram text a reader can read without zooming, in CSS pixels (the browser test's floor). */
export const MIN_TEXT_PX = 12;

/** The diagram's own size, from its viewBox, in its user units (CSS pixels at scale 1). */
export function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  if (box && box.width > 0) return { width: box.width, height: box.height };
  const rect = svg.getBBox();
  return { width: rect.width, height: rect.height };
}

/** Elements that hold text directly: SVG <text> and the HTML labels inside <foreignObject>. */
export function textElements(svg: SVGSVGElement): Element[] {
  return Array.from(svg.querySelectorAll('text, foreignObject *')).filter(
    (element) =>
      Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '') &&
      !(element.tagName === 'tspan' && element.closest('text')),
  );
}

/**
 * The smallest scale (drawn width / natural width) at which every text of the diagram is still
 * MIN_TEXT_PX on screen. Font sizes are in the SVG's user units, so text drawn at scale s is
 * `fontSize * s` pixels. Above 1 when Mermaid writes text under MIN_TEXT_PX.
 */
export function minimumScale(svg: SVGSVGElement): number {
  let smallest = Infinity;
  for (const element of textElements(svg)) {
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size > 0 && size < smallest) smallest = size;
  }
  return Number.isFinite(smallest) ? MIN_TEXT_PX / smallest : 1;
}

/** The accessible title the diagram's source gives (`accTitle: ...`), if any. */
export function accessibleTitle(source: string): string | undefined {
  return /^\s*accTitle\s*:\s*(.+?)\s*$/m.exec(source)?.[1];
}

/**
 * Height to reserve for a diagram before it is drawn, so that the text below does not jump when
 * it arrives. A rough guess from the source (each flowchart or state line adds about a row; a
 * sequence message adds a lane step): close enough for the first screen, and diagrams further
 * down are drawn before they scroll into view.
 */
export function estimatedHeight(source: string): number {
  const lines = source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(%%|acc(Title|Descr)\b|title\b|---)/.test(line));
  const kind = lines[0]?.split(/\s/)[0] ?? '';
  const body = lines.length - 1;
  let height: number;
  if (kind === 'sequenceDiagram') height = 140 + 44 * lines.filter((line) => /->>|-->>|--\)|-\)|-x|--x|^Note\b/i.test(line)).length;
  else if (/^(flowchart|graph|stateDiagram)/.test(kind)) height = 60 + 36 * body;
  else if (kind === 'pie' || kind === 'quadrantChart') height = 420;
  else height = 120 + 30 * body;
  return Math.round(Math.min(Math.max(height, 160), 900));
}
