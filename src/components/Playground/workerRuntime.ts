/**
 * The Playground's worker, worker-thread half of the module loader. The page turns this one
 * function into the worker's whole source (`(${workerMain})(self, ${formatValue})` in a Blob
 * URL), so it must stay self-contained: no imports, no references to anything outside its
 * body, and plain syntax that no bundler rewrites into helper calls.
 *
 * Protocol, page -> worker: {type: 'run', program: {entry, modules: [{path, code, deps}]}, maxLines, assets}
 *   where `code` is already wrapped by `wrapModule` (a function expression, one line longer),
 *   and `assets` holds, per allowlisted package the program imports, what the page prepared;
 *   before it, {type: 'preload', modules: [{path, code}]}: modules to evaluate while the worker
 *   waits (the kit), so that the run only evaluates what is new; and {type: 'start-packages',
 *   assets}: run the prepared packages now, with `prestart` set, so that one instance of
 *   each (a PGlite database) is starting before the reader's code arrives.
 * Worker -> page: {type: 'started'} (the modules are loaded, main is called)
 *   | {type: 'line', level, text} | {type: 'show', value} | {type: 'cut', count}
 *   | {type: 'error', name, message, stack} | {type: 'done'}
 * The page trusts none of it (see workerMessages.ts): the reader's code runs here and can post
 * anything.
 *
 * A run ends like a Node process: when `main` has returned (or its promise settled) and the
 * timeouts it set have fired, or at the first uncaught error, wherever it is thrown (in `main`,
 * in a timer, or a rejected promise nobody handled). Intervals do not keep a run going: the
 * page terminates the worker at `done`, and anything still repeating stops with it.
 */
