/**
 * Balancing, watched: the cluster of balancing-strategies.ts with its one slow node (at
 * SLOW_NODE_SPEED), under round robin and under two random choices, replayed side by side on
 * one clock. Round robin keeps handing the slow node its equal share, so the queue in front of
 * it grows the whole time; two random choices sees that queue and sends new requests to the
 * less loaded of two nodes, and the slow node's queue stays short.
 *
 * The replay shows WINDOW_MS after WARM_UP_MS. Change STRATEGIES (try 'leastConnections' or
 * 'random') or SLOW_NODE_SPEED and run again.
 */
import { Simulation, Random, Server, OpenLoad, LoadBalancer, show, startTrace, replay } from '../sim';
import type { BalancingStrategy, Trace } from '../sim';

// The cluster of balancing-strategies.ts (its test checks they agree).
export const NODES = 6;
export const SLOW_NODE_SPEED = 0.5;
export const WORKERS_PER_NODE = 4;
export const TYPICAL_REQUEST_MS = 20;
export const HEAVY_SHARE = 0.01;
export const HEAVY_FACTOR = 20;
export const UTILISATION = 0.7;
export const SEED = 7;

/** Node speeds: all at full speed but the last. */
export function speeds(): number[] {
  return Array.from({ length: NODES }, (_, i) => (i === NODES - 1 ? SLOW_NODE_SPEED : 1));
}

/** Requests per second that load the cluster to UTILISATION of its capacity. */
export function arrivalRate(): number {
  const meanMs = TYPICAL_REQUEST_MS * (1 - HEAVY_SHARE + HEAVY_SHARE * HEAVY_FACTOR);
  return UTILISATION * speeds().reduce((sum, speed) => sum + (speed * WORKERS_PER_NODE * 1000) / meanMs, 0);
}

export const STRATEGIES: BalancingStrategy[] = ['roundRobin', 'powerOfTwoChoices'];
export const WARM_UP_MS = 5_000;
export const WINDOW_MS = 3_000;

/** The cluster with one slow node under `strategy`, traced over the window. */
export function traceStrategy(strategy: BalancingStrategy, seed = SEED): Trace {
  const sim = new Simulation();
  const trace = startTrace(sim, { label: strategy, fromMs: WARM_UP_MS, untilMs: WARM_UP_MS + WINDOW_MS, maxRequests: 5_000 });
  const random = new Random(seed);
  const nodes = speeds().map((speed, i) => {
    const work = random.split();
    const serviceTime = () => (work.exponential(TYPICAL_REQUEST_MS) * (work.chance(HEAVY_SHARE) ? HEAVY_FACTOR : 1)) / speed;
    return new Server(sim, { name: speed < 1 ? `slow node-${i + 1}` : `node-${i + 1}`, workers: WORKERS_PER_NODE, serviceTime });
  });
  const balancer = new LoadBalancer(sim, { name: 'balancer', targets: nodes, strategy, random: random.split() });
  new OpenLoad(sim, { name: 'clients', target: balancer, random: random.split(), ratePerSecond: arrivalRate(), stopAtMs: WARM_UP_MS + WINDOW_MS });
  sim.run();
  return trace;
}

export default function main(): void {
  show(replay(STRATEGIES.map((strategy) => traceStrategy(strategy)), `One slow node: ${STRATEGIES.join(' against ')}`));
}
