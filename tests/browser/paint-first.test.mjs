// A page paints before its bundle runs (src/plugins/paint-first.ts): runtime~main.js and main.js
// are preloaded, and put into the page only once the first paint has been shown; they run in
// order, each fetched once, and the page hydrates without an error, also where paint timing fails.
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
      const { bundle, firstPaint, how } = await page.evaluate(() => ({
        bundle: window.__bundle,
        firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        how: performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('paint-first:')).map((mark) => mark.name),
      }));
      const fetched = watcher.requested().filter((url) => BUNDLE.test(url)).map((url) => url.split('/').pop());
      assert.deepEqual(
        bundle.map((script) => script.file.replace(/\.[0-9a-f]+\.js$/, '')),
        ['runtime~main', 'main'],
        `the bundle's scripts, in the order they joined the page: ${JSON.stringify(bundle)}`,
      );
      // 'paint-first:timeout' would mean no paint was shown within 3 s of DOMContentLoaded.
      assert.deepEqual(how, ['paint-first:paint'], 'how the bundle came to run');
      assert.ok(firstPaint !== undefined, 'the page reported no first contentful paint');
      for (const script of bundle) {
        assert.ok(script.added >= firstPaint, `${script.file} joined the page at ${script.added.toFixed(0)} ms, before the first paint at ${firstPaint.toFixed(0)} ms`);
        assert.equal(script.async, false, `${script.file} must run in order (async = false)`);
      }
      assert.ok(bundle[0].loaded <= bundle[1].loaded, `runtime~main.js ran after main.js: ${JSON.stringify(bundle)}`);
      assert.equal(fetched.length, 2, `the bundle's files should be requested once each: ${fetched.join(', ')}`);
      assert.equal(new Set(fetched).size, 2, `the bundle's files requested: ${fetched.join(', ')}`);
      assert.deepEqual(watcher.problems(), []);
    } finally {
      await context.close();
    }
  });
}

test('where paint timing throws, the page still runs its bundle after its frames, and hydrates', async () => {
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  await page.addInitScript(() => {
    PerformanceObserver.prototype.observe = () => {
      throw new TypeError('observe() is broken in this browser');
    };
    // Nothing painted yet as far as the page can tell, so the observer is what it would use.
    const byName = Performance.prototype.getEntriesByName;
    Performance.prototype.getEntriesByName = function (name, type) {
      return name === 'first-contentful-paint' ? [] : byName.call(this, name, type);
    };
  });
  try {
    await page.goto(`${site.url}/docs/single-node/`, { waitUntil: 'domcontentloaded' });
    await hydrated(page);
    const how = await page.evaluate(() => performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('paint-first:')).map((mark) => mark.name));
    assert.deepEqual(how, ['paint-first:paint'], 'the bundle should run after frames, not after the 3 s timer');
    assert.deepEqual(watcher.problems(), []);
  } finally {
    await context.close();
  }
});
