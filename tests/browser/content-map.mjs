// What each built page should show, worked out from the Markdown sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './harness.mjs';

/** Content folders and the URL path each is served under. */
const INSTANCES = [
  { dir: 'docs', base: '/docs/' },
  { dir: 'dogfooding', base: '/dogfooding/' },
];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** The route Docusaurus gives a doc: number prefixes dropped, index pages at their folder. */
export function routeOf(relPath, base) {
  const text = readFileSync(join(ROOT, relPath), 'utf8');
  const slug = /^---\n[\s\S]*?^slug:\s*(\S+)\s*$[\s\S]*?\n---/m.exec(text)?.[1];
  const parts = relPath.split('/').slice(1);
  const file = parts.pop().replace(/\.mdx?$/, '');
  const folders = parts.map((p) => p.replace(/^\d+-/, ''));
  if (slug) {
    const clean = slug.replace(/^['"]|['"]$/g, '');
    return clean.startsWith('/') ? `${base}${clean.slice(1)}`.replace(/\/?$/, '/') : `${base}${[...folders, clean].join('/')}/`;
  }
  const name = file.replace(/^\d+-/, '');
  const segments = name === 'index' || name === 'README' ? folders : [...folders, name];
  return `${base}${segments.map((s) => `${s}/`).join('')}`;
}

/** For every page built from Markdown: its source file and how many diagrams it has. */
export function pagesFromSources() {
  return INSTANCES.flatMap(({ dir, base }) =>
    walk(join(ROOT, dir))
      .filter((f) => /\.mdx?$/.test(f))
      .map((f) => {
        const rel = relative(ROOT, f);
        const text = readFileSync(f, 'utf8');
        const fences = (text.match(/^\s*```mermaid\s*$/gm) ?? []).length;
        // A diagram handed to the component directly (`<Mermaid value=...>`) is drawn in the reader's browser.
        const browserDrawn = (text.replace(/^(\s*)```[\s\S]*?^\1```/gm, '').match(/^<Mermaid\b/gm) ?? []).length;
        return { source: rel, route: routeOf(rel, base), diagrams: fences + browserDrawn, browserDrawn };
      }),
  );
}
