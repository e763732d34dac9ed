// Code blocks hydrate onto the server's HTML and stay (src/theme/CodeBlock): a reader in the
// default (light) mode does not pay for every block being highlighted and built a second time,
// and a reader in dark mode still gets the dark theme's colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { themes } from 'prism-react-renderer';
import { holdMainScript, useSite, watchPage } from './harness.mjs';

const site = useSite();
/** A page with several TypeScript code blocks and no Playground. */
const PAGE = '/docs/reference/simulation-kit/';

/** A theme's colour (`#RRGGBB` or `rgb(r, g, b)`) as the browser writes an inline colour back. */
function rgb(colour) {
  if (colour.startsWith('rgb(')) return colour.replace(/\s+/g, '').replace(/,/g, ', ');
  const n = Number.parseInt(colour.slice(1, 7), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** Every token colour a Prism theme defines. */
function colours(theme) {
  return new Set([theme.plain.color, ...theme.styles.map((rule) => rule.style.color)].filter(Boolean).map(rgb));
}

/** The inline colours of the page's code tokens, counted. */
function tokenColours(page) {
  return page.locator('article pre .token').evaluateAll((tokens) => {
    const counts = {};
    for (const token of tokens) if (token.style.color) counts[token.style.color] = (counts[token.style.color] ?? 0) + 1;
    return counts;
  });
}

/** Hydration is over once the code blocks' buttons (browser-only) are there. */
async function hydrated(page) {
  await page.locator('article pre').first().waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.hasHydrated === 'true' && document.querySelector('article [class*="buttonGroup"]') !== null, null, {
    timeout: 20_000,
  });
}

test('in the default colour mode, code blocks keep the elements the server rendered', async () => {
  const context = await site.browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  // Hold main.js back and tag the server's <pre> elements before React runs.
  const release = await holdMainScript(page);
  await page.goto(site.url + PAGE, { waitUntil: 'commit' });
  await page.locator('article pre').first().waitFor();
  const tagged = await page.evaluate(() => {
    const blocks = [...document.querySelectorAll('article pre')];
    for (const block of blocks) block.dataset.fromServer = 'yes';
    return blocks.length;
  });
  assert.ok(tagged >= 3, `expected several code blocks on ${PAGE}, found ${tagged}`);
  release();
  await hydrated(page);
  // The colour mode settles in an effect after hydration: let those renders finish.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  const kept = await page.locator('article pre[data-from-server="yes"]').count();
  assert.equal(kept, tagged, `${tagged - kept} of ${tagged} code blocks were built again after hydration`);
  const light = await tokenColours(page);
  const lightColours = colours(themes.vsLight);
  assert.ok(Object.keys(light).length > 1, 'the code blocks are not highlighted');
  assert.deepEqual(Object.keys(light).filter((colour) => !lightColours.has(colour)), [], 'a token has a colour the light theme does not define');
  assert.deepEqual(watcher.problems(), []);
  await context.close();
});

test('a reader in dark mode gets the dark theme\'s colours in code blocks, on load and after switching', async () => {
  const context = await site.browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  await page.goto(site.url + PAGE, { waitUntil: 'networkidle' });
  await hydrated(page);
  // Colours only the light theme uses: a token still wearing one was not repainted.
  const lightOnly = [...colours(themes.vsLight)].filter((colour) => !colours(themes.vsDark).has(colour));
  assert.ok(lightOnly.length > 0, 'the two Prism themes share every colour: this test would not notice stale tokens');
  const check = async (when) => {
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    // The colours follow in a React update after the theme flips.
    await page
      .waitForFunction((stale) => [...document.querySelectorAll('article pre .token')].every((token) => !stale.includes(token.style.color)), lightOnly, { timeout: 20_000 })
      .catch(() => undefined);
    const dark = await tokenColours(page);
    const stale = Object.entries(dark).filter(([colour]) => lightOnly.includes(colour));
    assert.deepEqual(stale, [], `${when}: tokens kept the light theme's colours (colour, tokens)`);
    assert.ok(Object.keys(dark).length > 1, `${when}: the code blocks are not highlighted`);
  };
  await check('on load in dark mode');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await check('after switching to light and back');
  assert.deepEqual(watcher.problems(), []);
  await context.close();
});
