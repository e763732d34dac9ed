/**
 * Where and how the build keeps its diagram drawings (src/diagrams/prerender.ts draws them,
 * src/diagrams/serverDrawings.ts reads them into the pages' HTML). Nothing here imports a browser.
 */
import { join } from 'node:path';

export interface Drawings {
  light: string;
  dark: string;
  /** The drawing's own size (its viewBox), and how far it may shrink with its text still MIN_TEXT_PX (see sizing.ts). */
  width: number;
  height: number;
  minScale: number;
}

/** Where the build keeps its drawings: the pages' server rendering reads them from here (serverDrawings.ts). */
export function diagramCacheDir(siteDir: string): string {
  return join(siteDir, 'node_modules', '.cache', 'diagrams');
}

export function drawingFile(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.json`);
}

/** Stands for the diagram's element id in a cached drawing; each page replaces it with an id of its own. */
export const ID_TOKEN = 'prerenderedDiagramIdToken';

