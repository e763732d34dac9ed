/**
 * Load shedding between services: the search service is offered 150 % of what it can serve
 * for twenty seconds. Its callers wait at most CALLER_TIMEOUT_MS for an answer.
 *
 * Queue everything, and the queue grows by the excess every second: soon every request
 * waits longer than its caller's timeout, and the service spends all its capacity on answers
 * nobody reads. Goodput (answers in time) falls to zero, and stays there after the spike
 * while the backlog drains.
 *
 * Shed early, and the service stays useful: a short queue (turn away what does not fit), a
 * controlled delay (CoDel: drop what has waited too long once the queue stays full), or the
 * caller's deadline passed on with the request (drop what has expired).
 *
 * Change OVERLOAD, QUEUE_LIMIT or CALLER_TIMEOUT_MS and run again.
 */
import { Simulation, Random, Server, OpenLoad, Timeout, show, table, lineChart } from '../sim';
import type { ServerOptions } from '../sim';

/** The search service: WORKERS requests at a time, MEAN_SERVICE_MS each (exponential). */
export const WORKERS = 4;
export const MEAN_SERVICE_MS = 20;
/** Offered load as a share of capacity: normally, and during the spike. */
export const NORMAL_LOAD = 0.6;
export const OVERLOAD = 1.5;
export const SPIKE_FROM_S = 10;
export const SPIKE_UNTIL_S = 30;
export const SIMULATED_S = 45;
/** Callers give up after this long, ms; an answer after it is wasted work. */
export const CALLER_TIMEOUT_MS = 500;
/** The bounded queue's length: shorter than capacity × timeout, so a queued request can still make it. */
export const QUEUE_LIMIT = 50;
/** CoDel, as in Facebook's "Fail at Scale": once the queue has not emptied for an interval, wait at most the target. */
export const CODEL = { targetMs: 5, intervalMs: 100 };
export const SEED = 31;

export interface SheddingPolicy {
  name: string;
  server: Pick<ServerOptions, 'queueLimit' | 'codel' | 'queueDiscipline'>;
  /** The caller's timeout travels with the request as a deadline; the service drops expired work. */
  propagateDeadline: boolean;
}

export const POLICIES: SheddingPolicy[] = [
  { name: 'queue everything', server: {}, propagateDeadline: false },
  { name: `bounded queue (${QUEUE_LIMIT})`, server: { queueLimit: QUEUE_LIMIT }, propagateDeadline: false },
  { name: 'controlled delay (CoDel)', server: { codel: CODEL }, propagateDeadline: false },
  { name: 'deadline propagated', server: {}, propagateDeadline: true },
  { name: 'deadline, newest first', server: { queueDiscipline: 'lifo' }, propagateDeadline: true },
];

export interface SheddingResult {
  policy: string;
  /** [second, answers within the caller's timeout in that second] */
  goodput: [number, number][];
  /** Mean goodput during the spike, requests per second. */
  spikeGoodput: number;
  /** p99 of the answers the callers received, ms. */
  p99Ms: number;
  /** Share of the service's completed work whose caller had already given up. */
  wastedWork: number;
  /** Seconds after the spike until goodput is back to 90% of the offered load; NaN if not within the run. */
  recoverySeconds: number;
}

export const capacityPerSecond = () => (WORKERS * 1000) / MEAN_SERVICE_MS;

export function simulate(policy: SheddingPolicy, seed = SEED): SheddingResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const work = random.split();
  const search = new Server(sim, { name: 'search', workers: WORKERS, serviceTime: () => work.exponential(MEAN_SERVICE_MS), ...policy.server });
  const caller = new Timeout(sim, { target: search, timeoutMs: CALLER_TIMEOUT_MS, propagateDeadline: policy.propagateDeadline, name: 'caller' });
  const client = new OpenLoad(sim, {
    target: caller,
    random: random.split(),
    ratePerSecond: [
      { atMs: 0, ratePerSecond: NORMAL_LOAD * capacityPerSecond() },
      { atMs: SPIKE_FROM_S * 1000, ratePerSecond: OVERLOAD * capacityPerSecond() },
      { atMs: SPIKE_UNTIL_S * 1000, ratePerSecond: NORMAL_LOAD * capacityPerSecond() },
    ],
    stopAtMs: SIMULATED_S * 1000,
    seriesBucketMs: 1000,
    sloMs: CALLER_TIMEOUT_MS,
  });
  sim.run();
  const counts = new Map(client.stats.goodputSeries!.points('count').map(([start, n]) => [start / 1000, n]));
  const goodput = Array.from({ length: SIMULATED_S }, (_, s) => [s, counts.get(s) ?? 0] as [number, number]);
  const spike = goodput.slice(SPIKE_FROM_S, SPIKE_UNTIL_S);
  const healthy = 0.9 * NORMAL_LOAD * capacityPerSecond();
  const back = goodput.findIndex(([s], i) => s >= SPIKE_UNTIL_S && goodput.slice(i, i + 3).length === 3 && goodput.slice(i, i + 3).reduce((sum, [, n]) => sum + n, 0) / 3 >= healthy);
  return {
    policy: policy.name,
    goodput,
    spikeGoodput: spike.reduce((sum, [, n]) => sum + n, 0) / spike.length,
    p99Ms: client.stats.latency.percentile(99),
    wastedWork: caller.lateAnswers.count / search.completed.count,
    recoverySeconds: back < 0 ? NaN : back - SPIKE_UNTIL_S,
  };
}

