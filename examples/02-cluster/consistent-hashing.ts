/**
 * A shared cache spread over several nodes; a node joins. Which keys move?
 *
 * With `hash(key) % n`, changing n changes the answer for almost every key:
 * about n/(n+1) of them move to another node, where they are not cached, and
 * every one of those misses lands on the database. With consistent hashing
 * (a hash ring with virtual nodes) only the keys the new node takes over move:
 * about 1/(n+1).
 *
 * Change CACHE_NODES, VIRTUAL_NODES or JOIN_AT_MS and run again.
 */
import { Simulation, Random, Server, Cache, OpenLoad, HashRing, hash32, show, table, lineChart } from '../sim';
import type { Reply, Request, Target } from '../sim';

/** Cache nodes before the new one joins. */
export const CACHE_NODES = 4;
/** Points per node on the hash ring: more points, more even shares. */
export const VIRTUAL_NODES = 100;
/** Distinct keys (product pages, user profiles); every node can hold all its share. */
export const KEYS = 5_000;
export const REQUESTS_PER_SECOND = 1_000;
export const JOIN_AT_MS = 25_000;
export const SIMULATED_MS = 40_000;
export const SEED = 5;

export type Scheme = 'modulo' | 'consistent';

/** Chooses a cache node for a key; `grow` adds one node. */
interface Placement {
  nodeFor(key: string): number;
  grow(): void;
}

function moduloPlacement(nodes: number): Placement {
  let n = nodes;
  return { nodeFor: (key) => hash32(key) % n, grow: () => n++ };
}

function consistentPlacement(sim: Simulation, nodes: number, virtualNodes = VIRTUAL_NODES): Placement {
  const ring = new HashRing<{ name: string; index: number }>(sim, { virtualNodes });
  let n = 0;
  const grow = () => {
    ring.add({ name: `cache-${n + 1}`, index: n });
    n++;
  };
  for (let i = 0; i < nodes; i++) grow();
  return { nodeFor: (key) => ring.lookup(key)!.index, grow };
}

export function placement(sim: Simulation, scheme: Scheme, nodes: number, virtualNodes = VIRTUAL_NODES): Placement {
  return scheme === 'modulo' ? moduloPlacement(nodes) : consistentPlacement(sim, nodes, virtualNodes);
}

/** Share of `keys` keys whose node changes when one node joins `nodes`. */
export function movedShare(scheme: Scheme, nodes: number, keys = KEYS, virtualNodes = VIRTUAL_NODES): number {
  const place = placement(new Simulation(), scheme, nodes, virtualNodes);
  const before = Array.from({ length: keys }, (_, k) => place.nodeFor(`key-${k}`));
  place.grow();
  let moved = 0;
  for (let k = 0; k < keys; k++) if (place.nodeFor(`key-${k}`) !== before[k]) moved++;
  return moved / keys;
}

/** A client-side router: sends each request to the cache node that owns its key. */
class CacheCluster implements Target {
  readonly name = 'cache-cluster';
  readonly caches: Cache[] = [];
  constructor(
    private readonly sim: Simulation,
    private readonly place: Placement,
    private readonly database: Target,
    nodes: number,
    private readonly onLookup: (hit: boolean) => void,
  ) {
    for (let i = 0; i < nodes; i++) this.addCache();
  }

  addCache(): void {
    this.caches.push(new Cache(this.sim, { name: `cache-${this.caches.length + 1}`, origin: this.database, capacity: KEYS }));
  }

  join(): void {
    this.addCache();
    this.place.grow();
  }

  handle(request: Request, reply: Reply): void {
    const cache = this.caches[this.place.nodeFor(request.key!)];
    const hitsBefore = cache.hits.count; // a hit is counted at once, before any reply
    cache.handle(request, reply);
    this.onLookup(cache.hits.count > hitsBefore);
  }
}

export interface JoinResult {
  scheme: Scheme;
  /** [second, hit ratio %] */
  hitRatioPerSecond: [number, number][];
  /** Database queries (cache misses) per second, in the second before and the second after the join. */
  databaseBefore: number;
  databaseAfter: number;
  /** Hit ratio in the second before and the second after the join, %. */
  hitRatioBefore: number;
  hitRatioAfter: number;
  /** Misses in the 15 s after the join, above the steady rate before it. */
  extraMisses: number;
}

