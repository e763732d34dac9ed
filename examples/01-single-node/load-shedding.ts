/**
 * Overload: a minute of traffic the box cannot serve, and four ways to take it.
 *
 * The box of the saturation example (4 workers, 50 ms a request: 80 requests
 * per second at most) runs at half its capacity, then a spike offers half as
 * much again as it can serve, then traffic falls back. Every caller gives up
 * after DEADLINE_MS (a browser, a proxy's timeout, a user pressing reload), but
 * the box cannot know that: it finishes every request it started.
 *
 *   - "queue everything": an unbounded queue. The line grows for the whole
 *     spike; soon every request waits longer than the deadline, so the box works
 *     flat out on answers nobody is waiting for.
 *   - "bounded queue": at most QUEUE_LIMIT requests wait; the rest are refused
 *     at once (an HTTP 503), so what is accepted is answered in time.
 *   - "pass the deadline": the caller sends its deadline with the request, and
 *     the box drops what is still queued when the deadline passes.
 *   - "CoDel": once a queue has stood for CODEL_INTERVAL_MS, newcomers may wait
 *     only CODEL_TARGET_MS before they are dropped (controlled delay).
 *
 * Goodput is what counts: answers that arrive before the caller gave up.
 *
 * Change SPIKE_RATE_PER_SECOND, QUEUE_LIMIT or DEADLINE_MS and run again.
 */
import { Simulation, Random, Server, OpenLoad, Timeout, show, table, lineChart } from '../sim';

export const WORKERS = 4; // the box of the saturation example
export const MEAN_SERVICE_MS = 50; // exponential; capacity 4 × 1000 / 50 = 80 requests/s
export const NORMAL_RATE_PER_SECOND = 40; // half the capacity
export const SPIKE_RATE_PER_SECOND = 120; // 150% of capacity: a mention on a big forum
export const SPIKE_FROM_MS = 30_000;
export const SPIKE_FOR_MS = 60_000;
export const SIMULATED_MS = 180_000; // three minutes: before, during and after the spike
/** Callers stop waiting after this, ms; the box does not know they left. */
export const DEADLINE_MS = 1_000;
/** "Shed early": requests allowed to wait. 20 is about 250 ms of work at 80 per second. */
export const QUEUE_LIMIT = 20;
/** "CoDel": the queueing delay tolerated once a queue has stood for an interval, ms. */
export const CODEL_TARGET_MS = 5;
export const CODEL_INTERVAL_MS = 100;
export const SEED = 4;

export const CAPACITY_PER_SECOND = (WORKERS * 1000) / MEAN_SERVICE_MS;

export type Policy = 'queue everything' | 'bounded queue' | 'pass the deadline' | 'CoDel';
export const POLICIES: Policy[] = ['queue everything', 'bounded queue', 'pass the deadline', 'CoDel'];

/** How each policy sets up the box: the kit's Server does the shedding. */
function sheddingOptions(policy: Policy, queueLimit: number) {
  if (policy === 'bounded queue') return { queueLimit };
  if (policy === 'CoDel') return { codel: { targetMs: CODEL_TARGET_MS, intervalMs: CODEL_INTERVAL_MS } };
  return {}; // an unbounded queue
}

export interface PolicyResult {
  policy: Policy;
  /** Answers within the deadline, per second, averaged over the spike. */
  goodputInSpike: number;
  /** Share of all requests answered within the deadline. */
  inTime: number;
  /** Share refused or dropped by the box (503). */
  refused: number;
  /** Share the caller gave up on. */
  timedOut: number;
  /** Answers the box finished after the caller had gone: work for nobody. */
  wastedAnswers: number;
  /** p99 of the answers that arrived in time, ms. */
  p99Ms: number;
  /** From the end of the spike until every second again answers 90% of its requests in time, s. */
  recoverySeconds: number;
  /** [second, answers in time that second] */
  goodputPerSecond: [number, number][];
}

/** Offered load: normal, a spike, normal again. */
export function trafficSteps() {
  return [
    { atMs: 0, ratePerSecond: NORMAL_RATE_PER_SECOND },
    { atMs: SPIKE_FROM_MS, ratePerSecond: SPIKE_RATE_PER_SECOND },
    { atMs: SPIKE_FROM_MS + SPIKE_FOR_MS, ratePerSecond: NORMAL_RATE_PER_SECOND },
  ];
}

export function simulate(policy: Policy, queueLimit = QUEUE_LIMIT, seed = SEED): PolicyResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const work = random.split();
  const box = new Server(sim, {
    name: 'box',
    workers: WORKERS,
    serviceTime: () => work.exponential(MEAN_SERVICE_MS),
    ...sheddingOptions(policy, queueLimit),
  });
  const caller = new Timeout(sim, { target: box, timeoutMs: DEADLINE_MS, propagateDeadline: policy === 'pass the deadline' });
  const client = new OpenLoad(sim, {
    target: caller,
    random: random.split(),
    ratePerSecond: trafficSteps(),
    stopAtMs: SIMULATED_MS,
    seriesBucketMs: 1_000,
  });
  sim.run();

  // Both series run, one bucket a second, to the last answer: only answers in time count as ok.
  const inTime = client.stats.latencySeries!.points('count').map(([, n]) => n);
  const failed = client.stats.failureSeries!.points('count').map(([, n]) => n);
  const goodputPerSecond = inTime.map((n, s) => [s, n] as [number, number]);
  const spikeEnd = (SPIKE_FROM_MS + SPIKE_FOR_MS) / 1000;
  const spike = inTime.slice(SPIKE_FROM_MS / 1000, spikeEnd);
  // Recovered: from this second on, at least 90% of what finishes each second is in time.
  let recovered = inTime.length;
  for (let s = inTime.length - 1; s >= spikeEnd; s--) {
    if (inTime[s] < 0.9 * (inTime[s] + failed[s])) break;
    recovered = s;
  }
  const sent = client.stats.sent.count;
  return {
    policy,
    goodputInSpike: spike.reduce((sum, n) => sum + n, 0) / spike.length,
    inTime: client.stats.ok.count / sent,
    refused: client.stats.rejected.count / sent,
    timedOut: client.stats.timedOut.count / sent,
    wastedAnswers: caller.lateAnswers.count,
    p99Ms: client.stats.latency.percentile(99),
    recoverySeconds: recovered - spikeEnd,
    goodputPerSecond,
  };
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

