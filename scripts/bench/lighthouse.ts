/**
 * Lighthouse 12.8 (performance only) on the built site (run `npm run build` first), served gzip
 * like a static host, in the system Chromium, for the landing page and the heaviest chapter
 * (the /docs/ page with the largest HTML), with Lighthouse's mobile settings (a mid-range phone
 * on a slow 4G link, simulated) and its desktop settings. For each page and form factor:
 *  - performance: the score, 0-100. Targets: chapter >= 90 mobile, >= 98 desktop; home >= 95 mobile.
 *  - tbtMs: Total Blocking Time. Target < 200 ms on desktop.
 *  - lcpMs: Largest Contentful Paint; cls: Cumulative Layout Shift (x1000, so 0.1 is 100).
 *  - domElements: elements in the page after load; transferKB: bytes over the wire.
 * Also a floor page, on a phone only (`floor.desktop` in LIGHTHOUSE_ONLY adds the laptop):
 * /docs/reference/, a generated index of three cards (194 elements), the page nearest to what
 * Docusaurus costs without a chapter, measured in the same sitting as the line a chapter's figure
 * is read against. A fixed page, so that its figures compare across builds;
 * LIGHTHOUSE_FLOOR=/docs/other/ measures another.
 * LIGHTHOUSE_RUNS=n (default 3) runs each n times and reports the median, and the spread of
 * the score as `<key>.performanceMin`/`Max`. Lighthouse 13 needs Node 22; 12.8 runs on Node 20.
 * The machine's load moves these figures: the runs take turns (every page and form factor once,
 * then again), so that a slow minute weighs on all of them alike, and the host's speed is printed
 * as `lighthouse.hostBenchmarkIndex` (Lighthouse's own measure, median, with its spread): on this
 * 2-core VM it moved from 1,600 to 2,900 within one sitting, and a slower host is a slower
 * simulated phone. Compare runs made in one sitting.
 * LIGHTHOUSE_REPORTS=<dir> also writes each run's full report there (`<page>-<form factor>-<run>.json`:
 * the main-thread breakdown, boot-up time per script and long tasks tell where TBT comes from);
 * LIGHTHOUSE_ONLY=chapter.mobile,home (page, or page.formFactor) runs a subset.
 * LIGHTHOUSE_PAGES=plain=/docs/reference/contributing/,... measures more pages (name=path), e.g.
 * a page with no Playground and no diagram, to tell what Docusaurus alone costs from what a
 * chapter adds.
 * LIGHTHOUSE_THROTTLING=devtools throttles the page as it loads (Chromium's CPU 4x slower and the
 * network shaped) instead of simulating the throttled load from an unthrottled trace, Lighthouse's
 * default ("simulate"). Slower and noisier, but it tells a figure of the simulation from one of
 * the page.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHarness } from './harness';

const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const REPORTS = process.env.LIGHTHOUSE_REPORTS;
const ONLY = process.env.LIGHTHOUSE_ONLY?.split(',').filter(Boolean);
const EXTRA_PAGES = (process.env.LIGHTHOUSE_PAGES ?? '').split(',').filter(Boolean).map((entry) => {
  const match = /^([a-z][a-zA-Z0-9]*)=(\/\S*)$/.exec(entry.trim());
  if (!match) throw new Error(`LIGHTHOUSE_PAGES: "${entry}" is not name=/path (e.g. plain=/docs/reference/contributing/)`);
  return [match[1], match[2]] as const;
});
const FLOOR = process.env.LIGHTHOUSE_FLOOR ?? '/docs/reference/';
const THROTTLING = ((value) => {
  if (value !== undefined && value !== 'simulate' && value !== 'devtools') throw new Error(`LIGHTHOUSE_THROTTLING: "${value}" is not simulate or devtools`);
  return value;
})(process.env.LIGHTHOUSE_THROTTLING);
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Figures {
  performance: number;
  tbtMs: number;
  lcpMs: number;
  cls: number;
  domElements: number;
  transferKB: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The /docs/ page whose built HTML is largest: the chapter that asks most of a browser. */
function heaviestChapter(paths: string[], buildDir: string): string {
  const sized = paths
    .filter((path) => path.startsWith('/docs/'))
    .map((path) => ({ path, bytes: readFileSync(join(buildDir, path, 'index.html')).length }));
  sized.sort((a, b) => b.bytes - a.bytes);
  if (sized.length === 0) throw new Error('build/sitemap.xml lists no /docs/ page');
  return sized[0].path;
}

