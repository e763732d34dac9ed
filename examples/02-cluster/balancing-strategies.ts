/**
 * Four ways a load balancer can choose a node, tried on two clusters: six
 * identical nodes, and the same six where one is an older machine at half the
 * speed. In both, one request in a hundred is heavy (a report, a big search).
 *
 * Round robin and random ignore what is happening on the nodes: a node stuck
 * on a heavy request, or a slow node, keeps getting its full share. Least
 * connections and "power of two choices" look at requests in flight and steer
 * new work away from a node that is behind.
 *
 * Change SLOW_NODE_SPEED (1 makes the second cluster identical too),
 * UTILISATION, HEAVY_SHARE or WORKERS_PER_NODE and run again.
 */
import { Simulation, Random, Server, OpenLoad, LoadBalancer, show, table, barChart } from '../sim';
import type { BalancingStrategy } from '../sim';

export const NODES = 6;
/** Speed of the last node in the second cluster: 0.5 does the same work in twice the time. */
export const SLOW_NODE_SPEED = 0.5;
/** Requests each node serves at once (worker threads). */
export const WORKERS_PER_NODE = 4;
/** Mean service time of a typical request on a full-speed node, ms (exponentially distributed). */
export const TYPICAL_REQUEST_MS = 20;
/** Share of requests that are heavy, and how many times longer they take. */
export const HEAVY_SHARE = 0.01;
export const HEAVY_FACTOR = 20;
/** Offered load as a share of the cluster's total capacity. */
export const UTILISATION = 0.7;
export const SIMULATED_MS = 40_000; // 40 seconds of virtual time
export const STRATEGIES: BalancingStrategy[] = ['roundRobin', 'random', 'leastConnections', 'powerOfTwoChoices'];
export const SEED = 7;

export interface StrategyResult {
  strategy: BalancingStrategy;
  p50Ms: number;
  p99Ms: number;
  /** The most requests any one node held at any moment (queued plus in service). */
  maxAtOneNode: number;
  /** Share of requests sent to the last node (the slow one in the second cluster). */
  lastNodeShare: number;
}

/** Node speeds of the two clusters compared. */
export function clusters(): { name: string; speeds: number[] }[] {
  const identical = Array.from({ length: NODES }, () => 1);
  return [
    { name: 'identical nodes', speeds: identical },
    { name: `one node at ${SLOW_NODE_SPEED}× speed`, speeds: [...identical.slice(1), SLOW_NODE_SPEED] },
  ];
}

/** Mean service time on a full-speed node, heavy requests included, ms. */
export function meanRequestMs(): number {
  return TYPICAL_REQUEST_MS * (1 - HEAVY_SHARE + HEAVY_SHARE * HEAVY_FACTOR);
}

/** Requests per second that load a cluster of these speeds to `utilisation`. */
export function arrivalRate(speeds: number[], utilisation = UTILISATION): number {
  const capacityPerSecond = speeds.reduce((sum, speed) => sum + (speed * WORKERS_PER_NODE * 1000) / meanRequestMs(), 0);
  return utilisation * capacityPerSecond;
}

export function simulate(strategy: BalancingStrategy, speeds: number[], utilisation = UTILISATION, seed = SEED): StrategyResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const nodes = speeds.map((speed, i) => {
    const work = random.split(); // each node draws its own service times
    const serviceTime = () => (work.exponential(TYPICAL_REQUEST_MS) * (work.chance(HEAVY_SHARE) ? HEAVY_FACTOR : 1)) / speed;
    return new Server(sim, { name: `node-${i + 1}`, workers: WORKERS_PER_NODE, serviceTime });
  });
  const balancer = new LoadBalancer(sim, { targets: nodes, strategy, random: random.split() });
  const client = new OpenLoad(sim, { target: balancer, random: random.split(), ratePerSecond: arrivalRate(speeds, utilisation), stopAtMs: SIMULATED_MS });
  sim.run();
  const sent = nodes.reduce((sum, node) => sum + node.arrivals.count, 0);
  return {
    strategy,
    p50Ms: client.stats.latency.percentile(50),
    p99Ms: client.stats.latency.percentile(99),
    maxAtOneNode: Math.max(...nodes.map((node) => node.inSystem.max)),
    lastNodeShare: nodes[nodes.length - 1].arrivals.count / sent,
  };
}

