/**
 * Your first simulation: one server, one queue, requests arriving at random.
 *
 * Change UTILISATIONS or MEAN_SERVICE_MS and run again: as the server gets
 * busier, the time a request spends waiting does not grow in proportion; it
 * explodes as utilisation approaches 100%.
 */
import { Simulation, Random, Server, OpenLoad, show, table, lineChart, mm1MeanResponseMs } from '../sim';

export const MEAN_SERVICE_MS = 10; // one request keeps the server busy for 10 ms on average
export const UTILISATIONS = [0.5, 0.8, 0.9, 0.95];
export const SIMULATED_MS = 3_600_000; // one hour of virtual time
export const SEED = 42;

export interface Result {
  utilisation: number;
  arrivalRatePerSecond: number;
  meanResponseMs: number;
  theoryMeanResponseMs: number;
  p99ResponseMs: number;
  requests: number;
}

/** Simulate one M/M/1 queue (Poisson arrivals, exponential service, one worker) at a given utilisation. */
export function simulateQueue(utilisation: number, seed = SEED): Result {
  const sim = new Simulation();
  const random = new Random(seed);
  const arrivalRatePerSecond = (utilisation * 1000) / MEAN_SERVICE_MS;
  const server = new Server(sim, { workers: 1, serviceTime: () => random.exponential(MEAN_SERVICE_MS) });
  const client = new OpenLoad(sim, { target: server, random, ratePerSecond: arrivalRatePerSecond, stopAtMs: SIMULATED_MS });
  sim.run(); // until the last request has left
  return {
    utilisation,
    arrivalRatePerSecond,
    meanResponseMs: client.stats.latency.mean,
    theoryMeanResponseMs: mm1MeanResponseMs(arrivalRatePerSecond, MEAN_SERVICE_MS),
    p99ResponseMs: client.stats.latency.percentile(99),
    requests: client.stats.ok.count,
  };
}

export default function main(): void {
  const results = UTILISATIONS.map((u) => simulateQueue(u));
  show(
    table(
      ['utilisation', 'requests/s', 'mean ms', 'theory mean ms', 'p99 ms'],
      results.map((r) => [`${r.utilisation * 100}%`, r.arrivalRatePerSecond, r.meanResponseMs, r.theoryMeanResponseMs, r.p99ResponseMs]),
      'One server, Poisson arrivals, 10 ms mean service time',
    ),
    lineChart(
      'Response time against utilisation',
      { label: 'utilisation', unit: '%' },
      { label: 'response time', unit: 'ms' },
      [
        { name: 'mean', points: results.map((r) => [r.utilisation * 100, r.meanResponseMs]) },
        { name: 'p99', points: results.map((r) => [r.utilisation * 100, r.p99ResponseMs]) },
      ],
      'Mean and p99 response time rise slowly up to 80% utilisation, then steeply: at 95% the mean is ten times the 50% figure.',
    ),
  );
}

/** The figures chapter 00 shows, formatted as it shows them ({firstSimulation.meanAt95} in the page). */
export function facts() {
  const [half, nearlyFull] = [0.5, 0.95].map((u) => simulateQueue(u));
  const results = UTILISATIONS.map((u) => simulateQueue(u));
  const worstGap = Math.max(...results.map((r) => Math.abs(r.meanResponseMs / r.theoryMeanResponseMs - 1)));
  const p99OverMean = results.map((r) => r.p99ResponseMs / r.meanResponseMs);
  return {
    low: `${half.utilisation * 100}%`,
    high: `${nearlyFull.utilisation * 100}%`,
    serviceMs: `${MEAN_SERVICE_MS} ms`,
    meanAt50: `${Math.round(half.meanResponseMs)} ms`,
    meanAt95: `${Math.round(nearlyFull.meanResponseMs)} ms`,
    at50OverService: `${Math.round(half.meanResponseMs / MEAN_SERVICE_MS)}`,
    at95OverAt50: `${Math.round(nearlyFull.meanResponseMs / half.meanResponseMs)}`,
    p99OverMean: `${(p99OverMean.reduce((a, b) => a + b, 0) / p99OverMean.length).toFixed(1)}`,
    theoryAgreement: `${Math.ceil(worstGap * 100)}%`,
  };
}
