/**
 * A node crashes; how long until the load balancer stops sending it traffic?
 *
 * The balancer probes every node every CHECK_INTERVAL_MS and removes one after
 * UNHEALTHY_THRESHOLD failed probes in a row. Until then, its share of the
 * requests fails. The detection delay is at most interval × threshold, and the
 * requests lost are roughly rate × (1 / nodes) × delay.
 *
 * Least connections makes this worse: a crashed node answers at once (with an
 * error), so it always looks the least busy and attracts most of the traffic.
 *
 * Change CHECK_INTERVAL_MS and UNHEALTHY_THRESHOLD and run again.
 */
import { Simulation, Random, Server, OpenLoad, LoadBalancer, HealthCheck, FailureInjector, show, table, lineChart } from '../sim';
import type { BalancingStrategy } from '../sim';

export const NODES = 4;
export const WORKERS_PER_NODE = 8;
export const MEAN_REQUEST_MS = 40; // exponentially distributed
export const REQUESTS_PER_SECOND = 400; // about half the cluster's capacity
/** How often the balancer probes each node, and how long it waits for an answer, ms. */
export const CHECK_INTERVAL_MS = 2_000;
export const CHECK_TIMEOUT_MS = 1_000;
/** Failed probes in a row before a node is removed; successes in a row before it is restored. */
export const UNHEALTHY_THRESHOLD = 3;
export const HEALTHY_THRESHOLD = 2;
/** Node 1 crashes at CRASH_AT_MS and is back (restarted) DOWN_FOR_MS later. */
export const CRASH_AT_MS = 10_500;
export const DOWN_FOR_MS = 15_000;
export const SIMULATED_MS = 40_000;
export const SEED = 3;

export interface FailoverResult {
  strategy: BalancingStrategy;
  /** From the crash to the balancer removing the node, ms. */
  detectionMs: number;
  /** From the restart to the balancer sending to the node again, ms. */
  restoreMs: number;
  failedRequests: number;
  sentRequests: number;
  /** [second, failed requests in that second] */
  errorsPerSecond: [number, number][];
}

export interface CheckSettings {
  intervalMs: number;
  unhealthyThreshold: number;
}

export function simulate(
  strategy: BalancingStrategy = 'roundRobin',
  check: CheckSettings = { intervalMs: CHECK_INTERVAL_MS, unhealthyThreshold: UNHEALTHY_THRESHOLD },
  seed = SEED,
): FailoverResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const nodes = Array.from({ length: NODES }, (_, i) => {
    const work = random.split();
    return new Server(sim, { name: `node-${i + 1}`, workers: WORKERS_PER_NODE, serviceTime: () => work.exponential(MEAN_REQUEST_MS) });
  });
  const balancer = new LoadBalancer(sim, { targets: nodes, strategy, random: random.split() });
  const health = new HealthCheck(sim, {
    balancer,
    intervalMs: check.intervalMs,
    timeoutMs: CHECK_TIMEOUT_MS,
    unhealthyThreshold: check.unhealthyThreshold,
    healthyThreshold: HEALTHY_THRESHOLD,
  });
  new FailureInjector(sim).crashAt(nodes[0], CRASH_AT_MS, DOWN_FOR_MS);
  const client = new OpenLoad(sim, {
    target: balancer,
    random: random.split(),
    ratePerSecond: REQUESTS_PER_SECOND,
    stopAtMs: SIMULATED_MS,
    seriesBucketMs: 1_000,
  });
  sim.run({ until: SIMULATED_MS + 5_000 }); // health checks run forever: stop the clock
  const removed = health.changes.find((c) => !c.healthy);
  const restored = health.changes.find((c) => c.healthy);
  // The series runs to the last answer, whatever its outcome: quiet seconds count as 0.
  const errorsPerSecond = client.stats.failureSeries!.points('count').map(([ms, failed]) => [ms / 1000, failed] as [number, number]);
  return {
    strategy,
    detectionMs: removed ? removed.time - CRASH_AT_MS : NaN,
    restoreMs: restored ? restored.time - (CRASH_AT_MS + DOWN_FOR_MS) : NaN,
    failedRequests: client.stats.errors.count,
    sentRequests: client.stats.sent.count,
    errorsPerSecond,
  };
}

/** Worst-case detection delay: the crash happens just after a successful probe. */
export function worstCaseDetectionMs(check: CheckSettings): number {
  return check.intervalMs * check.unhealthyThreshold;
}

