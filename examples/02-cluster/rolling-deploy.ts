/**
 * Deploying a new version to a cluster that is serving traffic.
 *
 * A rolling deploy replaces the nodes one at a time, so the others keep
 * serving. What it costs depends on how each node leaves the balancer:
 *
 *   - "kill and restart": stop the process, start the new one. The balancer
 *     learns from its health checks, seconds later; until then it keeps sending
 *     the node its share, and every request inside the node is lost.
 *   - "deregister, then stop": tell the balancer first, then stop at once. No
 *     new request reaches the node, but the ones inside it are lost.
 *   - "drain, then stop": tell the balancer, wait until the node has finished
 *     what it holds (up to DRAIN_TIMEOUT_MS), then stop. Nothing is lost.
 *   - "blue-green": start a whole second set of nodes with the new version,
 *     switch the balancer to them, drain the old set. Nothing is lost, the
 *     switch is one step, and for a while you pay for twice the nodes.
 *
 * A few requests are long (a report, an upload): they are what draining waits for.
 *
 * Change BOOT_MS, LONG_REQUEST_MS or DRAIN_TIMEOUT_MS and run again.
 */
import { Simulation, Random, Server, OpenLoad, LoadBalancer, HealthCheck, show, table, lineChart } from '../sim';

export const NODES = 4;
export const WORKERS_PER_NODE = 16;
export const TYPICAL_REQUEST_MS = 40; // mean, exponential
/** One request in a hundred is long: a report, an upload. */
export const LONG_SHARE = 0.01;
export const LONG_REQUEST_MS = 2_000; // mean, exponential
export const REQUESTS_PER_SECOND = 400; // about 37% of the cluster; one node out, about half
/** From starting the new version to the node answering its first request. */
export const BOOT_MS = 10_000;
/** The longest a node may take to finish what it holds before it is stopped anyway. */
export const DRAIN_TIMEOUT_MS = 30_000;
/** Health checks, used by "kill and restart", where nobody tells the balancer. */
export const CHECK_INTERVAL_MS = 2_000;
export const UNHEALTHY_THRESHOLD = 3;
export const HEALTHY_THRESHOLD = 2;
export const DEPLOY_AT_MS = 10_000;
export const SIMULATED_MS = 120_000;
export const SEED = 8;

export type Strategy = 'kill and restart' | 'deregister, then stop' | 'drain, then stop' | 'blue-green';
export const STRATEGIES: Strategy[] = ['kill and restart', 'deregister, then stop', 'drain, then stop', 'blue-green'];

export interface DeployResult {
  strategy: Strategy;
  failedRequests: number;
  sentRequests: number;
  /** From the start of the deploy until the last old node is stopped and every new one serves, s. */
  deploySeconds: number;
  /** Most nodes running at once (the bill during the deploy). */
  peakNodes: number;
  /** [second, failed requests in that second] */
  failedPerSecond: [number, number][];
}

/** What an exercise may change; the constants above are the defaults. */
export interface Settings {
  longRequestMs: number;
  drainTimeoutMs: number;
}

export const DEFAULT_SETTINGS: Settings = { longRequestMs: LONG_REQUEST_MS, drainTimeoutMs: DRAIN_TIMEOUT_MS };

interface Cluster {
  settings: Settings;
  sim: Simulation;
  balancer: LoadBalancer;
  random: Random;
  /** Nodes running now, old and new. */
  running: Set<Server>;
  peakNodes: number;
}

function newNode(cluster: Cluster, name: string): Server {
  const work = cluster.random.split();
  const serviceTime = () => work.exponential(work.chance(LONG_SHARE) ? cluster.settings.longRequestMs : TYPICAL_REQUEST_MS);
  const node = new Server(cluster.sim, { name, workers: WORKERS_PER_NODE, serviceTime });
  start(cluster, node);
  return node;
}

function start(cluster: Cluster, node: Server): void {
  node.restart();
  cluster.running.add(node);
  cluster.peakNodes = Math.max(cluster.peakNodes, cluster.running.size);
}

