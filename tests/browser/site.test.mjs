// Every page of the built site, as a reader sees it in light and dark mode: no console errors,
// no failed or foreign requests, every diagram drawn, no serious accessibility violation,
// first-view JavaScript and DOM size within their budgets.
//
// One page load serves both colour schemes: the light checks run, then the page switches to
// dark the way a reader's system does (prefers-color-scheme), and only what depends on colour
// runs again (diagrams redrawn, axe's contrast rule). Pages run PAGE_CONCURRENCY at a time in
// one browser.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { FIRST_VIEW_BUDGET_BYTES, describeScripts, drawDiagrams, firstViewJavaScript, sitemapPaths, useSite, watchPage } from './harness.mjs';
import { pagesFromSources } from './content-map.mjs';

const DIAGRAM_TIMEOUT_MS = 60_000;
const PAGE_CONCURRENCY = Number(process.env.PAGE_CONCURRENCY ?? 2);
/**
 * Most elements a page may have before the reader does anything (Lighthouse warns from 800 and
 * flags 1,400; a long chapter with its diagrams drawn needs more, but not ten thousand).
 */
const DOM_BUDGET = 3_000;
/**
 * The Playground's static view is checked by tests/browser/playground.test.mjs (axe on the
 * test bench in both modes): its thousands of highlighted tokens made axe take most of a
 * minute on a chapter page, so the page-wide pass leaves that code out.
 */
const AXE_EXCLUDE = '[data-playground] pre';

const site = useSite();

const expectedDiagrams = new Map(pagesFromSources().map((p) => [p.route, p]));

/** Draws every diagram, then reports the ones that are missing or show Mermaid's error. */
async function diagramProblems(page, expected) {
  if (expected === 0) return [];
  await drawDiagrams(page, { timeout: DIAGRAM_TIMEOUT_MS });
  const details = await page.locator('.docusaurus-mermaid-container').evaluateAll((nodes) =>
    nodes.map((n, i) => {
      const svg = n.querySelector('svg');
      return {
        i,
        hasSvg: Boolean(svg),
        isError: svg?.getAttribute('aria-roledescription') === 'error' || /Syntax error in text/.test(n.textContent ?? ''),
      };
    }),
  );
  const problems = [];
  if (details.length !== expected) problems.push(`expected ${expected} diagrams, found ${details.length} drawn`);
  for (const d of details) {
    if (!d.hasSvg) problems.push(`diagram ${d.i + 1} did not render to an SVG`);
    if (d.isError) problems.push(`diagram ${d.i + 1} shows Mermaid's error graphic`);
  }
  return problems;
}

async function axeProblems(page, mode, rules) {
  let builder = new AxeBuilder({ page }).exclude(AXE_EXCLUDE);
  if (rules) builder = builder.withRules(rules);
  const axe = await builder.analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${mode}: accessibility (${v.impact}) ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Elements on the page, and how many of them the Playgrounds' static views hold. */
function domSize(page) {
  return page.evaluate(() => ({
    total: document.getElementsByTagName('*').length,
    playgrounds: [...document.querySelectorAll('[data-playground]')].reduce((sum, p) => sum + p.getElementsByTagName('*').length + 1, 0),
  }));
}

describe('every page in the sitemap', { concurrency: PAGE_CONCURRENCY }, () => {
  const paths = sitemapPaths();

  test('the sitemap lists every chapter built from Markdown', () => {
    const missing = [...expectedDiagrams.keys()].filter((route) => !paths.includes(route));
    assert.deepEqual(missing, [], 'pages built from Markdown but missing from the sitemap');
  });

  for (const path of paths) {
    test(`${path} (light, then dark)`, async (t) => {
      const context = await site.browser.newContext({ colorScheme: 'light' });
      const page = await context.newPage();
      const watcher = watchPage(page, site.url);
      const source = expectedDiagrams.get(path);
      const where = source ? ` (source: ${source.source})` : '';
      try {
        await page.goto(site.url + path, { waitUntil: 'networkidle' });
        const problems = [];
        if ((await page.getAttribute('html', 'data-theme')) !== 'light') problems.push('light: colour mode did not follow the system setting');

        // Before any interaction: what the page weighs.
        const dom = await domSize(page);
        const js = await firstViewJavaScript(page);
        if (js.gzipBytes > FIRST_VIEW_BUDGET_BYTES) {
          problems.push(
            `first-view JavaScript ${(js.gzipBytes / 1000).toFixed(1)} KB gzip, over the budget of ${FIRST_VIEW_BUDGET_BYTES / 1000} KB (tests/browser/harness.mjs):\n${describeScripts(js.files)}`,
          );
        }

        problems.push(...(await diagramProblems(page, source?.diagrams ?? 0)).map((p) => `light: ${p}`));
        problems.push(...(await axeProblems(page, 'light')));

        await page.emulateMedia({ colorScheme: 'dark' });
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, { timeout: 20_000 }).catch(() => {
          problems.push('dark: colour mode did not follow the system setting');
        });
        if (source?.diagrams) {
          await page
            .waitForFunction(() => [...document.querySelectorAll('[data-diagram]')].every((f) => f.getAttribute('data-diagram-theme') === 'dark'), null, { timeout: DIAGRAM_TIMEOUT_MS })
            .catch(() => problems.push('dark: diagrams were not redrawn in the dark theme'));
          problems.push(...(await diagramProblems(page, source.diagrams)).map((p) => `dark: ${p}`));
        }
        problems.push(...(await axeProblems(page, 'dark', ['color-contrast', 'link-in-text-block'])));
        problems.push(...watcher.problems());

        await t.test(`${path}: at most ${DOM_BUDGET.toLocaleString('en')} elements before any interaction`, () => {
          const outside = dom.total - dom.playgrounds;
          const message = `${path} has ${dom.total.toLocaleString('en')} elements on load, over the budget of ${DOM_BUDGET.toLocaleString('en')} (tests/browser/site.test.mjs): ${dom.playgrounds.toLocaleString('en')} in Playgrounds' static views, ${outside.toLocaleString('en')} elsewhere`;
          assert.ok(dom.total <= DOM_BUDGET, message);
        });
        assert.deepEqual(problems, [], `${path}${where}`);
      } finally {
        await context.close();
      }
    });
  }
});
