// The navbar's search box is a stand-in until a reader reaches for it (src/theme/SearchBar): the
// plugin's box and its code load only then, and nothing the reader did meanwhile is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, holdMainScript, hydrated, useSite, watchPage } from './harness.mjs';

const site = useSite();

/** The built chunks holding the search plugin's box: mark.js, which it alone uses, is in them. */
let foundChunks;
function pluginChunks() {
  const dir = join(BUILD_DIR, 'assets', 'js');
  foundChunks ??= readdirSync(dir).filter((file) => file.endsWith('.js') && readFileSync(join(dir, file), 'utf8').includes('unmark'));
  return foundChunks;
}

/** A page of its own browser context, as a new reader's. */
async function newPage() {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { page, watcher: watchPage(page, site.url), close: () => context.close() };
}

/**
 * A new reader's page of the introduction, showing the server's HTML with main.js held back, as on
 * a slow phone: `release()` lets the page hydrate. `box` is the search box the reader sees.
 */
async function pageBeforeHydration() {
  const opened = await newPage();
  const release = await holdMainScript(opened.page);
  await opened.page.goto(`${site.url}/docs/introduction/`, { waitUntil: 'commit' });
  return { ...opened, release, box: opened.page.locator('input[aria-label="Search"]:visible') };
}

/**
 * Whether the plugin's box shows suggestions, asked once it has set up its list of them. It adds
 * that list, hidden, shortly after it loads its index: counting lists at the index's request raced
 * with that (a hidden, empty list failed the check on a loaded machine).
 */
async function suggestionsShown(page) {
  const list = page.locator('.navbar__search [role="listbox"]');
  await list.first().waitFor({ state: 'attached', timeout: 20_000 });
  return { listShown: await list.first().isVisible(), options: await page.locator('.navbar__search [role="option"]').count() };
}

test('the plugin\'s box loads when a reader reaches for it, and keeps what was typed meanwhile', async () => {
  const chunks = pluginChunks();
  assert.ok(chunks.length > 0, 'no built chunk holds mark.js: has the search plugin changed?');
  const { page, watcher, close } = await newPage();
  const loaded = [];
  page.on('request', (request) => loaded.push(request.url().split('/').pop()));
  await page.goto(`${site.url}/docs/introduction/`, { waitUntil: 'networkidle' });
  const early = chunks.filter((chunk) => loaded.includes(chunk));
  assert.deepEqual(early, [], 'the search plugin\'s code loaded before the reader reached for search');
  assert.equal(await page.locator('main').count(), 1);
  // The stand-in's own listener, once the page runs (the last test presses before that).
  await hydrated(page);

  // The shortcut, then typing at once, faster than the box can load: every key must count.
  await page.keyboard.press('ControlOrMeta+k');
  await page.keyboard.type('hockey stick', { delay: 5 });
  const box = page.locator('input[aria-label="Search"]:visible');
  const options = page.locator('.navbar__search [role="option"]');
  await options.first().waitFor({ timeout: 20_000 });
  assert.equal(await box.inputValue(), 'hockey stick');
  assert.ok(await box.evaluate((input) => input === document.activeElement), 'the search box lost the focus');
  assert.match((await options.allInnerTexts()).join('\n'), /hockey stick/i);
  assert.ok(chunks.some((chunk) => loaded.includes(chunk)), 'the plugin\'s code never loaded');
  assert.deepEqual(watcher.problems(), []);
  await close();
});