/** Stopping a process fails whatever it still holds: the crash of a planned stop. */
function stop(cluster: Cluster, node: Server): void {
  node.crash();
  cluster.running.delete(node);
}

/** Calls `then` once `condition()` holds, checking every 100 ms. */
function whenTrue(sim: Simulation, condition: () => boolean, then: () => void): void {
  if (condition()) then();
  else sim.schedule(100, () => whenTrue(sim, condition, then));
}

/** Calls `then` when the balancer has no request in flight on `node`, or after the drain timeout. */
function drain(cluster: Cluster, node: Server, then: () => void): void {
  const giveUpAt = cluster.sim.now + cluster.settings.drainTimeoutMs;
  whenTrue(cluster.sim, () => cluster.balancer.backendOf(node).connections === 0 || cluster.sim.now >= giveUpAt, then);
}

/** Replaces one node with the new version; calls `done` when it serves again. */
function replaceNode(cluster: Cluster, node: Server, strategy: Strategy, done: () => void): void {
  const { sim, balancer } = cluster;
  const bootNewVersion = () => {
    stop(cluster, node);
    sim.schedule(BOOT_MS, () => {
      start(cluster, node); // the same node, now running the new version
      if (strategy !== 'kill and restart') balancer.markUp(node); // the deploy tool registers it again
      whenTrue(sim, () => balancer.backendOf(node).healthy, done);
    });
  };
  if (strategy === 'kill and restart') bootNewVersion(); // the balancer finds out from its health checks
  else {
    balancer.markDown(node);
    if (strategy === 'drain, then stop') drain(cluster, node, bootNewVersion);
    else bootNewVersion();
  }
}

function rollingDeploy(cluster: Cluster, nodes: Server[], strategy: Strategy, finished: () => void): void {
  const next = (i: number) => (i === nodes.length ? finished() : replaceNode(cluster, nodes[i], strategy, () => next(i + 1)));
  next(0);
}

function blueGreenDeploy(cluster: Cluster, blue: Server[], finished: () => void): void {
  const { sim, balancer } = cluster;
  const green = blue.map((_, i) => newNode(cluster, `green-${i + 1}`));
  sim.schedule(BOOT_MS, () => {
    for (const node of green) balancer.addTarget(node);
    for (const node of blue) balancer.markDown(node);
    let drained = 0;
    for (const node of blue) {
      drain(cluster, node, () => {
        stop(cluster, node);
        if (++drained === blue.length) finished();
      });
    }
  });
}

export function simulate(strategy: Strategy, settings = DEFAULT_SETTINGS, seed = SEED): DeployResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const cluster: Cluster = { settings, sim, random, running: new Set(), peakNodes: 0, balancer: undefined! };
  const nodes = Array.from({ length: NODES }, (_, i) => newNode(cluster, `node-${i + 1}`));
  cluster.balancer = new LoadBalancer(sim, { targets: nodes, strategy: 'roundRobin' });
  if (strategy === 'kill and restart') {
    new HealthCheck(sim, {
      balancer: cluster.balancer,
      intervalMs: CHECK_INTERVAL_MS,
      timeoutMs: CHECK_INTERVAL_MS / 2,
      unhealthyThreshold: UNHEALTHY_THRESHOLD,
      healthyThreshold: HEALTHY_THRESHOLD,
    });
  }
  const client = new OpenLoad(sim, {
    target: cluster.balancer,
    random: random.split(),
    ratePerSecond: REQUESTS_PER_SECOND,
    stopAtMs: SIMULATED_MS,
    seriesBucketMs: 1_000,
  });
  let finishedAt = NaN;
  const finished = () => (finishedAt = sim.now);
  sim.at(DEPLOY_AT_MS, () => (strategy === 'blue-green' ? blueGreenDeploy(cluster, nodes, finished) : rollingDeploy(cluster, nodes, strategy, finished)));
  sim.run({ until: SIMULATED_MS + 10_000 }); // health checks run for ever: stop the clock

  return {
    strategy,
    failedRequests: client.stats.errors.count,
    sentRequests: client.stats.sent.count,
    deploySeconds: (finishedAt - DEPLOY_AT_MS) / 1000,
    peakNodes: cluster.peakNodes,
    // The series runs to the last answer, whatever its outcome: quiet seconds count as 0.
    failedPerSecond: client.stats.failureSeries!.points('count').map(([ms, failed]) => [ms / 1000, failed]),
  };
}

