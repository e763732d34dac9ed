/**
 * What a service mesh adds to every call, and where it adds up.
 *
 * In a sidecar mesh each call leaves through the caller's proxy and enters
 * through the callee's: two proxies, each passed on the way out and again on the
 * way back. Together they add MESH_HOP_MS to a hop. A chain of services pays it
 * once per hop, in series. A fan-out pays it on every branch, in parallel: one
 * hop of latency (plus the slowest proxy's tail), but a hundred hops of CPU.
 *
 * Change MESH_HOP_MS, SERVICE_MS or the depths and fan-outs, and run again.
 */
import { Simulation, Random, Server, OpenLoad, Link, Sidecar, FanOut, Stats, show, table, lineChart } from '../sim';
import type { Target } from '../sim';

/** Each service's own work per call, ms (median; lognormal, so a few calls take several times longer). */
export const SERVICE_MS = 4;
/** One-way network time between two pods, ms. */
export const NETWORK_MS = 0.1;
/** Latency the mesh adds to one hop (both proxies, request and reply), ms: a few hundred µs to a ms. */
export const MESH_HOP_MS = [0.25, 1];
/** How uneven one pass through a proxy is: 0 = always the same; 0.6 = p99 about 3.4 × the mean. */
export const PROXY_JITTER = 0.6;
/** Services called one after another (a call chain of this depth). */
export const DEPTHS = [1, 2, 5, 10];
/** Services called in parallel by one aggregator that waits for all of them. */
export const FAN_OUTS = [1, 10, 100];
/** Requests per chain and per fan-out measured, and how fast they arrive (low enough that nothing queues). */
export const REQUESTS = 200;
export const FAN_OUT_REQUESTS = 50;
export const REQUESTS_PER_SECOND = 100;
export const SEED = 4;

/**
 * CPU a proxy uses per 1,000 requests per second through it, vCPU (Istio 1.24's published
 * benchmark: 1 KB payloads, 2 worker threads). A sidecar call crosses two sidecars; an
 * ambient-mode call crosses two ztunnels, plus a waypoint when layer-7 features are on.
 */
export const SIDECAR_VCPU_PER_1000_RPS = 0.2;
export const ZTUNNEL_VCPU_PER_1000_RPS = 0.06;
export const WAYPOINT_VCPU_PER_1000_RPS = 0.25;
/** Calls between services per second, across the whole company, at peak. */
export const CALLS_PER_SECOND = 50_000;
/** What one vCPU costs an hour: an m7g.large (2 vCPU) on demand is $0.0816 an hour in us-east-1. */
export const VCPU_HOUR_USD = 0.0816 / 2;
const HOURS_PER_MONTH = 730;

export interface Latency {
  /** MESH_HOP_MS, or 0 without a mesh. */
  meshHopMs: number;
  p50: number;
  p99: number;
}

/** One hop: the caller's sidecar, the network, the callee's sidecar (or just the network). */
function hop(sim: Simulation, random: Random, callee: Target, meshHopMs: number): Target {
  const network = new Link(sim, { target: callee, latency: () => NETWORK_MS });
  if (meshHopMs === 0) return network;
  // Four passes per hop (out and back through two proxies), each a quarter of the hop on average.
  const sigma = PROXY_JITTER;
  const pass = () => (meshHopMs / 4) * random.lognormal(-(sigma * sigma) / 2, sigma);
  const calleeSidecar = new Sidecar(sim, { target: callee, overhead: pass });
  const callerSidecar = new Sidecar(sim, { target: new Link(sim, { target: calleeSidecar, latency: () => NETWORK_MS }), overhead: pass });
  return callerSidecar;
}

/** A service that does its own work (median `serviceMs`), then calls `next` (if any) and answers when it has. */
function service(sim: Simulation, random: Random, name: string, serviceMs: number, next?: Target): Server {
  const work = random.split();
  return new Server(sim, { name, workers: 64, serviceTime: () => work.lognormal(Math.log(serviceMs), 0.5), downstream: next });
}

