/**
 * src/plugins/no-collator-loader.js: the two Docusaurus sorts it rewrites still exist as it expects,
 * lose every `localeCompare`, and choose what they chose before.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PATCHES, noCollator } from '../../src/plugins/no-collator-loader.js';
import { NO_COLLATOR_FILES } from '../../src/plugins/no-collator';

const require = createRequire(import.meta.url);
const { matchPath } = require('react-router-dom') as { matchPath: unknown };

/** A file in the repository's node_modules (theme-common's `exports` do not list its lib/ files). */
const fileOf = (name: string) => fileURLToPath(new URL(`../../node_modules/${name}`, import.meta.url));
const DOCS_CLIENT_UTILS = '@docusaurus/plugin-content-docs/lib/client/docsClientUtils.js';

type PluginData = Record<string, { path: string }>;
type GetActivePlugin = (data: PluginData, pathname: string) => { pluginId: string } | undefined;

/** docsClientUtils.js's getActivePlugin, from the given source (its one import given as an argument). */
function getActivePluginOf(source: string): GetActivePlugin {
  const body = source.replace("import { matchPath } from '@docusaurus/router';", '').replace(/^export /gm, '');
  expect(body).not.toMatch(/^import /m);
  return new Function('matchPath', `${body}\nreturn getActivePlugin;`)(matchPath) as GetActivePlugin;
}

describe('no-collator loader', () => {
  it.each(Object.keys(PATCHES))('rewrites %s: the sort is found once and no localeCompare is left', (name) => {
    const file = fileOf(name);
    const source = readFileSync(file, 'utf8');
    expect(source).toContain('localeCompare');
    const patched = noCollator(source, file);
    expect(patched).not.toContain('localeCompare');
    expect(patched).toContain(PATCHES[name as keyof typeof PATCHES].to);
    expect(patched.length - source.length).toBe(PATCHES[name as keyof typeof PATCHES].to.length - PATCHES[name as keyof typeof PATCHES].from.length);
    // The bundler's rule sends this file through the loader (a rule that stopped matching would
    // leave the sort as it was, and nothing else would fail).
    expect(file).toMatch(NO_COLLATOR_FILES);
  });

  it('chooses the same docs plugin for a path as Docusaurus does', () => {
    const source = readFileSync(fileOf(DOCS_CLIENT_UTILS), 'utf8');
    const before = getActivePluginOf(source);
    const after = getActivePluginOf(noCollator(source, fileOf(DOCS_CLIENT_UTILS)));
    const cases: Array<[PluginData, string[]]> = [
      // This site: the book and the test bench.
      [{ default: { path: '/docs' }, dogfooding: { path: '/dogfooding' } }, ['/docs/', '/docs/cluster/', '/dogfooding/diagrams/', '/', '/search', '/docsx/']],
      // Nested and overlapping paths, in an order that a sort must fix: the longest prefix wins.
      [
        { root: { path: '/' }, android: { path: '/android' }, androidFoo: { path: '/android/foo' }, ios: { path: '/ios' }, dashed: { path: '/android-tv' }, v2: { path: '/android/v2.0' } },
        ['/', '/android', '/android/', '/android/foo/bar', '/android/foobar', '/android-tv/x', '/Android/x', '/ios/a', '/other', '/androidx', '/android/v2.0/x'],
      ],
      // Matching ignores case: a longer path in other case still wins over its prefix.
      [{ short: { path: '/docs' }, long: { path: '/Docs/api' } }, ['/docs/api/x', '/docs/x', '/DOCS/API']],
      [{ long: { path: '/Docs/api' }, short: { path: '/docs' } }, ['/docs/api/x', '/docs/x']],
    ];
    for (const [data, paths] of cases) {
      for (const pathname of paths) expect(after(data, pathname)?.pluginId, pathname).toBe(before(data, pathname)?.pluginId);
    }
    // The case the original comment gives: '/android/foo' matches '/android', not '/'.
    expect(after({ root: { path: '/' }, android: { path: '/android' } }, '/android/foo')?.pluginId).toBe('android');
  });

  it('fails the build, naming the file and what to do, when Docusaurus changes the code it rewrites', () => {
    const file = fileOf(DOCS_CLIENT_UTILS);
    const changed = readFileSync(file, 'utf8').replace('b[1].path.localeCompare(a[1].path)', 'b[1].path.localeCompare(a[1].path, "en")');
    expect(() => noCollator(changed, file)).toThrow(/docsClientUtils\.js: .*no longer finds the sort it replaces.*update PATCHES/s);
    expect(() => noCollator('', '/x/node_modules/left-pad/index.js')).toThrow(/has no patch for this file/);
  });
});
