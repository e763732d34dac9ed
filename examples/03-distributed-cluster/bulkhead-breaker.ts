/**
 * One slow dependency takes every thread of its caller, unless something contains it.
 *
 * The product page service renders each page with PAGE_THREADS threads. A page needs the
 * stock level (inventory, fast and essential) and a row of recommendations (optional). From
 * INCIDENT_FROM_S to INCIDENT_UNTIL_S the recommendations service hangs: each call takes
 * HANG_MS. A thread that waits for it cannot render anything else, so the page service runs
 * out of threads and every page fails, though only a widget is broken.
 *
 * Each policy adds one protection: a timeout, a fallback (render the page without the
 * widget), a bulkhead (at most BULKHEAD_LIMIT threads may wait for recommendations), a circuit
 * breaker (stop calling it while it fails). Watch the page goodput and the share of pages
 * that still show recommendations.
 *
 * Change PAGE_THREADS, HANG_MS, BULKHEAD_LIMIT or the breaker's settings and run again.
 */
import { Simulation, Random, Server, OpenLoad, FanOut, Timeout, Bulkhead, CircuitBreaker, FailureInjector, Counter, show, table, lineChart } from '../sim';
import type { Reply, Request, Target, BreakerState } from '../sim';

export const PAGES_PER_SECOND = 200;
/** Threads of the page service, and its own work per page, ms. */
export const PAGE_THREADS = 16;
export const PAGE_WORK_MS = 5;
/** A page is good if it is served within this many ms. */
export const PAGE_SLO_MS = 1_000;
/** Normal time of a recommendations call, ms, and how long a call takes while it hangs. */
export const RECOMMENDATIONS_MS = 10;
export const HANG_MS = 2_000;
export const INCIDENT_FROM_S = 10;
export const INCIDENT_UNTIL_S = 40;
export const SIMULATED_S = 50;
/** The page's timeout for a recommendations call, ms. */
export const TIMEOUT_MS = 200;
/** Threads that may wait for recommendations at once. */
export const BULKHEAD_LIMIT = 4;
/** The breaker opens when half of the last 20 calls failed, and tries again after a second. */
export const BREAKER = { failureThreshold: 0.5, windowSize: 20, openMs: 1_000, halfOpenTrials: 3 };
export const SEED = 41;

export interface Protection {
  name: string;
  timeout: boolean;
  fallback: boolean;
  bulkhead: boolean;
  breaker: boolean;
}

export const PROTECTIONS: Protection[] = [
  { name: 'no protection', timeout: false, fallback: false, bulkhead: false, breaker: false },
  { name: 'timeout', timeout: true, fallback: false, bulkhead: false, breaker: false },
  { name: 'timeout + fallback', timeout: true, fallback: true, bulkhead: false, breaker: false },
  { name: '+ bulkhead', timeout: true, fallback: true, bulkhead: true, breaker: false },
  { name: '+ circuit breaker', timeout: true, fallback: true, bulkhead: true, breaker: true },
];

/**
 * A fallback: whatever the optional call answers, the page goes on ('ok'), without the widget
 * if the call failed. `served` and `degraded` count the two kinds of page.
 */
export class Fallback implements Target {
  readonly name: string;
  readonly served = new Counter();
  readonly degraded = new Counter();
  constructor(private readonly target: Target) {
    this.name = `fallback(${target.name})`;
  }
  handle(request: Request, reply: Reply): void {
    this.target.handle(request, (answered, outcome) => {
      (outcome === 'ok' ? this.served : this.degraded).increment();
      reply(answered, 'ok');
    });
  }
}

export interface ContainmentResult {
  protection: string;
  /** [second, pages served within PAGE_SLO_MS in that second] */
  goodput: [number, number][];
  /** Mean page goodput during the incident, per second. */
  incidentGoodput: number;
  /** With a fallback: share of recommendation calls that succeeded over the run (the rest of the pages went without). */
  withRecommendations: number;
  /** The breaker's state changes, if there is a breaker: [time ms, state]. */
  breakerTransitions: [number, BreakerState][];
}

