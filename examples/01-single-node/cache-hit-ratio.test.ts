import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, runWithCache, topKeysShare, facts, CACHE_SIZES, READS_PER_SECOND } from './cache-hit-ratio';

describe('cache hit ratio against database load', () => {
  const results = simulate();
  const at = (size: number) => results[CACHE_SIZES.indexOf(size)];

  it('sends exactly the misses to the database', () => {
    for (const r of results) {
      const expected = READS_PER_SECOND * (1 - r.hitRatio);
      expect(Math.abs(r.dbQueriesPerSecond / expected - 1)).toBeLessThan(0.03);
    }
  });

  it('quotes the figures in the prose', () => {
    expect(Math.round(at(0).dbQueriesPerSecond)).toBe(400);
    expect(Math.round(at(0).dbUtilisation * 100)).toBe(80);
    expect(Math.round(at(0).meanMs)).toBe(15);
    expect(Math.round(at(0).p99Ms)).toBe(57);
    expect(Math.round(at(100).hitRatio * 100)).toBe(39);
    expect(Math.round(topKeysShare(100) * 100)).toBe(53);
    expect(Math.round(at(100).dbQueriesPerSecond)).toBe(245);
    expect(Math.round(at(100).dbUtilisation * 100)).toBe(49);
    expect(Math.round(at(1000).hitRatio * 100)).toBe(66);
    expect(Math.round(at(1000).dbQueriesPerSecond)).toBe(134);
    expect(Math.round(at(3000).hitRatio * 100)).toBe(78);
    expect(Math.round(at(3000).meanMs * 10) / 10).toBe(2.2);
    expect(Math.round(at(3000).p99Ms)).toBe(25);
  });

  it('lowers database load and latency as the cache grows', () => {
    for (let i = 1; i < results.length; i++) {
      expect(results[i].hitRatio).toBeGreaterThan(results[i - 1].hitRatio);
      expect(results[i].dbQueriesPerSecond).toBeLessThan(results[i - 1].dbQueriesPerSecond);
      expect(results[i].meanMs).toBeLessThan(results[i - 1].meanMs);
      expect(results[i].p99Ms).toBeLessThan(results[i - 1].p99Ms);
    }
  });

  it('never beats a cache of the same size that keeps the most popular keys', () => {
    for (const r of results) expect(r.hitRatio).toBeLessThanOrEqual(r.popularKeysHitRatio + 1e-9);
    expect(facts().lruBelowPopular).toBe(true);
  });

  it('latency falls faster than database load', () => {
    expect(facts().latencyFallsFasterThanLoad).toBe(true);
  });

  it('answers the exercise: uniform popularity, where a cache of 10% of keys hits 10% of reads', () => {
    const uniform = runWithCache(1000, 0);
    expect(Math.round(uniform.hitRatio * 100)).toBe(10);
    expect(Math.round(uniform.dbQueriesPerSecond)).toBe(364);
  });

  it('prints a table, then a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(CACHE_SIZES.length);
  });
});
