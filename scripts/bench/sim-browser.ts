/**
 * The kit's benchmarks in a Chromium Web Worker, where the Playground runs
 * readers' examples. The workloads are bundled by esbuild into one script,
 * started as a Worker from a Blob URL on an about:blank page (no server needed),
 * and their figures come back by postMessage. Keys are prefixed `chromium`.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHarness } from './harness';

const HERE = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
// gc() in the page, and exact (not bucketed) heap sizes from performance.memory.
const EXTRA_CHROMIUM_ARGS = ['--js-flags=--expose-gc', '--enable-precise-memory-info'];
const TIMEOUT_MS = 120_000;

/**
 * The kit's workloads as one script that defines `globalThis.simBench` and
 * runs nothing by itself: the worker and the page each call what they need.
 */
async function bundleWorkloads(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import { benchSimWorkloads, mm1HeapMB } from './sim';
        globalThis.simBench = { benchSimWorkloads, mm1HeapMB };
      `,
      resolveDir: HERE,
      sourcefile: 'bench-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    external: ['node:*'], // benchSim's Node-only memory code, never called in the browser
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const WORKER_MAIN = `
  simBench.benchSimWorkloads().then(
    (figures) => postMessage({ figures }),
    (error) => postMessage({ error: String((error && error.stack) || error) }),
  );
`;

export async function benchSimBrowser(): Promise<Record<string, number>> {
  const code = await bundleWorkloads();
  const browser = await (await loadHarness()).launchBrowser({ extraArgs: EXTRA_CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto('about:blank');
    const answer = await page.evaluate(
      ({ code, timeoutMs }) =>
        new Promise<{ figures?: Record<string, number>; error?: string }>((resolve) => {
          const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
          const worker = new Worker(url);
          const timer = setTimeout(() => resolve({ error: `no answer within ${timeoutMs} ms` }), timeoutMs);
          worker.onmessage = (event) => {
            clearTimeout(timer);
            worker.terminate();
            resolve(event.data);
          };
          worker.onerror = (event) => {
            clearTimeout(timer);
            resolve({ error: event.message });
          };
        }),
      { code: `${code}\n${WORKER_MAIN}`, timeoutMs: TIMEOUT_MS },
    );
    if (answer.error || !answer.figures) throw new Error(`Chromium worker: ${answer.error ?? 'no figures'}`);
    const figures: Record<string, number> = {};
    for (const [key, value] of Object.entries(answer.figures)) figures[`chromium${key[0].toUpperCase()}${key.slice(1)}`] = value;

    // Workers have no heap-size API, so memory is measured on the page, with
    // the same bundle; --js-flags=--expose-gc gives the page a gc() to call.
    const memory = await page.evaluate((code) => {
      const perf = performance as Performance & { memory?: { usedJSHeapSize: number } };
      const g = globalThis as unknown as { gc?: () => void; simBench?: { mm1HeapMB(heapUsedMB: () => number): number } };
      if (!perf.memory || typeof g.gc !== 'function') return NaN;
      (0, eval)(code);
      const collect = g.gc;
      return g.simBench!.mm1HeapMB(() => {
        collect();
        collect();
        return perf.memory!.usedJSHeapSize / 1048576;
      });
    }, code);
    if (Number.isFinite(memory)) figures.chromiumMm1HeapMB = Math.round(memory * 10) / 10;
    return figures;
  } finally {
    await browser.close();
  }
}
