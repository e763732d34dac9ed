import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { MODULE_FILE, PACKAGES, PGLITE, URL_DIR, type PlaygroundPackage } from '../components/Playground/packages';

/**
 * Serves the Playground's allowlisted packages (src/components/Playground/packages.ts) from the
 * site itself: for each, its code bundled into one CommonJS module the Playground's worker can
 * evaluate (`module.js`), its runtime files (WebAssembly, data) copied beside it, and the files
 * the build makes for it (PGlite's initial data directory), under
 * `/playground-packages/<folder>/`. The files are written into a folder that
 * docusaurus.config.ts lists in `staticDirectories` (GENERATED_STATIC_DIR), so `npm start`
 * serves them as the build does.
 */
export const GENERATED_STATIC_DIR = 'node_modules/.cache/playground-packages';

/** The package's code for the worker: one CommonJS module, no imports left but Node's own. */
export async function bundlePackage(siteDir: string, entry: PlaygroundPackage): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    // The ES module build: the CommonJS one finds its files through `__filename`, which a
    // worker lacks. Its `import.meta.url` is left empty: the page passes every file it needs.
    stdin: { contents: `export * from ${JSON.stringify(entry.name)};`, resolveDir: siteDir, loader: 'js' },
    absWorkingDir: siteDir,
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'inline',
    logLevel: 'silent',
    // Reached only when the package runs in Node: in the worker these branches are not taken.
    external: ['node:*', 'fs', 'fs/promises', 'path', 'url', 'crypto', 'module', 'zlib', 'stream', 'stream/promises', 'os', 'ws'],
  });
  return result.outputFiles[0].text;
}

/** The package's folder (its package.json is not in its `exports`, so it is not resolved). */
function packageDir(siteDir: string, name: string): string {
  return path.join(siteDir, 'node_modules', ...name.split('/'));
}

export function installedVersion(siteDir: string, name: string): string {
  return (JSON.parse(readFileSync(path.join(packageDir(siteDir, name), 'package.json'), 'utf8')) as { version: string }).version;
}

export async function writePackages(siteDir: string, out = path.join(siteDir, GENERATED_STATIC_DIR, URL_DIR)): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  for (const entry of PACKAGES) {
    const version = installedVersion(siteDir, entry.name);
    if (version !== entry.version) {
      throw new Error(
        `src/components/Playground/packages.ts serves ${entry.name} ${entry.version} but ${version} is installed: update its version and folder there (and the examples that use it)`,
      );
    }
    const folder = path.join(out, entry.folder);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, MODULE_FILE), await bundlePackage(siteDir, entry));
    const dist = path.join(packageDir(siteDir, entry.name), 'dist');
    for (const { file } of entry.assets) copyFileSync(path.join(dist, file), path.join(folder, file));
    for (const { file } of entry.generated) {
      const made = await generated(siteDir, entry, file);
      copyFileSync(made, path.join(folder, file));
    }
  }
}

/**
 * A file the build makes for a package, kept in node_modules/.cache by package version (made
 * once per version, not per build). PGlite's `pgdata.tar.gz`: a fresh cluster's data directory,
 * made by running initdb here in Node, which the page hands each run as `loadDataDir`.
 */
async function generated(siteDir: string, entry: PlaygroundPackage, file: string): Promise<string> {
  const target = path.join(siteDir, 'node_modules', '.cache', 'playground-packages-made', entry.folder, file);
  if (existsSync(target)) return target;
  if (entry !== PGLITE || file !== 'pgdata.tar.gz') throw new Error(`playground-packages: no recipe for ${entry.name}'s ${file}`);
  const { PGlite } = (await import(pathToFileURL(path.join(packageDir(siteDir, entry.name), 'dist', 'index.js')).href)) as typeof import('@electric-sql/pglite');
  const db = new PGlite();
  await db.waitReady;
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  mkdirSync(path.dirname(target), { recursive: true });
  // Aside, then renamed: a build stopped halfway leaves no half-written file behind.
  writeFileSync(`${target}.${process.pid}.tmp`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${target}.${process.pid}.tmp`, target);
  return target;
}

export default function playgroundPackagesPlugin(context: LoadContext): Plugin {
  return {
    name: 'playground-packages',
    async loadContent() {
      await writePackages(context.siteDir);
    },
  };
}