export function simulate(protection: Protection, bulkheadLimit = BULKHEAD_LIMIT, seed = SEED): ContainmentResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const inventoryTime = random.split();
  const recommendationsTime = random.split();
  const inventory = new Server(sim, { name: 'inventory', workers: 16, serviceTime: () => inventoryTime.exponential(5) });
  const recommendations = new Server(sim, { name: 'recommendations', workers: 64, serviceTime: () => recommendationsTime.exponential(RECOMMENDATIONS_MS) });
  new FailureInjector(sim).slowAt(recommendations, INCIDENT_FROM_S * 1000, HANG_MS / RECOMMENDATIONS_MS, (INCIDENT_UNTIL_S - INCIDENT_FROM_S) * 1000);

  // Wrap the optional call from the inside out, the way a client library stacks them.
  let optional: Target = recommendations;
  if (protection.timeout) optional = new Timeout(sim, { target: optional, timeoutMs: TIMEOUT_MS });
  let breaker: CircuitBreaker | undefined;
  if (protection.breaker) optional = breaker = new CircuitBreaker(sim, { target: optional, ...BREAKER });
  if (protection.bulkhead) optional = new Bulkhead(sim, { target: optional, maxConcurrent: bulkheadLimit });
  const fallback = protection.fallback ? new Fallback(optional) : undefined;
  if (fallback) optional = fallback;

  const pageWork = random.split();
  const pages = new Server(sim, {
    name: 'product page',
    workers: PAGE_THREADS,
    serviceTime: () => pageWork.exponential(PAGE_WORK_MS),
    downstream: new FanOut(sim, { targets: [inventory, optional] }),
  });
  const client = new OpenLoad(sim, {
    target: new Timeout(sim, { target: pages, timeoutMs: PAGE_SLO_MS, name: 'browser' }),
    random: random.split(),
    ratePerSecond: PAGES_PER_SECOND,
    stopAtMs: SIMULATED_S * 1000,
    seriesBucketMs: 1000,
    sloMs: PAGE_SLO_MS,
  });
  sim.run();
  const counts = new Map(client.stats.goodputSeries!.points('count').map(([start, n]) => [start / 1000, n]));
  const goodput = Array.from({ length: SIMULATED_S }, (_, s) => [s, counts.get(s) ?? 0] as [number, number]);
  const incident = goodput.slice(INCIDENT_FROM_S, INCIDENT_UNTIL_S);
  return {
    protection: protection.name,
    goodput,
    incidentGoodput: incident.reduce((sum, [, n]) => sum + n, 0) / incident.length,
    withRecommendations: fallback ? fallback.served.count / (fallback.served.count + fallback.degraded.count) : NaN,
    breakerTransitions: breaker ? breaker.transitions : [],
  };
}

export const compare = (): ContainmentResult[] => PROTECTIONS.map((protection) => simulate(protection));

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The exercise: a bulkhead as wide as the thread pool, with no breaker. */
function wideBulkhead() {
  const r = simulate(PROTECTIONS[3], PAGE_THREADS);
  return {
    wideBulkheadGoodput: `${Math.round(r.incidentGoodput)} pages a second`,
    wideBulkheadFails: r.incidentGoodput < 0.1 * PAGES_PER_SECOND,
  };
}

export function facts() {
  const [none, timeout, fallback, bulkhead, breaker] = compare();
  const opened = breaker.breakerTransitions.find(([, state]) => state === 'open');
  const closedAgain = breaker.breakerTransitions.filter(([time, state]) => state === 'closed' && time >= INCIDENT_UNTIL_S * 1000)[0];
  return {
    pagesPerSecond: `${PAGES_PER_SECOND} pages a second`,
    threads: PAGE_THREADS,
    hangMs: `${HANG_MS / 1000} seconds`,
    incidentSeconds: `${INCIDENT_UNTIL_S - INCIDENT_FROM_S} seconds`,
    timeoutMs: `${TIMEOUT_MS} ms`,
    bulkheadLimit: BULKHEAD_LIMIT,
    threadsNeededWithTimeout: Math.round((PAGES_PER_SECOND * TIMEOUT_MS) / 1000),
    noneGoodput: `${Math.round(none.incidentGoodput)} pages a second`,
    timeoutGoodput: `${Math.round(timeout.incidentGoodput)} pages a second`,
    fallbackGoodput: `${Math.round(fallback.incidentGoodput)} pages a second`,
    bulkheadGoodput: `${Math.round(bulkhead.incidentGoodput)} pages a second`,
    breakerOpenedAfter: opened ? `${Math.round(opened[0] - INCIDENT_FROM_S * 1000)} ms` : 'never',
    breakerClosedAfter: closedAgain ? `${((closedAgain[0] - INCIDENT_UNTIL_S * 1000) / 1000).toFixed(1)} seconds` : 'never',
    ...wideBulkhead(),
    unprotectedPagesFail: none.incidentGoodput < 0.1 * PAGES_PER_SECOND && timeout.incidentGoodput < 0.5 * PAGES_PER_SECOND,
    containedPagesServed: bulkhead.incidentGoodput > 0.95 * PAGES_PER_SECOND && breaker.incidentGoodput > 0.95 * PAGES_PER_SECOND,
  };
}

export default function main(): void {
  const results = compare();
  const last = results[results.length - 1];
  show(
    table(
      ['protection', 'good pages per s, incident', 'pages with the widget'],
      // Without a fallback a page either has its recommendations or fails: '–'.
      results.map((r) => [r.protection, r.incidentGoodput, Number.isNaN(r.withRecommendations) ? NaN : percent(r.withRecommendations)]),
      `Recommendations hang (${HANG_MS} ms a call) from ${INCIDENT_FROM_S} s to ${INCIDENT_UNTIL_S} s; ${PAGES_PER_SECOND} pages/s on ${PAGE_THREADS} threads`,
    ),
    lineChart(
      `Pages served within ${PAGE_SLO_MS / 1000} s, each second`,
      { label: 'time', unit: 's' },
      { label: 'good pages', unit: 'per s' },
      results.map((r) => ({ name: r.protection, points: r.goodput })),
      'Without a bulkhead, the hanging recommendations service holds every page thread and the page service serves almost nothing; with a bulkhead or a breaker and a fallback, pages are served throughout, without the widget.',
    ),
    table(
      ['time s', 'breaker state'],
      last.breakerTransitions.slice(0, 12).map(([time, state]) => [time / 1000, state]),
      'The circuit breaker’s state changes (first twelve)',
    ),
  );
}
