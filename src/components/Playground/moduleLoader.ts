/**
 * The Playground's module loader, main-thread half: resolves the relative imports between
 * the reader's files, rejects unknown imports and import cycles before anything runs, and
 * hands the worker a program whose every `require` is already resolved. Pure: no Worker,
 * no DOM, so it is tested in Node.
 */
import { PlaygroundError } from './errors';
import { ALLOWED_PACKAGES_TEXT, assetsTrailer, packageNamed, packagePath, type PlaygroundPackage, type PreparedPackage } from './packages';
import type { CompiledFile } from './transpile';

/** One module as the worker evaluates it. */
export interface LinkedModule {
  path: string;
  code: string;
  /** specifier as written -> path of the file it means */
  deps: Record<string, string>;
}

export interface Program {
  entry: string;
  modules: LinkedModule[];
  /** Allowlisted packages the program imports (packages.ts); the page adds their code and assets. */
  packages: PlaygroundPackage[];
}

/**
 * A package's bundled CommonJS code as a module of the program, with its assets trailer. It
 * gets the worker's own timers, not the run's tracked ones: a run ends when the reader's code
 * is done, whatever the package keeps scheduled (PostgreSQL's timers re-arm for as long as the
 * database is open, and a reader may never close it).
 */
export const PACKAGE_TIMERS =
  'var setTimeout = globalThis.setTimeout, clearTimeout = globalThis.clearTimeout, setInterval = globalThis.setInterval, clearInterval = globalThis.clearInterval;\n';

export function packageModule(entry: PlaygroundPackage, bundledCode: string): LinkedModule {
  const path = packagePath(entry);
  return { path, code: wrapModule(path, PACKAGE_TIMERS + bundledCode + assetsTrailer(entry)), deps: {} };
}

/** What a run's message carries per package: the options its module fills in (packages.ts). */
export type PackageAssets = Record<string, { options: Record<string, unknown> }>;

/**
 * Adds the program's packages to its modules, `prepared[i]` being `program.packages[i]` ready,
 * and returns the assets the run's message carries for them.
 */
export function addPackages(program: Program, prepared: readonly PreparedPackage[]): PackageAssets {
  const assets: PackageAssets = {};
  program.packages.forEach((entry, index) => {
    program.modules.unshift(packageModule(entry, prepared[index].code));
    assets[entry.name] = { options: prepared[index].options };
  });
  return assets;
}

/**
 * The worker evaluates each module as this function expression. The reader's code starts on
 * the wrapper's first line, so line numbers in stacks need no shift (columns on line 1 do).
 * The timers are the worker's tracked ones, so that a run waits for the timeouts it set.
 */
export const MODULE_PREFIX = '(function (exports, require, module, console, setTimeout, clearTimeout, setInterval, clearInterval) {';
export const SOURCE_URL_PREFIX = 'playground:///';

export function wrapModule(path: string, code: string): string {
  return `${MODULE_PREFIX}${code}\n})\n//# sourceURL=${SOURCE_URL_PREFIX}${path.replace(/^\//, '')}`;
}

/** `./x`, `../sim`, `../sim/index`, `./x.ts` from `fromPath`; undefined when no file matches. */
export function resolveImport(fromPath: string, specifier: string, paths: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = fromPath.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') {
      if (base.length <= 1) return undefined;
      base.pop();
    } else if (part !== '.' && part !== '') {
      base.push(part);
    }
  }
  const target = base.join('/');
  for (const candidate of [target, `${target}.ts`, `${target}/index.ts`]) {
    if (paths.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Compiles the files reachable from `entry` (with `compile`, which may cache) and links them.
 * Throws a PlaygroundError naming the file and line of an unknown import, or the whole cycle.
 */
export function link(
  files: Readonly<Record<string, string>>,
  entry: string,
  compile: (path: string, source: string) => CompiledFile,
): Program {
  const paths = new Set(Object.keys(files));
  if (!paths.has(entry)) throw new PlaygroundError('ImportError', `No file ${entry} to run`);
  const modules = new Map<string, LinkedModule>();
  const packages = new Map<string, PlaygroundPackage>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];

  const visit = (path: string) => {
    if (state.get(path) === 'done') return;
    if (state.get(path) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(path)), path].map(shortName);
      throw new PlaygroundError(
        'ImportCycle',
        `Import cycle: ${cycle.join(' → ')}. Move what these files share into a file that none of them imports.`,
        { file: stack[stack.length - 1] },
      );
    }
    state.set(path, 'visiting');
    stack.push(path);
    const compiled = compile(path, files[path]);
    const deps: Record<string, string> = {};
    for (const { specifier, line } of compiled.specifiers) {
      const allowed = packageNamed(specifier);
      if (allowed) {
        packages.set(allowed.name, allowed);
        deps[specifier] = packagePath(allowed);
        continue;
      }
      const resolved = resolveImport(path, specifier, paths);
      if (!resolved) {
        const known = [...paths].map(shortName).join(', ');
        const relative = specifier.startsWith('./') || specifier.startsWith('../');
        const message = relative
          ? `Cannot find '${specifier}' imported by ${shortName(path)}. Files here: ${known}.`
          : `Cannot import '${specifier}' in ${shortName(path)}: the Playground runs the kit ('../sim') and these packages only: ${ALLOWED_PACKAGES_TEXT}.`;
        throw new PlaygroundError('ImportError', message, { file: path, line });
      }
      deps[specifier] = resolved;
      visit(resolved);
    }
    stack.pop();
    state.set(path, 'done');
    modules.set(path, { path, code: wrapModule(path, compiled.code), deps });
  };

  visit(entry);
  return { entry, modules: [...modules.values()], packages: [...packages.values()] };
}

function shortName(path: string): string {
  return path.replace(/^\//, '');
}

/** Compiled files by path, kept between runs so that a warm run compiles only what changed. */
export type CompileCache = Map<string, { source: string; compiled: CompiledFile }>;

/** Transpiles (through `cache`) and links: everything the worker needs, and the maps to read its errors. */
export function compileProgram(
  files: Readonly<Record<string, string>>,
  entry: string,
  transpileFile: (path: string, source: string) => CompiledFile,
  cache: CompileCache = new Map(),
): { program: Program; compiled: Map<string, CompiledFile> } {
  const compiled = new Map<string, CompiledFile>();
  const program = link(files, entry, (path, source) => {
    let hit = cache.get(path);
    if (!hit || hit.source !== source) {
      hit = { source, compiled: transpileFile(path, source) };
      cache.set(path, hit);
    }
    compiled.set(path, hit.compiled);
    return hit.compiled;
  });
  return { program, compiled };
}
