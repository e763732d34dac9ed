import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { chromePath } from '../../scripts/chromium.mjs';
import { diagramCacheDir } from '../diagrams/cache';

/** What the build has to draw with and has drawn: a browser or not, and the drawings in the cache. */
function drawingsVersion(siteDir: string): string {
  let drawn: string[] = [];
  try {
    drawn = readdirSync(diagramCacheDir(siteDir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    // nothing drawn yet
  }
  return createHash('sha256')
    .update(JSON.stringify({ browser: chromePath() !== null, drawn }))
    .digest('hex')
    .slice(0, 16);
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
      // with, not the drawings: the cache is good only with the same drawings at hand. Its version
      // names them (and whether a browser could draw), so that clearing node_modules/.cache/diagrams,
      // or gaining a browser, recompiles the pages instead of leaving keys to missing drawings.
      const cache = (config.experiments as { cache?: { version?: string } } | undefined)?.cache;
      if (cache && typeof cache === 'object') cache.version = `${cache.version ?? ''}-diagrams-${drawingsVersion(context.siteDir)}`;
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
