/**
 * Where and how the build keeps its diagram drawings (src/diagrams/prerender.ts draws them,
 * src/diagrams/serverDrawings.ts reads them into the pages' HTML). Nothing here imports a browser.
 */
import { join } from 'node:path';

/**
 * A diagram as the build drew it: one drawing for both colour modes where Mermaid's two differ only
 * in colours (src/diagrams/mergeModes.browser.js), else the light and the dark drawing.
 */
export type Drawings = {
  /** The drawing's own size (its viewBox), and how far it may shrink with its text still MIN_TEXT_PX (see sizing.ts). */
  width: number;
  height: number;
  minScale: number;
} & ({ svg: string } | { light: string; dark: string });

/** What holds in the page's light mode (also with no mode set, as without JavaScript) and in its dark mode. */
export const MODE_SCOPES = { lightScope: "html:not([data-theme='dark'])", darkScope: "html[data-theme='dark']" };

/** Where the build keeps its drawings: the pages' server rendering reads them from here (serverDrawings.ts). */
export function diagramCacheDir(siteDir: string): string {
  return join(siteDir, 'node_modules', '.cache', 'diagrams');
}

export function drawingFile(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.json`);
}

/** Stands for the diagram's element id in a cached drawing; each page replaces it with an id of its own. */
export const ID_TOKEN = 'prerenderedDiagramIdToken';

