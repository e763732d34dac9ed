import { join, resolve } from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { describe, expect, it } from 'vitest';
import examplesBuildCache from './examples-build-cache';

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
