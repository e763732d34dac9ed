/**
 * A retry storm: a database slows down for a few seconds, and the retries meant to hide the
 * blip keep it overloaded long after the blip is over.
 *
 * A request crosses three layers before it reaches the database: the mobile app, the API,
 * and the orders service's database client. Each layer waits a while (its timeout) and, in
 * the naive setting, retries three times. When the database is slow, every attempt times out,
 * so one user request becomes up to 4 × 4 × 4 = 64 attempts at the database, and the
 * database keeps working on attempts whose callers have already given up. Once the queue is
 * longer than the timeouts, no attempt can succeed any more: the overload sustains itself.
 *
 * The same slowdown is run with each policy below. Compare the goodput (requests answered
 * successfully each second) after the slowdown ends at SLOWDOWN_AT_S + SLOWDOWN_FOR_S.
 *
 * Change SLOWDOWN_FACTOR, SLOWDOWN_FOR_S, UTILISATION or a policy, and run again.
 */
import { Simulation, Random, Server, OpenLoad, Retry, RetryBudget, Timeout, CircuitBreaker, FailureInjector, show, table, lineChart } from '../sim';
import type { Outcome, Target } from '../sim';

/** The database: WORKERS connections, MEAN_QUERY_MS per query (exponential), QUEUE_LIMIT queries waiting at most. */
export const WORKERS = 1;
export const MEAN_QUERY_MS = 10;
export const QUEUE_LIMIT = 50;
/** Share of queries that fail at any time (a deadlock victim, a failover blip): what retries are for. */
export const TRANSIENT_ERRORS = 0.01;
/** Offered load as a share of the database's capacity (WORKERS / MEAN_QUERY_MS). */
export const UTILISATION = 0.5;
/** The database runs SLOWDOWN_FACTOR times slower from SLOWDOWN_AT_S, for SLOWDOWN_FOR_S. */
export const SLOWDOWN_FACTOR = 4;
export const SLOWDOWN_AT_S = 20;
export const SLOWDOWN_FOR_S = 5;
export const SIMULATED_S = 40;
/** Timeouts of the three layers, innermost (the database client) first, ms. */
export const TIMEOUTS_MS = [150, 800, 3_500];
/** A user gives up on an answer that takes longer than this, ms: goodput counts only faster answers. */
export const USER_PATIENCE_MS = 2_000;
/** Retries after the first attempt, at each layer that retries. */
export const RETRIES = 3;
/** Backoff before the first retry (doubling after), ms, for the policies that back off. */
export const BACKOFF_BASE_MS = 50;
/** Retries may add at most this share of a layer's requests, for the policies with a budget. */
export const BUDGET_RATIO = 0.1;
/** Recovered: goodput averaged over three seconds is back to this share of the offered load. */
export const RECOVERED_SHARE = 0.8;
export const SEED = 21;

export interface Policy {
  name: string;
  /** Retries at each layer; 0 means timeouts only. */
  retries: number;
  backoff: 'none' | 'exponential with full jitter';
  budget: boolean;
  /** A circuit breaker around the database client. */
  breaker: boolean;
  /** Each timeout passes its deadline on, and the database drops queued work past it. */
  deadlines: boolean;
}

export const POLICIES: Policy[] = [
  { name: 'timeouts, no retries', retries: 0, backoff: 'none', budget: false, breaker: false, deadlines: false },
  { name: '3 retries at every layer', retries: RETRIES, backoff: 'none', budget: false, breaker: false, deadlines: false },
  { name: '+ backoff and jitter', retries: RETRIES, backoff: 'exponential with full jitter', budget: false, breaker: false, deadlines: false },
  { name: '+ retry budget', retries: RETRIES, backoff: 'exponential with full jitter', budget: true, breaker: false, deadlines: false },
  { name: '+ breaker and deadlines', retries: RETRIES, backoff: 'exponential with full jitter', budget: true, breaker: true, deadlines: true },
];

export interface StormResult {
  policy: string;
  /** [second, requests answered 'ok' within USER_PATIENCE_MS, in that second] */
  goodput: [number, number][];
  /** Attempts the database received per user request, over the whole run. */
  amplification: number;
  /** Seconds from the end of the slowdown until goodput is back to RECOVERED_SHARE of the offered load; NaN if never. */
  recoverySeconds: number;
  /** Share of user requests answered 'ok' within USER_PATIENCE_MS over the whole run. */
  successRatio: number;
  /** Share of requests that failed before the slowdown: the transient errors retries are meant to hide. */
  failedBeforeSlowdown: number;
}

