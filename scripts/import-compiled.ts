/**
 * Import a TypeScript module (and everything it imports) compiled the way the
 * Playground compiles it: plain JavaScript, function names left alone.
 *
 * Why not just `import()` under tsx: tsx compiles with esbuild's `keepNames`, which
 * wraps every named function expression in a `__name(...)` call. A generator process
 * written inline (`startProcess(sim, function* customer() {...})`) is then created
 * through that wrapper every time, and the kit's process API ran 1.77 times slower
 * in Node than it does in the reader's browser. Bundling with esbuild ourselves
 * (keepNames off) and importing the result as a plain .mjs file, which tsx leaves
 * alone, measures and runs what the reader runs. Stack traces still point at the
 * TypeScript source, through an inline source map.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function importCompiled(path: string): Promise<Record<string, unknown>> {
  // Inside the repository, so that a package an example may import (the Playground's allowlist)
  // resolves from node_modules like it does for the source file.
  const cache = join(__dirname, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const directory = mkdtempSync(join(cache, 'compiled-'));
  const outfile = join(directory, `${basename(path).replace(/\.[cm]?[jt]sx?$/, '')}.mjs`);
  try {
    const result = await build({
      entryPoints: [path],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      packages: 'external',
      keepNames: false,
      sourcemap: 'inline',
      write: false,
      logLevel: 'silent',
    });
    writeFileSync(outfile, result.outputFiles[0].contents);
    process.setSourceMapsEnabled(true);
    return await import(pathToFileURL(outfile).href);
  } finally {
    // The module is loaded (its source map with it): the file is no longer needed.
    rmSync(directory, { recursive: true, force: true });
  }
}