export default function main(): void {
  const results = STRATEGIES.map((strategy) => simulate(strategy));
  show(
    table(
      ['strategy', 'failed requests', 'of all requests %', 'deploy took s', 'most nodes running'],
      results.map((r) => [r.strategy, r.failedRequests, (100 * r.failedRequests) / r.sentRequests, r.deploySeconds, r.peakNodes]),
      `${NODES} nodes, ${REQUESTS_PER_SECOND} requests/s, a new version that takes ${BOOT_MS / 1000} s to start`,
    ),
    lineChart(
      'Failed requests per second during the deploy',
      { label: 'time', unit: 's' },
      { label: 'failed requests', unit: 'per s' },
      results.map((r) => ({ name: r.strategy, points: r.failedPerSecond })),
      'Killing each node fails requests for several seconds per node until the health checks notice; deregistering first leaves small spikes of the requests in flight; draining and blue-green fail none.',
    ),
  );
}

/** The figures chapter 02 shows, formatted as it shows them ({rollingDeploy.killFailed} in the page). */
export function facts() {
  const [kill, deregister, drained, blueGreen] = STRATEGIES.map((strategy) => simulate(strategy));
  // Try this: a drain timeout of one second
  const shortDrainTimeoutMs = 1_000;
  const shortDrain = simulate('drain, then stop', { ...DEFAULT_SETTINGS, drainTimeoutMs: shortDrainTimeoutMs });
  const seconds = (s: number) => `${Math.round(s)} seconds`;
  return {
    nodes: NODES,
    rate: `${REQUESTS_PER_SECOND} requests per second`,
    boot: `${BOOT_MS / 1000} seconds`,
    longOneIn: `${Math.round(1 / LONG_SHARE)}`,
    longMs: `${LONG_REQUEST_MS / 1000} seconds`,
    killFailed: kill.failedRequests.toLocaleString('en-US'),
    killPerNode: `${Math.round(kill.failedRequests / NODES)}`,
    deregisterFailed: deregister.failedRequests.toLocaleString('en-US'),
    drainFailed: drained.failedRequests.toLocaleString('en-US'),
    blueGreenFailed: blueGreen.failedRequests.toLocaleString('en-US'),
    deregisterSeconds: seconds(deregister.deploySeconds),
    rollingSeconds: seconds(drained.deploySeconds),
    blueGreenSeconds: seconds(blueGreen.deploySeconds),
    rollingPeakNodes: drained.peakNodes,
    blueGreenPeakNodes: blueGreen.peakNodes,
    drainingLosesNothing: drained.failedRequests === 0 && blueGreen.failedRequests === 0,
    deregisteringHelpsMost: deregister.failedRequests * 10 < kill.failedRequests,
    blueGreenIsFaster: blueGreen.deploySeconds < drained.deploySeconds,
    drainTakesLonger: drained.deploySeconds > deregister.deploySeconds,
    shortDrainTimeout: `${shortDrainTimeoutMs / 1000} second`,
    shortDrainSeconds: seconds(shortDrain.deploySeconds),
    shortDrainFailed: shortDrain.failedRequests.toLocaleString('en-US'),
    shortDrainCutsLongRequests: shortDrain.failedRequests > 0 && shortDrain.failedRequests < deregister.failedRequests,
    shortDrainIsFaster: shortDrain.deploySeconds < drained.deploySeconds,
  };
}
