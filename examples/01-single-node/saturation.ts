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
 * Today's traffic (DAILY_REQUESTS) keeps the box on the flat part of the
 * curve; growth walks it to the right.
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

// Today's business: a few thousand users, 20 requests each.
export const DAILY_REQUESTS = 100_000;
// Busiest second ÷ the daily average: 3 on a calm evening, 10 on a busy day.
export const PEAK_TO_AVERAGE = [3, 10];

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

/** Today's average and peak requests per second. */
export function todaysTraffic(): { average: number; peaks: number[] } {
  const average = DAILY_REQUESTS / 86_400;
  return { average, peaks: PEAK_TO_AVERAGE.map((ratio) => average * ratio) };
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

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Seeds over which the exercise's answer is checked: it must hold on more than one run. */
export const EXERCISE_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** The figures chapter 01 shows, formatted as it shows them ({saturation.meanAt95} in the page). */
export function facts() {
  const levels = simulate();
  const at = (u: number) => levels[UTILISATIONS.indexOf(u)];
  const today = todaysTraffic();
  const worstGap = Math.max(...levels.map((l) => Math.abs(l.meanMs / l.theoryMeanMs - 1)));
  // Try this #1: one worker four times faster, the same capacity.
  const fast = (u: number, seed = SEED) => runAtLoad(u, 1, MEAN_SERVICE_MS / WORKERS, seed);
  const ratioOverSeeds = (u: number) => EXERCISE_SEEDS.map((seed) => runAtLoad(u, WORKERS, MEAN_SERVICE_MS, seed).meanMs / fast(u, seed).meanMs);
  const at80 = ratioOverSeeds(0.8), at95 = ratioOverSeeds(0.95);
  const theoryFast95 = fast(0.95).theoryMeanMs;
  return {
    workers: WORKERS,
    serviceMs: `${MEAN_SERVICE_MS} ms`,
    capacity: `${CAPACITY_PER_SECOND} requests per second`,
    simulatedMinutes: `${SIMULATED_MS / 60_000}-minute`,
    loadRange: `${Math.round(UTILISATIONS[0] * 100)}% to ${Math.round(UTILISATIONS[UTILISATIONS.length - 1] * 100)}%`,
    dailyRequests: DAILY_REQUESTS.toLocaleString('en-US'),
    todayAverage: `${today.average.toFixed(2)} requests per second`,
    peakToAverage: `${PEAK_TO_AVERAGE[0]} to ${PEAK_TO_AVERAGE[1]}`,
    todayPeak: `${today.peaks[0].toFixed(1)} to ${Math.round(today.peaks[1])} requests per second`,
    todayBusy: `${percent(today.peaks[0] / CAPACITY_PER_SECOND)} to ${percent(today.peaks[1] / CAPACITY_PER_SECOND)}`,
    growthToBend: `${Math.round((0.8 * CAPACITY_PER_SECOND) / today.peaks[1])}`,
    meanAt30: ms(at(0.3).meanMs),
    meanAt50: ms(at(0.5).meanMs),
    p99At50: ms(at(0.5).p99Ms),
    meanAt80: ms(at(0.8).meanMs),
    p99At80: ms(at(0.8).p99Ms),
    meanAt90: ms(at(0.9).meanMs),
    meanAt95: ms(at(0.95).meanMs),
    p99At95: ms(at(0.95).p99Ms),
    lastStepCostsMore: at(0.95).meanMs - at(0.9).meanMs > at(0.7).meanMs - at(0.3).meanMs,
    at95OverAt50: `${Math.round(at(0.95).meanMs / at(0.5).meanMs)}`,
    theoryAgreement: `${Math.ceil(worstGap * 100)}%`,
    littleHolds: levels.every((l) => l.meanInside.toFixed(2) === l.throughputTimesMeanMs.toFixed(2)),
    rateAt50: `${at(0.5).arrivalsPerSecond}`,
    insideAt50: `${Math.round(at(0.5).meanInside)}`,
    rateAt95: `${at(0.95).arrivalsPerSecond}`,
    secondsAt95: `${(at(0.95).meanMs / 1000).toFixed(3)} s`,
    insideAt95: `${Math.round(at(0.95).meanInside)}`,
    // Try this #1
    fastServiceMs: `${MEAN_SERVICE_MS / WORKERS} ms`,
    fastMeanAt50: ms(fast(0.5).meanMs),
    theoryFastAt50: ms(fast(0.5).theoryMeanMs),
    fastMeanAt80: ms(fast(0.8).meanMs),
    fastWinsAt80OnEverySeed: at80.every((ratio) => ratio > 1.15),
    fastAdvantageAt50: `${(at(0.5).meanMs / fast(0.5).meanMs).toFixed(1)}`,
    fastAdvantageAt80: `${(at(0.8).meanMs / fast(0.8).meanMs).toFixed(1)}`,
    theoryFastAt95: ms(theoryFast95),
    theorySlowAt95: ms(at(0.95).theoryMeanMs),
    theoryGapAt95: percent(at(0.95).theoryMeanMs / theoryFast95 - 1),
    orderAt95FlipsWithSeed: at95.some((ratio) => ratio > 1) && at95.some((ratio) => ratio < 1),
  };
}