export default function main(): void {
  const results = POLICIES.map((policy) => simulate(policy));
  show(
    table(
      ['policy', 'answered in time', 'refused (503)', 'caller gave up', 'goodput in spike /s', 'wasted answers', 'p99 in time ms', 'recovery s'],
      results.map((r) => [
        r.policy,
        percent(r.inTime),
        percent(r.refused),
        percent(r.timedOut),
        Math.round(r.goodputInSpike),
        r.wastedAnswers,
        Math.round(r.p99Ms),
        r.recoverySeconds,
      ]),
      `Capacity ${CAPACITY_PER_SECOND}/s; ${SPIKE_RATE_PER_SECOND}/s offered for ${SPIKE_FOR_MS / 1000} s; callers wait ${DEADLINE_MS} ms`,
    ),
    lineChart(
      'Answers in time, per second',
      { label: 'time', unit: 's' },
      { label: 'answers in time', unit: 'per s' },
      results.map((r) => ({ name: r.policy, points: r.goodputPerSecond })),
      'Queueing everything, answers in time fall to almost none a few seconds into the spike and stay there long after it ends; a bounded queue or CoDel answers the full capacity in time throughout; passing the deadline alone recovers only part of it.',
    ),
  );
}

/** The figures chapter 01 shows, formatted as it shows them ({loadShedding.queuedGoodput} in the page). */
export function facts() {
  const [queued, shed, deadline, codel] = POLICIES.map((policy) => simulate(policy));
  // Try this: a queue ten times longer, more waiting than the caller will do.
  const bigQueueLimit = QUEUE_LIMIT * 10;
  const bigQueue = simulate('bounded queue', bigQueueLimit);
  return {
    capacity: `${CAPACITY_PER_SECOND} requests per second`,
    normalRate: `${NORMAL_RATE_PER_SECOND}`,
    spikeRate: `${SPIKE_RATE_PER_SECOND} requests per second`,
    spikeShare: percent(SPIKE_RATE_PER_SECOND / CAPACITY_PER_SECOND),
    spikeSeconds: `${SPIKE_FOR_MS / 1000} seconds`,
    deadline: `${DEADLINE_MS / 1000} second`,
    queueLimit: QUEUE_LIMIT,
    queueLimitMs: `${Math.round((QUEUE_LIMIT / CAPACITY_PER_SECOND) * 1000)} ms`,
    queuedGoodput: `${Math.round(queued.goodputInSpike)}`,
    queuedInTime: percent(queued.inTime),
    queuedWasted: queued.wastedAnswers.toLocaleString('en-US'),
    queuedRecovery: `${queued.recoverySeconds} seconds`,
    shedGoodput: `${Math.round(shed.goodputInSpike)}`,
    shedInTime: percent(shed.inTime),
    shedRefused: percent(shed.refused),
    shedTimedOut: percent(shed.timedOut),
    shedP99: `${Math.round(shed.p99Ms)} ms`,
    shedRecovery: `${shed.recoverySeconds} seconds`,
    shedKeepsGoodput: shed.goodputInSpike > 0.9 * CAPACITY_PER_SECOND,
    queueingCollapses: queued.goodputInSpike < 0.25 * shed.goodputInSpike,
    sheddingAnswersMore: shed.inTime > queued.inTime,
    recoveryOutlastsSpike: queued.recoverySeconds * 1000 > SPIKE_FOR_MS / 2,
    // Passing the deadline: the box stops serving the dead, but serves many just too late.
    deadlineGoodput: `${Math.round(deadline.goodputInSpike)}`,
    deadlineTimedOut: percent(deadline.timedOut),
    deadlineWasted: deadline.wastedAnswers.toLocaleString('en-US'),
    deadlineHelpsButNotEnough: deadline.goodputInSpike > 2 * queued.goodputInSpike && deadline.goodputInSpike < 0.5 * shed.goodputInSpike,
    // CoDel: as much goodput as the bounded queue, and faster answers.
    codelTargetMs: `${CODEL_TARGET_MS} ms`,
    codelIntervalMs: `${CODEL_INTERVAL_MS} ms`,
    codelGoodput: `${Math.round(codel.goodputInSpike)}`,
    codelP99: `${Math.round(codel.p99Ms)} ms`,
    codelKeepsGoodputFaster: codel.goodputInSpike > 0.9 * CAPACITY_PER_SECOND && codel.p99Ms < shed.p99Ms,
    // Try this
    bigQueueLimit,
    bigQueueWaitMs: `${((bigQueueLimit / CAPACITY_PER_SECOND) * 1000).toLocaleString('en-US')} ms`,
    bigQueueGoodput: `${Math.round(bigQueue.goodputInSpike)}`,
    bigQueueRefused: percent(bigQueue.refused),
    bigQueueTimedOut: percent(bigQueue.timedOut),
    bigQueueRecovery: `${bigQueue.recoverySeconds} seconds`,
    bigQueueCollapses: bigQueue.goodputInSpike < 0.25 * shed.goodputInSpike,
    bigQueueRecoversFaster: bigQueue.recoverySeconds < queued.recoverySeconds / 2,
  };
}
