/**
 * The build's drawings of a diagram, in the reader's browser. They are in the page's HTML only
 * (the server bundle reads them from the build's cache: src/diagrams/serverDrawings.ts), not in
 * its JavaScript.
 *
 * - While the page hydrates, they are read back from its HTML (drawingsOf).
 * - A page reached by the site's own links has no HTML of its own in the document: its HTML is
 *   fetched, once per page, from this site, and the drawings are taken from it
 *   (fetchDrawings). That is one request for the page's HTML (tens of KB) instead of Mermaid
 *   (hundreds of KB) and drawing in the reader's browser.
 * - Where neither works (the dev server has no server rendering; offline; a page deployed since
 *   this one loaded, whose drawings are not the ones this code asks for: the key differs), the
 *   diagram is drawn in the browser as before.
 */
/**
 * One drawing whose colours follow the page's colour mode (its element: `data-drawing` is the
 * drawing's id), or a light and a dark one (`${drawingId}-light`, `-dark`).
 */
export type PageDrawings = { svg: string } | { light: string; dark: string };

/** How long a page's HTML may take to arrive before the diagram is drawn in the browser instead. */
const FETCH_TIMEOUT_MS = 10_000;

/** Every drawing in a page's HTML, by its `data-drawing` (`drawingId`, or `${drawingId}-${mode}`): its build key and its SVG. */
type Drawings = Map<string, { key: string; svg: string }>;

function collect(root: ParentNode): Drawings {
  const found: Drawings = new Map();
  for (const element of Array.from(root.querySelectorAll('[data-drawing]'))) {
    found.set(element.getAttribute('data-drawing') ?? '', { key: element.getAttribute('data-drawing-key') ?? '', svg: element.innerHTML });
  }
  return found;
}

function pick(drawings: Drawings, drawingId: string, key: string): PageDrawings | null {
  const one = drawings.get(drawingId);
  if (one) return one.key === key && one.svg ? { svg: one.svg } : null;
  const light = drawings.get(`${drawingId}-light`);
  const dark = drawings.get(`${drawingId}-dark`);
  if (!light || !dark || light.key !== key || dark.key !== key || !light.svg || !dark.svg) return null;
  return { light: light.svg, dark: dark.svg };
}

/** From the document itself: there while the page hydrates. */
export function drawingsOf(drawingId: string, key: string): PageDrawings | null {
  if (typeof document === 'undefined') return null;
  const id = CSS.escape(drawingId);
  const found = document.querySelector(`[data-drawing="${id}"]`) ?? document.querySelector(`[data-drawing="${id}-light"]`);
  if (!found) return null;
  return pick(collect(found.parentElement ?? document), drawingId, key);
}

/** The drawings of each page fetched so far (their SVG text, not the parsed pages). */
const pages = new Map<string, Promise<Drawings | null>>();

/** The drawings in the HTML of this site's page at `pathname` (parsed, never run); null if it cannot be had. */
function pageDrawings(pathname: string): Promise<Drawings | null> {
  let page = pages.get(pathname);
  if (!page) {
    page = fetch(pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })
      .then(async (response) => {
        const type = response.headers.get('content-type') ?? '';
        if (!response.ok || !type.includes('text/html')) return null;
        return collect(new DOMParser().parseFromString(await response.text(), 'text/html'));
      })
      .catch(() => null);
    pages.set(pathname, page);
    // A failure is not kept: the next visit tries again.
    void page.then((drawings) => drawings ?? pages.delete(pathname));
  }
  return page;
}

/** From the HTML of the page being shown, fetched: for a page reached by the site's own links. */
export async function fetchDrawings(drawingId: string, key: string): Promise<PageDrawings | null> {
  if (typeof window === 'undefined') return null;
  const drawings = await pageDrawings(window.location.pathname);
  return drawings ? pick(drawings, drawingId, key) : null;
}
