/**
 * Vertical scaling: the same application on bigger and bigger boxes.
 *
 * Each request needs WORK_MS of CPU on one core. It also loses time to the
 * other requests running beside it:
 *   - contention: CONTENTION_MS for each other request in flight, queueing for
 *     what they share (a lock, a hot row, the connection pool);
 *   - coherency: COHERENCY_MS_PER_CORE × cores for each other request, keeping
 *     caches and shared memory consistent, which costs more on a bigger box.
 *
 * The box is kept full: one request in flight per core, sent again as soon as
 * it is answered (a load test with as many virtual users as cores). The
 * simulated throughput follows the Universal Scalability Law,
 *   X(N) = λN / (1 + σ(N−1) + κN(N−1)),  σ = CONTENTION_MS / WORK_MS,  κ = COHERENCY_MS_PER_CORE / WORK_MS,
 * and Amdahl's law is the same formula with κ = 0.
 *
 * Try: set COHERENCY_MS_PER_CORE to 0 (Amdahl's world: throughput flattens
 * but never falls), or halve CONTENTION_MS (the peak rises but hardly moves).
 */
import { Simulation, Random, Server, ClosedLoad, show, table, lineChart } from '../sim';

export const WORK_MS = 20; // CPU time of one request alone on the box, ms
export const CONTENTION_MS = 1; // time lost per other request in flight, ms
export const COHERENCY_MS_PER_CORE = 0.04; // time lost per other request in flight, per core of the box, ms
export const CORE_COUNTS = [1, 2, 4, 8, 16, 24, 32, 48, 64];
export const SIMULATED_MS = 60_000; // one minute of virtual time per box size
export const SEED = 7;

export const SINGLE_CORE_PER_SECOND = 1000 / WORK_MS; // λ in the USL
export const SIGMA = CONTENTION_MS / WORK_MS; // contention
export const KAPPA = COHERENCY_MS_PER_CORE / WORK_MS; // coherency (crosstalk)

/** Amdahl's law as throughput: only the contention term. */
export function amdahlPerSecond(cores: number): number {
  return (SINGLE_CORE_PER_SECOND * cores) / (1 + SIGMA * (cores - 1));
}

/** Gunther's Universal Scalability Law. */
export function uslPerSecond(cores: number): number {
  return (SINGLE_CORE_PER_SECOND * cores) / (1 + SIGMA * (cores - 1) + KAPPA * cores * (cores - 1));
}

/** The box size where the USL peaks: N* = sqrt((1 − σ) / κ). */
export function uslPeakCores(): number {
  return Math.sqrt((1 - SIGMA) / KAPPA);
}

export interface BoxResult {
  cores: number;
  throughputPerSecond: number;
  amdahlPerSecond: number;
  uslPerSecond: number;
  meanLatencyMs: number;
}

export function runBox(cores: number, contentionMs = CONTENTION_MS, coherencyMsPerCore = COHERENCY_MS_PER_CORE, seed = SEED): BoxResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const lostPerOtherMs = contentionMs + coherencyMsPerCore * cores;
  // The server counts a request as busy before drawing its time, so `busy - 1` is the others in flight.
  const box: Server = new Server(sim, {
    workers: cores,
    serviceTime: () => random.exponential(WORK_MS + (box.busy - 1) * lostPerOtherMs),
  });
  const users = new ClosedLoad(sim, { target: box, users: cores, thinkTime: () => 0, stopAtMs: SIMULATED_MS });
  sim.run({ until: SIMULATED_MS });
  return {
    cores,
    throughputPerSecond: users.stats.ok.count / (SIMULATED_MS / 1000),
    amdahlPerSecond: amdahlPerSecond(cores),
    uslPerSecond: uslPerSecond(cores),
    meanLatencyMs: users.stats.latency.mean,
  };
}

export function simulate(): BoxResult[] {
  return CORE_COUNTS.map((n) => runBox(n));
}

