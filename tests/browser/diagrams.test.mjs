// Diagrams as a reader meets them: drawn at build time, in the HTML (one drawing whose colours
// follow the colour mode, no Mermaid loaded); a full-screen view that Escape closes; sideways scrolling from the keyboard;
// and, for a diagram the build did not draw, drawing as it nears the viewport (an anchor link or
// print still draws it).
// Every page's diagrams are checked for size (12 px text on a 390 px phone and a 1280 px laptop,
// or sideways scrolling with a cue, a tab stop and a name) and contrast (WCAG AA, light and dark;
// axe does not look inside SVG) by site.test.mjs, in the same visit as the page's other checks,
// with the functions of diagram-checks.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeBuilder, seriousViolations } from './axe.mjs';
import { hydrated, useSite, watchPage } from './harness.mjs';
import { MIN_TEXT_PX } from './diagram-checks.mjs';

const HEIGHT = 900;
const BENCH = '/dogfooding/diagrams/';
const RENDER_TIMEOUT_MS = 60_000;

const site = useSite();

/** The fill of a box (a flowchart's node, a state, a sequence's actor) in Mermaid's light and dark themes. */
const BOX_FILL = { light: 'rgb(236, 236, 255)', dark: 'rgb(31, 32, 32)' };

/**
 * Each figure's drawings (in the page's context): how many, how many shown, and the fill of the
 * shown drawing's first box, which comes from the drawing's own rules for the page's colour mode.
 */
function shownDrawings(figures) {
  return figures.map((figure) => {
    const drawings = [...figure.querySelectorAll('svg[aria-roledescription]')];
    const shown = drawings.filter((svg) => svg.getBoundingClientRect().width > 0);
    const box = shown[0]?.querySelector('rect.label-container, path.label-container, rect.actor');
    return { title: figure.getAttribute('data-diagram-title'), drawn: figure.getAttribute('data-diagram-drawn'), drawings: drawings.length, shown: shown.length, boxFill: box ? getComputedStyle(box).fill : 'no box' };
  });
}

