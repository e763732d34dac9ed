/**
 * The facts an example establishes, computed by running it in Node: what the prose's figures
 * are bound to. An example exports `facts()`, returning named values formatted the way the
 * prose shows them:
 *
 *   export function facts() {
 *     const designs = simulate();
 *     return { singleNode: percent(designs[0].formula), nodes: APP_NODES, gapClosed: a < b };
 *   }
 *
 * A string is shown as it is; a number is shown with thousands separators (an integer, or at
 * most three decimals: round it in the example, where the rounding can be read); a boolean is a
 * claim, for `<Claim holds={x.y}>`. The remark plugin (src/remark/figures.ts) puts them in the
 * page at build time, and tests/content/figures.test.ts checks every page the same way.
 *
 * Running a simulation can take a second, so results are cached on disk by a hash of the
 * bundled example: the example's own source and every kit file it imports. A change to either
 * recomputes; nothing else does.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ALLOWED_PACKAGES_TEXT, PACKAGES } from '../components/Playground/packages';

export type FactValue = string | number | boolean;

export interface ExampleFacts {
  /** `02-cluster/nines` */
  example: string;
  /** Every fact, with a number already formatted for the page; booleans stay booleans. */
  values: Record<string, string | boolean>;
}

/** Bump when the way facts are computed or formatted changes, so old caches are not reused. */
const CACHE_VERSION = 1;

export class FactsError extends Error {}

/** The folder holding `examples/` and `node_modules/`: the repository root. */
export function siteDirOf(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** `@site/examples/02-cluster/nines.ts?facts` -> `02-cluster/nines`; undefined for other imports. */
export function exampleOfImport(source: string): string | undefined {
  const match = /^@site\/examples\/([\w.-]+(?:\/[\w.-]+)*)\.ts\?facts$/.exec(source);
  if (!match || match[1].split('/').includes('..')) return undefined;
  return match[1];
}

const memory = new Map<string, ExampleFacts>();

/**
 * Runs `facts()` of examples/<example>.ts (from the disk cache when neither the example nor the
 * kit changed) and returns its values formatted for the page. Throws a FactsError saying what
 * is wrong: no such file, no `facts` export, a value that cannot be shown.
 */
export async function factsOf(example: string, siteDir: string): Promise<ExampleFacts> {
  const file = join(siteDir, 'examples', `${example}.ts`);
  if (!existsSync(file)) throw new FactsError(`no file ${relative(siteDir, file)}`);
  const code = await bundle(file, siteDir);
  // The packages an example may import are not bundled: their versions are part of the key.
  const packages = PACKAGES.map((entry) => `${entry.name}@${entry.version}`).join(' ');
  const key = createHash('sha256').update(`${CACHE_VERSION}\n${packages}\n${code}`).digest('hex').slice(0, 24);
  const remembered = memory.get(key);
  if (remembered) return { ...remembered, example };
  const cacheFile = join(siteDir, 'node_modules', '.cache', 'example-facts', `${key}.json`);
  if (existsSync(cacheFile)) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as ExampleFacts;
      memory.set(key, cached);
      return { ...cached, example };
    } catch {
      // a damaged cache file: compute again
    }
  }
  const raw = await evaluate(code, example, siteDir);
  const values: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(raw)) values[name] = formatFact(example, name, value);
  const result: ExampleFacts = { example, values };
  memory.set(key, result);
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    // Several test workers may compute the same example: write aside, then rename (atomic).
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(result));
    renameSync(temporary, cacheFile);
  } catch {
    // a read-only tree still works, only slower
  }
  return result;
}

/** A value as the page shows it. Throws a FactsError for anything the prose cannot show. */
export function formatFact(example: string, name: string, value: unknown): string | boolean {
  const where = `examples/${example}.ts: facts().${name}`;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (value.trim() === '') throw new FactsError(`${where} is an empty string`);
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FactsError(`${where} is ${value}, not a figure a page can show`);
    if (Number(value.toFixed(3)) !== value) {
      throw new FactsError(
        `${where} is ${value}: round it in the example, where a reader sees the rounding, e.g. \`${name}: x.toFixed(1)\` or \`Math.round(x)\``,
      );
    }
    return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  }
  throw new FactsError(`${where} is a ${value === null ? 'null' : typeof value}: a fact is a string, a number or a boolean`);
}

/** The example and the kit files it imports as one CommonJS script. */
async function bundle(file: string, siteDir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [file],
    absWorkingDir: siteDir,
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'silent',
    // Plain names: esbuild's keepNames would wrap every function (and slow generators).
    keepNames: false,
    // The Playground's allowlisted packages (PGlite) load from node_modules as in `npm run example`.
    external: PACKAGES.map((entry) => entry.name),
  }).catch((error: { errors?: { text: string; location?: { file: string; line: number } }[] }) => {
    const first = error.errors?.[0];
    const place = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    throw new FactsError(`${place}${first?.text ?? String(error)}`);
  });
  return result.outputFiles[0].text;
}

async function evaluate(code: string, example: string, siteDir: string): Promise<Record<string, unknown>> {
  const module = { exports: {} as Record<string, unknown> };
  const fromSite = createRequire(join(siteDir, 'package.json'));
  // The kit is bundled in; only the allowlisted packages are left to require.
  const requirePackage = (specifier: string) => {
    if (PACKAGES.some((entry) => entry.name === specifier)) return fromSite(specifier);
    throw new FactsError(`examples/${example}.ts imports '${specifier}': an example imports only the kit ('../sim') and ${ALLOWED_PACKAGES_TEXT}`);
  };
  try {
    new Function('module', 'exports', 'require', code)(module, module.exports, requirePackage);
  } catch (error) {
    if (error instanceof FactsError) throw error;
    throw new FactsError(`examples/${example}.ts failed to load: ${(error as Error)?.message ?? String(error)}`);
  }
  const facts = module.exports.facts;
  if (typeof facts !== 'function') {
    throw new FactsError(`examples/${example}.ts has no \`export function facts()\`: add one that returns the figures the prose shows`);
  }
  let value: unknown;
  try {
    value = await facts();
  } catch (error) {
    throw new FactsError(`examples/${example}.ts: facts() threw ${(error as Error)?.name ?? 'an error'}: ${(error as Error)?.message ?? String(error)}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new FactsError(`examples/${example}.ts: facts() must return an object of named figures`);
  }
  return value as Record<string, unknown>;
}
