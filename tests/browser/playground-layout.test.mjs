// How the Playground sits in a page (issues 12 and 14): its charts are never hidden in a box
// of their own, Run brings the output into view, the editor fits the examples' 80 columns on
// a laptop, nothing moves when the editor replaces the static view, the static view costs
// a chapter a handful of elements however long the example is, and a Playground far down the
// page is not drawn until the reader nears it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, sitemapPaths, useSite, watchPage } from './harness.mjs';
import { openEditor, run } from './playground-helpers.mjs';

const CHAPTER = '/docs/cluster/';
const BALANCING = '02-cluster/balancing-strategies';
const BENCH = '/dogfooding/playground/';
const HELLO = 'dogfooding/hello';
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The examples are written to 80 columns. */
const COLUMNS = 80;
/** What a Playground's static view may cost a page in elements, however long its code. */
const STATIC_ELEMENTS = 40;

const site = useSite();

async function openPage(path, viewport, colorScheme = 'light') {
  const context = await site.browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  await page.goto(site.url + path, { waitUntil: 'networkidle' });
  return { context, page, watcher };
}

describe('the output shows its point', () => {
  test(`after ${BALANCING} runs, every chart is in full view of the page, in no scroll box of its own`, async () => {
    const { context, page, watcher } = await openPage(CHAPTER, LAPTOP);
    try {
      const section = page.locator(`[data-playground="${BALANCING}"]`);
      await openEditor(section);
      assert.equal(await run(section, 1), 'done');
      const charts = await section.locator('[data-output="chart"]').evaluateAll((figures) =>
        figures.map((figure) => {
          const box = figure.getBoundingClientRect();
          const boxes = [];
          for (let element = figure.parentElement; element && element !== document.body; element = element.parentElement) {
            const style = getComputedStyle(element);
            const clips = style.overflowY !== 'visible';
            if (clips && element.scrollHeight > element.clientHeight + 1) boxes.push(`${element.tagName.toLowerCase()}.${element.className} scrolls`);
            const outer = element.getBoundingClientRect();
            if (clips && (box.top < outer.top - 1 || box.bottom > outer.bottom + 1)) boxes.push(`${element.tagName.toLowerCase()}.${element.className} cuts it`);
          }
          return { title: figure.querySelector('svg title')?.textContent, height: Math.round(box.height), boxes };
        }),
      );
      assert.ok(charts.length >= 1, 'the example draws a chart');
      for (const chart of charts) assert.deepEqual(chart.boxes, [], `chart “${chart.title}” (${chart.height} px tall)`);
      assert.deepEqual(watcher.problems(), []);
    } finally {
      await context.close();
    }
  });

  test('on a laptop screen, Run shows the first output, even when the output starts below the screen', async () => {
    const { context, page } = await openPage(CHAPTER, LAPTOP);
    try {
      const section = page.locator(`[data-playground="${BALANCING}"]`);
      await openEditor(section);
      // The Playground a third of the way down, as after following the section's link: Run
      // is in view, the output below the screen.
      await section.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 300));
      assert.equal(await run(section, 1), 'done');
      await page.waitForTimeout(1000); // a smooth scroll
      const first = await section.locator('[data-output]').first().boundingBox();
      assert.ok(first.y + 40 < LAPTOP.height, `the first output starts at ${Math.round(first.y)} px, on a screen ${LAPTOP.height} px tall`);
    } finally {
      await context.close();
    }
  });
});

