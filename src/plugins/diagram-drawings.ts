import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { diagramCacheDir } from '../diagrams/cache';

/**
 * The diagrams the build drew (src/remark/diagrams.ts) go into the pages' HTML and nowhere else:
 * in the server bundle, src/theme/Mermaid/drawings.ts (which reads them back from the HTML in the
 * browser) is replaced by src/diagrams/serverDrawings.ts, which reads them from the build's cache.
 */
export default function diagramDrawingsPlugin(context: LoadContext): Plugin {
  const serverDrawings = path.join(context.siteDir, 'src', 'diagrams', 'serverDrawings.ts');
  return {
    name: 'diagram-drawings',
    configureWebpack(_config, isServer, { currentBundler }) {
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
