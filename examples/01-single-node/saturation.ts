/**
 * Saturation: one machine at rising load.
 *
 * The box has WORKERS application workers (one per CPU core) and each request
 * keeps a worker busy for MEAN_SERVICE_MS on average, so it can serve at most
 * WORKERS × 1000 / MEAN_SERVICE_MS requests per second. Load arrives at random
 * (Poisson), like visitors from the internet. Watch the mean and p99 response
 * time as utilisation rises: flat at first, then a hockey stick.
 *
 * The last two columns check Little's law: the average number of requests
 * inside the server (L, measured over time) equals throughput × mean time
 * inside (λW), whatever the distributions.
 *
 * Try: change WORKERS to 1 or 16 (keeping the capacity the same by scaling
 * MEAN_SERVICE_MS), or add 0.98 to UTILISATIONS.
 */
import { Simulation, Random, Server, OpenLoad, show, table, lineChart, mmcMeanWaitMs } from '../sim';

export const WORKERS = 4; // application workers, one per core of a 4-core box
export const MEAN_SERVICE_MS = 50; // CPU and I/O time of one request, ms (exponentially distributed)
export const UTILISATIONS = [0.3, 0.5, 0.7, 0.8, 0.9, 0.95]; // offered load as a fraction of capacity
export const SIMULATED_MS = 1_200_000; // 20 minutes of virtual time per load level
export const SEED = 3;

/** Requests per second the box can serve when every worker is busy all the time. */
export const CAPACITY_PER_SECOND = (WORKERS * 1000) / MEAN_SERVICE_MS;

export interface LoadLevel {
  utilisation: number;
  arrivalsPerSecond: number;
  measuredUtilisation: number;
  meanMs: number;
  theoryMeanMs: number;
  p99Ms: number;
  /** Little's law, left side: time-average number of requests inside the server. */
  meanInside: number;
  /** Little's law, right side: throughput (per ms) × mean time inside (ms). */
  throughputTimesMeanMs: number;
}

/** Run the box for SIMULATED_MS at one offered utilisation (of a box with `workers` and `meanServiceMs`). */
export function runAtLoad(utilisation: number, workers = WORKERS, meanServiceMs = MEAN_SERVICE_MS, seed = SEED): LoadLevel {
  const sim = new Simulation();
  const random = new Random(seed);
  const arrivalsPerSecond = (utilisation * workers * 1000) / meanServiceMs;
  const server = new Server(sim, { workers, serviceTime: () => random.exponential(meanServiceMs) });
  new OpenLoad(sim, { target: server, random, ratePerSecond: arrivalsPerSecond, stopAtMs: SIMULATED_MS });
  sim.run(); // until the last request has left, so L and W cover the same requests
  const throughputPerMs = server.completed.count / sim.now;
  return {
    utilisation,
    arrivalsPerSecond,
    measuredUtilisation: server.utilisation(),
    meanMs: server.responseTime.mean,
    // M/M/c: queueing theory's answer for Poisson arrivals and exponential service.
    theoryMeanMs: mmcMeanWaitMs(arrivalsPerSecond, meanServiceMs, workers) + meanServiceMs,
    p99Ms: server.responseTime.percentile(99),
    meanInside: server.inSystem.mean(sim.now),
    throughputTimesMeanMs: throughputPerMs * server.responseTime.mean,
  };
}

export function simulate(): LoadLevel[] {
  return UTILISATIONS.map((u) => runAtLoad(u));
}

export default function main(): void {
  const levels = simulate();
  show(
    table(
      ['utilisation', 'requests/s', 'mean ms', 'M/M/c mean ms', 'p99 ms', 'L (measured)', 'λ × W'],
      levels.map((l) => [
        `${Math.round(l.measuredUtilisation * 100)}%`,
        l.arrivalsPerSecond,
        l.meanMs,
        l.theoryMeanMs,
        l.p99Ms,
        l.meanInside,
        l.throughputTimesMeanMs,
      ]),
      `One box: ${WORKERS} workers, ${MEAN_SERVICE_MS} ms mean service, capacity ${CAPACITY_PER_SECOND} requests/s`,
    ),
    lineChart(
      'Response time against utilisation',
      { label: 'utilisation', unit: '%' },
      { label: 'response time', unit: 'ms' },
      [
        { name: 'mean', points: levels.map((l) => [l.utilisation * 100, l.meanMs]) },
        { name: 'p99', points: levels.map((l) => [l.utilisation * 100, l.p99Ms]) },
      ],
      'Mean and p99 response time stay close to the service time up to about 70% utilisation, then climb steeply towards 95%.',
    ),
  );
}
