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
 * - Where neither works (the dev server has no server rendering; offline), the diagram is drawn in
 *   the browser as before.
 */
export interface PageDrawings {
  light: string;
  dark: string;
}

function drawingsIn(root: ParentNode, drawingId: string): PageDrawings | null {
  const light = root.querySelector(`[data-drawing="${CSS.escape(drawingId)}-light"]`);
  const dark = root.querySelector(`[data-drawing="${CSS.escape(drawingId)}-dark"]`);
  return light && dark && light.innerHTML && dark.innerHTML ? { light: light.innerHTML, dark: dark.innerHTML } : null;
}

/** From the document itself: there while the page hydrates. */
export function drawingsOf(drawingId: string, _key: string): PageDrawings | null {
  if (typeof document === 'undefined') return null;
  return drawingsIn(document, drawingId);
}

const pages = new Map<string, Promise<Document | null>>();

/** The HTML of this site's page at `pathname`, parsed (never run); null if it cannot be had. */
function pageDocument(pathname: string): Promise<Document | null> {
  let page = pages.get(pathname);
  if (!page) {
    page = fetch(pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(async (response) => {
        const type = response.headers.get('content-type') ?? '';
        if (!response.ok || !type.includes('text/html')) return null;
        return new DOMParser().parseFromString(await response.text(), 'text/html');
      })
      .catch(() => null);
    pages.set(pathname, page);
    // A failure is not kept: the next visit tries again.
    void page.then((document) => document ?? pages.delete(pathname));
  }
  return page;
}

/** From the HTML of the page being shown, fetched: for a page reached by the site's own links. */
export async function fetchDrawings(drawingId: string): Promise<PageDrawings | null> {
  if (typeof window === 'undefined') return null;
  const document = await pageDocument(window.location.pathname);
  return document ? drawingsIn(document, drawingId) : null;
}
