import type { LoadContext, Plugin } from '@docusaurus/types';

/**
 * Lets MDX pages and components import a file's source text with `?raw`
 * (`import code from '@site/examples/x.ts?raw'`). The Playground shows and runs
 * that text, so it must be the file as written, types included, not compiled JS.
 */
export default function rawSourcePlugin(_context: LoadContext): Plugin {
  return {
    name: 'raw-source',
    configureWebpack(config) {
      const rules = config.module?.rules ?? [];
      // Keep every existing rule (the TypeScript loader among them) away from `?raw`,
      // or the file would be transpiled before it reaches the page.
      for (const rule of rules) {
        if (rule && typeof rule === 'object' && rule.resourceQuery === undefined) {
          rule.resourceQuery = { not: [/raw/] };
        }
      }
      rules.push({ resourceQuery: /raw/, type: 'asset/source' });
      return {};
    },
  };
}
