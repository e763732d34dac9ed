// Prefetching the pages a chapter links to, as src/clientModules/idlePrefetch.ts arranges it:
// after the page has loaded, in idle time, each file once. Docusaurus alone asked for the
// chunks routes share once per route (257 <link rel="prefetch"> for 24 files on /docs/cluster/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hydrated, useSite, watchPage } from './harness.mjs';

const CHAPTER = '/docs/cluster/';
const site = useSite();

test(`${CHAPTER}: the linked pages' files are prefetched after load, each once, none the page fetched already`, async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  try {
    await page.goto(site.url + CHAPTER, { waitUntil: 'load' });
    // Prefetching starts once the page runs, in idle moments: wait for the first link (a loaded
    // machine has few idle moments), then until the links stop changing.
    await hydrated(page);
    await page.waitForFunction(() => document.querySelector('link[rel="prefetch"]') !== null, null, { timeout: 30_000 }).catch(() => {});
    let previous = -1;
    for (let i = 0; i < 40; i++) {
      const count = await page.locator('link[rel="prefetch"]').count();
      if (count > 0 && count === previous) break;
      previous = count;
      await page.waitForTimeout(250);
    }
    const { links, fetchedAsScripts } = await page.evaluate(() => ({
      links: [...document.querySelectorAll('link[rel="prefetch"]')].map((link) => link.href),
      // Scripts the page ran: those its code asked for, and its bundle, preloaded (src/plugins/paint-first.ts).
      fetchedAsScripts: [
        ...performance.getEntriesByType('resource').filter((entry) => entry.initiatorType === 'script').map((entry) => entry.name),
        ...[...document.querySelectorAll('link[rel="preload"][as="script"]')].map((link) => link.href),
      ],
    }));
    assert.ok(links.length > 0, 'no file was prefetched: did Docusaurus stop calling window.docusaurus.prefetch?');
    const repeated = links.filter((href, i) => links.indexOf(href) !== i);
    assert.deepEqual([...new Set(repeated)], [], `files prefetched more than once (${links.length} links for ${new Set(links).size} files)`);
    assert.deepEqual(links.filter((href) => fetchedAsScripts.includes(href)), [], 'files prefetched that the page had loaded already');
    assert.deepEqual(watcher.problems(), []);
  } finally {
    await context.close();
  }
});
