/**
 * A hot shard: product pages read product rows from a store sharded by hash of the product
 * id. Popularity follows Zipf's law: the k-th most popular of PRODUCTS products is read in
 * proportion to 1 / k^ZIPF_EXPONENT, so the most popular product alone takes 1 / H(n, s) of
 * all reads, whichever shard it hashes to.
 *
 * Four ways to run the same traffic:
 * - SHARDS shards: the hottest shard carries the top product plus its share of the rest;
 * - four times the shards: the mean load falls, the hot product's load does not;
 * - the hottest keys split over SPLIT_WAYS sub-keys (copies on different shards);
 * - a small cache in front, which the most popular keys never leave.
 *
 * Change ZIPF_EXPONENT (0 is uniform), SHARDS, SPLIT_WAYS or CACHE_ENTRIES and run again.
 */
import { Simulation, Random, OpenLoad, ShardedStore, Cache, distributions, show, table, barChart } from '../sim';
import type { Target } from '../sim';

export const PRODUCTS = 100_000;
export const ZIPF_EXPONENT = 1;
export const READS_PER_SECOND = 4_000;
export const SIMULATED_S = 5;
/** Each shard: WORKERS reads at a time, MEAN_READ_MS each (exponential): 500 reads a second. */
export const SHARDS = 16;
export const WORKERS_PER_SHARD = 1;
export const MEAN_READ_MS = 2;
/** How many of the most popular products are split, and into how many sub-keys each. */
export const SPLIT_TOP_KEYS = 10;
export const SPLIT_WAYS = 8;
/** Entries in the cache in front of the store (1% of the products), and their time to live, ms. */
export const CACHE_ENTRIES = 1_000;
export const CACHE_TTL_MS = 5_000;
export const SEED = 81;

export interface Layout {
  name: string;
  shards: number;
  split: boolean;
  cache: boolean;
}

export const LAYOUTS: Layout[] = [
  { name: `${SHARDS} shards`, shards: SHARDS, split: false, cache: false },
  { name: `${SHARDS * 4} shards`, shards: SHARDS * 4, split: false, cache: false },
  { name: `${SHARDS} shards, hot keys split`, shards: SHARDS, split: true, cache: false },
  { name: `${SHARDS} shards, cache in front`, shards: SHARDS, split: false, cache: true },
];

export interface ShardResult {
  layout: string;
  /** The busiest shard's reads over the mean per shard: 1 is perfectly even. */
  hottestToMean: number;
  /** The busiest shard's reads per second, and its utilisation (can exceed 1: its queue grows). */
  hottestPerSecond: number;
  hottestLoad: number;
  /** p99 of all reads, ms. */
  p99Ms: number;
  /** Share of reads answered by the cache. */
  cacheHitRatio: number;
}

/** H(n, s) = Σ 1/k^s for k = 1..n: the most popular of n keys gets 1 / H(n, s) of the reads. */
export function harmonic(n = PRODUCTS, s = ZIPF_EXPONENT): number {
  let sum = 0;
  for (let k = 1; k <= n; k++) sum += k ** -s;
  return sum;
}

export const shardCapacityPerSecond = () => (WORKERS_PER_SHARD * 1000) / MEAN_READ_MS;

export function simulate(layout: Layout, zipfExponent = ZIPF_EXPONENT, seed = SEED): ShardResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const work = random.split();
  const splitHotKeys: Record<string, number> = {};
  if (layout.split) for (let k = 1; k <= SPLIT_TOP_KEYS; k++) splitHotKeys[`product-${k}`] = SPLIT_WAYS;
  const store = new ShardedStore(sim, {
    name: 'products',
    shards: layout.shards,
    workersPerShard: WORKERS_PER_SHARD,
    serviceTime: () => work.exponential(MEAN_READ_MS),
    splitHotKeys,
  });
  const cache = layout.cache ? new Cache(sim, { origin: store, capacity: CACHE_ENTRIES, ttlMs: CACHE_TTL_MS }) : undefined;
  const target: Target = cache ?? store;
  const popularity = distributions.zipf(random.split(), PRODUCTS, zipfExponent);
  const client = new OpenLoad(sim, {
    target,
    random: random.split(),
    ratePerSecond: READS_PER_SECOND,
    stopAtMs: SIMULATED_S * 1000,
    key: () => `product-${popularity()}`,
  });
  sim.run();
  const perShard = store.requestsPerShard();
  const hottest = Math.max(...perShard) / SIMULATED_S;
  return {
    layout: layout.name,
    hottestToMean: store.hottestToMean(),
    hottestPerSecond: hottest,
    hottestLoad: hottest / shardCapacityPerSecond(),
    p99Ms: client.stats.latency.percentile(99),
    cacheHitRatio: cache ? cache.hitRatio : 0,
  };
}

