// A Playground's output table on a phone and a laptop: a table wider than the output scrolls
// sideways in a box of its own (with a tab stop and a name while it scrolls), its title wraps
// within the screen, and nothing of it is cut off out of reach. The Playground's box clips what
// overflows it: before this box, a 390 px phone showed chapter 02's availability table without
// its last two columns, and no way to scroll to them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeBuilder, seriousViolations } from './axe.mjs';
import { useSite, watchPage } from './harness.mjs';
import { run } from './playground-helpers.mjs';

const CHAPTER = '/docs/cluster/';
const EXAMPLE = '02-cluster/nines';
const site = useSite();

/** Where the table, its box and its title sit, and what the box says about itself. */
function measure(section) {
  return section.evaluate((playground) => {
    const table = playground.querySelector('[data-output="table"]');
    const box = table.closest('[data-table-scroller]');
    const title = box.previousElementSibling;
    const right = (element) => element.getBoundingClientRect().right;
    box.scrollLeft = box.scrollWidth;
    const headers = [...table.querySelectorAll('th[scope="col"]')];
    const lastHeaderRight = right(headers[headers.length - 1]);
    const boxRight = right(box);
    box.scrollLeft = 0;
    return {
      scrolls: box.scrollWidth > box.clientWidth + 1,
      tabIndex: box.getAttribute('tabindex'),
      label: box.getAttribute('aria-label'),
      role: box.getAttribute('role'),
      caption: table.querySelector('caption')?.textContent,
      title: title?.textContent,
      titleHidden: title?.getAttribute('aria-hidden'),
      titleFits: right(title) <= right(playground) + 0.5 && title.scrollWidth <= title.clientWidth + 1,
      lastHeaderReachable: lastHeaderRight <= boxRight + 1,
      boxInsidePlayground: boxRight <= right(playground) + 0.5,
    };
  });
}

describe(`${CHAPTER}: ${EXAMPLE}'s output table`, () => {
  for (const [width, colorScheme] of [[390, 'dark'], [1280, 'light']]) {
    test(`at ${width} px (${colorScheme})`, async () => {
      const context = await site.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      const watcher = watchPage(page, site.url);
      try {
        await page.goto(site.url + CHAPTER, { waitUntil: 'networkidle' });
        const section = page.locator(`[data-playground="${EXAMPLE}"]`);
        await section.scrollIntoViewIfNeeded();
        assert.equal(await run(section, 1), 'done');
        // Whether the box scrolls (its tab stop, role and name) is set in an effect after the
        // table is drawn, a render later: wait until what it says matches what it does.
        await section.evaluate(
          (playground) =>
            new Promise((resolve) => {
              // The table measure() looks at.
              const box = playground.querySelector('[data-output="table"]').closest('[data-table-scroller]');
              const settled = () => (box.scrollWidth > box.clientWidth + 1) === box.hasAttribute('tabindex');
              const check = () => (settled() ? resolve() : requestAnimationFrame(check));
              check();
              setTimeout(resolve, 15_000);
            }),
        );
        const m = await measure(section);
        assert.ok(m.title && m.caption === m.title, `the title shown (${m.title}) is the table's caption (${m.caption})`);
        assert.equal(m.titleHidden, 'true', 'the title shown is hidden from screen readers, which hear the caption');
        assert.ok(m.titleFits, 'the title wraps within the Playground');
        assert.ok(m.boxInsidePlayground, "the table's box stays inside the Playground");
        assert.ok(m.lastHeaderReachable, 'scrolled to its end, the box shows the last column');
        if (width === 390) {
          assert.ok(m.scrolls, 'five columns do not fit a phone: the box scrolls');
          assert.equal(m.tabIndex, '0', 'a box that scrolls is a tab stop');
          assert.equal(m.role, 'group');
          assert.equal(m.label, `${m.title} (scrolls sideways)`);
        } else {
          assert.ok(!m.scrolls, 'the table fits a laptop');
          assert.equal(m.tabIndex, null, 'a box that does not scroll is no tab stop');
        }
        assert.deepEqual(seriousViolations(await axeBuilder(page).include(`[data-playground="${EXAMPLE}"] [data-output-frame]`).analyze()), []);
        assert.deepEqual(watcher.problems(), []);
      } finally {
        await context.close();
      }
    });
  }
});
