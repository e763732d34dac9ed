/**
 * The build's drawings of a diagram, in the reader's browser. They are in the page's HTML only
 * (the server bundle reads them from the build's cache: src/diagrams/serverDrawings.ts), not in
 * its JavaScript: while the page hydrates, they are read back from the HTML. A page reached by
 * the site's own links has no HTML of its own: there this gives null, and the diagram is drawn
 * in the browser as it nears the viewport.
 */
export function drawingsOf(drawingId: string, _key: string): { light: string; dark: string } | null {
  if (typeof document === 'undefined') return null;
  const light = document.querySelector(`[data-drawing="${CSS.escape(drawingId)}-light"]`);
  const dark = document.querySelector(`[data-drawing="${CSS.escape(drawingId)}-dark"]`);
  return light && dark ? { light: light.innerHTML, dark: dark.innerHTML } : null;
}
