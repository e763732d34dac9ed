// Shared pieces of the browser tests: a static server for build/, system Chromium,
// the sitemap, and a watcher that collects everything a reader would call broken.
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before } from 'node:test';

import { launchBrowser } from '../../scripts/chromium.mjs';

export { CHROMIUM_ARGS, chromeCandidates, chromePath, launchBrowser } from '../../scripts/chromium.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname;
// SITE_BUILD_DIR lets a second checkout or a parallel run test another build.
export const BUILD_DIR = process.env.SITE_BUILD_DIR ?? join(ROOT, 'build');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Maps a URL path to a file in build/, the way a static host (GitHub Pages) does. */
function fileFor(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  let file = join(BUILD_DIR, clean);
  if (!file.startsWith(BUILD_DIR + sep) && file !== BUILD_DIR) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) ? file : null;
}

/** Serves build/ on 127.0.0.1 at a free port, gzip-compressed where the client accepts it. */
export async function startServer() {
  if (!existsSync(join(BUILD_DIR, 'index.html'))) {
    throw new Error('build/ has no index.html: run `npm run build` before the browser tests.');
  }
  const gzipped = new Map();
  const server = createServer((req, res) => {
    const file = fileFor(req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(existsSync(join(BUILD_DIR, '404.html')) ? readFileSync(join(BUILD_DIR, '404.html')) : 'Not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // Compressed like a real static host (GitHub Pages), so that throttled-network figures mean
    // something; a reader's browser always accepts gzip.
    if (/^(text|application\/(json|xml))|svg/.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      let body = gzipped.get(file);
      if (!body) gzipped.set(file, (body = gzipSync(readFileSync(file))));
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
      res.end(body);
      return;
    }
    res.writeHead(200, { 'content-type': type });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The built site and a browser for one test file: `const site = useSite();` at the top level,
 * then `site.url` and `site.browser` in its tests. Started before the file's first test and
 * closed after its last.
 */
export function useSite() {
  const site = { url: '', browser: undefined, server: undefined };
  before(async () => {
    site.server = await startServer();
    site.url = site.server.url;
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/**
 * Every page the browser tests visit: the paths in the built sitemap, e.g. ['/', '/docs/introduction/', ...],
 * then the test bench's pages (build/dogfooding/), which the public sitemap leaves out (they are noindex).
 */
export function sitemapPaths() {
  const xml = readFileSync(join(BUILD_DIR, 'sitemap.xml'), 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  if (paths.length === 0) throw new Error('build/sitemap.xml lists no pages.');
  const bench = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'index.html') bench.push(`/${relative(BUILD_DIR, dir).split(sep).join('/')}/`);
    }
  };
  if (existsSync(join(BUILD_DIR, 'dogfooding'))) walk(join(BUILD_DIR, 'dogfooding'));
  return [...paths, ...bench.sort().filter((path) => !paths.includes(path))];
}

/**
 * Watches a page for what a reader would see as broken: console errors, uncaught
 * exceptions, failed or 4xx/5xx requests, and any request to a host other than the site.
 */
export function watchPage(page, baseUrl) {
  const origin = new URL(baseUrl).origin;
  const problems = [];
  const requested = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    requested.push(url);
    if (/^(data|blob|about):/.test(url)) return;
    if (new URL(url).origin !== origin) problems.push(`request to another host: ${url}`);
  });
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText;
    // Leaving a page aborts its pending requests; that is not a broken link.
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${reason})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    problems: () => [...problems],
    requested: () => [...requested],
    clear: () => {
      problems.length = 0;
      requested.length = 0;
    },
  };
}

/**
 * Draws every diagram on the page without scrolling. Diagrams render as they near the viewport;
 * the event `diagrams:draw-all` on window (src/theme/Mermaid/useNearViewport.ts) draws them all,
 * hidden ones (in a tab not shown) too. (tests/browser/diagrams.test.mjs checks the scrolling
 * and print paths.) Returns how many are drawn and how many still wait after `timeout`.
 */
export async function drawDiagrams(page, { timeout = 60_000 } = {}) {
  const waiting = '[data-diagram][data-diagram-state="placeholder"]';
  // The event's listener is the page's code: sent before the page runs, nobody would hear it.
  await hydrated(page);
  await page.evaluate(() => window.dispatchEvent(new Event('diagrams:draw-all')));
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, waiting, { timeout }).catch(() => {});
  return page.evaluate((selector) => ({
    drawn: document.querySelectorAll('[data-diagram]:not([data-diagram-state="placeholder"])').length,
    waiting: document.querySelectorAll(selector).length,
  }), waiting);
}

/**
 * Waits until no CSS transition is running. The theme's colours fade for a few hundred
 * milliseconds after the colour mode switches (Infima's transitions): a contrast check in the
 * middle of the fade measures colours neither theme has. Gives up quietly after `timeout`.
 */
export async function transitionsSettled(page, { timeout = 5_000 } = {}) {
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'), null, { timeout }).catch(() => {});
}

/**
 * Resolves once React has taken over the page: a button of the server's HTML does nothing until
 * then, and on a loaded machine `networkidle` or `load` can come first (seen in CI: the search
 * shortcut, pressed at networkidle, reached a page still hydrating).
 */
export async function hydrated(page) {
  await page.waitForFunction(() => document.documentElement.dataset.hasHydrated === 'true', null, { timeout: 30_000 });
}

/**
 * Holds the page's main.js back, as a slow phone's network and CPU do, so that a test sees and
 * touches the server's HTML before React hydrates it. Call before `goto`; the page hydrates once
 * `release()` is called. The page's preload of main.js is what waits (src/plugins/paint-first.ts),
 * so `goto` can wait for 'domcontentloaded' or 'commit', not for 'load'.
 */
export async function holdMainScript(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/assets\/js\/main\.[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const gzipSizes = new Map();

/** The gzip size in bytes of a file the site serves, given its URL. */
export function gzipSizeOf(url) {
  const file = fileFor(new URL(url).pathname);
  if (!file) throw new Error(`not in build/: ${url}`);
  // Every page loads main.js and the runtime: compressed once, not once a page.
  let size = gzipSizes.get(file);
  if (size === undefined) gzipSizes.set(file, (size = gzipSync(readFileSync(file), { level: 9 }).length));
  return size;
}

/**
 * Most JavaScript (gzip) any page may load on first view. A plain chapter page loads about
 * 200 KB (React, the router, Docusaurus's theme, the page); Mermaid and the Playground's
 * editor come later. The budget leaves room to grow and catches a lazy library slipping into
 * the chunks every page loads (Mermaid's parser once added 145 KB to every page that way).
 */
export const FIRST_VIEW_BUDGET_BYTES = 250 * 1000;

/**
 * The JavaScript a page loaded on first view: every script it fetched, without scrolling or
 * clicking, before the first lazily loaded feature started loading. Call it on a page that
 * has loaded (`waitUntil: 'networkidle'`). Lazy features (the diagram renderer, the
 * Playground editor) announce themselves with `performance.mark('lazy:<name>')` right before
 * their dynamic import, so what was fetched from then on is theirs; `lazy` lists it.
 * Scripts Docusaurus prefetches in idle time for the pages that visible links lead to are
 * not this page's and not counted; `prefetched` lists them. Each URL counts once.
 */
export async function firstViewJavaScript(page) {
  const { scripts, cutoff, prefetchOnly } = await page.evaluate(() => {
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('lazy:'));
    const entries = performance
      .getEntriesByType('resource')
      .filter((r) => r.initiatorType === 'script' || /\.js(\?|$)/.test(r.name))
      .map((r) => ({ url: r.name, startTime: r.startTime, initiator: r.initiatorType }));
    const prefetchLinks = new Set([...document.querySelectorAll('link[rel="prefetch"]')].map((link) => link.href));
    const run = new Set(entries.filter((e) => e.initiator === 'script').map((e) => e.url));
    const preloaded = new Set([...document.querySelectorAll('link[rel="preload"], link[rel="modulepreload"]')].map((link) => link.href));
    return {
      cutoff: marks.length ? Math.min(...marks.map((m) => m.startTime)) : Infinity,
      scripts: entries,
      prefetchOnly: [...prefetchLinks].filter((url) => !run.has(url) && !preloaded.has(url)),
    };
  });
  const firstFetch = new Map();
  for (const script of scripts) {
    if (script.url.startsWith('blob:')) continue;
    const seen = firstFetch.get(script.url);
    if (!seen || script.startTime < seen.startTime) firstFetch.set(script.url, script);
  }
  const sized = [...firstFetch.values()].map((r) => ({ url: r.url, startTime: r.startTime, gzipBytes: gzipSizeOf(r.url) }));
  const notOurs = new Set(prefetchOnly);
  const prefetched = sized.filter((r) => notOurs.has(r.url));
  const files = sized.filter((r) => !notOurs.has(r.url) && r.startTime < cutoff);
  const lazy = sized.filter((r) => !notOurs.has(r.url) && r.startTime >= cutoff);
  const sum = (list) => list.reduce((total, f) => total + f.gzipBytes, 0);
  return { files, gzipBytes: sum(files), lazy, lazyGzipBytes: sum(lazy), prefetched, prefetchedGzipBytes: sum(prefetched) };
}

/** `path 12.3 KB` a line, largest first: what a budget failure prints. */
export function describeScripts(files) {
  return [...files]
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .map((f) => `  ${new URL(f.url).pathname} ${(f.gzipBytes / 1000).toFixed(1)} KB`)
    .join('\n');
}