export const compare = (): SheddingResult[] => POLICIES.map((policy) => simulate(policy));

/** The exercise: a bounded queue four times as long, longer than capacity × timeout. */
export const LONG_QUEUE_LIMIT = QUEUE_LIMIT * 4;
function longQueue() {
  const r = simulate({ name: `bounded queue (${LONG_QUEUE_LIMIT})`, server: { queueLimit: LONG_QUEUE_LIMIT }, propagateDeadline: false });
  return {
    longQueueLimit: LONG_QUEUE_LIMIT,
    longQueueWaitMs: `${Math.round((LONG_QUEUE_LIMIT / capacityPerSecond()) * 1000)} ms`,
    longQueueGoodput: `${Math.round(r.spikeGoodput)} requests per second`,
    longQueueWasted: `${Math.round(r.wastedWork * 100)}%`,
    longQueueCollapses: r.spikeGoodput < 0.2 * capacityPerSecond(),
  };
}

const seconds = (s: number) => (Number.isNaN(s) ? `not within ${SIMULATED_S - SPIKE_UNTIL_S} s` : `${s} s`);

export function facts() {
  const [queueAll, bounded, codel, deadline, newestFirst] = compare();
  const capacity = capacityPerSecond();
  return {
    capacity: `${capacity} requests per second`,
    overload: `${Math.round(OVERLOAD * 100)}%`,
    spikeSeconds: `${SPIKE_UNTIL_S - SPIKE_FROM_S} seconds`,
    callerTimeout: `${CALLER_TIMEOUT_MS} ms`,
    queueLimit: QUEUE_LIMIT,
    queueAllSpikeGoodput: `${Math.round(queueAll.spikeGoodput)} requests per second`,
    queueAllWasted: `${Math.round(queueAll.wastedWork * 100)}%`,
    boundedSpikeGoodput: `${Math.round(bounded.spikeGoodput)} requests per second`,
    boundedP99: `${Math.round(bounded.p99Ms)} ms`,
    codelSpikeGoodput: `${Math.round(codel.spikeGoodput)} requests per second`,
    codelP99: `${Math.round(codel.p99Ms)} ms`,
    deadlineSpikeGoodput: `${Math.round(deadline.spikeGoodput)} requests per second`,
    newestFirstSpikeGoodput: `${Math.round(newestFirst.spikeGoodput)} requests per second`,
    newestFirstP99: `${Math.round(newestFirst.p99Ms)} ms`,
    sheddingKeepsGoodput: [bounded, codel, newestFirst].every((r) => r.spikeGoodput > 0.9 * capacity) && queueAll.spikeGoodput < 0.2 * capacity,
    deadlineAloneFallsShort: deadline.spikeGoodput < 0.5 * capacity && deadline.wastedWork < queueAll.wastedWork,
    queueAllStillDown: Number.isNaN(queueAll.recoverySeconds),
    codelFasterThanBounded: codel.p99Ms < bounded.p99Ms / 2,
    ...longQueue(),
  };
}

export default function main(): void {
  const results = compare();
  show(
    table(
      ['policy', 'goodput per s, spike', 'p99 ms', 'work for callers who left', 'back to normal after'],
      results.map((r) => [r.policy, r.spikeGoodput, r.p99Ms, `${(r.wastedWork * 100).toFixed(1)}%`, seconds(r.recoverySeconds)]),
      `Offered ${Math.round(OVERLOAD * 100)}% of capacity (${capacityPerSecond()}/s) from ${SPIKE_FROM_S} s to ${SPIKE_UNTIL_S} s; callers wait ${CALLER_TIMEOUT_MS} ms`,
    ),
    lineChart(
      `Goodput: answers within ${CALLER_TIMEOUT_MS} ms, each second`,
      { label: 'time', unit: 's' },
      { label: 'goodput', unit: 'requests per s' },
      results.map((r) => ({ name: r.policy, points: r.goodput })),
      'Queueing everything drops goodput to nothing within seconds of the spike and long after it. Each shedding policy keeps goodput near the service’s capacity through the spike and is back to normal as soon as it ends.',
    ),
  );
}
