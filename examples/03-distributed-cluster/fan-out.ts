/**
 * Fan-out: a page that calls 1, 10 or 100 services in parallel is as slow as its slowest call.
 *
 * Each service answers in about TYPICAL_MS, but one call in a hundred (SLOW_SHARE) is slow:
 * a garbage-collection pause, a cold cache, a retransmitted packet. A request that waits for n
 * calls escapes all of them with probability 0.99ⁿ, so 1 − 0.99ⁿ of requests are slow: the
 * simulation measures that share and prints the formula beside it.
 *
 * Then every call is hedged: if a service has not answered after the p95 of a single call, a
 * copy goes to its other replica, and the first answer wins. A call is now slow only if both
 * copies are (0.01², when slowness is independent), for about 5 % more calls. MAX_HEDGES = 2
 * sends a second copy if the first is slow too.
 *
 * Change SLOW_SHARE, SLOW_MS or FAN_OUTS, or set HEDGE_AT_PERCENTILE, and run again.
 */
import { Simulation, Random, Server, LoadBalancer, FanOut, Hedge, OpenLoad, distributions, show, table, barChart } from '../sim';
import type { Target } from '../sim';

/** Share of calls that are slow, and how long a slow call takes, ms. */
export const SLOW_SHARE = 0.01;
export const SLOW_MS = 250;
/** A typical call: lognormal around this median, ms. */
export const TYPICAL_MS = 10;
/** How many services one request calls in parallel, in each run. */
export const FAN_OUTS = [1, 10, 100];
/** A request slower than this counted as slow, ms: above every typical call, below every slow one. */
export const SLOW_REQUEST_MS = 100;
/** Hedge a call that has not answered by this percentile of a single call's latency. */
export const HEDGE_AT_PERCENTILE = 95;
/** Copies at most per call: a second copy goes out if the first has not answered either. */
export const MAX_HEDGES = 1;
/** Calls per run: a page that calls n services is sent CALLS_PER_RUN / n times (more pages where each is cheap). */
export const CALLS_PER_RUN = 40_000;
export const REQUESTS_PER_SECOND = 50;
/** Replicas of each service (a hedge goes to the next one) and workers on each. */
export const REPLICAS = 2;
export const WORKERS_PER_REPLICA = 4;
export const SEED = 11;

export interface FanOutResult {
  services: number;
  requests: number;
  hedged: boolean;
  /** Share of requests slower than SLOW_REQUEST_MS. */
  slowShare: number;
  p50Ms: number;
  p99Ms: number;
  /** Copies sent per call: the extra load hedging adds. */
  extraCalls: number;
}

/** Share of requests that meet at least one slow call, when each of n calls is slow with probability p. */
export function slowRequestShare(services: number, slowShare = SLOW_SHARE): number {
  return 1 - (1 - slowShare) ** services;
}

/** One service: REPLICAS servers behind a round-robin balancer, each call slow with probability SLOW_SHARE. */
function service(sim: Simulation, random: Random, index: number): LoadBalancer {
  const replicas = Array.from({ length: REPLICAS }, (_, r) => {
    const draws = random.split();
    const callTime = distributions.mixture(draws, [
      [1 - SLOW_SHARE, distributions.lognormal(draws, Math.log(TYPICAL_MS), 0.25)],
      [SLOW_SHARE, distributions.deterministic(SLOW_MS)],
    ]);
    return new Server(sim, { name: `service-${index}-${r}`, workers: WORKERS_PER_REPLICA, serviceTime: callTime });
  });
  return new LoadBalancer(sim, { targets: replicas, strategy: 'roundRobin' });
}

/** Pages sent in a run that calls `services` services. */
export const requestsFor = (services: number) => Math.round(CALLS_PER_RUN / services);

/** Requests that each call `services` services and wait for all of them. `hedgeAfterMs` hedges every call. */
export function simulate(services: number, hedgeAfterMs?: number, maxHedges = MAX_HEDGES, seed = SEED): FanOutResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const hedges: Hedge[] = [];
  const calls: Target[] = Array.from({ length: services }, (_, i) => {
    const balancer = service(sim, random, i);
    if (hedgeAfterMs === undefined) return balancer;
    const hedge = new Hedge(sim, { target: balancer, hedgeAfterMs, maxHedges, cancelLoser: true });
    hedges.push(hedge);
    return hedge;
  });
  const page = new FanOut(sim, { targets: calls });
  const client = new OpenLoad(sim, {
    target: page,
    random: random.split(),
    ratePerSecond: REQUESTS_PER_SECOND,
    maxRequests: requestsFor(services),
    exactPercentiles: true,
  });
  sim.run();
  const latency = client.stats.latency;
  // Exact latencies in buckets of SLOW_REQUEST_MS: everything past the first bucket is slow.
  const slow = latency.histogram(SLOW_REQUEST_MS).reduce((sum, [start, count]) => (start >= SLOW_REQUEST_MS ? sum + count : sum), 0);
  const copies = hedges.reduce((sum, hedge) => sum + hedge.hedges.count, 0);
  return {
    services,
    requests: requestsFor(services),
    hedged: hedgeAfterMs !== undefined,
    slowShare: slow / latency.count,
    p50Ms: latency.percentile(50),
    p99Ms: latency.percentile(99),
    extraCalls: copies / (services * requestsFor(services)),
  };
}

