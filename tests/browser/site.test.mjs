// Every page of the built site, as a reader sees it in light and dark mode: no console errors,
// no failed or foreign requests, every diagram drawn and readable on a phone and a laptop, no
// serious accessibility violation, first-view JavaScript and DOM size within their budgets, and
// none of the Playground's chunks fetched before the reader reaches for a Playground.
//
// One visit a page serves every check: the light checks run, then the page switches to dark the
// way a reader's system does (prefers-color-scheme), and only what depends on colour runs again
// (diagrams redrawn, their contrast, axe's contrast rules). Each diagram is drawn once per
// theme. Pages run PAGE_CONCURRENCY at a time in one browser.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeBuilder, seriousViolations } from './axe.mjs';
import { FIRST_VIEW_BUDGET_BYTES, describeScripts, drawDiagrams, firstViewJavaScript, sitemapPaths, transitionsSettled, useSite, watchPage } from './harness.mjs';
import { pagesFromSources } from './content-map.mjs';
import { READABLE_HEIGHT, READABLE_WIDTHS, contrastProblems, diagramContrast, diagramSources, readabilityProblems } from './diagram-checks.mjs';
import { playgroundChunks } from './playground-helpers.mjs';

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
/** The Playground whose run tells which scripts are the Playground's (see playgroundChunks). */
const PLAYGROUND_BENCH = '/dogfooding/playground/';
const PLAYGROUND_EXAMPLE = 'dogfooding/hello';

const site = useSite();

const expectedDiagrams = new Map(pagesFromSources().map((p) => [p.route, p]));

/**
 * Draws every diagram, then reports the ones that never drew, are missing, or show Mermaid's
 * error. `source` is the page's Markdown file.
 */
async function diagramProblems(page, expected, source, browserDrawn = 0) {
  if (expected === 0) return [];
  const { drawn, waiting } = await drawDiagrams(page, { timeout: DIAGRAM_TIMEOUT_MS });
  const details = await page.locator('[data-diagram]').evaluateAll((figures) =>
    figures.map((figure, i) => {
      // One drawing, or (where the build kept a light and a dark one) one per colour mode.
      const containers = [...figure.querySelectorAll('.docusaurus-mermaid-container')];
      const svgs = containers.map((container) => container.querySelector('svg'));
      return {
        i,
        hasSvg: svgs.length > 0 && svgs.every(Boolean),
        isError: svgs.some((svg) => svg?.getAttribute('aria-roledescription') === 'error') || containers.some((c) => /Syntax error in text/.test(c.textContent ?? '')),
        drawnAtBuild: figure.getAttribute('data-diagram-drawn') === 'build',
      };
    }),
  );
  const problems = [];
  if (waiting > 0) problems.push(`${waiting} diagram(s) never drew`);
  if (drawn !== expected) problems.push(`${expected} \`\`\`mermaid blocks in ${source}, ${drawn} diagrams drawn`);
  if (details.length !== expected) problems.push(`expected ${expected} diagrams, found ${details.length} drawn`);
  const notBuilt = details.filter((d) => !d.drawnAtBuild);
  if (notBuilt.length > browserDrawn) {
    problems.push(`diagram(s) ${notBuilt.map((d) => d.i + 1).join(', ')} not drawn at build time (src/remark/diagrams.ts): the reader's browser had to load Mermaid`);
  }
  for (const d of details) {
    if (!d.hasSvg) problems.push(`diagram ${d.i + 1} did not render to an SVG`);
    if (d.isError) problems.push(`diagram ${d.i + 1} shows Mermaid's error graphic`);
  }
  return problems;
}

