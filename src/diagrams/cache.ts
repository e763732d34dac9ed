/**
 * Where and how the build keeps its diagram drawings (src/diagrams/prerender.ts draws them,
 * src/diagrams/serverDrawings.ts reads them into the pages' HTML). Nothing here imports a browser.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/** Writes a file whole or not at all (another process may read it meanwhile), making its folder. */
export function writeFileWhole(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * Where the build lists the key of every drawing it has given a page. It is beside the drawings,
 * not among them, so that clearing the drawings leaves the list: the bundler's cache holds compiled
 * pages that name these keys (src/plugins/diagram-drawings.ts).
 */
export function usedKeysFile(siteDir: string): string {
  return join(siteDir, 'node_modules', '.cache', 'diagram-keys.json');
}

/** The keys listed in usedKeysFile; none if there is no list or it cannot be read. */
export function readUsedKeys(siteDir: string): string[] {
  try {
    const keys: unknown = JSON.parse(readFileSync(usedKeysFile(siteDir), 'utf8'));
    return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string' && /^[0-9a-f]{64}$/.test(key)) : [];
  } catch {
    return [];
  }
}

const recorded = new Map<string, Set<string>>();

/** Empties usedKeysFile: a build that compiles every page afresh lists its pages' drawings anew. */
export function forgetUsedKeys(siteDir: string): void {
  rmSync(usedKeysFile(siteDir), { force: true });
  recorded.delete(siteDir);
}

/** Adds a key to usedKeysFile (written at once, whole, when it is new). */
export function recordUsedKey(siteDir: string, key: string): void {
  let keys = recorded.get(siteDir);
  if (!keys) {
    keys = new Set(readUsedKeys(siteDir));
    recorded.set(siteDir, keys);
  }
  if (keys.has(key)) return;
  keys.add(key);
  writeFileWhole(usedKeysFile(siteDir), JSON.stringify([...keys].sort()));
}
