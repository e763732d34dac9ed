import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/**
 * Evicts the bundler's persistent cache when an example or the simulation kit changes.
 *
 * Pages take their Playgrounds' source and their bound figures from `examples/` through remark
 * plugins (src/remark/playground.ts, src/remark/figures.ts) that the bundler cannot see into:
 * it caches each compiled page by the page's own text. With Rspack's persistent cache
 * (`future.faster`), a build after an example's parameter changed would reuse the old page,
 * showing the old code and the old figures. Every file the remark plugins read is therefore a
 * build dependency, as docusaurus.config.ts itself is: change one and the next build starts
 * from a cold cache (slower, never stale).
 */
export default function examplesBuildCache(context: LoadContext): Plugin {
  const files = [
    ...sourceFiles(join(context.siteDir, 'examples')),
    ...sourceFiles(join(context.siteDir, 'src', 'remark')),
    ...sourceFiles(join(context.siteDir, 'src', 'figures')),
  ];
  return {
    name: 'examples-build-cache',
    configureWebpack(config) {
      const cache = (config.experiments as { cache?: { buildDependencies?: string[] } } | undefined)?.cache;
      if (cache && typeof cache === 'object') cache.buildDependencies = [...(cache.buildDependencies ?? []), ...files];
      return {};
    },
  };
}

/** Every .ts file under a folder, tests left out (they do not change what a page shows). */
export function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) found.push(path);
  }
  return found.sort();
}