describe('the editor', () => {
  test(`fits ${COLUMNS} columns at ${LAPTOP.width} px`, async () => {
    const { context, page } = await openPage(CHAPTER, LAPTOP);
    try {
      const section = page.locator(`[data-playground="${BALANCING}"]`);
      await openEditor(section);
      const columns = await section.locator('.cm-line').first().evaluate((line) => {
        const probe = document.createElement('span');
        probe.textContent = 'x'.repeat(100);
        probe.style.cssText = 'position: absolute; visibility: hidden; white-space: pre';
        line.appendChild(probe);
        const charWidth = probe.getBoundingClientRect().width / 100;
        probe.remove();
        const style = getComputedStyle(line);
        return (line.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / charWidth;
      });
      assert.ok(columns >= COLUMNS, `the editor shows ${columns.toFixed(1)} columns`);
    } finally {
      await context.close();
    }
  });

  for (const [name, viewport] of [['phone', PHONE], ['laptop', LAPTOP]]) {
    for (const [path, example] of [[BENCH, HELLO], [CHAPTER, BALANCING]]) {
      test(`replaces the static view without moving anything: ${example} on a ${name}`, async () => {
        const { context, page } = await openPage(path, viewport);
        try {
          const section = page.locator(`[data-playground="${example}"]`).first();
          await page.evaluate(() => {
            window.__shift = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
            }).observe({ type: 'layout-shift' });
          });
          // Measured before scrolling: scrolling near a Playground brings its editor.
          assert.equal(await section.getAttribute('data-ready'), 'static');
          // Off screen, a Playground is a placeholder box of about its height (content-visibility:
          // auto); what must not move is the static view the reader sees, so draw it here. It stays
          // drawn: handed back to the stylesheet, it would be skipped again, and the jump to it
          // below (not a reader's scroll) makes Chromium report its parts as shifted from nowhere
          // (0.1-0.75), which no reader's scroll, key or link showed.
          await section.evaluate((element) => (element.style.contentVisibility = 'visible'));
          const before = await section.boundingBox();
          await openEditor(section);
          await page.waitForTimeout(300);
          const after = await section.boundingBox();
          assert.ok(Math.abs(after.height - before.height) <= 1, `the static view is ${before.height} px tall, the editor ${after.height} px`);
          const shift = await page.evaluate(() => window.__shift);
          assert.ok(shift < 0.01, `layout shift ${shift.toFixed(3)} when the editor arrived`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('the static view is light', () => {
  test(`every Playground of every built page is at most ${STATIC_ELEMENTS} elements until the reader comes near it`, () => {
    let seen = 0;
    for (const path of sitemapPaths()) {
      const html = readFileSync(join(BUILD_DIR, path, 'index.html'), 'utf8');
      for (const [, example, inside] of html.matchAll(/<section[^>]*data-playground="?([^"\s>]+)[^>]*>([\s\S]*?)<\/section>/g)) {
        const elements = (inside.match(/<[a-z]/g) ?? []).length;
        assert.ok(elements <= STATIC_ELEMENTS, `${path}: ${example} is ${elements} elements`);
        seen++;
      }
    }
    assert.ok(seen > 0, 'no Playground found in build/');
  });
});

describe('a Playground far below the first screen', () => {
  // The code box grows with the screen's height, and so must the stand-in: short screens too.
  const screens = [
    ['phone', PHONE],
    ['laptop', LAPTOP],
    ['short laptop', { width: 1366, height: 660 }],
    ['phone on its side', { width: 844, height: 360 }],
  ];
  for (const [name, viewport] of screens) {
    test(`is not drawn at load, and stands in at about its drawn height: ${CHAPTER} on a ${name}`, async () => {
      const { context, page } = await openPage(CHAPTER, viewport);
      try {
        const sections = await page.$$eval('[data-playground]', (all) =>
          all
            .filter((section) => section.getBoundingClientRect().top > 2 * window.innerHeight)
            .map((section) => {
              // Skipped: the browser has not laid out or painted what is inside (content-visibility: auto).
              const skipped = !section.querySelector('[data-control="run"]').checkVisibility({ contentVisibilityAuto: true });
              const standIn = section.getBoundingClientRect().height;
              section.style.contentVisibility = 'visible';
              return { example: section.dataset.playground, skipped, standIn, drawn: section.getBoundingClientRect().height };
            }),
        );
        assert.ok(sections.length >= 3, `${CHAPTER} should have Playgrounds far below its first screen`);
        for (const { example, skipped, standIn, drawn } of sections) {
          assert.ok(skipped, `${example} was drawn at load, far from the reader`);
          // The scroll bar and a jump to a heading below it are right to within this.
          assert.ok(Math.abs(standIn - drawn) <= 0.1 * drawn, `${example} stands in at ${standIn} px and is ${drawn} px drawn`);
        }
      } finally {
        await context.close();
      }
    });
  }
});
