/**
 * The retry storm, watched: the three layers of retry-storm.ts in front of the same slow
 * database, replayed side by side from just before the slowdown until a second and a half after it.
 * First, every layer retries RETRIES times at once: each attempt that fails below (timed out, or
 * turned away by the database's full queue) is sent down again. Count the attempts that pass
 * each box and watch them multiply on the way down, and the database's queue stay full after
 * the slowdown has ended. Second (beside it, or below on a phone), the same retries back off
 * with jitter and share a retry budget: the counts hardly grow from layer to layer, and the
 * queue drains.
 *
 * Change RETRIES, BUDGET_RATIO or SLOWDOWN_FACTOR and run again.
 */
import { Simulation, Random, Server, OpenLoad, Retry, RetryBudget, Timeout, FailureInjector, show, startTrace, replay } from '../sim';
import type { Target, Trace } from '../sim';

// The database, the load and the layers of retry-storm.ts (its test checks they agree).
export const WORKERS = 1;
export const MEAN_QUERY_MS = 10;
export const QUEUE_LIMIT = 50;
export const TRANSIENT_ERRORS = 0.01;
export const UTILISATION = 0.5;
export const SLOWDOWN_FACTOR = 4;
export const SLOWDOWN_AT_S = 20;
export const SLOWDOWN_FOR_S = 5;
export const TIMEOUTS_MS = [150, 800, 3_500];
export const RETRIES = 3;
export const BACKOFF_BASE_MS = 50;
export const BUDGET_RATIO = 0.1;
export const SEED = 21;

/** The replay's window: from half a second before the slowdown to one and a half after it. */
export const FROM_MS = SLOWDOWN_AT_S * 1000 - 500;
export const UNTIL_MS = (SLOWDOWN_AT_S + SLOWDOWN_FOR_S) * 1000 + 1_500;

/** The layers, innermost first (retry-storm.ts spells out 'database client'; the short name fits a phone's box). */
export const LAYERS = ['DB client', 'API', 'mobile app'];
export const POLICIES = ['3 retries at every layer', '+ retry budget'] as const;
export type ReplayPolicy = (typeof POLICIES)[number];

/** The chain of retry-storm.ts under `policy`, traced over the window. */
export function traceStorm(policy: ReplayPolicy, seed = SEED): Trace {
  const sim = new Simulation();
  const trace = startTrace(sim, { label: policy, fromMs: FROM_MS, untilMs: UNTIL_MS, maxRequests: 2_000, maxEvents: 100_000 });
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
  new FailureInjector(sim).slowAt(database, SLOWDOWN_AT_S * 1000, SLOWDOWN_FACTOR, SLOWDOWN_FOR_S * 1000);
  let below: Target = database;
  TIMEOUTS_MS.forEach((timeoutMs, i) => {
    const layerRandom = random.split();
    const timed = new Timeout(sim, { target: below, timeoutMs, name: `${LAYERS[i]} timeout` });
    below = new Retry(sim, {
      target: timed,
      random: layerRandom,
      maxRetries: RETRIES,
      baseDelayMs: policy === '+ retry budget' ? BACKOFF_BASE_MS : 0,
      jitter: policy === '+ retry budget' ? 'full' : 'none',
      budget: policy === '+ retry budget' ? new RetryBudget(sim, { ratio: BUDGET_RATIO, name: `${LAYERS[i]} budget` }) : undefined,
      name: `${LAYERS[i]} retries`,
    });
  });
  new OpenLoad(sim, { name: 'users', target: below, random: random.split(), ratePerSecond: UTILISATION * WORKERS * (1000 / MEAN_QUERY_MS), stopAtMs: UNTIL_MS });
  sim.run({ until: UNTIL_MS });
  return trace;
}

/** Attempts that reached each layer in the window, per user request sent in it: outermost first, the database last. */
export function attemptsPerRequest(trace: Trace): { layer: string; perRequest: number }[] {
  const data = trace.data();
  const arrived = new Array<number>(data.components.length).fill(0);
  for (let i = 0; i < data.events.length; i += 4) if (data.events[i + 3] === 0) arrived[data.events[i + 2]]++;
  const users = arrived[data.components.findIndex((c) => c.kind === 'client')];
  const order = [...LAYERS].reverse().map((layer) => `${layer} timeout`).concat('database');
  return order.map((name) => ({ layer: name.replace(' timeout', ''), perRequest: arrived[data.components.findIndex((c) => c.name === name)] / users }));
}

/** The figures the chapter quotes about this replay. */
export function facts() {
  const [naive, budget] = POLICIES.map((policy) => attemptsPerRequest(traceStorm(policy)));
  const database = (rows: { perRequest: number }[]) => rows[rows.length - 1].perRequest.toFixed(1);
  return {
    worstCase: `${(RETRIES + 1) ** TIMEOUTS_MS.length}`,
    naiveDatabaseAttempts: database(naive),
    budgetDatabaseAttempts: database(budget),
    windowSeconds: `${(UNTIL_MS - FROM_MS) / 1000} seconds`,
  };
}

export default function main(): void {
  show(replay(POLICIES.map((policy) => traceStorm(policy)), `The database runs ${SLOWDOWN_FACTOR}× slower from ${SLOWDOWN_AT_S} s to ${SLOWDOWN_AT_S + SLOWDOWN_FOR_S} s: ${POLICIES.join(' against ')}`));
}
