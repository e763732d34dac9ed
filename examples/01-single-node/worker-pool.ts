/**
 * How many worker threads does a box need? More than its cores, when requests wait.
 *
 * A request needs CPU_MS of CPU on one of CORES cores, then waits IO_MS for
 * the database (or a payment API) without using any CPU. A thread is held for
 * the whole request, waiting included, so a pool of POOL_SIZES threads can have
 * at most that many requests in progress. Too few threads and the cores sit
 * idle while requests queue for a thread; enough, and the cores are the limit.
 *
 * Little's law gives the size: threads busy = throughput × time a request holds
 * a thread. Brian Goetz's rule says the same per core: cores × utilisation ×
 * (1 + wait / compute).
 *
 * Change IO_MS (a slower dependency needs more threads), CPU_MS or
 * REQUESTS_PER_SECOND and run again.
 */
import { Simulation, Random, Server, OpenLoad, Bulkhead, show, table, lineChart } from '../sim';
import type { Reply, Request, Target } from '../sim';

export const CORES = 4;
export const CPU_MS = 5; // CPU time of one request, ms (exponential)
export const IO_MS = 45; // time waiting for the database, ms (exponential), no CPU used
export const REQUESTS_PER_SECOND = 600; // 75% of what the cores can do: 4 × 1000 / 5 = 800
export const POOL_SIZES = [4, 8, 16, 32, 64, 128];
export const SIMULATED_MS = 20_000;
export const SEED = 6;

/** Try this: a dependency four times slower than the database. */
const SLOW_IO_MS = 195;

export const CPU_CAPACITY_PER_SECOND = (CORES * 1000) / CPU_MS;

/** Threads Little's law asks for: throughput × time a request holds its thread. */
export function threadsNeeded(requestsPerSecond = REQUESTS_PER_SECOND, ioMs = IO_MS): number {
  return (requestsPerSecond * (CPU_MS + ioMs)) / 1000;
}

/** Goetz's rule of thumb: cores × target CPU utilisation × (1 + wait / compute). */
export function goetzThreads(utilisation = REQUESTS_PER_SECOND / CPU_CAPACITY_PER_SECOND): number {
  return CORES * utilisation * (1 + IO_MS / CPU_MS);
}

export interface PoolResult {
  poolSize: number;
  throughputPerSecond: number;
  cpuUtilisation: number;
  p99Ms: number;
}

/** One request on its thread: compute on a core, then wait for I/O. */
function requestHandler(sim: Simulation, cores: Server, random: Random, ioMs: number): Target {
  return {
    name: 'handler',
    handle(request: Request, reply: Reply) {
      cores.handle(request, (computed, outcome) => sim.schedule(random.exponential(ioMs), () => reply(computed, outcome)));
    },
  };
}

export function simulate(poolSize: number, ioMs = IO_MS, seed = SEED): PoolResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const work = random.split();
  const cores = new Server(sim, { name: 'cores', workers: CORES, serviceTime: () => work.exponential(CPU_MS) });
  // The pool: at most poolSize requests hold a thread; the rest wait for one.
  const pool = new Bulkhead(sim, { target: requestHandler(sim, cores, random.split(), ioMs), maxConcurrent: poolSize, maxWaiting: Infinity });
  const client = new OpenLoad(sim, { target: pool, random: random.split(), ratePerSecond: REQUESTS_PER_SECOND, stopAtMs: SIMULATED_MS });
  sim.run({ until: SIMULATED_MS });
  return {
    poolSize,
    throughputPerSecond: client.stats.ok.count / (SIMULATED_MS / 1000),
    cpuUtilisation: cores.utilisation(),
    p99Ms: client.stats.latency.percentile(99),
  };
}

export default function main(): void {
  const pools = POOL_SIZES.map((size) => simulate(size));
  show(
    table(
      ['threads', 'per core', 'served /s', 'CPU busy %', 'p99 ms'],
      pools.map((p) => [p.poolSize, p.poolSize / CORES, Math.round(p.throughputPerSecond), Math.round(100 * p.cpuUtilisation), Math.round(p.p99Ms)]),
      `${CORES} cores, ${REQUESTS_PER_SECOND} requests/s, ${CPU_MS} ms CPU + ${IO_MS} ms waiting each; Little's law asks for ${threadsNeeded()} threads`,
    ),
    lineChart(
      'Requests served against threads in the pool',
      { label: 'threads', unit: 'in the pool' },
      { label: 'served', unit: 'requests/s' },
      [{ name: 'served', points: pools.map((p) => [p.poolSize, p.throughputPerSecond]) }],
      'Throughput grows with the pool until about thirty threads, where it reaches the offered load; one or two threads per core serve a fraction of it while the cores sit mostly idle.',
    ),
  );
}

/** The figures chapter 01 shows, formatted as it shows them ({workerPool.needed} in the page). */
export function facts() {
  const pools = POOL_SIZES.map((size) => simulate(size));
  const at = (size: number) => pools[POOL_SIZES.indexOf(size)];
  const smallest = pools[0];
  const enough = pools.find((p) => p.throughputPerSecond >= 0.98 * REQUESTS_PER_SECOND)!;
  const largest = simulate(POOL_SIZES[POOL_SIZES.length - 1], SLOW_IO_MS);
  const half = simulate(POOL_SIZES[POOL_SIZES.length - 2], SLOW_IO_MS);
  return {
    cores: CORES,
    cpuMs: `${CPU_MS} ms`,
    ioMs: `${IO_MS} ms`,
    rate: `${REQUESTS_PER_SECOND} requests per second`,
    cpuShare: `${Math.round((100 * REQUESTS_PER_SECOND) / CPU_CAPACITY_PER_SECOND)}%`,
    needed: `${threadsNeeded()}`,
    goetz: `${goetzThreads()}`,
    littleAgreesWithGoetz: Math.abs(threadsNeeded() - goetzThreads()) < 1e-9,
    smallestPool: smallest.poolSize,
    smallestServed: `${Math.round(smallest.throughputPerSecond)}`,
    smallestCpuBusy: `${Math.round(100 * smallest.cpuUtilisation)}%`,
    smallestP99: `${(smallest.p99Ms / 1000).toFixed(1)} seconds`,
    twoPerCoreServed: `${Math.round(at(2 * CORES).throughputPerSecond)}`,
    enoughPool: enough.poolSize,
    enoughPerCore: enough.poolSize / CORES,
    enoughCpuBusy: `${Math.round(100 * enough.cpuUtilisation)}%`,
    enoughP99: `${Math.round(enough.p99Ms)} ms`,
    enoughCoversLittle: enough.poolSize >= threadsNeeded(),
    biggerPoolsAddNothing: pools.filter((p) => p.poolSize > enough.poolSize).every((p) => p.throughputPerSecond < 1.02 * enough.throughputPerSecond),
    // Try this: a payment API four times slower than the database
    slowIoMs: `${SLOW_IO_MS} ms`,
    slowHeld: `${CPU_MS + SLOW_IO_MS} ms`,
    slowNeeded: `${threadsNeeded(REQUESTS_PER_SECOND, SLOW_IO_MS)}`,
    slowLargestPool: largest.poolSize,
    slowLargestServes: largest.throughputPerSecond >= 0.98 * REQUESTS_PER_SECOND,
    slowHalfPool: half.poolSize,
    slowHalfServed: `${Math.round((100 * half.throughputPerSecond) / REQUESTS_PER_SECOND)}%`,
    slowCoresAsBusy: Math.abs(largest.cpuUtilisation - enough.cpuUtilisation) < 0.02,
  };
}
