/**
 * The real packages an example may import in the Playground, beside the kit. Each is served
 * from the site itself (src/plugins/playground-packages.ts copies it into the build), fetched
 * only when a run imports it, and kept for the rest of the page's life; nothing comes from
 * another host, so the Playground works offline and under the site's connect-src 'self'.
 *
 * Pure: the module loader (and its tests in Node) read the allowlist from here; the page's
 * half that fetches the files is packageLoader.ts.
 */

export interface PlaygroundPackage {
  /** The specifier an example writes, e.g. `import { PGlite } from '@electric-sql/pglite'`. */
  name: string;
  /** The installed version the site serves; the plugin refuses to build if they differ. */
  version: string;
  /** Folder under the site's /playground-packages/ (versioned, so a new release is a new URL). */
  folder: string;
  /** What the reader is told while it loads. */
  label: string;
  /**
   * Files copied from node_modules/<name>/dist beside the bundled module (module.js), and the
   * constructor option each becomes in the worker: WebAssembly compiled once by the page, or
   * the file's bytes as a Blob.
   */
  assets: readonly { file: string; option: string; kind: 'wasm' | 'blob' }[];
  /**
   * Files the build makes rather than copies (src/plugins/playground-packages.ts), fetched as
   * Blobs like the others: for PGlite, the data directory of a fresh database cluster.
   */
  generated: readonly { file: string; option: string }[];
  /**
   * The least time limit a run that imports the package gets: starting it is part of the run
   * (PostgreSQL from its data directory: about 2 s on a laptop, ten times that on a busy one).
   */
  minTimeLimitMs: number;
  /** The export that receives the page's prepared assets as constructor defaults. */
  classExport: string;
}

export const PGLITE: PlaygroundPackage = {
  name: '@electric-sql/pglite',
  version: '0.5.16',
  folder: 'pglite-0.5.16',
  label: 'PostgreSQL (PGlite 0.5.16)',
  assets: [
    { file: 'pglite.wasm', option: 'pgliteWasmModule', kind: 'wasm' },
    { file: 'initdb.wasm', option: 'initdbWasmModule', kind: 'wasm' },
    { file: 'pglite.data', option: 'fsBundle', kind: 'blob' },
  ],
  // initdb made once at build time (seconds of CPU, 20 s and more on a slow machine's browser):
  // each run starts PostgreSQL from a copy of this directory instead.
  generated: [{ file: 'pgdata.tar.gz', option: 'loadDataDir' }],
  classExport: 'PGlite',
  minTimeLimitMs: 60_000,
};

export const PACKAGES: readonly PlaygroundPackage[] = [PGLITE];

/** The allowlist as a reader reads it in an error message: `'@electric-sql/pglite'`. */
export const ALLOWED_PACKAGES_TEXT = PACKAGES.map((entry) => `'${entry.name}'`).join(', ');

/** A package ready for a run: its bundled CommonJS code, and the constructor defaults the worker fills in (assetsTrailer). */
export interface PreparedPackage {
  code: string;
  options: Record<string, unknown>;
}

/** Where the site serves the packages: /<baseUrl>/playground-packages/<folder>/. */
export const URL_DIR = 'playground-packages';
/** The bundled module's file name in a package's folder. */
export const MODULE_FILE = 'module.js';

/** The path a package has in a linked program: not a file, so no reader's file can take it. */
export const PACKAGE_PATH_PREFIX = 'package:';

export function packageNamed(specifier: string): PlaygroundPackage | undefined {
  return PACKAGES.find((entry) => entry.name === specifier);
}

export function packagePath(entry: PlaygroundPackage): string {
  return PACKAGE_PATH_PREFIX + entry.name;
}

/** The global the worker sets, for the run, to the assets the page prepared for each package. */
export const ASSETS_GLOBAL = '__playgroundPackageAssets';

/**
 * Code run after the package's own (CommonJS) code in the worker: replaces `classExport` with
 * a stand-in whose constructor and static `create` fill in, from the run's assets, the options
 * the reader did not give (the compiled WebAssembly modules, the file bundle, and a data
 * directory made once per page, so that a run does not repeat `initdb`). Everything else the
 * package exports is passed through. Self-contained text: it is evaluated in the worker.
 */
export function assetsTrailer(entry: PlaygroundPackage): string {
  return `
;(function () {
  var assets = (globalThis[${JSON.stringify(ASSETS_GLOBAL)}] || {})[${JSON.stringify(entry.name)}];
  var original = module.exports;
  var Class = original[${JSON.stringify(entry.classExport)}];
  if (!assets || typeof Class !== 'function') return;
  // Started ahead by the spare worker ('start-packages'): the first construction with no
  // arguments gets it, already starting, as if the reader's code had made it.
  var prestarted = null;
  function takePrestarted(args) {
    if (args.length !== 0 || !prestarted) return null;
    var instance = prestarted;
    prestarted = null;
    return instance;
  }
  function withAssets(args) {
    var list = Array.prototype.slice.call(args);
    var at = typeof list[0] === 'string' ? 1 : 0;
    var given = list[at] && typeof list[at] === 'object' ? list[at] : {};
    var options = Object.assign({}, given);
    var ownData = at === 1 || given.dataDir !== undefined || given.loadDataDir !== undefined;
    for (var key in assets.options) {
      if (key === 'loadDataDir' && ownData) continue;
      if (options[key] === undefined) options[key] = assets.options[key];
    }
    list[at] = options;
    return list;
  }
  var Wrapped = new Proxy(Class, {
    construct: function (target, args, newTarget) {
      var early = newTarget === Wrapped ? takePrestarted(args) : null;
      if (early) return early;
      return Reflect.construct(target, withAssets(args), newTarget === Wrapped ? target : newTarget);
    },
    get: function (target, key, receiver) {
      if (key === 'create') {
        return function () {
          var early = takePrestarted(arguments);
          if (early) return early.waitReady.then(function () { return early; });
          return target.create.apply(target, withAssets(arguments));
        };
      }
      return Reflect.get(target, key, target);
    },
  });
  if (assets.prestart) {
    try {
      prestarted = Reflect.construct(Class, withAssets([]), Class);
      var ready = prestarted && prestarted.waitReady;
      if (ready && typeof ready.catch === 'function') ready.catch(function () { prestarted = null; });
    } catch (_error) {
      prestarted = null;
    }
  }
  var exports = {};
  Object.keys(original).forEach(function (key) { exports[key] = original[key]; });
  exports[${JSON.stringify(entry.classExport)}] = Wrapped;
  module.exports = exports;
})();
`;
}