/** Sends `requests` requests to `entry` and returns their latency, from the first hop to the answer. */
function measure(sim: Simulation, random: Random, entry: Target, meshHopMs: number, requests: number): Latency {
  const latency = new Stats({ exact: true });
  const recorder: Target = {
    name: 'caller',
    handle(request, reply) {
      const sent = sim.now;
      entry.handle(request, (done, outcome) => {
        latency.record(sim.now - sent);
        reply(done, outcome);
      });
    },
  };
  new OpenLoad(sim, { target: recorder, random: random.split(), ratePerSecond: REQUESTS_PER_SECOND, maxRequests: requests });
  sim.run();
  return { meshHopMs, p50: latency.percentile(50), p99: latency.percentile(99) };
}

/** A request through `depth` services, one calling the next, each over one hop. */
export function chain(depth: number, meshHopMs: number, serviceMs = SERVICE_MS, seed = SEED): Latency {
  const sim = new Simulation();
  const random = new Random(seed);
  let next: Target | undefined;
  for (let i = depth; i >= 1; i--) next = hop(sim, random, service(sim, random, `service-${i}`, serviceMs, next), meshHopMs);
  return measure(sim, random, next!, meshHopMs, REQUESTS);
}

/** An aggregator calls `width` services in parallel, each over one hop, and waits for all. */
export function fanOut(width: number, meshHopMs: number, seed = SEED): Latency {
  const sim = new Simulation();
  const random = new Random(seed);
  const branches = Array.from({ length: width }, (_, i) => hop(sim, random, service(sim, random, `backend-${i + 1}`, SERVICE_MS), meshHopMs));
  return measure(sim, random, new FanOut(sim, { name: 'aggregator', targets: branches }), meshHopMs, FAN_OUT_REQUESTS);
}

const MESHES = [0, ...MESH_HOP_MS];

export function chains(): Latency[][] {
  return DEPTHS.map((depth) => MESHES.map((mesh) => chain(depth, mesh)));
}

export function fanOuts(): Latency[][] {
  return FAN_OUTS.map((width) => MESHES.map((mesh) => fanOut(width, mesh)));
}

