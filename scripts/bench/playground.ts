/**
 * The Playground on the built site (run `npm run build` first), in headless Chromium:
 *  - coldRunMs: Run -> first output, the first run on a freshly opened page, pressed
 *    COLD_WAIT_MS after the editor appeared (as a reader reads before pressing Run; the
 *    Playground fetches sucrase, compiles the kit and hands it to the worker meanwhile).
 *    Median of COLD_RUNS pages, each in a new browser context; coldRunMinMs/coldRunMaxMs give
 *    the spread. Target < 300 ms, steadily. Where the time goes, medians of the same runs
 *    (from the runner's performance marks): coldTranspilerMs (waiting for sucrase),
 *    coldCompileMs (what was not compiled yet), coldWorkerMs (to the worker's first message),
 *    coldDrawMs (to the output in the page).
 *  - coldFromStaticMs: the same, pressing Run on the server-rendered view before the editor
 *    has loaded (the editor's chunks are fetched too). coldFromStaticSlow4gMs: the same over a
 *    throttled network (150 ms round trip, 1.6 Mbit/s down), as on a phone.
 *  - warmRunMs: median of later runs. Target < 50 ms.
 *  - lazyChunksKiB: gzip size of every script the Playground fetched after the first view
 *    (editor, sucrase, kit sources). Target: the browser test's budget, 320 KiB (300 until the
 *    kit grew in December 2026). Split into lazyCodeKiB (the Playground's own weight: editor
 *    and sucrase) and kitSourcesKiB (the kit's source text, which grows with the kit).
 *  - chapterFirstViewJsKB: first-view JavaScript (gzip) of the book's chapter with the most
 *    Playgrounds, as tests/browser/harness.mjs measures it (scripts fetched before the first
 *    lazy feature starts loading; idle-time prefetches of linked pages excluded). Issue budget
 *    350 KB. chapterDiagramsAfterKB: what its diagrams fetch afterwards; chapterPlaygroundChunksKB:
 *    how much of either is the Playground's lazy chunks (0). benchPageFirstViewJsKB: the same
 *    for the test bench page (Playgrounds, no diagrams).
 *  - site.heaviestFirstViewJsKB: the most first-view JavaScript any page loads; the browser
 *    tests fail above 250 KB.
 * Times are measured in the page, from the click to the first output element in the DOM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHarness } from './harness';

const BENCH_PAGE = '/dogfooding/playground/';
const EXAMPLE = 'dogfooding/hello';
const WARM_RUNS = 15;
const COLD_RUNS = 5;
const COLD_WAIT_MS = 500;

const ROOT = join(__dirname, '..', '..');

// Kept as text: tsx would wrap a function passed to page.evaluate in helpers the page lacks.
const TIME_RUN_IN_PAGE = `({ example, count, selector }) => new Promise((resolve, reject) => {
  const section = document.querySelector('[data-playground="' + example + '"]');
  const done = () => section.querySelector('[data-output-frame][data-run="' + count + '"] [data-output]');
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    performance.mark('playground:drawn');
    resolve(performance.now() - started);
  });
  observer.observe(section, { childList: true, subtree: true, attributes: true });
  setTimeout(() => reject(new Error('run ' + count + ' showed no output in 30 s')), 30000);
  section.querySelector(selector).click();
})`;

// The runner's marks of the page's first run (src/components/Playground/runner.ts), as durations.
const RUN_MARKS = `(() => {
  const at = {};
  for (const mark of performance.getEntriesByType('mark')) if (mark.name.startsWith('playground:') && !(mark.name in at)) at[mark.name] = mark.startTime;
  return {
    transpiler: at['playground:transpiler'] - at['playground:run'],
    compile: at['playground:compiled'] - at['playground:transpiler'],
    worker: at['playground:first-message'] - at['playground:compiled'],
    draw: at['playground:drawn'] - at['playground:first-message'],
  };
})()`;

/** Clicks Run in the page and resolves with the ms until run `count` shows its first output. */
function timeRun(page: import('playwright-core').Page, count: number, selector = '[data-control="run"]'): Promise<number> {
  return page.evaluate(`(${TIME_RUN_IN_PAGE})(${JSON.stringify({ example: EXAMPLE, count, selector })})`) as Promise<number>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function benchPlayground(): Promise<Record<string, number>> {
  const harness = await loadHarness();
  const server = await harness.startServer();
  const browser = await harness.launchBrowser();
  try {
    // Cold and warm runs, and what the Playground fetched beyond the first view.
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script' && !request.url().startsWith('blob:')) scripts.push(request.url());
    });
    await page.goto(server.url + BENCH_PAGE, { waitUntil: 'networkidle' });
    const firstView = new Set(scripts);
    const section = page.locator(`[data-playground="${EXAMPLE}"]`);
    await section.hover();
    await section.locator('.cm-content').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(COLD_WAIT_MS);
    await timeRun(page, 1);
    const warm: number[] = [];
    for (let run = 2; run <= WARM_RUNS + 1; run++) {
      await page.waitForTimeout(100);
      warm.push(await timeRun(page, run));
    }
    const lazy = [...new Set(scripts)].filter((url) => !firstView.has(url));
    const kiB = (urls: string[]) => urls.reduce((sum, url) => sum + harness.gzipSizeOf(url), 0) / 1024;
    const lazyChunksKiB = kiB(lazy);
    // The kit's chunk is the one holding the kit's source text.
    const kitMark = JSON.stringify(readFileSync(join(ROOT, 'examples', 'sim', 'index.ts'), 'utf8').slice(0, 80)).slice(1, -1);
    const texts = await Promise.all(lazy.map(async (url) => [url, await (await fetch(url)).text()] as const));
    const kitSourcesKiB = kiB(texts.filter(([, text]) => text.includes(kitMark)).map(([url]) => url));
    await context.close();

    // The first Run on a fresh page, several times: its median, spread and where it goes.
    const cold: Record<string, number>[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const reader = await browser.newContext();
      const readerPage = await reader.newPage();
      await readerPage.goto(server.url + BENCH_PAGE, { waitUntil: 'networkidle' });
      const readerSection = readerPage.locator(`[data-playground="${EXAMPLE}"]`);
      await readerSection.hover();
      await readerSection.locator('.cm-content').waitFor({ timeout: 30_000 });
      await readerPage.waitForTimeout(COLD_WAIT_MS);
      const totalMs = await timeRun(readerPage, 1);
      const marks = (await readerPage.evaluate(RUN_MARKS)) as Record<string, number>;
      cold.push({ totalMs, ...marks });
      await reader.close();
    }
    const coldMedian = (key: string) => Math.round(median(cold.map((run) => run[key])));

    // Run pressed on the server-rendered view, before the editor exists.
    const fresh = await browser.newContext();
    const freshPage = await fresh.newPage();
    await freshPage.goto(server.url + BENCH_PAGE, { waitUntil: 'networkidle' });
    const coldFromStaticMs = await timeRun(freshPage, 1);
    await fresh.close();

    // The same on a phone's network (Lighthouse's "slow 4G": 150 ms round trip, 1.6 Mbit/s
    // down, 750 kbit/s up), where the editor's chunks take most of the wait.
    const slow = await browser.newContext();
    const slowPage = await slow.newPage();
    await slowPage.goto(server.url + BENCH_PAGE, { waitUntil: 'networkidle' });
    const cdp = await slow.newCDPSession(slowPage);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    const coldFromStaticSlow4gMs = await timeRun(slowPage, 1);
    await slow.close();

    // First view, as tests/browser/harness.mjs measures it (and site.test.mjs budgets it):
    // the scripts a page fetches before its first lazy feature starts loading, without
    // scrolling or clicking; `lazy` is what its diagrams fetch after.
    const firstViewOf = async (path: string) => {
      const viewer = await browser.newContext();
      const viewerPage = await viewer.newPage();
      await viewerPage.goto(server.url + path, { waitUntil: 'networkidle' });
      const js = await harness.firstViewJavaScript(viewerPage);
      const playgrounds = await viewerPage.locator('[data-playground]').count();
      await viewer.close();
      return { path, js, playgrounds };
    };
    const kB = (bytes: number) => Math.round(bytes / 100) / 10;
    const views = [];
    for (const path of harness.sitemapPaths()) views.push(await firstViewOf(path));
    // The book's chapter with the most Playgrounds; and the heaviest page of the site.
    const chapter = views.filter((view) => view.path.startsWith('/docs/')).reduce((a, b) => (b.playgrounds > a.playgrounds ? b : a));
    const heaviest = views.reduce((a, b) => (b.js.gzipBytes > a.js.gzipBytes ? b : a));
    const bench = views.find((view) => view.path === BENCH_PAGE);
    const lazyPaths = new Set(lazy.map((url) => new URL(url).pathname));
    const eagerPlaygroundBytes = [...chapter.js.files, ...chapter.js.lazy]
      .filter((file) => lazyPaths.has(new URL(file.url).pathname))
      .reduce((sum, file) => sum + file.gzipBytes, 0);
    if (!process.argv.includes('--json')) console.log(`  (chapter: ${chapter.path}; heaviest page: ${heaviest.path})`);

    return {
      'playground.coldRunMs': coldMedian('totalMs'),
      'playground.coldRunMinMs': Math.round(Math.min(...cold.map((run) => run.totalMs))),
      'playground.coldRunMaxMs': Math.round(Math.max(...cold.map((run) => run.totalMs))),
      'playground.coldTranspilerMs': coldMedian('transpiler'),
      'playground.coldCompileMs': coldMedian('compile'),
      'playground.coldWorkerMs': coldMedian('worker'),
      'playground.coldDrawMs': coldMedian('draw'),
      'playground.coldFromStaticMs': Math.round(coldFromStaticMs),
      'playground.coldFromStaticSlow4gMs': Math.round(coldFromStaticSlow4gMs),
      'playground.warmRunMs': Math.round(median(warm) * 10) / 10,
      'playground.lazyChunksKiB': Math.round(lazyChunksKiB * 10) / 10,
      'playground.lazyCodeKiB': Math.round((lazyChunksKiB - kitSourcesKiB) * 10) / 10,
      'playground.kitSourcesKiB': Math.round(kitSourcesKiB * 10) / 10,
      'playground.chapterFirstViewJsKB': kB(chapter.js.gzipBytes),
      'playground.chapterDiagramsAfterKB': kB(chapter.js.lazyGzipBytes),
      'playground.chapterPlaygroundChunksKB': kB(eagerPlaygroundBytes),
      'playground.benchPageFirstViewJsKB': bench ? kB(bench.js.gzipBytes) : NaN,
      'site.heaviestFirstViewJsKB': kB(heaviest.js.gzipBytes),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

// `npx tsx scripts/bench/playground.ts` runs it alone.
if (typeof require !== 'undefined' && require.main === module) {
  benchPlayground().then((figures) => console.log(figures));
}
