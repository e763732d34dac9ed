/**
 * The Playground's worker, worker-thread half of the module loader. The page turns this one
 * function into the worker's whole source (`(${workerMain})(self)` in a Blob URL), so it must
 * stay self-contained: no imports, no references to anything outside its body, and plain
 * syntax that no bundler rewrites into helper calls.
 *
 * Protocol, page -> worker: {type: 'run', program: {entry, modules: [{path, code, deps}]}, maxLines}
 *   where `code` is already wrapped by `wrapModule` (a function expression, one line longer).
 * Worker -> page: {type: 'line', level, text} | {type: 'show', value} | {type: 'cut', count}
 *   | {type: 'error', name, message, stack} | {type: 'done'}
 */
/* eslint-disable no-var, prefer-rest-params */
export function workerMain(scope: any): void {
  var MAX_TEXT = 10000;

  // Like Node's console: strings bare at the top level, quoted inside structures.
  function format(value: any, depth: number, seen: any[]): string {
    if (typeof value === 'string') return depth === 0 ? value : "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
    if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
      return Object.is(value, -0) ? '-0' : String(value);
    }
    if (typeof value === 'bigint') return String(value) + 'n';
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'function') return '[Function: ' + (value.name || '(anonymous)') + ']';
    if (value instanceof Error) return depth === 0 && value.stack ? value.stack : '[' + value.name + ': ' + value.message + ']';
    if (seen.indexOf(value) >= 0) return '[Circular *]';
    if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
    seen = seen.concat([value]);
    var parts: string[] = [];
    var i: number;
    if (value instanceof Map || value instanceof Set) {
      var items: any[] = Array.from(value.entries());
      for (i = 0; i < items.length && i < 100; i++) {
        parts.push(value instanceof Map
          ? format(items[i][0], depth + 1, seen) + ' => ' + format(items[i][1], depth + 1, seen)
          : format(items[i][0], depth + 1, seen));
      }
      if (items.length > 100) parts.push('... ' + (items.length - 100) + ' more items');
      return (value instanceof Map ? 'Map' : 'Set') + '(' + value.size + ') ' + (parts.length ? '{ ' + parts.join(', ') + ' }' : '{}');
    }
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      var list = value as any;
      for (i = 0; i < list.length && i < 100; i++) parts.push(format(list[i], depth + 1, seen));
      if (list.length > 100) parts.push('... ' + (list.length - 100) + ' more items');
      var prefix = Array.isArray(value) ? '' : value.constructor.name + '(' + list.length + ') ';
      return prefix + (parts.length ? '[ ' + parts.join(', ') + ' ]' : '[]');
    }
    if (value instanceof Date) return isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    var keys = Object.keys(value);
    for (i = 0; i < keys.length && i < 100; i++) {
      var key = /^[A-Za-z_$][\w$]*$/.test(keys[i]) ? keys[i] : "'" + keys[i] + "'";
      parts.push(key + ': ' + format(value[keys[i]], depth + 1, seen));
    }
    if (keys.length > 100) parts.push('... ' + (keys.length - 100) + ' more items');
    var name = value.constructor && value.constructor !== Object && value.constructor.name ? value.constructor.name + ' ' : '';
    return name + (parts.length ? '{ ' + parts.join(', ') + ' }' : '{}');
  }

  function formatArgs(args: ArrayLike<any>): string {
    var texts: string[] = [];
    for (var i = 0; i < args.length; i++) texts.push(format(args[i], 0, []));
    var text = texts.join(' ');
    return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + '... (' + (text.length - MAX_TEXT) + ' more characters)' : text;
  }

  function postError(error: any): void {
    if (error instanceof Error || (error && typeof error === 'object' && 'message' in error)) {
      scope.postMessage({ type: 'error', name: String(error.name || 'Error'), message: String(error.message), stack: String(error.stack || '') });
    } else {
      scope.postMessage({ type: 'error', name: 'Error', message: 'Uncaught ' + format(error, 1, []), stack: '' });
    }
  }

  function run(program: any, maxLines: number): void {
    var lines = 0;
    var cut = 0;
    var finished = false;
    function emit(message: any): boolean {
      if (lines < maxLines) {
        lines++;
        scope.postMessage(message);
        return true;
      }
      cut++;
      return false;
    }
    function logger(level: string): any {
      return function () {
        if (lines < maxLines) emit({ type: 'line', level: level, text: formatArgs(arguments) });
        else cut++;
      };
    }
    var playgroundConsole: any = {
      log: logger('log'), info: logger('info'), debug: logger('log'), warn: logger('warn'), error: logger('error'),
      table: function (data: any) { logger('log').call(null, data); },
    };
    (globalThis as any).__playgroundShow = function (value: any) {
      if (lines >= maxLines) { cut++; return; }
      try {
        emit({ type: 'show', value: value });
      } catch (_error) {
        // not cloneable (a function inside): show it as text instead
        lines--;
        emit({ type: 'line', level: 'log', text: formatArgs([value]) });
      }
    };
    var byPath: any = {};
    for (var i = 0; i < program.modules.length; i++) byPath[program.modules[i].path] = program.modules[i];
    var cache: any = {};
    function load(path: string): any {
      if (cache[path]) return cache[path].exports;
      var record = byPath[path];
      var module = { exports: {} as any };
      cache[path] = module;
      var factory = (0, eval)(record.code);
      factory.call(module.exports, module.exports, function require(specifier: string) {
        var target = record.deps[specifier];
        if (!target) throw new Error("Cannot find '" + specifier + "' from " + path);
        return load(target);
      }, module, playgroundConsole);
      return module.exports;
    }
    function finish(error?: any) {
      if (finished) return;
      finished = true;
      if (error !== undefined) postError(error);
      if (cut > 0) scope.postMessage({ type: 'cut', count: cut });
      scope.postMessage({ type: 'done' });
    }
    try {
      var entry = load(program.entry);
      var main = entry && entry.default;
      if (typeof main !== 'function') {
        throw new TypeError(program.entry.replace(/^\//, '') + ' has no default export to run: add `export default function main() { ... }`');
      }
      Promise.resolve(main()).then(function () { finish(); }, function (error: any) { finish(error === undefined ? new Error('Rejected with undefined') : error); });
    } catch (error) {
      finish(error === undefined ? new Error('Threw undefined') : error);
    }
  }

  scope.addEventListener('message', function (event: any) {
    var data = event.data;
    if (data && data.type === 'run') run(data.program, data.maxLines);
  });
  scope.addEventListener('error', function (event: any) {
    if (event.preventDefault) event.preventDefault();
    postError(event.error || { name: 'Error', message: event.message, stack: '' });
  });
  scope.addEventListener('unhandledrejection', function (event: any) {
    if (event.preventDefault) event.preventDefault();
    postError(event.reason);
  });
  scope.postMessage({ type: 'ready' });
}