export default function main(): void {
  const [identical, uneven] = clusters();
  const same = STRATEGIES.map((strategy) => simulate(strategy, identical.speeds));
  const slow = STRATEGIES.map((strategy) => simulate(strategy, uneven.speeds));
  const rows = (results: StrategyResult[]) => results.map((r) => [r.strategy, r.p50Ms, r.p99Ms, r.maxAtOneNode, r.lastNodeShare * 100]);
  const columns = ['strategy', 'p50 ms', 'p99 ms', 'most requests at one node', 'last node share %'];
  show(
    table(columns, rows(same), `${identical.name}: ${Math.round(arrivalRate(identical.speeds))} requests/s, ${UTILISATION * 100}% of capacity`),
    table(columns, rows(slow), `${uneven.name}: ${Math.round(arrivalRate(uneven.speeds))} requests/s, ${UTILISATION * 100}% of capacity`),
    barChart(
      'p99 latency by balancing strategy',
      STRATEGIES,
      { [identical.name]: same.map((r) => r.p99Ms), [uneven.name]: slow.map((r) => r.p99Ms) },
      { label: 'p99 latency', unit: 'ms', scale: 'log' },
      'Least connections and two random choices keep p99 low on both clusters; round robin and random do worse, and far worse once one node is slow.',
    ),
  );
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The figures chapter 02 shows, formatted as it shows them ({balancingStrategies.roundRobinP99} in the page). */
export function facts() {
  const [identical, uneven] = clusters();
  const same = Object.fromEntries(STRATEGIES.map((s) => [s, simulate(s, identical.speeds)])) as Record<BalancingStrategy, StrategyResult>;
  const slow = Object.fromEntries(STRATEGIES.map((s) => [s, simulate(s, uneven.speeds)])) as Record<BalancingStrategy, StrategyResult>;
  const capacityShare = SLOW_NODE_SPEED / (NODES - 1 + SLOW_NODE_SPEED);
  const offeredToSlow = (utilisation: number) => (utilisation * (1 / NODES)) / capacityShare;
  const calmer = 0.5;
  const calmRoundRobin = simulate('roundRobin', uneven.speeds, calmer);
  const calmLeast = simulate('leastConnections', uneven.speeds, calmer);
  return {
    nodes: NODES,
    utilisation: `${Math.round(UTILISATION * 100)}%`,
    heavyOneIn: `${Math.round(1 / HEAVY_SHARE)}`,
    heavyFactor: `${HEAVY_FACTOR}`,
    slowSpeed: `${SLOW_NODE_SPEED}`,
    roundRobinP99: ms(same.roundRobin.p99Ms),
    randomP99: ms(same.random.p99Ms),
    leastP99: ms(same.leastConnections.p99Ms),
    twoChoicesP99: ms(same.powerOfTwoChoices.p99Ms),
    loadAwareHalvesP99: same.leastConnections.p99Ms < same.roundRobin.p99Ms / 2 && same.powerOfTwoChoices.p99Ms < same.roundRobin.p99Ms / 2,
    roundRobinMostAtOne: same.roundRobin.maxAtOneNode,
    leastMostAtOne: same.leastConnections.maxAtOneNode,
    equalShare: percent(1 / NODES),
    slowCapacityShare: percent(capacityShare),
    nodeEquivalents: `${SLOW_NODE_SPEED} of ${NODES - 1 + SLOW_NODE_SPEED}`,
    offeredToSlow: `${Math.round(offeredToSlow(UTILISATION) * 100)}%`,
    slowSeconds: `${SIMULATED_MS / 1000} seconds`,
    slowQueue: slow.roundRobin.maxAtOneNode.toLocaleString('en-US'),
    slowRoundRobinP99: `${(slow.roundRobin.p99Ms / 1000).toFixed(1)} seconds`,
    leastSlowShare: percent(slow.leastConnections.lastNodeShare),
    slowLeastP99: ms(slow.leastConnections.p99Ms),
    slowTwoChoicesP99: ms(slow.powerOfTwoChoices.p99Ms),
    loadAwareRouteAround: slow.leastConnections.p99Ms < slow.roundRobin.p99Ms / 20 && slow.powerOfTwoChoices.p99Ms < slow.roundRobin.p99Ms / 20,
    // Try this #1
    calmerUtilisation: `${calmer * 100}%`,
    calmerOfferedToSlow: `${Math.round(offeredToSlow(calmer) * 100)}%`,
    calmerRoundRobinP99: ms(calmRoundRobin.p99Ms),
    calmerLeastP99: ms(calmLeast.p99Ms),
    calmerRoundRobinStillThreeTimes: calmRoundRobin.p99Ms > 3 * calmLeast.p99Ms,
  };
}