test('a search hit\'s link marks its words, and the next page is unmarked', async () => {
  const { page, watcher, close } = await newPage();
  await page.goto(`${site.url}/docs/single-node/?_highlight=hockey&_highlight=stick`, { waitUntil: 'networkidle' });
  const marks = page.locator('article mark');
  await marks.first().waitFor({ timeout: 20_000 });
  assert.match((await marks.allInnerTexts()).join(' '), /hockey/i);
  assert.equal(await page.locator('input[aria-label="Search"]:visible').inputValue(), 'hockey stick');
  await page.locator('.pagination-nav__link--next').click();
  await page.waitForFunction(() => location.pathname !== '/docs/single-node/', null, { timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector('article mark'), null, { timeout: 20_000 });
  assert.deepEqual(watcher.problems(), []);
  await close();
});

test('pointing at the box loads the search index ahead of a click, as the plugin\'s box does', async () => {
  const { page, watcher, close } = await newPage();
  await page.goto(`${site.url}/docs/introduction/`, { waitUntil: 'networkidle' });
  // Pointing once the page runs (the next test points before).
  await hydrated(page);
  const index = page.waitForRequest((request) => /search-index.*\.json/.test(request.url()), { timeout: 20_000 });
  await page.locator('input[aria-label="Search"]:visible').hover();
  await index;
  assert.deepEqual(await suggestionsShown(page), { listShown: false, options: 0 }, 'hovering opened suggestions');
  assert.deepEqual(watcher.problems(), []);
  await close();
});

test('a pointer resting on the box before the page hydrates still loads the index ahead of a click', async () => {
  const { page, watcher, close, release, box } = await pageBeforeHydration();
  await box.hover();
  const index = page.waitForRequest((request) => /search-index.*\.json/.test(request.url()), { timeout: 15_000 });
  release();
  await index;
  assert.deepEqual(await suggestionsShown(page), { listShown: false, options: 0 }, 'pointing opened suggestions');
  assert.deepEqual(watcher.problems(), []);
  await close();
});

test('if the plugin\'s code cannot load, the page stays and the next reach tries again', async () => {
  const chunks = pluginChunks();
  const { page, watcher, close } = await newPage();
  await page.goto(`${site.url}/docs/introduction/`, { waitUntil: 'networkidle' });
  // Offline, or a page left open across a deploy that removed the chunk.
  const blocked = (route) => (chunks.some((chunk) => route.request().url().endsWith(`/${chunk}`)) ? route.abort('internetdisconnected') : route.continue());
  await page.route('**/*.js', blocked);
  const box = page.locator('input[aria-label="Search"]:visible');
  await box.click();
  await page.keyboard.type('hockey', { delay: 5 });
  await page.waitForTimeout(1_000);
  assert.equal(await page.locator('main h1').count(), 1, 'the page gave way when the search box failed to load');
  assert.equal(await box.inputValue(), 'hockey', 'the stand-in lost what was typed');
  const errors = watcher.problems().filter((problem) => !chunks.some((chunk) => problem.includes(chunk)) && !/Loading chunk|ChunkLoadError|ERR_INTERNET_DISCONNECTED/.test(problem));
  assert.deepEqual(errors, []);

  await page.unroute('**/*.js', blocked);
  await page.locator('main h1').click();
  await box.click();
  await page.keyboard.type(' stick', { delay: 5 });
  const options = page.locator('.navbar__search [role="option"]');
  await options.first().waitFor({ timeout: 20_000 });
  assert.equal(await box.inputValue(), 'hockey stick');
  await close();
});

test('a reader who taps the box and types before the page hydrates still gets suggestions', async () => {
  // The server-rendered box is there first, as on a slow phone.
  const { page, watcher, close, release, box } = await pageBeforeHydration();
  await box.click();
  assert.notEqual(await page.evaluate(() => document.documentElement.dataset.hasHydrated), 'true', 'the page hydrated before the test typed');
  await page.keyboard.type('hockey stick', { delay: 5 });
  release();
  const options = page.locator('.navbar__search [role="option"]');
  await options.first().waitFor({ timeout: 15_000 });
  assert.equal(await box.inputValue(), 'hockey stick');
  assert.deepEqual(watcher.problems(), []);
  await close();
});

test('the search shortcut pressed before the page hydrates focuses the box, and what follows is kept', async () => {
  const { page, watcher, close, release, box } = await pageBeforeHydration();
  await box.waitFor();
  await page.keyboard.press('ControlOrMeta+k');
  assert.ok(await box.evaluate((input) => input === document.activeElement), 'the shortcut did not focus the server-rendered box');
  await page.keyboard.type('hockey stick', { delay: 5 });
  assert.notEqual(await page.evaluate(() => document.documentElement.dataset.hasHydrated), 'true', 'the page hydrated before the test typed');
  release();
  const options = page.locator('.navbar__search [role="option"]');
  await options.first().waitFor({ timeout: 15_000 });
  assert.equal(await box.inputValue(), 'hockey stick');
  assert.ok(await box.evaluate((input) => input === document.activeElement), 'the search box lost the focus');
  // Once the page runs, the shortcut still focuses the box (the plugin's listener, by then).
  await page.locator('main h1').click();
  await page.keyboard.press('ControlOrMeta+k');
  assert.ok(await box.evaluate((input) => input === document.activeElement), 'the shortcut no longer focuses the box after hydration');
  assert.deepEqual(watcher.problems(), []);
  await close();
});

test('the search box\'s shortcut hint never covers its placeholder, from a small tablet to a laptop', async () => {
  const { page, watcher, close } = await newPage();
  try {
    const seen = [];
    for (const width of [600, 844, 996, 997, 1280]) {
      await page.setViewportSize({ width, height: 700 });
      await page.goto(`${site.url}/docs/introduction/`, { waitUntil: 'networkidle' });
      const { textEnd, hintStart } = await page.evaluate(() => {
        const input = document.querySelector('.navbar input[aria-label="Search"]');
        const style = getComputedStyle(input);
        const canvas = document.createElement('canvas').getContext('2d');
        canvas.font = `${style.fontSize} ${style.fontFamily}`;
        const box = input.getBoundingClientRect();
        const keys = [...document.querySelectorAll('.navbar kbd')].filter((key) => key.getClientRects().length > 0);
        return {
          textEnd: box.left + parseFloat(style.paddingLeft) + canvas.measureText(input.placeholder).width,
          hintStart: keys.length > 0 ? Math.min(...keys.map((key) => key.getBoundingClientRect().left)) : null,
        };
      });
      seen.push(`${width}px: ${hintStart === null ? 'no hint' : 'hint'}`);
      if (hintStart !== null) assert.ok(hintStart >= textEnd + 4, `at ${width} px the hint starts at ${hintStart.toFixed(0)} px, over the placeholder, which ends at ${textEnd.toFixed(0)} px`);
    }
    // The hint still shows where it fits.
    assert.equal(seen.at(-1), '1280px: hint', seen.join(', '));
    assert.deepEqual(watcher.problems(), []);
  } finally {
    await close();
  }
});