/** vCPUs the proxies need at CALLS_PER_SECOND, and what they cost a month. */
export function meshCpu(callsPerSecond = CALLS_PER_SECOND) {
  const perThousand = callsPerSecond / 1000;
  const designs = [
    { name: 'sidecars (two per call)', vcpu: perThousand * 2 * SIDECAR_VCPU_PER_1000_RPS },
    { name: 'ambient, layer 4 (two ztunnels)', vcpu: perThousand * 2 * ZTUNNEL_VCPU_PER_1000_RPS },
    { name: 'ambient + waypoint (layer 7)', vcpu: perThousand * (2 * ZTUNNEL_VCPU_PER_1000_RPS + WAYPOINT_VCPU_PER_1000_RPS) },
  ];
  return designs.map((d) => ({ ...d, usdPerMonth: d.vcpu * VCPU_HOUR_USD * HOURS_PER_MONTH }));
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const added = (row: Latency[], i: number, p: 'p50' | 'p99') => row[i][p] - row[0][p];

/** The figures chapter 04 shows ({sidecar.depthTenAddedP50} in the page). */
export function facts() {
  const byDepth = chains();
  const byWidth = fanOuts();
  const deepest = byDepth[DEPTHS.length - 1];
  const widest = byWidth[FAN_OUTS.length - 1];
  const single = byWidth[0];
  const [sidecars, ambient, waypoint] = meshCpu();
  const heavy = MESH_HOP_MS.length; // index of the heaviest mesh
  // The exercise: services that take about a millisecond (cache lookups).
  const maxDepth = DEPTHS[DEPTHS.length - 1];
  const fastBase = chain(maxDepth, 0, 1);
  const fastMesh = chain(maxDepth, MESH_HOP_MS[heavy - 1], 1);
  const fastShare = (fastMesh.p50 - fastBase.p50) / fastMesh.p50;
  return {
    lightHop: `${MESH_HOP_MS[0]} ms`,
    heavyHop: `${MESH_HOP_MS[heavy - 1]} ms`,
    serviceMs: `${SERVICE_MS} ms`,
    maxDepth: `${DEPTHS[DEPTHS.length - 1]}`,
    depthTenBaseP50: ms(deepest[0].p50),
    depthTenLightP50: ms(deepest[1].p50),
    depthTenHeavyP50: ms(deepest[heavy].p50),
    depthTenAddedHeavyP50: ms(added(deepest, heavy, 'p50')),
    depthTenAddedShare: `${Math.round((100 * added(deepest, heavy, 'p50')) / deepest[0].p50)}%`,
    depthOneAddedHeavyP50: ms(added(byDepth[0], heavy, 'p50')),
    widest: `${FAN_OUTS[FAN_OUTS.length - 1]}`,
    fanOutBaseP50: ms(widest[0].p50),
    fanOutAddedHeavyP50: ms(added(widest, heavy, 'p50')),
    singleAddedHeavyP50: ms(added(single, heavy, 'p50')),
    fanOutAddedHeavyP99: ms(added(widest, heavy, 'p99')),
    // A chain pays per hop: ten hops cost several times what one does.
    chainGrowsWithDepth: added(deepest, heavy, 'p50') > 5 * added(byDepth[0], heavy, 'p50'),
    // A fan-out pays about one hop of latency, however wide: far less than ten hops in series.
    fanOutPaysAboutOneHop: added(widest, heavy, 'p50') < 3 * MESH_HOP_MS[heavy - 1] && added(widest, heavy, 'p50') < added(deepest, heavy, 'p50') / 2,
    callsPerSecond: `${CALLS_PER_SECOND.toLocaleString('en-US')}`,
    sidecarVcpu: `${Math.round(sidecars.vcpu)}`,
    sidecarUsd: `$${Math.round(sidecars.usdPerMonth).toLocaleString('en-US')}`,
    ambientVcpu: `${Math.round(ambient.vcpu)}`,
    ambientUsd: `$${Math.round(ambient.usdPerMonth).toLocaleString('en-US')}`,
    waypointVcpu: `${Math.round(waypoint.vcpu)}`,
    ambientCheaper: ambient.vcpu < sidecars.vcpu && waypoint.vcpu < sidecars.vcpu,
    fastServicesBaseP50: ms(fastBase.p50),
    fastServicesMeshP50: ms(fastMesh.p50),
    fastServicesMeshShare: `${Math.round(100 * fastShare)}%`,
    fastServicesMeshDominates: fastShare > 0.4,
  };
}

export default function main(): void {
  const byDepth = chains();
  const byWidth = fanOuts();
  const meshNames = MESHES.map((hopMs) => (hopMs === 0 ? 'no mesh' : `+${hopMs} ms/hop`));
  const columns = (what: string) => [what, ...meshNames.map((m) => `p50 ms, ${m}`), ...meshNames.map((m) => `p99 ms, ${m}`)];
  const row = (label: number, r: Latency[]) => [label, ...r.map((l) => l.p50), ...r.map((l) => l.p99)];
  show(
    table(columns('depth'), DEPTHS.map((depth, i) => row(depth, byDepth[i])), `A call chain: each service works about ${SERVICE_MS} ms, then calls the next`),
    lineChart(
      'Latency added by the mesh to a call chain (p50)',
      { label: 'services in the chain' },
      { label: 'added latency', unit: 'ms' },
      MESH_HOP_MS.map((hopMs, i) => ({ name: `${hopMs} ms per hop`, points: DEPTHS.map((depth, d) => [depth, added(byDepth[d], i + 1, 'p50')] as [number, number]) })),
      'The latency the mesh adds grows in a straight line with the depth of the chain: one hop’s cost per service called.',
    ),
    table(columns('services called in parallel'), FAN_OUTS.map((width, i) => row(width, byWidth[i])), 'A fan-out: one aggregator calls every service at once and waits for all'),
    table(
      ['data plane', 'vCPU at peak', 'USD a month'],
      meshCpu().map((d) => [d.name, d.vcpu, Math.round(d.usdPerMonth)]),
      `CPU the proxies burn at ${CALLS_PER_SECOND.toLocaleString('en-US')} calls per second (Istio 1.24 benchmark figures)`,
    ),
  );
}
