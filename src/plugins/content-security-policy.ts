import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/**
 * A Content-Security-Policy on every built page, as a `<meta http-equiv>` (GitHub Pages cannot
 * send headers). The Playground runs code a reader typed or a share link carried; the policy
 * keeps that code, and anything injected into a page, from reaching another host: no fetch,
 * beacon, WebSocket or script from elsewhere, no form posted elsewhere, no plugin objects.
 *
 * Inline scripts are allowed by their SHA-256 alone, computed here after the build, since
 * Docusaurus writes some of them (the colour-mode script) and they change with its versions; the
 * site's own (the search shortcut before hydration, src/theme/SearchBar/shortcut.ts; the script
 * that runs the bundle after the first paint, src/plugins/paint-first.ts) are hashed the same way. Every page allows the inline
 * scripts of all pages: the site is a single-page app, and a page reached by a link keeps the
 * policy of the page the reader opened first. The meta tag comes before every script of the page, or the browser would run
 * those scripts unchecked. Not covered: `npm start` (no build, no policy),
 * and what a meta tag cannot set (frame-ancestors, reporting).
 *
 * - 'unsafe-eval': the Playground's worker evaluates the reader's compiled modules, and a blob:
 *   worker takes the page's policy.
 * - style-src 'unsafe-inline': Mermaid's SVGs and React's style attributes.
 * - worker-src blob:: the Playground's worker is made from a Blob URL.
 */
export const DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const ATTRIBUTE = (name: string) => new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?(?=\\s|$)`, 'i');
// Types a browser runs; any other (application/ld+json) is data, which the policy does not check.
const SCRIPT_TYPES = /^(|module|(text|application)\/(java|ecma)script)$/i;

/** The base64 SHA-256 of each inline script a browser would run, in page order. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (ATTRIBUTE('src').test(attributes)) continue;
    const type = ATTRIBUTE('type').exec(attributes);
    const value = type ? (type[1] ?? type[2] ?? type[3] ?? '').trim() : '';
    if (!SCRIPT_TYPES.test(value)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...new Set(hashes)];
}

export function policyFor(hashes: string[]): string {
  return Object.entries(DIRECTIVES)
    .map(([name, sources]) => [name, ...(name === 'script-src' ? [sources[0], ...hashes, ...sources.slice(1)] : sources)].join(' '))
    .join('; ');
}

/**
 * The page with its policy as the first thing in <head> after the charset, allowing `hashes`
 * (by default the page's own inline scripts). Throws, naming `file`, when the page has no
 * <head> or already carries a policy.
 */
export function withPolicy(html: string, file: string, hashes = inlineScriptHashes(html)): string {
  if (/<meta[^>]+http-equiv=["']?content-security-policy/i.test(html)) {
    throw new Error(`${file}: already has a Content-Security-Policy meta tag; remove it, src/plugins/content-security-policy.ts adds one to every page`);
  }
  const head = /<head\b[^>]*>(\s*<meta\s+charset\b[^>]*>)?/i.exec(html);
  if (!head) throw new Error(`${file}: no <head> to put the Content-Security-Policy in; every built page needs one`);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(hashes)}">`;
  const at = head.index + head[0].length;
  return html.slice(0, at) + meta + html.slice(at);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
}

export default function contentSecurityPolicyPlugin(context: LoadContext): Plugin {
  return {
    name: 'content-security-policy',
    async postBuild({ outDir }) {
      const pages = await Promise.all((await htmlFiles(outDir)).map(async (file) => ({ file, html: await readFile(file, 'utf8') })));
      const hashes = [...new Set(pages.flatMap((page) => inlineScriptHashes(page.html)))].sort();
      for (const { file, html: built } of pages) {
        const html = withPolicy(built, relative(context.siteDir, file), hashes);
        // Other plugins read the pages in their own postBuild (the search index): replace each
        // file whole, never leave one half written.
        const temporary = `${file}.csp-tmp`;
        await writeFile(temporary, html);
        await rename(temporary, file);
      }
    },
  };
}
