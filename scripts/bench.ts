/**
 * `npm run bench` prints performance figures; `npm run bench -- --json` prints
 * them as one JSON object. Benchmarks are never run as timed tests: CI machines
 * are too noisy for that, so these are numbers to read and compare by hand.
 *
 * To add a section, write `scripts/bench/<name>.ts` exporting an async function
 * that returns `Record<string, number>`, and add it to SECTIONS below.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCompiled } from './import-compiled';
import { benchSimBrowser } from './bench/sim-browser';
import { benchPlayground } from './bench/playground';
import { benchLighthouse } from './bench/lighthouse';
import { benchReplay } from './bench/replay';
import { benchPackages } from './bench/packages';

const HERE = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** The kit's Node figures, from sim.ts compiled as the Playground compiles (tsx's keepNames would slow generators). */
async function benchSim(): Promise<Record<string, number>> {
  const { benchSim: run } = (await importCompiled(join(HERE, 'bench', 'sim.ts'))) as { benchSim: () => Promise<Record<string, number>> };
  return run();
}

interface BenchSection {
  name: string;
  run: () => Promise<Record<string, number>>;
}

const SECTIONS: BenchSection[] = [
  { name: 'Simulation kit, Node', run: benchSim },
  { name: 'Simulation kit, Chromium worker', run: benchSimBrowser },
  { name: 'Playground, Chromium on the built site', run: benchPlayground },
  { name: 'Lighthouse on the built site', run: benchLighthouse },
  { name: 'Replay player, Chromium on the built site', run: benchReplay },
  { name: 'Playground packages (PGlite), Chromium on the built site', run: benchPackages },
];

/** Targets from the issue, shown next to the figures. */
const TARGETS: Record<string, string> = {
  engineEventsPerSec: '>= 10,000,000',
  mm1CustomersPerSec: '>= 2,000,000',
  processCustomersPerSec: '>= 1,000,000',
  cluster1MRequestsMs: '< 1000',
  mm1HeapMB: '< 100',
  'playground.coldRunMs': '< 300',
  'playground.coldRunMaxMs': '< 300',
  'playground.warmRunMs': '< 50',
  'playground.lazyChunksKiB': '<= 320 (the budget in tests/browser/playground.test.mjs)',
  'playground.chapterFirstViewJsKB': '<= 350',
  'playground.chapterPlaygroundChunksKB': '0',
  'site.heaviestFirstViewJsKB': '<= 250',
  'lighthouse.chapter.mobile.performance': '>= 90',
  'lighthouse.chapter.desktop.performance': '>= 98',
  'lighthouse.chapter.desktop.tbtMs': '< 200',
  'lighthouse.home.mobile.performance': '>= 95',
  'lighthouse.chapter.mobile.domElements': '<= 3000',
  replayFrameP95Ms: '<= 16.7 (60 frames/s)',
  replayDotsInFlight: '>= 500',
  replayChunkKB: '<= 30',
};

function targetFor(key: string): string {
  const bare = key.replace(/^chromium/, '');
  return TARGETS[bare.charAt(0).toLowerCase() + bare.slice(1)] ?? '';
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const figures: Record<string, number> = {};
  for (const section of SECTIONS) {
    if (only && !section.name.toLowerCase().includes(only.toLowerCase())) continue;
    if (!json) console.log(`\n${section.name}`);
    try {
      const result = await section.run();
      Object.assign(figures, result);
      if (!json) {
        for (const [key, value] of Object.entries(result)) {
          const target = targetFor(key);
          console.log(`  ${key.padEnd(34)} ${value.toLocaleString('en-US').padStart(14)}${target ? `   target ${target}` : ''}`);
        }
      }
    } catch (error) {
      // One section failing (no Chromium on this machine) must not hide the others.
      console.error(`  ${section.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
  if (json) console.log(JSON.stringify(figures));
}

main();
