/**
 * The build's drawings of a diagram, for the pages' server rendering: read from the build's cache
 * (src/diagrams/prerender.ts), its id put in. Stands in for src/theme/Mermaid/drawings.ts in the
 * server bundle only (src/plugins/diagram-drawings.ts), so that the SVGs reach the page's HTML
 * and not its JavaScript.
 */
import { readFileSync } from 'node:fs';
import type { PageDrawings } from '../theme/Mermaid/drawings';
import { ID_TOKEN, drawingFile, type Drawings } from './cache';

declare const __DIAGRAM_CACHE_DIR__: string;

export function drawingsOf(drawingId: string, key: string): PageDrawings | null {
  // The key comes from the build's own remark plugin: a sha256 in hex, never a path.
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`Not a diagram drawing's key: ${key}`);
  const drawings = JSON.parse(readFileSync(drawingFile(__DIAGRAM_CACHE_DIR__, key), 'utf8')) as Drawings;
  const own = (svg: string): string => svg.replaceAll(ID_TOKEN, drawingId);
  return 'svg' in drawings ? { svg: own(drawings.svg) } : { light: own(drawings.light), dark: own(drawings.dark) };
}

/**
 * The browser's fetch of a page's drawings (a page reached by the site's own links) has nothing to
 * do on the server, where effects never run: the same name, so that the server bundle links.
 */
export async function fetchDrawings(_drawingId: string, _key: string): Promise<PageDrawings | null> {
  return null;
}