export async function benchLighthouse(): Promise<Record<string, number>> {
  const harness = await loadHarness();
  const { chromePath, BUILD_DIR } = (await import(join(__dirname, '..', '..', 'tests', 'browser', 'harness.mjs'))) as { chromePath(): string | null; BUILD_DIR: string };
  const { MORE_DISABLED_FEATURES, withDisabledFeatures } = (await import(join(__dirname, '..', 'chromium.mjs'))) as {
    MORE_DISABLED_FEATURES: string[];
    withDisabledFeatures(args: string[], features: string[]): string[];
  };
  const executable = chromePath();
  if (!executable) throw new Error('no Chromium: set CHROME_PATH or `apt-get install chromium`');
  const lighthouse = (await import('lighthouse')).default;
  const desktopConfig = (await import('lighthouse/core/config/desktop-config.js')).default;
  const chromeLauncher = await import('chrome-launcher');

  const paths = harness.sitemapPaths();
  if (!paths.includes(FLOOR)) throw new Error(`LIGHTHOUSE_FLOOR: ${FLOOR} is not a page of build/sitemap.xml`);
  const pages: Record<string, string> = { home: '/', chapter: heaviestChapter(paths, BUILD_DIR), floor: FLOOR, ...Object.fromEntries(EXTRA_PAGES) };
  /** The floor is a yardstick for the chapter's phone figure: its laptop run only when named. */
  const measured = (name: string, formFactor: string) =>
    name === 'floor' && formFactor === 'desktop'
      ? Boolean(ONLY?.includes('floor.desktop'))
      : !ONLY || ONLY.includes(name) || ONLY.includes(`${name}.${formFactor}`);
  const entries = Object.entries(pages).flatMap(([name, path]) =>
    (['mobile', 'desktop'] as const).filter((formFactor) => measured(name, formFactor)).map((formFactor) => ({ name, path, formFactor, runs: [] as Figures[] })),
  );
  const benchmarkIndex: number[] = [];
  const server = await harness.startServer();
  // chrome-launcher's own flags, with the features scripts/chromium.mjs turns off added to its
  // --disable-features (Chrome applies only the last one): no address bar popup loads in a
  // renderer of its own beside the page being measured.
  // Measured on /docs/cluster/ (phone), six runs each, alternating: TBT median 954 ms with the
  // popup, 608 ms without; score 76-86 against 80-84.
  const chromeFlags = withDisabledFeatures([...chromeLauncher.Launcher.defaultFlags(), ...CHROME_FLAGS], MORE_DISABLED_FEATURES);
  const chrome = await chromeLauncher.launch({ chromePath: executable, chromeFlags, ignoreDefaultFlags: true });
  const figures: Record<string, number> = {};
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const { name, path, formFactor, runs } of entries) {
        const result = await lighthouse(
          server.url + path,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
            // Screenshots feed no figure printed here, and on a busy machine the final one
            // timed out (PROTOCOL_TIMEOUT on Page.captureScreenshot).
            disableFullPageScreenshot: true,
            skipAudits: ['screenshot-thumbnails', 'final-screenshot'],
            ...(THROTTLING ? { throttlingMethod: THROTTLING } : {}),
          },
          formFactor === 'desktop' ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const { lhr } = result;
        if (REPORTS) {
          mkdirSync(REPORTS, { recursive: true });
          writeFileSync(join(REPORTS, `${name}-${formFactor}-${i + 1}.json`), JSON.stringify(lhr));
        }
        if (lhr.runtimeError) throw new Error(`Lighthouse on ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        benchmarkIndex.push(lhr.environment.benchmarkIndex);
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
        runs.push({
          performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
          tbtMs: Math.round(audit('total-blocking-time')),
          lcpMs: Math.round(audit('largest-contentful-paint')),
          cls: Math.round(audit('cumulative-layout-shift') * 1000),
          domElements: audit('dom-size'),
          transferKB: Math.round(audit('total-byte-weight') / 1000),
        });
      }
    }
    for (const { name, formFactor, runs } of entries) {
      const prefix = `lighthouse.${name}.${formFactor}`;
      for (const key of Object.keys(runs[0]) as (keyof Figures)[]) figures[`${prefix}.${key}`] = median(runs.map((run) => run[key]));
      if (RUNS > 1) {
        figures[`${prefix}.performanceMin`] = Math.min(...runs.map((run) => run.performance));
        figures[`${prefix}.performanceMax`] = Math.max(...runs.map((run) => run.performance));
      }
    }
    if (benchmarkIndex.length > 0) {
      figures['lighthouse.hostBenchmarkIndex'] = Math.round(median(benchmarkIndex));
      figures['lighthouse.hostBenchmarkIndexMin'] = Math.round(Math.min(...benchmarkIndex));
      figures['lighthouse.hostBenchmarkIndexMax'] = Math.round(Math.max(...benchmarkIndex));
    }
    figures['lighthouse.runs'] = RUNS;
    console.error(`  Lighthouse pages: ${Object.entries(pages).map(([name, path]) => `${name} ${path}`).join(', ')}`);
  } finally {
    chrome.kill();
    await server.close();
  }
  return figures;
}
