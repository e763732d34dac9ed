import { join, resolve } from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { describe, expect, it } from 'vitest';
import examplesBuildCache, { mdxLoaderOptions } from './examples-build-cache';

const ROOT = resolve(__dirname, '..', '..');

function dependenciesAfterPlugin(config: Record<string, unknown>): string[] | undefined {
  const plugin = examplesBuildCache({ siteDir: ROOT } as LoadContext);
  (plugin.configureWebpack as (config: unknown, isServer: boolean, utils: unknown) => unknown)(config, false, {});
  return (config.experiments as { cache?: { buildDependencies?: string[] } } | undefined)?.cache?.buildDependencies;
}

describe('a changed example evicts the persistent build cache', () => {
  it('adds every example, kit file and the remark plugins to the cache build dependencies, keeping the existing ones', () => {
    const files = dependenciesAfterPlugin({ experiments: { cache: { type: 'persistent', buildDependencies: ['/site/docusaurus.config.ts'] } } })!;
    expect(files[0]).toBe('/site/docusaurus.config.ts');
    expect(files).toContain(join(ROOT, 'examples', '02-cluster', 'nines.ts'));
    expect(files).toContain(join(ROOT, 'examples', 'sim', 'server.ts'));
    expect(files).toContain(join(ROOT, 'src', 'remark', 'figures.ts'));
    expect(files).toContain(join(ROOT, 'src', 'figures', 'facts.ts'));
    expect(files.some((file) => file.endsWith('.test.ts'))).toBe(false);
  });

  it('leaves a build without a persistent cache alone', () => {
    const config = { experiments: {} };
    expect(dependenciesAfterPlugin(config)).toBeUndefined();
    expect(config).toEqual({ experiments: {} });
  });
});

describe('a changed example recompiles the pages in the dev server', () => {
  const MDX_LOADER = join(ROOT, 'node_modules', '@docusaurus', 'mdx-loader', 'lib', 'index.js');

  it("adds the examples, the kit and the remark plugins to every MDX loader's dependencies, keeping its own", () => {
    const docs = { loader: MDX_LOADER, options: { dependencies: ['/site/.docusaurus/docs-deps.json'] } };
    const pages = { loader: MDX_LOADER, options: {} };
    const other = { loader: '/node_modules/babel-loader/lib/index.js', options: {} };
    const config = { module: { rules: [{ test: /\.mdx?$/, use: [docs] }, { oneOf: [{ use: [other, pages] }] }, { test: /\.css$/, use: 'style-loader' }] } };
    const plugin = examplesBuildCache({ siteDir: ROOT } as LoadContext);
    (plugin.configureWebpack as (config: unknown, isServer: boolean, utils: unknown) => unknown)(config, false, {});
    const docsDependencies = (docs.options as { dependencies: string[] }).dependencies;
    expect(docsDependencies[0]).toBe('/site/.docusaurus/docs-deps.json');
    expect(docsDependencies).toContain(join(ROOT, 'examples', '02-cluster', 'nines.ts'));
    expect(docsDependencies).toContain(join(ROOT, 'src', 'remark', 'playground.ts'));
    expect((pages.options as { dependencies?: string[] }).dependencies).toEqual(docsDependencies.slice(1));
    expect(other.options).toEqual({});
  });

  it('finds no MDX loader in rules that have none, or no rules', () => {
    expect(mdxLoaderOptions(undefined)).toEqual([]);
    expect(mdxLoaderOptions([null, 'x', { use: 'style-loader' }, { use: [{ loader: '/x/@docusaurus/mdx-loader-ish/index.js', options: {} }] }])).toEqual([]);
  });
});
