/**
 * Any value as the text a reader expects from `console.log` (Node's style: strings bare at the
 * top level, quoted inside structures), never longer than `limit` characters and never
 * throwing: the worker formats the reader's values with it, and the page formats with it
 * whatever the worker posts, which the reader's code controls (cycles, BigInt, getters that
 * throw, a `toString` that is not a function, 50 million characters).
 *
 * The worker's source is made from this function's text (see runner.ts), so it must stay
 * self-contained: no imports, no references outside its body, plain syntax that no bundler
 * rewrites into helper calls.
 */
/* eslint-disable no-var */
export function formatValue(value: unknown, limit: number): string {
  var MAX_ITEMS = 100;
  var MAX_DEPTH = 2;
  var used = 0;
  var full = false;

  // Each piece is charged to the budget; once it is spent, the rest is dropped, so a huge
  // or deeply repeated value costs at most `limit` characters of work.
  function take(text: string): string {
    if (full) return '';
    if (used + text.length > limit) {
      full = true;
      text = text.slice(0, Math.max(0, limit - used));
    }
    used += text.length;
    return text;
  }

  function quote(text: string): string {
    var cut = text.length > limit ? text.slice(0, limit) : text;
    return "'" + cut.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
  }

  function safe(read: () => any): any {
    try {
      return read();
    } catch (_error) {
      return undefined;
    }
  }

  function nameOf(object: any): string {
    var constructor = safe(function () { return object.constructor; });
    var name = typeof constructor === 'function' ? safe(function () { return constructor.name; }) : undefined;
    return typeof name === 'string' ? name : '';
  }

  function format(item: any, depth: number, seen: any[]): string {
    if (full) return '';
    if (typeof item === 'string') return take(depth === 0 ? item : quote(item));
    if (typeof item === 'number') return take(Object.is(item, -0) ? '-0' : String(item));
    if (typeof item === 'boolean' || item === undefined || item === null) return take(String(item));
    if (typeof item === 'bigint') return take(String(item) + 'n');
    if (typeof item === 'symbol') return take(safe(function () { return item.toString(); }) || 'Symbol()');
    if (typeof item === 'function') return take('[Function: ' + (safe(function () { return item.name; }) || '(anonymous)') + ']');
    if (typeof item !== 'object') return take('[' + typeof item + ']');
    if (item instanceof Error) {
      var name = safe(function () { return String(item.name); }) || 'Error';
      var message = safe(function () { return String(item.message); });
      var stack = safe(function () { return item.stack; });
      if (depth === 0 && typeof stack === 'string' && stack) return take(stack);
      return take('[' + name + (message ? ': ' + message : '') + ']');
    }
    if (seen.indexOf(item) >= 0) return take('[Circular *]');
    if (depth > MAX_DEPTH) return take(Array.isArray(item) ? '[Array]' : '[Object]');
    var inner = seen.concat([item]);
    var list: any[] = [];
    var i: number;
    if (item instanceof Map || item instanceof Set) {
      var size = item.size;
      var iterator = item.entries();
      for (var step = iterator.next(); !step.done && list.length < MAX_ITEMS; step = iterator.next()) {
        list.push(item instanceof Map ? { key: step.value[0], value: step.value[1] } : step.value[0]);
      }
      var kind = item instanceof Map ? 'Map' : 'Set';
      if (size === 0) return take(kind + '(0) {}');
      var out = take(kind + '(' + size + ') { ');
      for (i = 0; i < list.length && !full; i++) {
        if (i > 0) out += take(', ');
        out += item instanceof Map
          ? format(list[i].key, depth + 1, inner) + take(' => ') + format(list[i].value, depth + 1, inner)
          : format(list[i], depth + 1, inner);
      }
      if (size > list.length) out += take(', ... ' + (size - list.length) + ' more items');
      return out + take(' }');
    }
    if (Array.isArray(item) || ArrayBuffer.isView(item)) {
      var length = (item as any).length;
      if (typeof length !== 'number') length = 0;
      for (i = 0; i < length && i < MAX_ITEMS; i++) list.push((item as any)[i]);
      var prefix = Array.isArray(item) ? '' : nameOf(item) + '(' + length + ') ';
      if (length === 0) return take(prefix + '[]');
      var text = take(prefix + '[ ');
      for (i = 0; i < list.length && !full; i++) {
        if (i > 0) text += take(', ');
        text += format(list[i], depth + 1, inner);
      }
      if (length > list.length) text += take(', ... ' + (length - list.length) + ' more items');
      return text + take(' ]');
    }
    if (item instanceof Date) {
      var time = item.getTime();
      return take(isNaN(time) ? 'Invalid Date' : item.toISOString());
    }
    if (item instanceof RegExp) return take(String(item));
    var keys = safe(function () { return Object.keys(item); }) || [];
    var label = nameOf(item);
    var head = label && label !== 'Object' ? label + ' ' : '';
    if (keys.length === 0) return take(head + '{}');
    var body = take(head + '{ ');
    for (i = 0; i < keys.length && i < MAX_ITEMS && !full; i++) {
      if (i > 0) body += take(', ');
      var key = /^[A-Za-z_$][\w$]*$/.test(keys[i]) ? keys[i] : quote(keys[i]);
      var entry = safe(function () { return item[keys[i]]; });
      body += take(key + ': ') + format(entry, depth + 1, inner);
    }
    if (keys.length > MAX_ITEMS) body += take(', ... ' + (keys.length - MAX_ITEMS) + ' more items');
    return body + take(' }');
  }

  try {
    var result = format(value, 0, []);
    return full ? result + '… (cut at ' + limit.toLocaleString('en-US') + ' characters)' : result;
  } catch (_error) {
    return '[a value that cannot be shown]';
  }
}
