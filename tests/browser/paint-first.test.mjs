// A page paints before its bundle runs (src/plugins/paint-first.ts): runtime~main.js and main.js
// are preloaded, and put into the page only after the parsed page has had a frame; they run in
// order, each fetched once, and the page hydrates without an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, useSite, watchPage } from './harness.mjs';

const site = useSite();
const BUNDLE = /\/assets\/js\/(runtime~main|main)\.[0-9a-f]+\.js$/;

for (const path of ['/docs/single-node/', '/']) {
  test(`${path}: the first paint comes before the bundle is in the page, and the bundle runs, in order, fetched once`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const watcher = watchPage(page, site.url);
    // Before the page's own HTML: when each script of the bundle joins the document, parsed or
    // added by script, and when it starts to run.
    await page.addInitScript((pattern) => {
      const bundle = new RegExp(pattern);
      window.__bundle = [];
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node.tagName === 'SCRIPT' && bundle.test(node.src)) {
              const entry = { file: node.src.split('/').pop(), added: performance.now(), async: node.async, defer: node.defer };
              window.__bundle.push(entry);
              node.addEventListener('load', () => (entry.loaded = performance.now()));
            }
          }
        }
      }).observe(document, { childList: true, subtree: true });
    }, BUNDLE.source);
    try {
      await page.goto(site.url + path, { waitUntil: 'load' });
      await hydrated(page);
      const { bundle, firstPaint, fetched } = await page.evaluate((pattern) => ({
        bundle: window.__bundle,
        firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        fetched: performance.getEntriesByType('resource').filter((entry) => new RegExp(pattern).test(entry.name)).map((entry) => entry.name.split('/').pop()),
      }), BUNDLE.source);
      assert.deepEqual(
        bundle.map((script) => script.file.replace(/\.[0-9a-f]+\.js$/, '')),
        ['runtime~main', 'main'],
        `the bundle's scripts, in the order they joined the page: ${JSON.stringify(bundle)}`,
      );
      assert.ok(firstPaint !== undefined, 'the page reported no first contentful paint');
      for (const script of bundle) {
        assert.ok(script.added >= firstPaint, `${script.file} joined the page at ${script.added.toFixed(0)} ms, before the first paint at ${firstPaint.toFixed(0)} ms`);
        assert.equal(script.async, false, `${script.file} must run in order (async = false)`);
      }
      assert.ok(bundle[0].loaded <= bundle[1].loaded, `runtime~main.js ran after main.js: ${JSON.stringify(bundle)}`);
      assert.deepEqual([...fetched].sort(), [...new Set(fetched)].sort(), `a file of the bundle was fetched twice: ${fetched.join(', ')}`);
      assert.equal(new Set(fetched).size, 2, `the bundle's files fetched: ${fetched.join(', ')}`);
      assert.deepEqual(watcher.problems(), []);
    } finally {
      await context.close();
    }
  });
}
