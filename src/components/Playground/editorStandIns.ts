/**
 * Stands in for `@codemirror/lang-html` and `@codemirror/lang-css` in the browser bundle (see
 * src/plugins/lazy-chunks.ts). Sandpack's editor builds a language for every kind of file it
 * might show; the Playground shows only TypeScript, so HTML and CSS get no highlighting
 * (an empty CodeMirror extension) instead of ~24 KiB of parsers nobody uses.
 */
import type { Extension } from '@codemirror/state';

export function html(): Extension {
  return [];
}

export function css(): Extension {
  return [];
}