export default function main(): void {
  const roundRobin = simulate('roundRobin');
  const least = simulate('leastConnections');
  const settings: CheckSettings[] = [
    { intervalMs: 10_000, unhealthyThreshold: 3 },
    { intervalMs: 5_000, unhealthyThreshold: 2 },
    { intervalMs: CHECK_INTERVAL_MS, unhealthyThreshold: UNHEALTHY_THRESHOLD },
    { intervalMs: 1_000, unhealthyThreshold: 2 },
  ];
  show(
    table(
      ['strategy', 'detected after s', 'back in rotation after s', 'failed requests', 'of all requests %'],
      [roundRobin, least].map((r) => [r.strategy, r.detectionMs / 1000, r.restoreMs / 1000, r.failedRequests, (100 * r.failedRequests) / r.sentRequests]),
      `Node 1 of ${NODES} crashes at ${CRASH_AT_MS / 1000} s; probes every ${CHECK_INTERVAL_MS / 1000} s, removed after ${UNHEALTHY_THRESHOLD} failures`,
    ),
    lineChart(
      'Failed requests per second through the crash',
      { label: 'time', unit: 's' },
      { label: 'failed requests', unit: 'per s' },
      [
        { name: 'roundRobin', points: roundRobin.errorsPerSecond },
        { name: 'leastConnections', points: least.errorsPerSecond },
      ],
      'From the crash until the health check removes the node, round robin loses a quarter of the requests and least connections most of them; afterwards none fail.',
    ),
    table(
      ['probe interval s', 'unhealthy threshold', 'worst case s', 'detected after s', 'failed requests'],
      settings.map((check) => {
        const r = simulate('roundRobin', check);
        const detected = Number.isNaN(r.detectionMs) ? 'never' : r.detectionMs / 1000;
        return [check.intervalMs / 1000, check.unhealthyThreshold, worstCaseDetectionMs(check) / 1000, detected, r.failedRequests];
      }),
      `Round robin, node down for ${DOWN_FOR_MS / 1000} s: faster checks, fewer failed requests`,
    ),
  );
}

const seconds = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

/** The figures chapter 02 shows, formatted as it shows them ({healthCheckFailover.detection} in the page). */
export function facts() {
  const roundRobin = simulate('roundRobin');
  const least = simulate('leastConnections');
  const check = { intervalMs: CHECK_INTERVAL_MS, unhealthyThreshold: UNHEALTHY_THRESHOLD };
  const fast = simulate('roundRobin', { intervalMs: 1_000, unhealthyThreshold: 2 });
  const slow = simulate('roundRobin', { intervalMs: 10_000, unhealthyThreshold: 3 });
  const exercise = { intervalMs: 1_000, unhealthyThreshold: UNHEALTHY_THRESHOLD };
  const answer = simulate('roundRobin', exercise);
  const estimate = (detectionMs: number) => Math.round((REQUESTS_PER_SECOND / NODES) * (detectionMs / 1000));
  return {
    nodes: NODES,
    rate: `${REQUESTS_PER_SECOND}/s`,
    crashAt: seconds(CRASH_AT_MS),
    interval: seconds(CHECK_INTERVAL_MS),
    threshold: UNHEALTHY_THRESHOLD,
    downFor: seconds(DOWN_FOR_MS),
    detection: seconds(roundRobin.detectionMs),
    worstCase: seconds(worstCaseDetectionMs(check)),
    withinWorstCase: roundRobin.detectionMs <= worstCaseDetectionMs(check),
    roundRobinFailed: roundRobin.failedRequests.toLocaleString('en-US'),
    roundRobinShare: `${((100 * roundRobin.failedRequests) / roundRobin.sentRequests).toFixed(1)}%`,
    roundRobinEstimate: estimate(roundRobin.detectionMs).toLocaleString('en-US'),
    estimateIsExact: estimate(roundRobin.detectionMs) === roundRobin.failedRequests,
    restore: seconds(roundRobin.restoreMs),
    healthyThreshold: HEALTHY_THRESHOLD,
    leastFailed: least.failedRequests.toLocaleString('en-US'),
    leastMoreThanThreeTimes: least.failedRequests > 3 * roundRobin.failedRequests,
    fastDetection: seconds(fast.detectionMs),
    fastFailed: fast.failedRequests.toLocaleString('en-US'),
    slowNeverRemoves: Number.isNaN(slow.detectionMs),
    slowFailed: slow.failedRequests.toLocaleString('en-US'),
    // Try this #2
    exerciseWorstCase: seconds(worstCaseDetectionMs(exercise)),
    exerciseDetection: seconds(answer.detectionMs),
    exerciseEstimate: estimate(answer.detectionMs).toLocaleString('en-US'),
    exerciseFailed: answer.failedRequests.toLocaleString('en-US'),
  };
}
