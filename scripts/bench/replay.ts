/**
 * The replay player on the built site (run `npm run build` first), in headless Chromium:
 *  - replayFrameP95Ms, replayFrameMedianMs: time between animation frames while a replay plays
 *    with about REQUESTS_IN_FLIGHT_TARGET dots on screen (a cluster of 8 nodes at 2,500
 *    requests/s, played at 250 ms of virtual time per second). 60 frames a second is 16.7 ms.
 *  - replayDrawP95Ms: the player's own drawing time per frame (p95 of its 10 Hz averages).
 *  - replayDotsInFlight: the median number of dots drawn per frame during the measurement.
 *  - replayChunkKB: the gzip size of the replay's lazy chunk (budget 30 KB).
 * The code is typed into chapter 02's replay Playground, as a reader would edit it.
 */
import { loadHarness } from './harness';

const PAGE = '/docs/cluster/';
const EXAMPLE = '02-cluster/balancing-replay';
const MEASURE_MS = 4_000;
const SPEED = '250';

const BUSY_CLUSTER = `import { Simulation, Random, Server, OpenLoad, LoadBalancer, show, startTrace, replay } from '../sim';

export default function main(): void {
  const sim = new Simulation();
  const trace = startTrace(sim, { label: 'busy', untilMs: 4_000, maxRequests: 20_000, maxEvents: 100_000 });
  const random = new Random(1);
  const nodes = Array.from({ length: 8 }, (_, i) => new Server(sim, { name: 'node-' + (i + 1), workers: 16, serviceTime: () => random.exponential(40) }));
  const balancer = new LoadBalancer(sim, { name: 'balancer', targets: nodes, strategy: 'roundRobin' });
  new OpenLoad(sim, { name: 'clients', target: balancer, random, ratePerSecond: 2_500, stopAtMs: 4_000 });
  sim.run();
  show(replay(trace, 'A busy cluster'));
}
`;

// Kept as text: tsx would wrap a function passed to page.evaluate in helpers the page lacks.
const FRAMES_IN_PAGE = `(ms) => new Promise((resolve) => {
  const figure = document.querySelector('[data-playground="${EXAMPLE}"] [data-output="replay"]');
  const gaps = [], draws = [], dots = [];
  let last = performance.now();
  const end = last + ms;
  const frame = (now) => {
    gaps.push(now - last);
    last = now;
    draws.push(Number(figure.getAttribute('data-draw-ms')));
    dots.push(Number(figure.getAttribute('data-dots')));
    if (now < end) requestAnimationFrame(frame);
    else resolve({ gaps, draws, dots });
  };
  requestAnimationFrame(frame);
})`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchReplay(): Promise<Record<string, number>> {
  const harness = await loadHarness();
  const server = await harness.startServer();
  const browser = await harness.launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(server.url + PAGE, { waitUntil: 'networkidle' });
    const section = page.locator(`[data-playground="${EXAMPLE}"]`);
    await section.scrollIntoViewIfNeeded();
    await section.hover();
    await section.locator('.cm-content').waitFor({ timeout: 30_000 });
    await section.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(BUSY_CLUSTER);
    await section.locator('[data-control="run"]').click();
    const replay = section.locator('[data-output="replay"]');
    await replay.waitFor({ timeout: 60_000 });
    await replay.locator('[data-control="speed"]').selectOption(SPEED);
    await replay.locator('[data-control="scrubber"]').focus();
    await page.keyboard.press('Home');
    if ((await replay.getAttribute('data-playing')) !== 'true') await replay.locator('[data-control="play"]').click();
    await replay.locator('canvas').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(500); // past the first frames, when the dots start to flow
    const { gaps, draws, dots } = (await page.evaluate(`(${FRAMES_IN_PAGE})(${MEASURE_MS})`)) as { gaps: number[]; draws: number[]; dots: number[] };
    const chunk = scripts.find((url) => /\/replay\.[^/]*\.js$/.test(new URL(url).pathname));
    await context.close();
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      replayFrameMedianMs: round(percentile(gaps, 50)),
      replayFrameP95Ms: round(percentile(gaps, 95)),
      replayDrawP95Ms: round(percentile(draws.filter(Number.isFinite), 95)),
      replayDotsInFlight: percentile(dots.filter(Number.isFinite), 50),
      replayFrames: gaps.length,
      replayChunkKB: chunk ? round(harness.gzipSizeOf(chunk) / 1000) : NaN,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
