import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/**
 * What the site's lazy features (diagrams, the Playground) cost, and who pays for it.
 *
 * 1. Docusaurus puts any module shared by half the site's async chunks into one chunk named
 *    `common`, and every page loads `common` on first view. Mermaid's diagram types are async
 *    chunks too, and most share `@mermaid-js/parser` (1.3 MB, ~145 KB gzip): with enough
 *    diagram types built, the parser landed in `common` and every page paid for it, diagrams
 *    or not. It gets a chunk of its own, fetched with the first diagram that needs it.
 *
 * 2. Sandpack's editor bundles more than the Playground uses: CodeMirror's HTML and CSS
 *    languages (~24 KiB gzip; the Playground only ever shows TypeScript) and a polyfill for
 *    IntersectionObserver (~3 KiB gzip; every browser the site supports has it, and the
 *    Playground itself relies on it). Those imports resolve to small stand-ins instead.
 */
export default function lazyChunksPlugin(context: LoadContext): Plugin {
  const standIns = path.join(context.siteDir, 'src', 'components', 'Playground', 'editorStandIns.ts');
  return {
    name: 'lazy-chunks',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      return {
        resolve: {
          alias: {
            // `$`: the bare specifier only, as Sandpack imports it.
            '@codemirror/lang-html$': standIns,
            '@codemirror/lang-css$': standIns,
            'intersection-observer$': false,
          },
        },
        optimization: {
          splitChunks: {
            cacheGroups: {
              mermaidParser: {
                test: /[\\/]node_modules[\\/]@mermaid-js[\\/]parser[\\/]/,
                name: 'mermaid-parser',
                chunks: 'async',
                // above `common` (40), below `styles` (50)
                priority: 45,
                enforce: true,
              },
            },
          },
        },
      };
    },
  };
}
