// What the Playground's browser tests do to a Playground, as a reader would: open its editor,
// replace its code, run it and wait for the run to end.
import { hydrated } from './harness.mjs';

const RUN_TIMEOUT_MS = 60_000;

/** Waits for run number `count` of a Playground to end; returns its state (done, error, stopped). */
export async function runEnded(section, count, timeout = RUN_TIMEOUT_MS) {
  const output = section.locator(`[data-output-frame][data-run="${count}"]:not([data-run-state="running"])`);
  await output.waitFor({ timeout });
  return output.getAttribute('data-run-state');
}

export async function openEditor(section) {
  // The Playground opens on a scroll or a pointer that comes once the page runs.
  await hydrated(section.page());
  await section.scrollIntoViewIfNeeded();
  await section.hover();
  await section.locator('.cm-content').waitFor({ timeout: 30_000 });
}

export async function editorText(section) {
  return section.locator('.cm-line').evaluateAll((lines) => lines.map((line) => line.textContent).join('\n'));
}

export async function replaceCode(page, section, code) {
  await section.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

export async function run(section, count) {
  await hydrated(section.page());
  await section.locator('[data-control="run"]').click();
  return runEnded(section, count);
}

/**
 * The scripts a Playground fetches when it loads and runs, found by running `example` on the
 * page at `url`: those fetched from the moment it starts loading (its `lazy:playground` mark, see
 * firstViewJavaScript in harness.mjs), not the page's own chunks that arrive meanwhile.
 * site.test.mjs holds every page's first view to them; playground.test.mjs weighs them.
 */
export async function playgroundChunks(browser, url, example) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    const section = page.locator(`[data-playground="${example}"]`);
    await openEditor(section);
    const state = await run(section, 1);
    if (state !== 'done') throw new Error(`${example} on ${url} ended with ${state}: the Playground's chunks are found by running it`);
    return await page.evaluate(() => {
      const start = performance.getEntriesByName('lazy:playground')[0]?.startTime ?? Infinity;
      const scripts = performance.getEntriesByType('resource').filter((entry) => entry.initiatorType === 'script' && entry.startTime >= start);
      return [...new Set(scripts.map((entry) => entry.name).filter((url) => !url.startsWith('blob:')))];
    });
  } finally {
    await context.close();
  }
}
