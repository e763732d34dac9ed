// Local search works offline: typing a word from a chapter suggests that chapter,
// and choosing the suggestion opens it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, watchPage } from './harness.mjs';

// A word the single-node chapter is about, and the breadcrumb its hits carry.
const QUERY = 'utilisation';
const EXPECTED_CHAPTER = 'Single node';
const EXPECTED_PATH = '/docs/single-node/';

const site = useSite();

test(`searching "${QUERY}" finds the ${EXPECTED_CHAPTER} chapter and opens it`, async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  try {
    await page.goto(`${site.url}/docs/introduction/`, { waitUntil: 'networkidle' });
    const box = page.getByLabel('Search', { exact: true });
    await box.fill(QUERY);
    const hit = page.getByRole('option').filter({ hasText: EXPECTED_CHAPTER }).first();
    await hit.waitFor({ timeout: 10_000 });
    await hit.click();
    await page.waitForURL((url) => url.pathname === EXPECTED_PATH, { timeout: 10_000 });
    assert.match(await page.locator('article').innerText(), new RegExp(QUERY, 'i'));
    assert.deepEqual(watcher.problems(), []);
  } finally {
    await context.close();
  }
});
