// Diagrams as a reader meets them, on every page that has any: text no smaller than 12 px on a
// 390 px phone and a 1280 px laptop (or the diagram scrolls sideways, with a cue, a tab stop and
// a name), text that contrasts with what is behind it (WCAG AA) in light and dark mode (axe does
// not look inside SVG), a full-screen view that Escape closes, and drawing as they near the
// viewport (an anchor link or print still draws them).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ROOT, drawDiagrams, useSite, watchPage } from './harness.mjs';
import { pagesFromSources } from './content-map.mjs';
import { MIN_CONTRAST, MIN_TEXT_PX, diagramContrast, measureDiagrams } from './diagram-checks.mjs';

const WIDTHS = [1280, 390];
const HEIGHT = 900;
const BENCH = '/dogfooding/diagrams/';
const RENDER_TIMEOUT_MS = 60_000;

const site = useSite();
const pages = pagesFromSources().filter((p) => p.diagrams > 0);

/** `file:line` of each ```mermaid block of a page's source, in page order. */
function diagramSources(source) {
  const lines = readFileSync(join(ROOT, source), 'utf8').split('\n');
  return lines.flatMap((line, i) => (/^\s*```mermaid\s*$/.test(line) ? [`${source}:${i + 1}`] : []));
}

/** What is wrong with the diagrams' size and scrolling at one width, one line a problem. */
function sizeProblems(diagrams, width, where) {
  const problems = [];
  for (const d of diagrams) {
    if (!d.shown) continue;
    const name = `diagram ${d.index + 1} "${d.title}" (${where[d.index] ?? '?'}) at ${width} px`;
    if (!d.rendered) {
      problems.push(`${name}: not drawn`);
      continue;
    }
    const small = d.texts.filter((t) => t.fontPx < MIN_TEXT_PX - 0.05);
    if (small.length > 0) {
      const list = small.slice(0, 4).map((t) => `"${t.text}" ${t.fontPx} px (glyph box ${t.boxHeightPx} px)`).join(', ');
      problems.push(`${name}: ${small.length} text(s) under ${MIN_TEXT_PX} px: ${list}; the drawing is ${d.scroll.width} px wide in a ${d.scroll.column} px column`);
    }
    if (d.scroll.overflows) {
      if (!d.scroll.cueVisible) problems.push(`${name}: scrolls sideways (${d.scroll.width} px in ${d.scroll.column} px) without a visible cue`);
      if (!d.scroll.tabStop) problems.push(`${name}: scrolls sideways but cannot be reached with Tab (needs tabindex="0")`);
      if (!d.scroll.name) problems.push(`${name}: scrolls sideways but its box has no accessible name`);
    }
  }
  return problems;
}

function contrastProblems(results, mode, where) {
  return results
    .filter((r) => r.ratio < MIN_CONTRAST)
    .map((r) => `diagram ${r.diagram + 1} (${where[r.diagram] ?? '?'}) in ${mode} mode: "${r.text}" is ${r.ink} on ${r.background}, contrast ${r.ratio}:1 (AA needs ${MIN_CONTRAST}:1)`);
}

async function waitForTheme(page, theme) {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('[data-diagram][data-diagram-state="rendered"]')].every((f) => f.getAttribute('data-diagram-theme') === t),
    theme,
    { timeout: RENDER_TIMEOUT_MS },
  );
}

describe('every diagram is readable on a phone and a laptop, in light and dark mode', { concurrency: 2 }, () => {
  for (const { route, source, diagrams } of pages) {
    test(`${route} (${diagrams} diagram${diagrams > 1 ? 's' : ''})`, async () => {
      const where = diagramSources(source);
      const context = await site.browser.newContext({ viewport: { width: WIDTHS[0], height: HEIGHT }, colorScheme: 'light' });
      const page = await context.newPage();
      const watcher = watchPage(page, site.url);
      try {
        await page.goto(site.url + route, { waitUntil: 'load' });
        const { drawn, waiting } = await drawDiagrams(page, { timeout: RENDER_TIMEOUT_MS });
        assert.equal(waiting, 0, `${route}: ${waiting} diagram(s) never drew`);
        assert.equal(drawn, diagrams, `${route}: ${diagrams} \`\`\`mermaid blocks in ${source}, ${drawn} diagrams drawn`);
        const problems = [];
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: HEIGHT });
          // The scroll cue follows a ResizeObserver: give it a frame.
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          problems.push(...sizeProblems(await page.evaluate(measureDiagrams), width, where));
        }
        problems.push(...contrastProblems(await page.evaluate(diagramContrast), 'light', where));
        await page.emulateMedia({ colorScheme: 'dark' });
        await waitForTheme(page, 'dark');
        problems.push(...contrastProblems(await page.evaluate(diagramContrast), 'dark', where));
        problems.push(...watcher.problems());
        assert.deepEqual(problems, [], `${route} (source: ${source})`);
      } finally {
        await context.close();
      }
    });
  }
});

