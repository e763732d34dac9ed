/**
 * A cache in front of the database.
 *
 * The application reads rows by key. A few keys are very popular and most
 * are rarely read (a Zipf-like popularity: the k-th most popular key is read
 * in proportion to 1 / k^ZIPF_EXPONENT). An LRU cache of CACHE_SIZES entries
 * sits in front of the database; every miss becomes a query.
 *
 * Watch how the database's load and the read latency fall as the cache grows,
 * and how little cache a skewed popularity needs: room for 1% of the keys
 * already answers more than a third of the reads.
 *
 * Try: set ZIPF_EXPONENT to 0 (every key equally popular) and see how much
 * less the same cache helps; or raise READS_PER_SECOND to 600 (past the
 * database's capacity of 500) and see which cache sizes keep it alive.
 */
import { Simulation, Random, Server, Cache, OpenLoad, distributions, show, table, lineChart } from '../sim';
import type { Target } from '../sim';

export const KEYS = 10_000; // distinct rows the application reads
export const ZIPF_EXPONENT = 1; // popularity skew: 0 = uniform, 1 = classic Zipf
export const READS_PER_SECOND = 400; // database reads the application wants (e.g. 40 pages/s × 10 queries)
export const DB_CONNECTIONS = 4; // queries the database runs at once
export const QUERY_MS = 8; // mean time of one query, ms: capacity 4 × 1000 / 8 = 500 queries/s
export const HIT_MS = 0.5; // time to answer from the cache, ms
export const CACHE_SIZES = [0, 10, 100, 1_000, 3_000]; // entries the cache holds (0 = no cache)
export const SIMULATED_MS = 60_000; // one minute of virtual time per cache size (the cache starts empty)
export const SEED = 11;

export interface CacheResult {
  cacheSize: number;
  hitRatio: number;
  /**
   * What a cache that knew each key's popularity would hit: it keeps the most popular keys
   * (the share of reads that go to them). Belady's algorithm, which knows the future
   * requests themselves, would do better still.
   */
  popularKeysHitRatio: number;
  dbQueriesPerSecond: number;
  dbUtilisation: number;
  meanMs: number;
  p99Ms: number;
}

/** Key k (0-based) is read with weight 1 / (k + 1)^s. */
function popularity(exponent = ZIPF_EXPONENT): number[] {
  return Array.from({ length: KEYS }, (_, k) => 1 / Math.pow(k + 1, exponent));
}

function zipfKeys(random: Random, exponent: number): (id: number) => string {
  const rank = distributions.zipf(random, KEYS, exponent);
  return () => `row-${rank() - 1}`;
}

/** Share of reads that go to the `size` most popular keys. LRU does worse: it also keeps keys read once. */
export function topKeysShare(size: number, exponent = ZIPF_EXPONENT): number {
  const weights = popularity(exponent);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.slice(0, size).reduce((a, b) => a + b, 0) / total;
}

export function runWithCache(cacheSize: number, exponent = ZIPF_EXPONENT, seed = SEED): CacheResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const database = new Server(sim, { name: 'database', workers: DB_CONNECTIONS, serviceTime: () => random.exponential(QUERY_MS) });
  const cache = cacheSize > 0 ? new Cache(sim, { origin: database, capacity: cacheSize, hitTimeMs: HIT_MS }) : undefined;
  const target: Target = cache ?? database;
  const app = new OpenLoad(sim, { target, random, ratePerSecond: READS_PER_SECOND, stopAtMs: SIMULATED_MS, key: zipfKeys(random.split(), exponent) });
  sim.run();
  return {
    cacheSize,
    hitRatio: cache ? cache.hitRatio : 0,
    popularKeysHitRatio: topKeysShare(cacheSize, exponent),
    dbQueriesPerSecond: database.completed.count / (SIMULATED_MS / 1000),
    dbUtilisation: database.utilisation(),
    meanMs: app.stats.latency.mean,
    p99Ms: app.stats.latency.percentile(99),
  };
}

export function simulate(): CacheResult[] {
  return CACHE_SIZES.map((size) => runWithCache(size));
}

export default function main(): void {
  const results = simulate();
  show(
    table(
      ['cache entries', 'hit ratio', 'most popular kept', 'DB queries/s', 'DB utilisation', 'mean ms', 'p99 ms'],
      results.map((r) => [r.cacheSize, `${Math.round(r.hitRatio * 100)}%`, `${Math.round(r.popularKeysHitRatio * 100)}%`, r.dbQueriesPerSecond, `${Math.round(r.dbUtilisation * 100)}%`, r.meanMs, r.p99Ms]),
      `${READS_PER_SECOND} reads/s over ${KEYS} keys (Zipf s = ${ZIPF_EXPONENT}), database capacity ${(DB_CONNECTIONS * 1000) / QUERY_MS} queries/s`,
    ),
    lineChart(
      'Read latency against hit ratio',
      { label: 'hit ratio', unit: '%' },
      { label: 'read latency', unit: 'ms' },
      [
        { name: 'mean', points: results.map((r) => [r.hitRatio * 100, r.meanMs]) },
        { name: 'p99', points: results.map((r) => [r.hitRatio * 100, r.p99Ms]) },
      ],
      'As the hit ratio rises, mean read latency falls steeply: fewer reads go to the database, and those that do find it less busy.',
    ),
  );
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
const perSecond = (x: number) => `${Math.round(x)}`;

/** The figures chapter 01 shows, formatted as it shows them ({cacheHitRatio.hitAt1000} in the page). */
export function facts() {
  const results = simulate();
  const at = (size: number) => results[CACHE_SIZES.indexOf(size)];
  const uniform = runWithCache(1_000, 0);
  const largest = CACHE_SIZES[CACHE_SIZES.length - 1];
  return {
    readsPerSecond: `${READS_PER_SECOND}`,
    keys: KEYS.toLocaleString('en-US'),
    dbCapacity: `${(DB_CONNECTIONS * 1000) / QUERY_MS}`,
    largest: largest.toLocaleString('en-US'),
    noCacheDb: perSecond(at(0).dbQueriesPerSecond),
    noCacheBusy: percent(at(0).dbUtilisation),
    noCacheMean: `${Math.round(at(0).meanMs)} ms`,
    noCacheP99: `${Math.round(at(0).p99Ms)} ms`,
    hitAt100: percent(at(100).hitRatio),
    shareOfRowsAt100: percent(100 / KEYS),
    dbAt100: perSecond(at(100).dbQueriesPerSecond),
    busyAt100: percent(at(100).dbUtilisation),
    hitAt1000: percent(at(1000).hitRatio),
    dbAt1000: perSecond(at(1000).dbQueriesPerSecond),
    hitAtLargest: percent(at(largest).hitRatio),
    meanAtLargest: `${at(largest).meanMs.toFixed(1)} ms`,
    p99AtLargest: `${Math.round(at(largest).p99Ms)} ms`,
    popularAt100: percent(at(100).popularKeysHitRatio),
    lruBelowPopular: results.every((r) => r.hitRatio <= r.popularKeysHitRatio),
    latencyFallsFasterThanLoad: at(1000).meanMs / at(0).meanMs < at(1000).dbQueriesPerSecond / at(0).dbQueriesPerSecond,
    // Try this #4
    uniformHitAt1000: percent(uniform.hitRatio),
    uniformShareOfKeys: percent(1000 / KEYS),
    uniformDbAt1000: perSecond(uniform.dbQueriesPerSecond),
  };
}