export default function main(): void {
  const boxes = simulate();
  show(
    table(
      ['cores', 'simulated req/s', 'per core', 'USL req/s', 'Amdahl req/s', 'mean latency ms'],
      boxes.map((b) => [b.cores, b.throughputPerSecond, b.throughputPerSecond / b.cores, b.uslPerSecond, b.amdahlPerSecond, b.meanLatencyMs]),
      `Bigger boxes: σ = ${SIGMA}, κ = ${KAPPA}, USL peak at N* = ${uslPeakCores().toFixed(1)} cores`,
    ),
    lineChart(
      'Throughput against cores',
      { label: 'cores' },
      { label: 'throughput', unit: 'requests/s' },
      [
        { name: 'simulated', points: boxes.map((b) => [b.cores, b.throughputPerSecond]) },
        { name: 'USL', points: boxes.map((b) => [b.cores, b.uslPerSecond]) },
        { name: 'Amdahl', points: boxes.map((b) => [b.cores, b.amdahlPerSecond]) },
      ],
      'Throughput rises almost linearly to 8 cores, peaks near 24 and falls beyond; Amdahl’s curve flattens but never falls.',
    ),
  );
}

const perSecond = (x: number) => Math.round(x).toLocaleString('en-US');
const best = (boxes: BoxResult[]) => boxes.reduce((a, b) => (b.throughputPerSecond > a.throughputPerSecond ? b : a));

/** The figures chapter 01 shows, formatted as it shows them ({verticalScaling.peak} in the page). */
export function facts() {
  const boxes = simulate();
  const at = (cores: number) => boxes[CORE_COUNTS.indexOf(cores)];
  const largest = CORE_COUNTS[CORE_COUNTS.length - 1];
  const worstGap = Math.max(...boxes.map((b) => Math.abs(b.throughputPerSecond / b.uslPerSecond - 1)));
  // Try this: no coherency (Amdahl's world), then half the contention.
  const amdahl = CORE_COUNTS.map((n) => runBox(n, CONTENTION_MS, 0));
  const halfContention = CORE_COUNTS.map((n) => runBox(n, CONTENTION_MS / 2));
  return {
    workMs: `${WORK_MS} ms`,
    singleCore: perSecond(SINGLE_CORE_PER_SECOND),
    contentionMs: `${CONTENTION_MS} ms`,
    coherencyMs: `${COHERENCY_MS_PER_CORE} ms`,
    sigma: `${SIGMA}`,
    kappa: `${KAPPA}`,
    uslAgreement: `${Math.ceil(worstGap * 100)}%`,
    at8: perSecond(at(8).throughputPerSecond),
    perCoreAt8: perSecond(at(8).throughputPerSecond / 8),
    peak: perSecond(best(boxes).throughputPerSecond),
    peakCores: best(boxes).cores,
    nStar: uslPeakCores().toFixed(1),
    largestCores: largest,
    atLargest: perSecond(at(largest).throughputPerSecond),
    largestLosesTo8: at(largest).throughputPerSecond < at(8).throughputPerSecond,
    latencyAt1: `${Math.round(at(1).meanLatencyMs)} ms`,
    latencyAtLargest: `${Math.round(at(largest).meanLatencyMs)} ms`,
    amdahlAtLargest: perSecond(amdahlPerSecond(largest)),
    amdahlCeiling: perSecond(SINGLE_CORE_PER_SECOND / SIGMA),
    // Try this
    amdahlKeepsRising: amdahl.every((b, i) => i === 0 || b.throughputPerSecond > amdahl[i - 1].throughputPerSecond),
    amdahlSimulatedAtLargest: perSecond(Math.round(amdahl[amdahl.length - 1].throughputPerSecond / 10) * 10),
    halfContentionNStar: Math.sqrt((1 - SIGMA / 2) / KAPPA).toFixed(1),
    halfContentionPeak: perSecond(Math.round(best(halfContention).throughputPerSecond / 10) * 10),
    halfContentionPeakCores: best(halfContention).cores,
    halfContentionSamePeakBox: best(halfContention).cores === best(boxes).cores,
  };
}
