import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/**
 * Evicts the bundler's persistent cache, and recompiles pages in the dev server, when an example
 * or the simulation kit changes.
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
    // The build draws diagrams (src/remark/diagrams.ts) with these settings.
    ...sourceFiles(join(context.siteDir, 'src', 'diagrams')),
    join(context.siteDir, 'src', 'theme', 'Mermaid', 'renderDiagram.ts'),
  ];
  return {
    name: 'examples-build-cache',
    configureWebpack(config) {
      const cache = (config.experiments as { cache?: { buildDependencies?: string[] } } | undefined)?.cache;
      if (cache && typeof cache === 'object') cache.buildDependencies = [...(cache.buildDependencies ?? []), ...files];
      // The dev server recompiles a page when a file it depends on changes: make the same files
      // dependencies of every MDX page, so that editing an example shows its new code and
      // figures on the open page (before, only a restart or an edit of the page did).
      for (const options of mdxLoaderOptions(config.module?.rules)) options.dependencies = [...(options.dependencies ?? []), ...files];
      return {};
    },
  };
}

interface MdxLoaderOptions {
  dependencies?: string[];
}

/** The options object of every use of @docusaurus/mdx-loader in the bundler's rules (one per docs or pages plugin). */
export function mdxLoaderOptions(rules: unknown): MdxLoaderOptions[] {
  const found: MdxLoaderOptions[] = [];
  const visit = (rule: unknown): void => {
    if (!rule || typeof rule !== 'object') return;
    const { use, oneOf, rules: nested } = rule as { use?: unknown; oneOf?: unknown; rules?: unknown };
    for (const entry of Array.isArray(use) ? use : use ? [use] : []) {
      if (entry && typeof entry === 'object') {
        const { loader, options } = entry as { loader?: unknown; options?: unknown };
        if (typeof loader === 'string' && /[\\/]@docusaurus[\\/]mdx-loader[\\/]/.test(loader) && options && typeof options === 'object') found.push(options as MdxLoaderOptions);
      }
    }
    for (const child of [oneOf, nested]) if (Array.isArray(child)) child.forEach(visit);
  };
  if (Array.isArray(rules)) rules.forEach(visit);
  return found;
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