/* eslint-disable no-var, prefer-rest-params */
export function workerMain(scope: any, formatValue: (value: unknown, limit: number) => string): void {
  var MAX_TEXT = 10000;
  // Kept before the reader's code can replace them.
  var post = scope.postMessage.bind(scope);
  var realSetTimeout = setTimeout;
  var realClearTimeout = clearTimeout;
  var realSetInterval = setInterval;
  var realClearInterval = clearInterval;
  var fail: (error: any) => void = function () {};

  // The code may come from someone else's share link: it gets no handle on the site's storage
  // (the CSP keeps it from other hosts, not from its own origin's databases and caches). Each
  // is an accessor on the global or its prototypes: removed there, nothing is left to reach it.
  ['indexedDB', 'caches'].forEach(function (name) {
    for (var target = scope; target; target = Object.getPrototypeOf(target)) {
      if (Object.prototype.hasOwnProperty.call(target, name)) {
        try { delete target[name]; } catch (_error) { /* not configurable: shadowed below */ }
      }
    }
    try { Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false }); } catch (_error) { /* already gone */ }
  });
  // path -> {code, factory}: module functions evaluated ahead of the run.
  var prepared: any = {};
  // path -> {code, module}: packages already run ahead of the run ('start-packages').
  var started: any = {};
  var packagesStarted = false;

  function formatArgs(args: ArrayLike<any>): string {
    var text = '';
    for (var i = 0; i < args.length && text.length < MAX_TEXT; i++) {
      text += (i > 0 ? ' ' : '') + formatValue(args[i], MAX_TEXT - text.length);
    }
    return text;
  }

  // Reading the reader's error may run their code (a getter) and throw: each part on its own.
  function read(error: any, key: string): string {
    try {
      var value = error[key];
      return typeof value === 'string' ? value : value === undefined ? '' : formatValue(value, MAX_TEXT);
    } catch (_error) {
      return '(' + key + ' could not be read: reading it threw)';
    }
  }

  function postError(error: any): void {
    var isObject = error !== null && (typeof error === 'object' || typeof error === 'function');
    if (isObject && (error instanceof Error || 'message' in error)) {
      post({ type: 'error', name: read(error, 'name') || 'Error', message: read(error, 'message'), stack: read(error, 'stack') });
    } else {
      post({ type: 'error', name: 'Error', message: 'Uncaught ' + formatValue(error, MAX_TEXT), stack: '' });
    }
  }

  function run(program: any, maxLines: number): void {
    var lines = 0;
    var cut = 0;
    var finished = false;
    var mainSettled = false;
    var timeouts = new Set<any>();

    function logger(level: string): any {
      return function () {
        if (lines >= maxLines) { cut++; return; }
        lines++;
        post({ type: 'line', level: level, text: formatArgs(arguments) });
      };
    }
    var playgroundConsole: any = {
      log: logger('log'), info: logger('info'), debug: logger('log'), warn: logger('warn'), error: logger('error'),
      table: function (data: any) { logger('log').call(null, data); },
    };
    (globalThis as any).__playgroundShow = function (value: any) {
      if (lines >= maxLines) { cut++; return; }
      lines++;
      try {
        post({ type: 'show', value: value });
      } catch (_error) {
        // not cloneable (a function inside): show it as text instead
        post({ type: 'line', level: 'log', text: formatArgs([value]) });
      }
    };

    function finish(error?: any): void {
      if (finished) return;
      finished = true;
      try {
        if (error !== undefined) postError(error);
      } catch (_error) {
        post({ type: 'error', name: 'Error', message: 'The code threw a value that cannot be described', stack: '' });
      }
      if (cut > 0) post({ type: 'cut', count: cut });
      post({ type: 'done' });
    }
    fail = function (error: any) {
      finish(error === undefined ? new Error('Threw undefined') : error);
    };
    // Done once main has settled and no timeout is pending. The check waits a turn of the
    // event loop, so that a promise rejected in the last callback is reported first.
    function settle(): void {
      if (finished || !mainSettled || timeouts.size > 0) return;
      realSetTimeout(function () {
        realSetTimeout(function () {
          if (!finished && timeouts.size === 0) finish();
        }, 0);
      }, 0);
    }
    function guarded(callback: any, args: any[]): void {
      try {
        if (typeof callback === 'function') callback.apply(undefined, args);
      } catch (error) {
        fail(error);
      }
    }
    var timers = {
      setTimeout: function (callback: any, delay?: number) {
        var args = Array.prototype.slice.call(arguments, 2);
        var id: any = realSetTimeout(function () {
          timeouts.delete(id);
          guarded(callback, args);
          settle();
        }, delay);
        timeouts.add(id);
        return id;
      },
      clearTimeout: function (id: any) {
        realClearTimeout(id);
        if (timeouts.delete(id)) settle();
      },
      setInterval: function (callback: any, delay?: number) {
        var args = Array.prototype.slice.call(arguments, 2);
        return realSetInterval(function () { guarded(callback, args); }, delay);
      },
      clearInterval: function (id: any) {
        realClearInterval(id);
      },
    };

    var byPath: any = {};
    for (var i = 0; i < program.modules.length; i++) byPath[program.modules[i].path] = program.modules[i];
    var cache: any = {};
    function load(path: string): any {
      if (cache[path]) return cache[path].exports;
      var record = byPath[path];
      var ahead = started[path];
      if (ahead && ahead.code === record.code) {
        cache[path] = ahead.module;
        return ahead.module.exports;
      }
      var module = { exports: {} as any };
      cache[path] = module;
      var ready = prepared[path];
      var factory = ready && ready.code === record.code ? ready.factory : (0, eval)(record.code);
      factory.call(module.exports, module.exports, function require(specifier: string) {
        var target = record.deps[specifier];
        if (!target) throw new Error("Cannot find '" + specifier + "' from " + path);
        return load(target);
      }, module, playgroundConsole, timers.setTimeout, timers.clearTimeout, timers.setInterval, timers.clearInterval);
      return module.exports;
    }
    try {
      var entry = load(program.entry);
      var main = entry && entry.default;
      if (typeof main !== 'function') {
        throw new TypeError(program.entry.replace(/^\//, '') + ' has no default export to run: add `export default function main() { ... }`');
      }
      post({ type: 'started' });
      Promise.resolve(main()).then(
        function () {
          mainSettled = true;
          settle();
        },
        function (error: any) {
          finish(error === undefined ? new Error('Rejected with undefined') : error);
        },
      );
    } catch (error) {
      fail(error);
    }
  }

  scope.addEventListener('message', function (event: any) {
    var data = event.data;
    if (data && data.type === 'run') {
      // What the page prepared for the allowlisted packages this run imports (compiled
      // WebAssembly, files): each package's module reads it (packages.ts, ASSETS_GLOBAL).
      (globalThis as any).__playgroundPackageAssets = data.assets || {};
      run(data.program, data.maxLines);
    }
    // After 'preload': the page's packages started ahead (PGlite's database), from the trusted
    // code already prepared, before any code of the reader's arrives. Once per worker.
    if (data && data.type === 'start-packages' && !packagesStarted) {
      packagesStarted = true;
      (globalThis as any).__playgroundPackageAssets = data.assets || {};
      for (var key in prepared) {
        if (key.indexOf('package:') !== 0) continue;
        try {
          var early = { exports: {} as any };
          prepared[key].factory.call(early.exports, early.exports, function (name: string) {
            throw new Error("Cannot find '" + name + "'");
          }, early, console, setTimeout, clearTimeout, setInterval, clearInterval);
          started[key] = { code: prepared[key].code, module: early };
        } catch (_error) {
          // the run loads it again, and reports the error then
        }
      }
    }
    if (data && data.type === 'preload') {
      for (var i = 0; i < data.modules.length; i++) {
        try {
          prepared[data.modules[i].path] = { code: data.modules[i].code, factory: (0, eval)(data.modules[i].code) };
        } catch (_error) {
          // the run evaluates it again, and reports the error then
        }
      }
    }
  });
  // Uncaught errors and rejections from anywhere else (a callback the runtime does not wrap).
  scope.addEventListener('error', function (event: any) {
    if (event.preventDefault) event.preventDefault();
    fail(event.error !== undefined && event.error !== null ? event.error : { name: 'Error', message: String(event.message), stack: '' });
  });
  scope.addEventListener('unhandledrejection', function (event: any) {
    if (event.preventDefault) event.preventDefault();
    fail(event.reason);
  });
}
