/**
 * Failover, watched: the cluster of health-check-failover.ts under round robin, replayed from
 * just before node 1 crashes until the health check has taken it out. While the balancer still
 * believes in the dead node, every fourth request comes back failed (a red ×); once enough
 * probes have failed, the link to it turns dashed and no request fails any more.
 *
 * Change CHECK_INTERVAL_MS or UNHEALTHY_THRESHOLD and run again:
 * the stretch of failures grows or shrinks with them.
 */
import { Simulation, Random, Server, OpenLoad, LoadBalancer, HealthCheck, FailureInjector, show, startTrace, replay } from '../sim';
import type { Trace } from '../sim';

// The cluster and the crash of health-check-failover.ts (its test checks they agree).
export const NODES = 4;
export const WORKERS_PER_NODE = 8;
export const MEAN_REQUEST_MS = 40;
export const REQUESTS_PER_SECOND = 400;
export const CHECK_INTERVAL_MS = 2_000;
export const CHECK_TIMEOUT_MS = 1_000;
export const UNHEALTHY_THRESHOLD = 3;
export const HEALTHY_THRESHOLD = 2;
export const CRASH_AT_MS = 10_500;
export const DOWN_FOR_MS = 15_000;
export const SEED = 3;

/** From a second before the crash to a second after the worst-case detection. */
export const FROM_MS = CRASH_AT_MS - 1_000;
export const UNTIL_MS = CRASH_AT_MS + CHECK_INTERVAL_MS * UNHEALTHY_THRESHOLD + 1_000;

export function traceFailover(seed = SEED): Trace {
  const sim = new Simulation();
  const trace = startTrace(sim, { label: 'round robin with health checks', fromMs: FROM_MS, untilMs: UNTIL_MS, maxRequests: 5_000 });
  const random = new Random(seed);
  const nodes = Array.from({ length: NODES }, (_, i) => {
    const work = random.split();
    return new Server(sim, { name: `node-${i + 1}`, workers: WORKERS_PER_NODE, serviceTime: () => work.exponential(MEAN_REQUEST_MS) });
  });
  const balancer = new LoadBalancer(sim, { name: 'balancer', targets: nodes, strategy: 'roundRobin', random: random.split() });
  new HealthCheck(sim, { balancer, intervalMs: CHECK_INTERVAL_MS, timeoutMs: CHECK_TIMEOUT_MS, unhealthyThreshold: UNHEALTHY_THRESHOLD, healthyThreshold: HEALTHY_THRESHOLD });
  new FailureInjector(sim).crashAt(nodes[0], CRASH_AT_MS, DOWN_FOR_MS);
  new OpenLoad(sim, { name: 'clients', target: balancer, random: random.split(), ratePerSecond: REQUESTS_PER_SECOND, stopAtMs: UNTIL_MS });
  sim.run({ until: UNTIL_MS + 1_000 }); // health checks run forever: stop the clock
  return trace;
}

export default function main(): void {
  show(replay(traceFailover(), `Node 1 crashes at ${CRASH_AT_MS / 1000} s; probes every ${CHECK_INTERVAL_MS / 1000} s, out after ${UNHEALTHY_THRESHOLD} failures`));
}
