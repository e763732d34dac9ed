/**
 * The Playground's allowlisted packages on the built site (run `npm run build` first), in
 * headless Chromium, with chapter 06's SQL Playground (PGlite):
 *  - pglite.<file>KB / pglite.<file>GzipKB: each file the first run fetches (module.js,
 *    pglite.wasm, initdb.wasm, pglite.data, pgdata.tar.gz), as served and as gzip would serve
 *    it; pglite.totalKB / pglite.totalGzipKB: all of them.
 *  - pglite.firstRunMs: Run -> output on a freshly opened page (fetch, compile, start
 *    PostgreSQL from its data directory, the example's queries); pglite.firstLoadMs: the part
 *    spent fetching and compiling (the runner's marks), before the code starts.
 *  - pglite.laterRunMs: median of LATER_RUNS later runs, each pressed READING_MS after the last
 *    ended, as a reader reads the output first (the files are kept; each run gets a fresh
 *    database, which the spare worker starts meanwhile); pglite.laterRunMinMs / MaxMs: their
 *    spread. pglite.backToBackRunMs: a run pressed the moment the last one ended.
 * Measured from the click to the run's end, in the page.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PGLITE, URL_DIR } from '../../src/components/Playground/packages';
import { loadHarness } from './harness';

const PAGE = '/docs/security/';
const EXAMPLE = '06-security/sql-injection';
const LATER_RUNS = 3;
const READING_MS = 5_000;
const ROOT = join(__dirname, '..', '..');

// Kept as text: tsx would wrap a function passed to page.evaluate in helpers the page lacks.
const TIME_RUN_IN_PAGE = `({ example, count }) => new Promise((resolve, reject) => {
  const section = document.querySelector('[data-playground="' + example + '"]');
  const ended = () => section.querySelector('[data-output-frame][data-run="' + count + '"]:not([data-run-state="running"])');
  const started = performance.now();
  const observer = new MutationObserver(() => {
    const frame = ended();
    if (!frame) return;
    observer.disconnect();
    resolve({ ms: performance.now() - started, state: frame.getAttribute('data-run-state') });
  });
  observer.observe(section, { childList: true, subtree: true, attributes: true });
  setTimeout(() => reject(new Error('run ' + count + ' did not end in 180 s')), 180000);
  section.querySelector('[data-control="run"]').click();
})`;

const LOAD_MS_IN_PAGE = `(() => {
  const marks = performance.getEntriesByType('mark');
  const compiled = marks.find((mark) => mark.name === 'playground:compiled');
  const packages = marks.find((mark) => mark.name === 'playground:packages');
  return compiled && packages ? packages.startTime - compiled.startTime : -1;
})()`;

export async function benchPackages(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const folder = join(ROOT, 'build', URL_DIR, PGLITE.folder);
  let total = 0;
  let totalGzip = 0;
  for (const file of readdirSync(folder).sort()) {
    const bytes = statSync(join(folder, file)).size;
    // Already compressed files (the data directory is a .tar.gz) are served as they are.
    const gzip = file.endsWith('.gz') ? bytes : gzipSync(readFileSync(join(folder, file))).length;
    figures[`pglite.${file}KB`] = Math.round(bytes / 1000);
    figures[`pglite.${file}GzipKB`] = Math.round(gzip / 1000);
    total += bytes;
    totalGzip += gzip;
  }
  figures['pglite.totalKB'] = Math.round(total / 1000);
  figures['pglite.totalGzipKB'] = Math.round(totalGzip / 1000);

  const harness = await loadHarness();
  const server = await harness.startServer();
  const browser = await harness.launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url + PAGE, { waitUntil: 'networkidle' });
    const section = page.locator(`[data-playground="${EXAMPLE}"]`);
    await section.scrollIntoViewIfNeeded();
    await section.hover();
    await section.locator('.cm-content').waitFor({ timeout: 60_000 });
    const timeRun = async (count: number) => {
      const { ms, state } = (await page.evaluate(`(${TIME_RUN_IN_PAGE})(${JSON.stringify({ example: EXAMPLE, count })})`)) as { ms: number; state: string };
      if (state !== 'done') throw new Error(`run ${count} of ${EXAMPLE} ended ${state}`);
      return ms;
    };
    figures['pglite.firstRunMs'] = Math.round(await timeRun(1));
    figures['pglite.firstLoadMs'] = Math.round((await page.evaluate(LOAD_MS_IN_PAGE)) as number);
    const later: number[] = [];
    for (let i = 0; i < LATER_RUNS; i++) {
      await page.waitForTimeout(READING_MS);
      later.push(await timeRun(i + 2));
    }
    figures['pglite.backToBackRunMs'] = Math.round(await timeRun(LATER_RUNS + 2));
    later.sort((a, b) => a - b);
    figures['pglite.laterRunMs'] = Math.round(later[Math.floor(later.length / 2)]);
    figures['pglite.laterRunMinMs'] = Math.round(later[0]);
    figures['pglite.laterRunMaxMs'] = Math.round(later[later.length - 1]);
  } finally {
    await browser.close();
    await server.close();
  }
  return figures;
}
