// The replay player (issue 16) on the built site, as a reader uses it: Run an example that
// shows a replay, and it plays (unless the reader asked for reduced motion), pauses, scrubs and
// steps from the keyboard; two traces stay on one clock, side by side on a laptop and stacked
// on a phone; no console error, no CSP violation, axe clean in both themes; and its code is a
// lazy chunk of at most 30 KB gzip that no page fetches before a replay is shown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeBuilder, seriousViolations } from './axe.mjs';
import { gzipSizeOf, useSite, watchPage } from './harness.mjs';
import { openEditor, run } from './playground-helpers.mjs';

const CHAPTER = '/docs/cluster/';
const EXAMPLE = '02-cluster/balancing-replay';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const REPLAY_BUDGET_BYTES = 30 * 1000;

const site = useSite();

/** A page of chapter 02 whose replay example has run; records CSP violations and what a reader would see as broken. */
async function openReplay({ viewport = LAPTOP, colorScheme = 'light', reducedMotion = 'no-preference', chapter = CHAPTER, example = EXAMPLE } = {}) {
  const context = await site.browser.newContext({ viewport, colorScheme, reducedMotion });
  await context.addInitScript(() => {
    window.__policyViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__policyViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`));
  });
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  await page.goto(site.url + chapter, { waitUntil: 'networkidle' });
  const section = page.locator(`[data-playground="${example}"]`);
  await openEditor(section);
  const before = await scriptsLoaded(page);
  assert.equal(await run(section, 1), 'done');
  const replay = section.locator('[data-output="replay"]');
  await replay.waitFor({ timeout: 30_000 });
  return { context, page, watcher, section, replay, before };
}

const scriptsLoaded = (page) => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script').map((e) => e.name));
const timeText = (replay) => replay.locator('[data-replay-time]').textContent();
/** The virtual time shown, in ms: "1,234 ms of 8,000" -> 1234. */
const shownMs = async (replay) => Number((await timeText(replay)).split(' ms')[0].replace(/,/g, ''));
const canvasPicture = (replay, index = 0) => replay.locator('canvas').nth(index).evaluate((canvas) => canvas.toDataURL());

/** Waits until the replay plays: it starts in an effect after it first draws, a render after it appears. */
function playsOnArrival(page, replay) {
  return replay.and(page.locator('[data-playing="true"]')).waitFor({ timeout: 15_000 });
}

async function checkClean(page, watcher) {
  assert.deepEqual(await page.evaluate(() => window.__policyViolations), [], 'no Content-Security-Policy violation');
  assert.deepEqual(watcher.problems(), [], 'no console error, failed request or request elsewhere');
}

/** Axe on the replay finds nothing serious, and its canvas is drawn in the theme's colours. */
async function axeAndCanvas({ page, watcher, replay }, colorScheme) {
  // The canvas follows the theme in its next frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  assert.deepEqual(seriousViolations(await axeBuilder(page).include('[data-output="replay"]').analyze()), [], colorScheme);
  const background = await replay.locator('canvas').first().evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let darkest = 255 * 3, lightest = 0;
    // The colour most opaque pixels have is the boxes' fill.
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 255) continue;
      const sum = data[i] + data[i + 1] + data[i + 2];
      darkest = Math.min(darkest, sum);
      lightest = Math.max(lightest, sum);
      counts.set(sum, (counts.get(sum) ?? 0) + 1);
    }
    const fill = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    return { darkest, lightest, fill };
  });
  // Measured: the fill sums to 742 in light mode and 122 in dark.
  if (colorScheme === 'dark') assert.ok(background.darkest < 150 && background.fill < 300, `dark boxes in dark mode (${JSON.stringify(background)})`);
  else assert.ok(background.lightest > 700 && background.fill > 600, `light boxes in light mode (${JSON.stringify(background)})`);
  await checkClean(page, watcher);
}

describe('a replay in the Playground', () => {
  test('plays on arrival, pauses, scrubs and steps, all from the keyboard; both traces share one clock', async () => {
    const { context, page, watcher, replay } = await openReplay();
    try {
      await playsOnArrival(page, replay);
      const first = await shownMs(replay);
      const picture = await canvasPicture(replay);
      await page.waitForTimeout(700);
      assert.ok((await shownMs(replay)) > first, 'the clock moves while playing');
      assert.notEqual(await canvasPicture(replay), picture, 'the picture moves while playing');

      // Pause with the keyboard.
      await replay.locator('[data-control="play"]').focus();
      await page.keyboard.press('Enter');
      assert.equal(await replay.getAttribute('data-playing'), 'false');
      assert.equal(await replay.locator('[data-control="play"]').getAttribute('aria-pressed'), 'false');
      const paused = await shownMs(replay);
      await page.waitForTimeout(400);
      assert.equal(await shownMs(replay), paused, 'the clock stands still while paused');

      // Scrub: the range's End and Home keys go to the window's ends.
      const scrubber = replay.locator('[data-control="scrubber"]');
      await scrubber.focus();
      await page.keyboard.press('End');
      assert.equal(await timeText(replay), '8,000 ms of 8,000');
      const atEnd = [await canvasPicture(replay, 0), await canvasPicture(replay, 1)];
      await page.keyboard.press('Home');
      assert.equal(await timeText(replay), '5,000 ms of 8,000');
      assert.notEqual(await canvasPicture(replay, 0), atEnd[0], 'scrubbing redraws the first trace');
      assert.notEqual(await canvasPicture(replay, 1), atEnd[1], 'and the second, on the same clock');
      assert.equal(await scrubber.getAttribute('aria-valuetext'), '5,000 ms');

      // Step to the next event and back.
      await replay.locator('[data-control="next-event"]').focus();
      await page.keyboard.press('Enter');
      const next = await shownMs(replay);
      assert.ok(next > 5000 && next < 5100, `the next event is just after the start (got ${next} ms)`);
      await page.keyboard.press('Enter');
      assert.ok((await shownMs(replay)) >= next);
      await replay.locator('[data-control="previous-event"]').click();
      assert.equal(await shownMs(replay), next);

      // Speed is a select: the keyboard changes it; Play from the end starts again from the start.
      await replay.locator('[data-control="speed"]').selectOption('1000');
      await scrubber.focus();
      await page.keyboard.press('End');
      await replay.locator('[data-control="play"]').click();
      await page.waitForTimeout(300);
      const again = await shownMs(replay);
      assert.ok(again > 5000 && again < 7000, `Play at the end plays again from the start (at 1 s per second, 300 ms later: ${again} ms)`);

      // The counters and what each component did, as text for screen readers.
      assert.match(await replay.locator('[data-replay-counters]').first().textContent(), /^sent [\d,]+ · served [\d,]+ · failed 0 · dropped 0 · timed out 0$/);
      assert.equal(await replay.locator('[data-output="table"] caption').count(), 2);
      assert.match(await replay.locator('[data-output="table"]').first().textContent(), /slow node-6/);
      await checkClean(page, watcher);
    } finally {
      await context.close();
    }
  });

});

// One visit serves the checks that only look at a replay that has arrived and does not play
// (reduced motion): they run in this order on the same page, each leaving the replay as a reader
// would find it for the next (nothing here presses Play before the reduced-motion check).
describe('a replay in the Playground, with reduced motion, on a laptop then a phone', () => {
  let visit;
  before(async () => {
    visit = await openReplay({ reducedMotion: 'reduce' });
  });
  after(async () => {
    await visit?.context.close();
  });

  test(`its code is a lazy chunk of at most ${REPLAY_BUDGET_BYTES / 1000} KB gzip, fetched only when a replay is shown`, async () => {
    const { page, before } = visit;
    const loaded = await scriptsLoaded(page);
    const chunks = loaded.filter((url) => !before.includes(url) && /\/replay[.-][^/]*\.js$/.test(new URL(url).pathname));
    assert.equal(chunks.length, 1, `one replay chunk after Run: ${loaded.filter((url) => !before.includes(url)).join(', ')}`);
    assert.ok(!before.some((url) => /\/replay[.-][^/]*\.js$/.test(new URL(url).pathname)), 'not fetched before');
    const bytes = gzipSizeOf(chunks[0]);
    assert.ok(bytes <= REPLAY_BUDGET_BYTES, `${(bytes / 1000).toFixed(1)} KB gzip`);
  });

  test('axe finds nothing serious in light mode, and the canvas is drawn in light colours', async () => {
    await axeAndCanvas(visit, 'light');
  });

  test('two traces sit side by side on a laptop and stack on a phone, within the screen', async () => {
    const { page, replay } = visit;
    for (const [viewport, sideBySide] of [[LAPTOP, true], [PHONE, false]]) {
      await page.setViewportSize(viewport);
      // The layout follows a ResizeObserver: give it a frame.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const [a, b] = await replay.locator('canvas').evaluateAll((canvases) => canvases.map((c) => c.getBoundingClientRect().toJSON()));
      if (sideBySide) assert.ok(Math.abs(a.y - b.y) < 1 && b.x > a.x + a.width - 1, `side by side at ${viewport.width} px: ${JSON.stringify([a, b])}`);
      else assert.ok(b.y >= a.y + a.height && Math.abs(a.x - b.x) < 1, `stacked at ${viewport.width} px: ${JSON.stringify([a, b])}`);
      assert.ok(a.x >= 0 && b.x + b.width <= viewport.width, 'within the screen');
      const overflow = await replay.evaluate((element) => element.scrollWidth - element.clientWidth);
      assert.ok(overflow <= 0, `nothing sticks out of the replay (${overflow} px)`);
    }
    await page.setViewportSize(LAPTOP);
  });

  test('with reduced motion it waits for Play, and stepping still works', async () => {
    const { page, watcher, replay } = visit;
    await page.waitForTimeout(600);
    assert.equal(await replay.getAttribute('data-playing'), 'false', 'no autoplay');
    assert.equal(await timeText(replay), '5,000 ms of 8,000');
    await replay.locator('[data-control="next-event"]').click();
    assert.ok((await shownMs(replay)) > 5000);
    await replay.locator('[data-control="play"]').click();
    assert.equal(await replay.getAttribute('data-playing'), 'true', 'Play plays');
    await checkClean(page, watcher);
  });

  test('switched to dark mode, axe finds nothing serious and the canvas is redrawn in dark colours', async () => {
    await visit.page.emulateMedia({ colorScheme: 'dark' });
    await visit.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, { timeout: 20_000 });
    await axeAndCanvas(visit, 'dark');
  });
});

describe('a replay in the Playground, on a phone', () => {
  test('a long chain (chapter 03\'s retry storm) wraps inside a phone\'s screen, plays, and is axe clean in both themes', async () => {
    // Opened in dark mode (the replay's first drawing in dark), then switched to light.
    const { context, page, watcher, replay } = await openReplay({ viewport: PHONE, colorScheme: 'dark', chapter: '/docs/distributed-cluster/', example: '03-distributed-cluster/retry-storm-replay' });
    try {
      await playsOnArrival(page, replay);
      const first = await shownMs(replay);
      await page.waitForTimeout(500);
      assert.ok((await shownMs(replay)) > first, 'the clock moves');
      // Eight boxes in one row would be 40 px each (and the canvas 74 px tall): wrapped, they stand in four rows.
      const boxes = await replay.locator('canvas').evaluateAll((canvases) => canvases.map((c) => c.getBoundingClientRect().toJSON()));
      assert.equal(boxes.length, 2);
      for (const box of boxes) {
        assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `within the screen: ${JSON.stringify(box)}`);
        assert.ok(box.height > 4 * 58, `wrapped into rows: ${JSON.stringify(box)}`);
      }
      assert.ok((await replay.evaluate((element) => element.scrollWidth - element.clientWidth)) <= 0, 'nothing sticks out of the replay');
      await replay.locator('[data-control="play"]').click();
      for (const colorScheme of ['dark', 'light']) {
        if (colorScheme === 'light') {
          await page.emulateMedia({ colorScheme });
          await page.waitForFunction(() => document.documentElement.dataset.theme === 'light', null, { timeout: 20_000 });
        }
        assert.deepEqual(seriousViolations(await axeBuilder(page).include('[data-output="replay"]').analyze()), [], colorScheme);
      }
      await checkClean(page, watcher);
    } finally {
      await context.close();
    }
  });
});