export function simulateJoin(scheme: Scheme, seed = SEED): JoinResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const database = new Server(sim, { name: 'database', workers: 64, serviceTime: () => 5 });
  const seconds = Math.ceil(SIMULATED_MS / 1000);
  const lookups = new Float64Array(seconds), misses = new Float64Array(seconds);
  const cluster = new CacheCluster(sim, placement(sim, scheme, CACHE_NODES), database, CACHE_NODES, (hit) => {
    const second = Math.floor(sim.now / 1000);
    lookups[second]++;
    if (!hit) misses[second]++;
  });
  const keyRandom = random.split();
  new OpenLoad(sim, {
    target: cluster,
    random: random.split(),
    ratePerSecond: REQUESTS_PER_SECOND,
    stopAtMs: SIMULATED_MS,
    key: () => `key-${keyRandom.integer(0, KEYS - 1)}`,
  });
  sim.at(JOIN_AT_MS, () => cluster.join());
  sim.run();
  const joinSecond = JOIN_AT_MS / 1000;
  const steadyMisses = misses[joinSecond - 1];
  let extraMisses = 0;
  for (let s = joinSecond; s < Math.min(seconds, joinSecond + 15); s++) extraMisses += Math.max(0, misses[s] - steadyMisses);
  const hitRatioPerSecond = Array.from(lookups, (count, s) => [s, (100 * (count - misses[s])) / count] as [number, number]);
  return {
    scheme,
    hitRatioPerSecond,
    databaseBefore: steadyMisses,
    databaseAfter: misses[joinSecond],
    hitRatioBefore: hitRatioPerSecond[joinSecond - 1][1],
    hitRatioAfter: hitRatioPerSecond[joinSecond][1],
    extraMisses,
  };
}

export default function main(): void {
  const sizes = [CACHE_NODES, 9, 19];
  show(
    table(
      ['nodes before', 'after', 'modulo: keys moved %', 'theory n/(n+1) %', 'ring: keys moved %', 'theory 1/(n+1) %'],
      sizes.map((n) => [n, n + 1, 100 * movedShare('modulo', n), (100 * n) / (n + 1), 100 * movedShare('consistent', n), 100 / (n + 1)]),
      `Keys that change node when one cache node joins (${KEYS} keys, ${VIRTUAL_NODES} virtual nodes per node)`,
    ),
  );
  const runs = (['modulo', 'consistent'] as Scheme[]).map((scheme) => simulateJoin(scheme));
  show(
    table(
      ['placement', 'hit ratio before %', 'just after %', 'database queries/s before', 'just after', 'extra database queries'],
      runs.map((r) => [r.scheme, r.hitRatioBefore, r.hitRatioAfter, r.databaseBefore, r.databaseAfter, r.extraMisses]),
      `Cache node ${CACHE_NODES + 1} joins at ${JOIN_AT_MS / 1000} s; ${REQUESTS_PER_SECOND} requests/s over ${KEYS} keys`,
    ),
    lineChart(
      'Cache hit ratio through the join',
      { label: 'time', unit: 's' },
      { label: 'hit ratio', unit: '%' },
      runs.map((r) => ({ name: r.scheme, points: r.hitRatioPerSecond })),
      'Both caches warm up to nearly 100% hits; when a node joins, the hit ratio with modulo placement falls far lower than with the ring, and takes as long to recover as the first warm-up.',
    ),
  );
}

const percent = (share: number, digits = 0) => `${(share * 100).toFixed(digits)}%`;

/** The figures chapter 02 shows, formatted as it shows them ({consistentHashing.ringMovedAt4} in the page). */
export function facts() {
  const [modulo, ring] = (['modulo', 'consistent'] as Scheme[]).map((scheme) => simulateJoin(scheme));
  const moved = (scheme: Scheme, n: number, virtualNodes = VIRTUAL_NODES) => percent(movedShare(scheme, n, KEYS, virtualNodes));
  return {
    keys: KEYS.toLocaleString('en-US'),
    virtualNodes: VIRTUAL_NODES,
    moduloMovedAt4: moved('modulo', 4),
    ringMovedAt4: moved('consistent', 4),
    moduloMovedAt9: moved('modulo', 9),
    ringMovedAt9: moved('consistent', 9),
    moduloMovedAt19: moved('modulo', 19),
    ringMovedAt19: moved('consistent', 19),
    hitBefore: percent(modulo.hitRatioBefore / 100),
    dbBefore: `${modulo.databaseBefore}`,
    moduloHitAfter: percent(modulo.hitRatioAfter / 100),
    moduloDbAfter: modulo.databaseAfter.toLocaleString('en-US'),
    moduloDbFactor: `${Math.round(modulo.databaseAfter / modulo.databaseBefore)}`,
    ringHitAfter: percent(ring.hitRatioAfter / 100),
    ringDbAfter: ring.databaseAfter.toLocaleString('en-US'),
    moduloExtra: modulo.extraMisses.toLocaleString('en-US'),
    ringExtra: ring.extraMisses.toLocaleString('en-US'),
    ringSparesDatabase: ring.extraMisses * 3 < modulo.extraMisses,
    // Try this #4
    onePointMovedAt4: moved('consistent', 4, 1),
    onePointMovedAt9: percent(movedShare('consistent', 9, KEYS, 1), 1),
  };
}