export const offeredPerSecond = () => UTILISATION * WORKERS * (1000 / MEAN_QUERY_MS);

/** One layer of the call path: a timeout around the layer below, with the policy's retries. */
function layer(sim: Simulation, random: Random, below: Target, timeoutMs: number, policy: Policy, name: string): Target {
  const timed = new Timeout(sim, { target: below, timeoutMs, propagateDeadline: policy.deadlines, name: `${name} timeout` });
  if (policy.retries === 0) return timed;
  return new Retry(sim, {
    target: timed,
    random,
    maxRetries: policy.retries,
    baseDelayMs: policy.backoff === 'none' ? 0 : BACKOFF_BASE_MS,
    jitter: policy.backoff === 'none' ? 'none' : 'full',
    budget: policy.budget ? new RetryBudget(sim, { ratio: BUDGET_RATIO, name: `${name} budget` }) : undefined,
    // A breaker that is open says "not now": retrying it only adds load. Retry timeouts and errors.
    retryOn: policy.breaker ? ['timeout', 'error'] : undefined,
    name: `${name} retries`,
  });
}

/** The slowdown: how much slower the database runs, and for how long. */
export interface Slowdown {
  factor: number;
  forS: number;
}

export function simulate(policy: Policy, slowdown: Slowdown = { factor: SLOWDOWN_FACTOR, forS: SLOWDOWN_FOR_S }, seed = SEED): StormResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const work = random.split();
  const database = new Server(sim, {
    name: 'database',
    workers: WORKERS,
    queueLimit: QUEUE_LIMIT,
    serviceTime: () => work.exponential(MEAN_QUERY_MS),
    errorProbability: TRANSIENT_ERRORS,
    random: random.split(),
  });
  new FailureInjector(sim).slowAt(database, SLOWDOWN_AT_S * 1000, slowdown.factor, slowdown.forS * 1000);

  let below: Target = database;
  if (policy.breaker) {
    below = new CircuitBreaker(sim, { target: database, failureThreshold: 0.5, windowSize: 50, openMs: 1_000, halfOpenTrials: 5, name: 'database breaker' });
  }
  const names = ['database client', 'API', 'mobile app'];
  TIMEOUTS_MS.forEach((timeoutMs, i) => {
    below = layer(sim, random.split(), below, timeoutMs, policy, names[i]);
  });

  const client = new OpenLoad(sim, {
    target: below,
    random: random.split(),
    ratePerSecond: offeredPerSecond(),
    stopAtMs: SIMULATED_S * 1000,
    seriesBucketMs: 1000,
    sloMs: USER_PATIENCE_MS,
  });
  sim.run({ until: SIMULATED_S * 1000 });
  return summarise(policy.name, client, database, SLOWDOWN_AT_S + slowdown.forS);
}

function summarise(policy: string, client: OpenLoad, database: Server, end: number): StormResult {
  // The series count requests by the second they ended in: answers within the user's patience, and failures.
  const perSecond = (points: [number, number][]) => {
    const counts = new Map(points.map(([start, count]) => [start / 1000, count]));
    return Array.from({ length: SIMULATED_S }, (_, s) => [s, counts.get(s) ?? 0] as [number, number]);
  };
  const goodput = perSecond(client.stats.goodputSeries!.points('count'));
  const failures = perSecond(client.stats.failureSeries!.points('count'));
  const before = (series: [number, number][]) => series.slice(0, SLOWDOWN_AT_S).reduce((sum, [, n]) => sum + n, 0);
  // Recovered: the first second after the slowdown that starts three seconds of healthy goodput on average.
  const back = goodput.findIndex(([s], i) => {
    const window = goodput.slice(i, i + 3);
    return s >= end && window.length === 3 && window.reduce((sum, [, ok]) => sum + ok, 0) / 3 >= RECOVERED_SHARE * offeredPerSecond();
  });
  return {
    policy,
    goodput,
    amplification: database.arrivals.count / client.stats.sent.count,
    recoverySeconds: back < 0 ? NaN : back - end,
    successRatio: client.stats.withinSlo.count / client.stats.sent.count,
    failedBeforeSlowdown: before(failures) / (before(failures) + before(goodput)),
  };
}

