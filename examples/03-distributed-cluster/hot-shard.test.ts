import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { compare, harmonic, shardCapacityPerSecond, facts, READS_PER_SECOND, SHARDS } from './hot-shard';

describe('a hot shard under Zipf-popular keys', () => {
  const [base, more, split, cached] = compare();
  const topProductReads = READS_PER_SECOND / harmonic();

  it('the most popular key alone takes 1 / H(n, s) of the reads, and its shard carries at least that', () => {
    expect(1 / harmonic(1000, 0)).toBeCloseTo(0.001, 6); // uniform: every key the same
    expect(base.hottestPerSecond).toBeGreaterThan(topProductReads);
  });

  it('overloads one shard while the mean shard is half busy', () => {
    expect(READS_PER_SECOND / SHARDS / shardCapacityPerSecond()).toBeCloseTo(0.5, 5);
    expect(base.hottestLoad).toBeGreaterThan(1);
    expect(base.hottestToMean).toBeGreaterThan(2);
  });

  it('four times the shards lowers the mean, not the hot key: the skew grows', () => {
    expect(more.hottestToMean).toBeGreaterThan(base.hottestToMean * 2);
    expect(more.hottestPerSecond).toBeGreaterThan(topProductReads);
    expect(more.hottestLoad).toBeGreaterThan(0.6);
  });

  it('splitting the hot keys or caching them evens the shards out', () => {
    expect(split.hottestToMean).toBeLessThan(1.5);
    expect(split.hottestLoad).toBeLessThan(0.8);
    expect(cached.cacheHitRatio).toBeGreaterThan(0.4);
    expect(cached.hottestLoad).toBeLessThan(0.5);
    expect(Math.max(split.p99Ms, cached.p99Ms)).toBeLessThan(base.p99Ms / 10);
  });

  it('states the claims the page makes', () => {
    const f = facts();
    expect(f.hotShardOverloaded).toBe(true);
    expect(f.moreShardsRaiseSkew).toBe(true);
    expect(f.splitAndCacheFixIt).toBe(true);
    // The exercise: uniform popularity spreads evenly.
    expect(f.uniformIsEven).toBe(true);
  });

  it('shows a table, a chart and the formula', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => (typeof v === 'string' ? 'line' : v.kind))).toEqual(['table', 'chart', 'line']);
  });
});
