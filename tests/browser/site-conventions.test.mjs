// What readers, link previews and search engines expect of every built page, read from the
// HTML in build/ (no browser needed): a social card, PNG icons, a last-updated date, and the
// test bench and search page kept out of the sitemap and out of search engines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, sitemapPaths } from './harness.mjs';

const html = (path) => readFileSync(join(BUILD_DIR, path, 'index.html'), 'utf8');
const sitemap = () => readFileSync(join(BUILD_DIR, 'sitemap.xml'), 'utf8');
const publicPaths = () => [...sitemap().matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(file) {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The file in build/ that an absolute or root-relative URL of the site points at. */
const builtFile = (url) => join(BUILD_DIR, decodeURI(new URL(url, 'https://site.invalid').pathname));

test('every public page has a 1200x630 PNG social card as og:image and twitter:image', () => {
  for (const path of publicPaths()) {
    const page = html(path);
    const og = /<meta[^>]*property="?og:image"?[^>]*content="?([^"\s>]+)/.exec(page)?.[1];
    assert.ok(og, `${path}: no og:image`);
    assert.match(page, /name="?twitter:image"?/, `${path}: no twitter:image`);
    assert.deepEqual(pngSize(builtFile(og)), { width: 1200, height: 630 }, `${path}: og:image ${og}`);
  }
});

test('every page links a 32 px PNG favicon and a 180 px apple-touch icon beside the SVG', () => {
  const page = html('docs/introduction');
  const href = (rel, extra = '') => new RegExp(`<link[^>]*rel="?${rel}"?[^>]*${extra}href="?([^"\\s>]+)`).exec(page)?.[1];
  const png = href('icon', 'type="?image/png"?[^>]*');
  const apple = href('apple-touch-icon');
  assert.ok(png && apple, 'missing <link rel=icon type=image/png> or <link rel=apple-touch-icon>');
  assert.deepEqual(pngSize(builtFile(png)), { width: 32, height: 32 });
  assert.deepEqual(pngSize(builtFile(apple)), { width: 180, height: 180 });
  assert.match(page, /<link[^>]*rel="?icon"?[^>]*href="?[^"\s>]*favicon\.svg/);
});

test('every chapter shows when it was last updated', () => {
  // Pages written in Markdown; a generated category index (/docs/reference/) has no file to date.
  const docs = publicPaths().filter((p) => p.startsWith('/docs/') && html(p).includes('theme-doc-markdown'));
  assert.ok(docs.length >= 8, `found only ${docs.length} doc pages`);
  for (const path of docs) {
    assert.match(html(path), /Last updated.{0,40}<time datetime="?\d{4}-\d\d-\d\d/, `${path}: no last-updated date`);
  }
});

test('the test bench and the search page are out of the sitemap and marked noindex', () => {
  const listed = publicPaths();
  assert.deepEqual(listed.filter((p) => /^\/(dogfooding|search)\//.test(p)), []);
  const bench = sitemapPaths().filter((p) => p.startsWith('/dogfooding/'));
  assert.ok(bench.length > 0, 'the browser tests must still visit the test bench');
  for (const path of [...bench, '/search/']) {
    assert.ok(existsSync(join(BUILD_DIR, path, 'index.html')), `${path} was not built`);
    assert.match(html(path), /<meta[^>]*name="?robots"?[^>]*content="?noindex/, `${path}: no <meta name="robots" content="noindex">`);
  }
  for (const path of listed) {
    assert.doesNotMatch(html(path), /<meta[^>]*name="?robots"?[^>]*noindex/, `${path} is public but noindex`);
  }
});

test('the bundle every page runs sets up no collator while it hydrates (src/plugins/no-collator.ts)', () => {
  const scripts = [...html('/docs/single-node/').matchAll(/(?:href|src)=["']?(\/assets\/js\/(?:runtime~main|main)\.[0-9a-f]+\.js)/g)].map((m) => m[1]);
  assert.equal(scripts.length, 2, `the bundle's preloads on /docs/single-node/: ${scripts.join(', ')}`);
  for (const script of scripts) {
    const calls = readFileSync(builtFile(script), 'utf8').match(/.{0,60}localeCompare.{0,40}/g) ?? [];
    assert.deepEqual(calls, [], `${script} calls localeCompare: add its sort to src/plugins/no-collator-loader.js, or say why it runs only after hydration`);
  }
});