describe(`the full-screen view, on ${BENCH}`, () => {
  for (const [width, mode] of [[390, 'light'], [1280, 'dark']]) {
    test(`opens, shows the diagram readably, is accessible, and Escape closes it and gives focus back (${width} px, ${mode})`, async () => {
      const context = await site.browser.newContext({ viewport: { width, height: 800 }, colorScheme: mode, hasTouch: width < 500 });
      const page = await context.newPage();
      const watcher = watchPage(page, site.url);
      try {
        await page.goto(site.url + BENCH, { waitUntil: 'load' });
        const figure = page.locator('[data-diagram][data-diagram-title="A deliberately wide diagram"]');
        await figure.scrollIntoViewIfNeeded();
        await figure.locator('[data-diagram-state="rendered"], [data-diagram-open]').first().waitFor({ timeout: RENDER_TIMEOUT_MS });
        const open = figure.locator('[data-diagram-open]');
        assert.equal(await open.getAttribute('aria-label'), 'Full screen: A deliberately wide diagram');
        await open.click();
        const dialog = page.getByRole('dialog', { name: 'A deliberately wide diagram' });
        await dialog.waitFor();
        const box = await dialog.boundingBox();
        assert.ok(box.width >= width - 1, `the dialog takes the screen's width (${box.width} of ${width} px)`);
        const sizes = await dialog.evaluate((element) =>
          [...element.querySelectorAll('svg[aria-roledescription] foreignObject span, svg[aria-roledescription] text')]
            .filter((t) => t.textContent.trim())
            .map((t) => {
              const ctm = (t.closest('foreignObject') ?? t).getScreenCTM();
              return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
            }),
        );
        assert.ok(sizes.length > 10, 'the dialog shows the diagram');
        assert.ok(Math.min(...sizes) >= MIN_TEXT_PX - 0.05, `smallest text in the full-screen view: ${Math.min(...sizes).toFixed(1)} px`);
        const axe = await new AxeBuilder({ page }).include('dialog').analyze();
        const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
        await page.getByRole('button', { name: 'Zoom in' }).click();
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-diagram-open') !== null && document.activeElement?.closest('[data-diagram]')?.getAttribute('data-diagram-title')), 'A deliberately wide diagram', 'focus returns to the Full screen button');
        assert.deepEqual(watcher.problems(), []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('diagrams draw as they near the viewport', () => {
  const CHAPTER = '/docs/single-node/';
  const states = (page) => page.locator('[data-diagram]').evaluateAll((figures) => figures.map((f) => ({ state: f.getAttribute('data-diagram-state'), height: f.getBoundingClientRect().height })));

  test(`${CHAPTER}: a diagram far down the page waits as a placeholder of reserved height, and draws when scrolled to`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: HEIGHT } });
    const page = await context.newPage();
    try {
      await page.goto(site.url + CHAPTER, { waitUntil: 'networkidle' });
      const before = await states(page);
      const last = before.length - 1;
      assert.equal(before[last].state, 'placeholder', 'the last diagram is not drawn on load');
      assert.ok(before[last].height >= 150, `its placeholder reserves height (${before[last].height} px)`);
      await page.locator('[data-diagram]').nth(last).scrollIntoViewIfNeeded();
      await page.locator('[data-diagram]').nth(last).and(page.locator('[data-diagram-state="rendered"]')).waitFor({ timeout: RENDER_TIMEOUT_MS });
    } finally {
      await context.close();
    }
  });

  test('/docs/cluster/ on a phone: a diagram a screen below waits for the first scroll (no Mermaid on load), then draws ahead of the reader', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.goto(site.url + '/docs/cluster/', { waitUntil: 'networkidle' });
      const first = page.locator('[data-diagram]').first();
      const top = await first.evaluate((figure) => figure.getBoundingClientRect().top);
      assert.ok(top > 844 && top < 2 * 844, `the page's first diagram starts within the second screen (at ${Math.round(top)} px): move this test to a page where it does`);
      await page.waitForTimeout(500);
      assert.equal(await first.getAttribute('data-diagram-state'), 'placeholder', 'the diagram below the first screen is not drawn before the reader scrolls');
      assert.equal(await page.evaluate(() => performance.getEntriesByName('lazy:mermaid').length), 0, 'Mermaid is not loaded before the reader scrolls');
      await page.evaluate(() => window.scrollBy(0, 120));
      await first.and(page.locator('[data-diagram-state="rendered"]')).waitFor({ timeout: RENDER_TIMEOUT_MS });
      assert.ok((await first.evaluate((figure) => figure.getBoundingClientRect().top)) > 844, 'it was drawn ahead of the reader, before it came into view');
    } finally {
      await context.close();
    }
  });

  test(`${CHAPTER}: an anchor link to a section draws its diagram without scrolling`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: HEIGHT } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}${CHAPTER}#the-single-point-of-failure`, { waitUntil: 'load' });
      const figure = page.locator('[data-diagram][data-diagram-title="One machine, up and down"]');
      await figure.and(page.locator('[data-diagram-state="rendered"]')).waitFor({ timeout: RENDER_TIMEOUT_MS });
      assert.ok(await figure.isVisible());
    } finally {
      await context.close();
    }
  });

  test(`${CHAPTER}: printing draws every diagram`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: HEIGHT } });
    const page = await context.newPage();
    try {
      await page.goto(site.url + CHAPTER, { waitUntil: 'networkidle' });
      assert.ok((await states(page)).some((d) => d.state === 'placeholder'), 'some diagram waits before printing');
      await page.emulateMedia({ media: 'print' });
      await page.waitForFunction(() => !document.querySelector('[data-diagram][data-diagram-state="placeholder"]'), null, { timeout: RENDER_TIMEOUT_MS });
    } finally {
      await context.close();
    }
  });

  test(`${BENCH}: a diagram that scrolls sideways scrolls with the arrow keys once focused with Tab`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(site.url + BENCH, { waitUntil: 'load' });
      const figure = page.locator('[data-diagram][data-diagram-title="A deliberately wide diagram"]');
      await figure.scrollIntoViewIfNeeded();
      const scroller = figure.locator('[data-diagram-scroller][tabindex="0"]');
      await scroller.waitFor({ timeout: RENDER_TIMEOUT_MS });
      assert.equal(await scroller.getAttribute('aria-label'), 'A deliberately wide diagram (scrolls sideways)');
      await scroller.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.activeElement?.scrollLeft > 0, null, { timeout: 5_000 });
    } finally {
      await context.close();
    }
  });
});