describe(`the full-screen view, on ${BENCH}`, () => {
  for (const [width, mode] of [[390, 'light'], [1280, 'dark']]) {
    test(`opens, shows the diagram readably, is accessible, and Escape closes it and gives focus back (${width} px, ${mode})`, async () => {
      const context = await site.browser.newContext({ viewport: { width, height: 800 }, colorScheme: mode, hasTouch: width < 500 });
      const page = await context.newPage();
      const watcher = watchPage(page, site.url);
      try {
        await page.goto(site.url + BENCH, { waitUntil: 'load' });
        await hydrated(page);
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
        // The page must not show through: the dialog's own background is opaque.
        const background = await dialog.evaluate((element) => getComputedStyle(element).backgroundColor);
        assert.match(background, /^rgb\(/, `the dialog's background is opaque (${background})`);
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
        assert.deepEqual(seriousViolations(await axeBuilder(page).include('dialog').analyze()), []);
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

describe('diagrams are drawn at build time; one the build did not draw is drawn as it nears the viewport', () => {
  const CHAPTER = '/docs/single-node/';
  const CLIENT_DRAWN = "Drawn in the reader's browser";
  const states = (page) => page.locator('[data-diagram]').evaluateAll((figures) => figures.map((f) => ({ state: f.getAttribute('data-diagram-state'), height: f.getBoundingClientRect().height })));

  test(`${CHAPTER}: every diagram is in the page's HTML, one drawing for both colour modes, readable without JavaScript`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(site.url + CHAPTER, { waitUntil: 'load' });
      const figures = await page.locator('[data-diagram]').evaluateAll(shownDrawings);
      assert.ok(figures.length >= 3, `the chapter has diagrams (${figures.length})`);
      for (const figure of figures) {
        assert.equal(figure.drawn, 'build', `"${figure.title}" was drawn at build time`);
        assert.equal(figure.drawings, 1, `"${figure.title}" is one drawing for both colour modes (src/diagrams/mergeModes.browser.js)`);
        assert.equal(figure.shown, 1, `"${figure.title}" shows one drawing`);
        assert.equal(figure.boxFill, BOX_FILL.light, `"${figure.title}" has the light mode's colours where no colour mode is set`);
      }
    } finally {
      await context.close();
    }
  });

  test('/docs/cluster/ on a phone, in dark mode: diagrams show without Mermaid being loaded, scrolled through', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    const page = await context.newPage();
    const watcher = watchPage(page, site.url);
    try {
      await page.goto(site.url + '/docs/cluster/', { waitUntil: 'networkidle' });
      const count = await page.locator('[data-diagram]').count();
      assert.ok(count > 0, 'the chapter has diagrams');
      for (let i = 0; i < count; i++) await page.locator('[data-diagram]').nth(i).scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      const figures = await page.locator('[data-diagram]').evaluateAll(shownDrawings);
      for (const figure of figures) {
        assert.equal(figure.shown, 1, `"${figure.title}" shows one drawing`);
        assert.equal(figure.boxFill, BOX_FILL.dark, `"${figure.title}" has the dark mode's colours`);
      }
      assert.equal(await page.evaluate(() => performance.getEntriesByName('lazy:mermaid').length), 0, 'Mermaid was never loaded');
      assert.deepEqual(watcher.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('/docs/single-node/: switching the colour mode with the navbar\'s button recolours the same drawings, at once', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: HEIGHT }, colorScheme: 'dark' });
    const page = await context.newPage();
    const watcher = watchPage(page, site.url);
    try {
      await page.goto(site.url + CHAPTER, { waitUntil: 'load' });
      await hydrated(page);
      const before = await page.locator('[data-diagram]').evaluateAll(shownDrawings);
      assert.ok(before.length >= 3 && before.every((figure) => figure.boxFill === BOX_FILL.dark), `dark to begin with: ${JSON.stringify(before)}`);
      const drawing = await page.$('[data-diagram] svg[aria-roledescription]');
      // The button goes through the modes in turn (system, light, dark): press it until light.
      for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== 'light'; i++) {
        await page.locator('.navbar button[title*="mode" i]').first().click();
      }
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
      const after = await page.locator('[data-diagram]').evaluateAll(shownDrawings);
      assert.ok(after.every((figure) => figure.shown === 1 && figure.boxFill === BOX_FILL.light), `light after the switch: ${JSON.stringify(after)}`);
      assert.ok(await drawing.evaluate((svg) => svg.isConnected), 'the same drawing, not a new one');
      assert.deepEqual(watcher.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('a chapter reached by the site\'s own links shows the build\'s drawings, fetched with its HTML, without Mermaid', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: HEIGHT }, colorScheme: 'dark' });
    const page = await context.newPage();
    const watcher = watchPage(page, site.url);
    const htmlRequests = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'fetch' && new URL(request.url()).pathname === CHAPTER) htmlRequests.push(request.url());
    });
    try {
      await page.goto(site.url + '/docs/cluster/', { waitUntil: 'networkidle' });
      // Before hydration the link would load the next page whole, not through the router.
      await hydrated(page);
      // The router shows the last page until the next one's code is in: wait for its diagrams to
      // leave, or the drawings counted below could be the last page's.
      const previous = await page.$('[data-diagram]');
      await page.locator(`nav a[href="${CHAPTER}"]`).first().click();
      await page.waitForURL(`**${CHAPTER}`);
      await page.waitForFunction((old) => !old.isConnected, previous, { timeout: RENDER_TIMEOUT_MS });
      await page.waitForFunction(() => {
        const figures = [...document.querySelectorAll('[data-diagram]')];
        return figures.length > 0 && figures.every((f) => f.getAttribute('data-diagram-drawn') === 'build');
      }, null, { timeout: RENDER_TIMEOUT_MS });
      const shown = await page.locator('[data-diagram]').evaluateAll((all) => all.map((f) => [...f.querySelectorAll('svg[aria-roledescription]')].filter((svg) => svg.getBoundingClientRect().width > 0).length));
      assert.ok(shown.every((n) => n === 1), `one drawing shown per diagram (${shown})`);
      assert.equal(htmlRequests.length, 1, `the chapter's HTML was fetched once: ${htmlRequests}`);
      assert.equal(await page.evaluate(() => performance.getEntriesByName('lazy:mermaid').length), 0, 'Mermaid was never loaded');
      assert.deepEqual(watcher.problems(), []);
    } finally {
      await context.close();
    }
  });

  test(`${BENCH}: a diagram the build did not draw waits as a placeholder of reserved height, and draws when scrolled to`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: HEIGHT } });
    const page = await context.newPage();
    try {
      await page.goto(site.url + BENCH, { waitUntil: 'networkidle' });
      const figure = page.locator(`[data-diagram][data-diagram-title="${CLIENT_DRAWN}"]`);
      assert.equal(await figure.getAttribute('data-diagram-state'), 'placeholder', 'it is not drawn on load');
      assert.ok((await figure.boundingBox()).height >= 150, 'its placeholder reserves height');
      assert.equal(await page.evaluate(() => performance.getEntriesByName('lazy:mermaid').length), 0, 'Mermaid is not loaded before it is needed');
      await figure.scrollIntoViewIfNeeded();
      await figure.and(page.locator('[data-diagram-state="rendered"]')).waitFor({ timeout: RENDER_TIMEOUT_MS });
      assert.equal(await figure.locator('svg[aria-roledescription]').count(), 1, 'Mermaid drew it in the page');
    } finally {
      await context.close();
    }
  });

  test(`${BENCH} on a phone: a diagram the build did not draw is drawn ahead of the reader, once they scroll to within a screen of it`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.goto(site.url + BENCH, { waitUntil: 'networkidle' });
      const figure = page.locator(`[data-diagram][data-diagram-title="${CLIENT_DRAWN}"]`);
      assert.equal(await figure.getAttribute('data-diagram-state'), 'placeholder', 'not drawn on load, several screens down');
      assert.equal(await page.evaluate(() => performance.getEntriesByName('lazy:mermaid').length), 0, 'Mermaid is not loaded on load');
      // Scroll until it starts 1.5 screens below the viewport: inside the margin of a screen ahead.
      await figure.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 1.5 * window.innerHeight));
      await figure.and(page.locator('[data-diagram-state="rendered"]')).waitFor({ timeout: RENDER_TIMEOUT_MS });
      assert.ok((await figure.evaluate((element) => element.getBoundingClientRect().top)) > 844, 'it was drawn ahead of the reader, before it came into view');
    } finally {
      await context.close();
    }
  });

  test(`${BENCH}: an anchor link to a section draws its diagram without scrolling`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: HEIGHT } });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}${BENCH}#drawn-in-the-readers-browser`, { waitUntil: 'load' });
      const figure = page.locator(`[data-diagram][data-diagram-title="${CLIENT_DRAWN}"]`);
      await figure.and(page.locator('[data-diagram-state="rendered"]')).waitFor({ timeout: RENDER_TIMEOUT_MS });
      assert.ok(await figure.isVisible());
    } finally {
      await context.close();
    }
  });

  test(`${BENCH}: printing draws every diagram`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: HEIGHT } });
    const page = await context.newPage();
    try {
      await page.goto(site.url + BENCH, { waitUntil: 'networkidle' });
      // No wait for hydration: printing asked for before it is handled too (useNearViewport).
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
      await page.waitForFunction(() => document.activeElement?.scrollLeft > 0, null, { timeout: 15_000 });
    } finally {
      await context.close();
    }
  });
});