async function axeProblems(page, mode, rules) {
  let builder = axeBuilder(page).exclude(AXE_EXCLUDE);
  if (rules) builder = builder.withRules(rules);
  return seriousViolations(await builder.analyze()).map((violation) => `${mode}: accessibility ${violation}`);
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
  /** Pathnames of the scripts the Playground fetches when the reader reaches for it. */
  let lazyPaths;
  before(async () => {
    const chunks = await playgroundChunks(site.browser, site.url + PLAYGROUND_BENCH, PLAYGROUND_EXAMPLE);
    lazyPaths = new Set(chunks.map((url) => new URL(url).pathname));
  });

  test('the sitemap lists every chapter built from Markdown', () => {
    const missing = [...expectedDiagrams.keys()].filter((route) => !paths.includes(route));
    assert.deepEqual(missing, [], 'pages built from Markdown but missing from the sitemap');
  });

  for (const path of paths) {
    test(`${path} (light, then dark)`, async (t) => {
      const context = await site.browser.newContext({ colorScheme: 'light', viewport: { width: READABLE_WIDTHS[0], height: READABLE_HEIGHT } });
      const page = await context.newPage();
      const watcher = watchPage(page, site.url);
      // Scripts the page runs, not the files it prefetches in idle time for the pages it links to.
      const scripts = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      const source = expectedDiagrams.get(path);
      const diagrams = source?.diagrams ?? 0;
      const where = source ? ` (source: ${source.source})` : '';
      const diagramLines = diagrams ? diagramSources(source.source) : [];
      try {
        await page.goto(site.url + path, { waitUntil: 'networkidle' });
        const firstViewScripts = [...scripts];
        const problems = [];
        const readability = [];
        if ((await page.getAttribute('html', 'data-theme')) !== 'light') problems.push('light: colour mode did not follow the system setting');

        // Before any interaction: what the page weighs.
        const dom = await domSize(page);
        const js = await firstViewJavaScript(page);
        if (js.gzipBytes > FIRST_VIEW_BUDGET_BYTES) {
          problems.push(
            `first-view JavaScript ${(js.gzipBytes / 1000).toFixed(1)} KB gzip, over the budget of ${FIRST_VIEW_BUDGET_BYTES / 1000} KB (tests/browser/harness.mjs):\n${describeScripts(js.files)}`,
          );
        }

        problems.push(...(await diagramProblems(page, diagrams, source?.source, source?.browserDrawn)).map((p) => `light: ${p}`));
        problems.push(...(await axeProblems(page, 'light')));
        // Sizes at a laptop's and a phone's width, and contrast, on the diagrams just drawn.
        if (diagrams) readability.push(...(await readabilityProblems(page, 'light', diagramLines)));

        await page.emulateMedia({ colorScheme: 'dark' });
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, { timeout: 20_000 }).catch(() => {
          problems.push('dark: colour mode did not follow the system setting');
        });
        await transitionsSettled(page);
        if (diagrams) {
          await page
            .waitForFunction(() => [...document.querySelectorAll('[data-diagram]')].every((f) => f.getAttribute('data-diagram-theme') === 'dark'), null, { timeout: DIAGRAM_TIMEOUT_MS })
            .catch(() => problems.push('dark: diagrams were not redrawn in the dark theme'));
          problems.push(...(await diagramProblems(page, diagrams, source.source, source.browserDrawn)).map((p) => `dark: ${p}`));
          readability.push(...contrastProblems(await page.evaluate(diagramContrast), 'dark', diagramLines));
          await page.setViewportSize({ width: READABLE_WIDTHS[0], height: READABLE_HEIGHT });
        }
        problems.push(...(await axeProblems(page, 'dark', ['color-contrast', 'link-in-text-block'])));
        problems.push(...watcher.problems());

        await t.test(`${path}: at most ${DOM_BUDGET.toLocaleString('en')} elements before any interaction`, () => {
          const outside = dom.total - dom.playgrounds;
          const message = `${path} has ${dom.total.toLocaleString('en')} elements on load, over the budget of ${DOM_BUDGET.toLocaleString('en')} (tests/browser/site.test.mjs): ${dom.playgrounds.toLocaleString('en')} in Playgrounds' static views, ${outside.toLocaleString('en')} elsewhere`;
          assert.ok(dom.total <= DOM_BUDGET, message);
        });
        await t.test(`${path}: loads no editor, sucrase or kit before the reader reaches for a Playground`, () => {
          assert.ok(lazyPaths.size >= 2, `the Playground should load lazily, found only ${[...lazyPaths]}`);
          const eager = [...new Set(firstViewScripts.map((url) => new URL(url).pathname))].filter((p) => lazyPaths.has(p));
          assert.deepEqual(eager, [], `${path} loads Playground chunks on first view`);
        });
        if (diagrams) {
          await t.test(`${path}: every diagram is readable on a phone and a laptop, in light and dark mode (${diagrams} diagram${diagrams > 1 ? 's' : ''})`, () => {
            assert.deepEqual(readability, [], `${path}${where}`);
          });
        }
        assert.deepEqual(problems, [], `${path}${where}`);
      } finally {
        await context.close();
      }
    });
  }
});