/** The hedging delay: the chosen percentile of one call's latency, measured on a page that calls one service. */
export function hedgeDelayMs(seed = SEED): number {
  const sim = new Simulation();
  const random = new Random(seed);
  const one = service(sim, random, 0);
  const client = new OpenLoad(sim, { target: one, random: random.split(), ratePerSecond: REQUESTS_PER_SECOND, maxRequests: requestsFor(1), exactPercentiles: true });
  sim.run();
  return client.stats.latency.percentile(HEDGE_AT_PERCENTILE);
}

export function compare(): { plain: FanOutResult[]; hedged: FanOutResult[]; hedgeAfterMs: number } {
  const hedgeAfterMs = hedgeDelayMs();
  return {
    plain: FAN_OUTS.map((n) => simulate(n)),
    hedged: FAN_OUTS.map((n) => simulate(n, hedgeAfterMs)),
    hedgeAfterMs,
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The exercise: up to two copies per call (MAX_HEDGES = 2) on the largest fan-out. */
function twoHedges(hedgeAfterMs: number) {
  const most = FAN_OUTS[FAN_OUTS.length - 1];
  const r = simulate(most, hedgeAfterMs, 2);
  return {
    twoHedgesSlow: `${(r.slowShare * 100).toFixed(2)}%`,
    twoHedgesTheory: `${(slowRequestShare(most, SLOW_SHARE ** 3) * 100).toFixed(4)}%`,
    twoHedgesP99: `${Math.round(r.p99Ms)} ms`,
    twoHedgesExtraCalls: percent(r.extraCalls),
    twoHedgesP99BelowSlow: r.p99Ms < SLOW_MS / 2,
  };
}

export function facts() {
  const { plain, hedged, hedgeAfterMs } = compare();
  const last = plain.length - 1;
  const worstGap = Math.max(...plain.map((r) => Math.abs(r.slowShare - slowRequestShare(r.services))));
  return {
    slowShare: `${SLOW_SHARE * 100}%`,
    slowMs: `${SLOW_MS} ms`,
    typicalMs: `${TYPICAL_MS} ms`,
    slowRequestMs: `${SLOW_REQUEST_MS} ms`,
    mostServices: FAN_OUTS[last],
    oneServiceSlow: percent(plain[0].slowShare),
    tenServicesSlow: percent(plain[1].slowShare),
    tenServicesTheory: percent(slowRequestShare(FAN_OUTS[1])),
    mostServicesSlow: percent(plain[last].slowShare),
    mostServicesTheory: percent(slowRequestShare(FAN_OUTS[last])),
    formulaGap: `${(worstGap * 100).toFixed(1)} percentage points`,
    mostServicesP50: `${Math.round(plain[last].p50Ms)} ms`,
    hedgePercentile: `p${HEDGE_AT_PERCENTILE}`,
    hedgeAfterMs: `${Math.round(hedgeAfterMs)} ms`,
    hedgedMostSlow: percent(hedged[last].slowShare),
    hedgedMostP99: `${Math.round(hedged[last].p99Ms)} ms`,
    hedgedMostTheory: percent(slowRequestShare(FAN_OUTS[last], SLOW_SHARE ** (MAX_HEDGES + 1))),
    hedgeExtraCalls: percent(hedged[last].extraCalls),
    tailBecomesMedian: plain[last].p50Ms > SLOW_REQUEST_MS,
    hedgedTenP99: `${Math.round(hedged[1].p99Ms)} ms`,
    ...twoHedges(hedgeAfterMs),
    tenServicesP99: `${Math.round(plain[1].p99Ms)} ms`,
    /** Per-call slow share that keeps a request calling n services under 1% slow: 1 − 0.99^(1/n). */
    perCallBudgetForMost: `${((1 - 0.99 ** (1 / FAN_OUTS[last])) * 100).toFixed(3)}%`,
    hedgingCutsSlowShare: hedged[last].slowShare < plain[last].slowShare / 10,
    hedgingCutsTenP99: hedged[1].p99Ms < plain[1].p99Ms / 2,
  };
}

export default function main(): void {
  const { plain, hedged, hedgeAfterMs } = compare();
  show(
    table(
      ['services', 'pages', 'slow pages', '1 − 0.99ⁿ', 'p50 ms', 'p99 ms'],
      plain.map((r) => [r.services, r.requests, percent(r.slowShare), percent(slowRequestShare(r.services)), r.p50Ms, r.p99Ms]),
      `${SLOW_SHARE * 100}% of calls take ${SLOW_MS} ms; a page waits for every call; slow: over ${SLOW_REQUEST_MS} ms`,
    ),
    table(
      ['services', 'slow pages', 'theory', 'p50 ms', 'p99 ms', 'extra calls'],
      hedged.map((r) => [r.services, percent(r.slowShare), percent(slowRequestShare(r.services, SLOW_SHARE ** (MAX_HEDGES + 1))), r.p50Ms, r.p99Ms, percent(r.extraCalls)]),
      `Hedged after ${Math.round(hedgeAfterMs)} ms (one call's p${HEDGE_AT_PERCENTILE}); theory: all ${MAX_HEDGES + 1} copies slow`,
    ),
    barChart(
      'p99 latency of a request by the number of services it calls',
      FAN_OUTS.map((n) => `${n} service${n === 1 ? '' : 's'}`),
      { 'no hedging': plain.map((r) => r.p99Ms), hedged: hedged.map((r) => r.p99Ms) },
      { label: 'p99', unit: 'ms' },
      'Without hedging the p99 jumps to the slow call time as soon as a request calls ten services; with hedging it stays near the hedging delay plus a typical call.',
    ),
  );
}