export const compare = (): StormResult[] => POLICIES.map((policy) => simulate(policy));

const seconds = (s: number) => (Number.isNaN(s) ? 'never' : `${s} s`);

/** The exercise: a milder slowdown (MILD_FACTOR) that leaves the database with spare capacity. */
export const MILD_FACTOR = 1.5;
function mildSlowdown() {
  const mild = { factor: MILD_FACTOR, forS: SLOWDOWN_FOR_S };
  const none = simulate(POLICIES[0], mild);
  const naive = simulate(POLICIES[1], mild);
  return {
    mildUtilisation: `${Math.round(UTILISATION * MILD_FACTOR * 100)}%`,
    mildNoRetryRecovery: seconds(none.recoverySeconds),
    mildNaiveRecovery: seconds(naive.recoverySeconds),
    mildNaiveAmplification: naive.amplification.toFixed(1),
    mildStormAnyway: Number.isNaN(naive.recoverySeconds) && UTILISATION * MILD_FACTOR < 1,
  };
}

export function facts() {
  const [none, naive, backoff, budget, all] = compare();
  return {
    offered: `${Math.round(offeredPerSecond())} requests per second`,
    utilisation: `${Math.round(UTILISATION * 100)}%`,
    slowdownFactor: `${SLOWDOWN_FACTOR} times`,
    slowdownFor: `${SLOWDOWN_FOR_S} seconds`,
    afterSlowdown: `${SIMULATED_S - SLOWDOWN_AT_S - SLOWDOWN_FOR_S} seconds`,
    transientErrors: `${TRANSIENT_ERRORS * 100}%`,
    noRetryFailedBefore: `${(none.failedBeforeSlowdown * 100).toFixed(1)}%`,
    naiveFailedBefore: `${(naive.failedBeforeSlowdown * 100).toFixed(2)}%`,
    noRetryRecovery: seconds(none.recoverySeconds),
    naiveAmplification: `${naive.amplification.toFixed(1)}`,
    naiveSuccess: `${Math.round(naive.successRatio * 100)}%`,
    noRetrySuccess: `${Math.round(none.successRatio * 100)}%`,
    backoffAmplification: `${backoff.amplification.toFixed(1)}`,
    budgetRecovery: seconds(budget.recoverySeconds),
    budgetAmplification: `${budget.amplification.toFixed(2)}`,
    allRecovery: seconds(all.recoverySeconds),
    allSuccess: `${Math.round(all.successRatio * 100)}%`,
    retries: RETRIES,
    budgetRatio: `${Math.round(BUDGET_RATIO * 100)}%`,
    ...mildSlowdown(),
    naiveNeverRecovers: Number.isNaN(naive.recoverySeconds) && !Number.isNaN(none.recoverySeconds),
    budgetRecovers: !Number.isNaN(budget.recoverySeconds),
    backoffNeverRecovers: Number.isNaN(backoff.recoverySeconds),
  };
}

export default function main(): void {
  const results = compare();
  show(
    table(
      ['policy', 'failed before', 'queries per request', 'recovered after', `answered in ${USER_PATIENCE_MS / 1000} s`],
      results.map((r) => [r.policy, `${(r.failedBeforeSlowdown * 100).toFixed(1)}%`, r.amplification, seconds(r.recoverySeconds), `${(r.successRatio * 100).toFixed(1)}%`]),
      `The database runs ${SLOWDOWN_FACTOR}× slower for ${SLOWDOWN_FOR_S} s from ${SLOWDOWN_AT_S} s, at ${Math.round(UTILISATION * 100)}% load`,
    ),
    lineChart(
      `Goodput: requests answered successfully within ${USER_PATIENCE_MS / 1000} s, each second`,
      { label: 'time', unit: 's' },
      { label: 'goodput', unit: 'requests per s' },
      results.map((r) => ({ name: r.policy, points: r.goodput })),
      'Every policy loses goodput during the slowdown. Naive retries never get it back: the database stays buried in attempts nobody waits for. With a retry budget, a breaker and deadlines, goodput returns within seconds.',
    ),
  );
}

export type { Outcome };