export const compare = (): ShardResult[] => LAYOUTS.map((layout) => simulate(layout));

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The exercise: every product equally popular (ZIPF_EXPONENT = 0). */
function uniformKeys() {
  const r = simulate(LAYOUTS[0], 0);
  return {
    uniformHottestToMean: `${r.hottestToMean.toFixed(2)} times`,
    uniformHottestLoad: percent(r.hottestLoad),
    uniformP99: `${Math.round(r.p99Ms)} ms`,
    uniformIsEven: r.hottestToMean < 1.1 && r.hottestLoad < 0.6,
  };
}

export function facts() {
  const [base, more, split, cached] = compare();
  const topShare = 1 / harmonic();
  const meanLoad = READS_PER_SECOND / SHARDS / shardCapacityPerSecond();
  return {
    products: PRODUCTS,
    readsPerSecond: `${READS_PER_SECOND.toLocaleString('en-US')} reads a second`,
    shards: SHARDS,
    moreShards: SHARDS * 4,
    shardCapacity: `${shardCapacityPerSecond()} reads a second`,
    meanLoad: percent(meanLoad),
    topProductShare: `${(topShare * 100).toFixed(1)}%`,
    topProductReads: `${Math.round(topShare * READS_PER_SECOND)} reads a second`,
    baseHottestToMean: `${base.hottestToMean.toFixed(1)} times`,
    baseHottestLoad: percent(base.hottestLoad),
    baseP99: `${Math.round(base.p99Ms)} ms`,
    moreHottestToMean: `${more.hottestToMean.toFixed(1)} times`,
    moreHottestLoad: percent(more.hottestLoad),
    moreP99: `${Math.round(more.p99Ms)} ms`,
    splitTop: SPLIT_TOP_KEYS,
    splitWays: SPLIT_WAYS,
    splitHottestToMean: `${split.hottestToMean.toFixed(1)} times`,
    splitHottestLoad: percent(split.hottestLoad),
    splitP99: `${Math.round(split.p99Ms)} ms`,
    cacheEntries: CACHE_ENTRIES.toLocaleString('en-US'),
    cacheHitRatio: percent(cached.cacheHitRatio),
    cachedHottestLoad: percent(cached.hottestLoad),
    cachedP99: `${Math.round(cached.p99Ms)} ms`,
    ...uniformKeys(),
    hotShardOverloaded: base.hottestLoad > 1 && meanLoad < 0.6,
    moreShardsRaiseSkew: more.hottestToMean > base.hottestToMean,
    splitAndCacheFixIt: split.hottestLoad < 0.8 && cached.hottestLoad < 0.8,
  };
}

export default function main(): void {
  const results = compare();
  show(
    table(
      ['layout', 'hottest shard ÷ mean', 'hottest shard reads/s', 'hottest shard load', 'p99 ms', 'cache hits'],
      results.map((r) => [r.layout, r.hottestToMean, r.hottestPerSecond, percent(r.hottestLoad), r.p99Ms, percent(r.cacheHitRatio)]),
      `${READS_PER_SECOND} reads/s over ${PRODUCTS} products (Zipf, s = ${ZIPF_EXPONENT}); a shard serves ${shardCapacityPerSecond()} reads/s`,
    ),
    barChart(
      'Load on the hottest shard',
      results.map((r) => r.layout),
      { 'hottest shard': results.map((r) => Math.round(r.hottestLoad * 100)) },
      { label: 'load', unit: '% of a shard’s capacity' },
      'The hottest of 16 shards is offered more than it can serve; four times as many shards still leave it far busier than the rest; splitting the hot keys or caching them brings it down to the others’ level.',
    ),
    `The most popular product alone gets 1 / H(n, s) = ${((100 / harmonic()).toFixed(1))}% of the reads.`,
  );
}
