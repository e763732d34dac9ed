// Every page of the built site, as a reader sees it in light and dark mode:
// no console errors, no failed or foreign requests, every diagram drawn, no serious
// accessibility violation, and first-view JavaScript within the budget.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { FIRST_VIEW_BUDGET_BYTES, describeScripts, firstViewJavaScript, sitemapPaths, useSite, watchPage } from './harness.mjs';
import { pagesFromSources } from './content-map.mjs';

const MODES = ['light', 'dark'];
const DIAGRAM_TIMEOUT_MS = 30_000;

const site = useSite();

const expectedDiagrams = new Map(pagesFromSources().map((p) => [p.route, p]));

/** Waits until every diagram container holds an SVG, then reports the broken ones. */
async function diagramProblems(page, expected) {
  const containers = page.locator('.docusaurus-mermaid-container');
  await page.waitForFunction(
    (n) => document.querySelectorAll('.docusaurus-mermaid-container svg').length >= n,
    expected,
    { timeout: DIAGRAM_TIMEOUT_MS },
  ).catch(() => {});
  const found = await containers.count();
  const problems = [];
  if (found !== expected) problems.push(`expected ${expected} diagrams, found ${found} containers`);
  const details = await containers.evaluateAll((nodes) =>
    nodes.map((n, i) => {
      const svg = n.querySelector('svg');
      const text = n.textContent ?? '';
      return {
        i,
        hasSvg: Boolean(svg),
        isError: svg?.getAttribute('aria-roledescription') === 'error' || /Syntax error in text/.test(text),
      };
    }),
  );
  for (const d of details) {
    if (!d.hasSvg) problems.push(`diagram ${d.i + 1} did not render to an SVG`);
    if (d.isError) problems.push(`diagram ${d.i + 1} shows Mermaid's error graphic`);
  }
  return problems;
}

describe('every page in the sitemap', () => {
  const paths = sitemapPaths();

  test('the sitemap lists every chapter built from Markdown', () => {
    const missing = [...expectedDiagrams.keys()].filter((route) => !paths.includes(route));
    assert.deepEqual(missing, [], 'pages built from Markdown but missing from the sitemap');
  });

  for (const mode of MODES) {
    for (const path of paths) {
      test(`${path} (${mode})`, async () => {
        const context = await site.browser.newContext({ colorScheme: mode });
        const page = await context.newPage();
        const watcher = watchPage(page, site.url);
        try {
          await page.goto(site.url + path, { waitUntil: 'networkidle' });
          assert.equal(await page.getAttribute('html', 'data-theme'), mode, 'colour mode did not follow the system setting');

          const source = expectedDiagrams.get(path);
          const problems = await diagramProblems(page, source?.diagrams ?? 0);

          const axe = await new AxeBuilder({ page }).analyze();
          for (const v of axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
            const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
            problems.push(`accessibility (${v.impact}) ${v.id}: ${v.help} at ${targets}`);
          }
          if (mode === 'light') {
            // Once a page is enough: the colour mode does not change what it loads.
            const js = await firstViewJavaScript(page);
            if (js.gzipBytes > FIRST_VIEW_BUDGET_BYTES) {
              problems.push(
                `first-view JavaScript ${(js.gzipBytes / 1000).toFixed(1)} KB gzip, over the budget of ${FIRST_VIEW_BUDGET_BYTES / 1000} KB (tests/browser/harness.mjs):\n${describeScripts(js.files)}`,
              );
            }
          }
          problems.push(...watcher.problems());
          const where = source ? ` (source: ${source.source})` : '';
          assert.deepEqual(problems, [], `${path} in ${mode} mode${where}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});
