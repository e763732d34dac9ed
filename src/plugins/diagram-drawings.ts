import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { chromePath } from '../../scripts/chromium.mjs';
import { diagramCacheDir, drawingFile, forgetUsedKeys, readUsedKeys } from '../diagrams/cache';

/** The drawings that compiled pages name (usedKeysFile) and that are not in the cache. */
export function missingDrawings(siteDir: string): string[] {
  const cacheDir = diagramCacheDir(siteDir);
  return readUsedKeys(siteDir).filter((key) => !existsSync(drawingFile(cacheDir, key)));
}

/**
 * The version of the bundler's cache of compiled pages, as far as drawings go: whether a browser
 * can draw. Compiled pages hold the keys of their drawings, not the drawings, and keys are content
 * hashes: a page compiled once stays good as long as its drawings are there, also as new ones are
 * made. (A version per set of drawings made the cache keep a copy of every page per edit: 26
 * copies, 1.3 GB here.)
 */
export function drawingsVersion(browser = chromePath() !== null): string {
  return browser ? 'drawn' : 'not-drawn';
}

/** Per site, whether this process's build found drawings missing (decided once, for both compilers). */
const missingAtStart = new Map<string, boolean>();

/**
 * Whether this build must compile its pages afresh: drawings that compiled pages name are gone
 * (node_modules/.cache/diagrams cleared). Then the list of named drawings starts again, and the
 * build's own pages fill it in as they are compiled and drawn.
 */
export function mustRecompile(siteDir: string): boolean {
  let missing = missingAtStart.get(siteDir);
  if (missing === undefined) {
    missing = missingDrawings(siteDir).length > 0;
    if (missing) forgetUsedKeys(siteDir);
    missingAtStart.set(siteDir, missing);
  }
  return missing;
}

/**
 * The diagrams the build drew (src/remark/diagrams.ts) go into the pages' HTML and nowhere else:
 * in the server bundle, src/theme/Mermaid/drawings.ts (which reads them back from the HTML in the
 * browser) is replaced by src/diagrams/serverDrawings.ts, which reads them from the build's cache.
 */
export default function diagramDrawingsPlugin(context: LoadContext): Plugin {
  const serverDrawings = path.join(context.siteDir, 'src', 'diagrams', 'serverDrawings.ts');
  return {
    name: 'diagram-drawings',
    configureWebpack(config, isServer, { currentBundler }) {
      // A page compiled from Rspack's persistent cache holds the keys of the drawings it was built
      // with, not the drawings: the cache is good only with those drawings at hand. Gaining or
      // losing a browser changes its version (drawingsVersion). A build that finds drawings gone
      // compiles every page afresh, in memory: a page it compiles names drawings it has only begun
      // to make, and kept in the persistent cache it would be taken up by the next build to find
      // the same drawings gone, which would fail on them.
      const experiments = config.experiments as { cache?: unknown } | undefined;
      const cache = experiments?.cache as { version?: string } | undefined;
      if (experiments && cache && typeof cache === 'object') {
        if (mustRecompile(context.siteDir)) experiments.cache = { type: 'memory' };
        else cache.version = `${cache.version ?? ''}-diagrams-${drawingsVersion()}`;
      }
      if (!isServer) return {};
      return {
        plugins: [
          new currentBundler.instance.DefinePlugin({ __DIAGRAM_CACHE_DIR__: JSON.stringify(diagramCacheDir(context.siteDir)) }),
          new currentBundler.instance.NormalModuleReplacementPlugin(/^\.\/drawings$/, (resource: { context?: string; request?: string }) => {
            if (/[\\/]src[\\/]theme[\\/]Mermaid$/.test(resource.context ?? '')) resource.request = serverDrawings;
          }),
        ],
      };
    },
  };
}
