// Local search works offline and finds what a reader means: prose before code, the book's
// British spellings from American queries, and a search page that is a proper page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeBuilder } from './axe.mjs';
import { BUILD_DIR, ROOT, useSite, watchPage } from './harness.mjs';

// Words the single-node chapter is about (and only two other pages mention: with eight chapters,
// "utilisation" fills the eight suggestions before chapter 01), and the breadcrumb its hits carry.
const QUERY = 'hockey stick';
const EXPECTED_CHAPTER = 'Single node';
const EXPECTED_PATH = '/docs/single-node/';

const site = useSite();

/** Types `query` into the navbar's search box and returns the suggestions' texts, best first. */
async function suggestions(page, query) {
  // The visible box: while the plugin's box mounts it is in the page hidden, beside the stand-in
  // (src/theme/SearchBar), and once it is live autocomplete.js makes it a combobox.
  const box = page.locator('input[aria-label="Search"]:visible');
  // Type as a reader does: focusing the box loads the index, each key asks for suggestions.
  await box.click();
  await box.fill('');
  await box.pressSequentially(query, { delay: 30 });
  const options = page.getByRole('option');
  await options.first().waitFor({ timeout: 20_000 });
  // The list fills as the worker answers: wait until it stops changing.
  let texts = [];
  for (let i = 0; i < 20; i++) {
    const next = (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    if (next.length > 0 && next.join('\n') === texts.join('\n')) break;
    texts = next;
    await page.waitForTimeout(150);
  }
  return texts;
}

async function withPage(fn) {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  try {
    await page.goto(`${site.url}/docs/introduction/`, { waitUntil: 'networkidle' });
    await fn(page);
    assert.deepEqual(watcher.problems(), []);
  } finally {
    await context.close();
  }
}

test(`searching "${QUERY}" finds the ${EXPECTED_CHAPTER} chapter and opens it`, () =>
  withPage(async (page) => {
    await suggestions(page, QUERY);
    const hit = page.getByRole('option').filter({ hasText: EXPECTED_CHAPTER }).first();
    await hit.click();
    await page.waitForURL((url) => url.pathname === EXPECTED_PATH, { timeout: 20_000 });
    // The address changes before the new page is drawn: wait for its article, not the old one.
    const article = page.locator('article').filter({ has: page.locator('h1', { hasText: EXPECTED_CHAPTER }) });
    await article.waitFor({ timeout: 20_000 }).catch(() => {});
    assert.match(await page.locator('article').innerText(), new RegExp(QUERY, 'i'));
  }));

test('the index holds the prose and leaves the Playgrounds\' code out', () => {
  const index = JSON.parse(readFileSync(join(BUILD_DIR, 'search-index.json'), 'utf8'));
  const indexed = index.flatMap((part) => part.documents.map((d) => d.t ?? '')).join('\n');
  assert.match(indexed, /utilisation/);
  // Lines of the examples that no page repeats in its text: only a Playground shows them.
  const pages = ['docs', 'dogfooding'].flatMap((dir) => walk(join(ROOT, dir))).map((f) => readFileSync(f, 'utf8')).join('\n');
  const codeOnly = exampleSources()
    .flatMap((source) => source.split('\n'))
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line.length > 40 && !line.startsWith('//') && !line.startsWith('*') && !pages.includes(line));
  assert.ok(codeOnly.length > 50, `expected many lines of example code, found ${codeOnly.length}`);
  const leaked = codeOnly.filter((line) => indexed.includes(line));
  assert.deepEqual(leaked.slice(0, 5), [], `${leaked.length} lines of Playground code are in the search index`);
});

// Queries that only read the suggestions share one page: each clears the box and types anew, as
// a reader searching again does (the first one also loads the index).
describe('suggestions, on one page', () => {
  let context;
  let page;
  let watcher;
  before(async () => {
    context = await site.browser.newContext();
    page = await context.newPage();
    watcher = watchPage(page, site.url);
    await page.goto(`${site.url}/docs/introduction/`, { waitUntil: 'networkidle' });
  });
  after(async () => {
    await context?.close();
  });
  /** Runs `fn` on the shared page; what went wrong on it meanwhile fails this test. */
  const onPage = async (fn) => {
    watcher.clear();
    await fn(page);
    assert.deepEqual(watcher.problems(), []);
  };

  test('"p99" suggests prose first, not a line of code', () =>
    onPage(async () => {
      const [first] = await suggestions(page, 'p99');
      assert.match(first, /p99/i);
      // The snippet is what precedes the breadcrumb ("The book › ..."), cut with ellipses.
      const snippet = first.split(' The book ›')[0].replace(/^…\s*|\s*…$/g, '').trim();
      const code = exampleSources().map((source) => source.replace(/\s+/g, ' '));
      assert.ok(!code.some((source) => source.includes(snippet)), `the first suggestion is example code: ${first}`);
    }));

  test('"Little" finds Little\'s law before "a little over"', () =>
    onPage(async () => {
      const texts = await suggestions(page, 'Little');
      const firstMention = texts.find((t) => /little/i.test(t));
      assert.match(firstMention ?? '', /Little's law/, `suggestions:\n${texts.join('\n')}`);
    }));

  // The British stem is what must match: "optimize" rightly finds "optimise the bill" first.
  for (const [american, british] of [['utilization', 'utilisation'], ['optimize', 'optimis'], ['organization', 'organisation']]) {
    test(`the American "${american}" finds the book's "${british}"`, () =>
      onPage(async () => {
        const texts = await suggestions(page, american);
        assert.match(texts[0], new RegExp(british, 'i'), `suggestions:\n${texts.join('\n')}`);
        assert.ok(!texts.some((t) => /\buntil\b/i.test(t) && !new RegExp(british, 'i').test(t)), `a fuzzy near-miss came up:\n${texts.join('\n')}`);
      }));
  }
});

test('the search page is a page: a main landmark, results, noindex, no serious accessibility problem', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  try {
    await page.goto(`${site.url}/search/?q=utilization`, { waitUntil: 'networkidle' });
    assert.equal(await page.locator('main').count(), 1, 'the search page needs exactly one <main>');
    await page.locator('main article').first().waitFor({ timeout: 20_000 });
    assert.match(await page.locator('main').innerText(), /utilisation/i);
    assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex, follow');
    const axe = await axeBuilder(page).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'landmark-one-main' || v.id === 'region');
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.help}`), []);
    assert.deepEqual(watcher.problems(), []);
  } finally {
    await context.close();
  }
});

/** The source of every example a Playground can show (not the tests, not the kit). */
function exampleSources() {
  return walk(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('/sim/'))
    .map((f) => readFileSync(f, 'utf8'));
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
