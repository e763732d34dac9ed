import { describe, it, expect } from 'vitest';
import { Stats, TimeWeighted, Counter, TimeSeries, PERCENTILE_RELATIVE_ERROR } from './statistics';
import { Random } from './random';

describe('Stats', () => {
  it('computes count, mean, min, max and standard deviation', () => {
    const stats = new Stats();
    for (const v of [2, 4, 4, 4, 5, 5, 7, 9]) stats.record(v);
    expect(stats.count).toBe(8);
    expect(stats.mean).toBe(5);
    expect(stats.min).toBe(2);
    expect(stats.max).toBe(9);
    expect(stats.standardDeviation).toBeCloseTo(2.138, 3);
  });

  it('gives exact nearest-rank percentiles in exact mode', () => {
    const stats = new Stats({ exact: true });
    for (let v = 100; v >= 1; v--) stats.record(v);
    expect(stats.percentile(50)).toBe(50);
    expect(stats.percentile(90)).toBe(90);
    expect(stats.percentile(99)).toBe(99);
    expect(stats.percentile(100)).toBe(100);
    expect(stats.percentile(0)).toBe(1);
  });

  it('keeps histogram percentiles within 1% relative error of the exact ones', () => {
    const random = new Random(9);
    const histogram = new Stats();
    const exact = new Stats({ exact: true });
    for (let i = 0; i < 200_000; i++) {
      const v = random.lognormal(2, 1.2);
      histogram.record(v);
      exact.record(v);
    }
    for (const p of [50, 90, 99, 99.9]) {
      const error = Math.abs(histogram.percentile(p) / exact.percentile(p) - 1);
      expect(error).toBeLessThanOrEqual(PERCENTILE_RELATIVE_ERROR + 1e-12);
    }
    const summary = histogram.summary();
    expect(summary.p999).toBeGreaterThan(summary.p99);
    expect(summary.count).toBe(200_000);
  });

  it('builds equal-width histograms', () => {
    const stats = new Stats({ exact: true });
    for (const v of [1, 2, 11, 12, 13, 35]) stats.record(v);
    expect(stats.histogram(10)).toEqual([
      [0, 2],
      [10, 3],
      [20, 0],
      [30, 1],
    ]);
  });

  it('returns NaN for an empty summary and rejects a bad percentile', () => {
    const stats = new Stats();
    expect(stats.percentile(50)).toBeNaN();
    expect(() => stats.percentile(101)).toThrow('p must be in 0..100 (got 101)');
  });
});

describe('TimeWeighted, Counter, TimeSeries', () => {
  it('averages a level over time, not over changes', () => {
    const level = new TimeWeighted();
    level.set(0, 1);
    level.set(10, 3); // 1 for 10 ms
    level.set(20, 0); // 3 for 10 ms
    expect(level.mean(40)).toBe(1); // (10 + 30 + 0) / 40
    expect(level.max).toBe(3);
  });

  it('turns counts into rates per second of virtual time', () => {
    const counter = new Counter();
    counter.increment(50);
    expect(counter.ratePerSecond(500)).toBe(100);
  });

  it('buckets values over virtual time', () => {
    const series = new TimeSeries({ bucketMs: 1000, percentiles: true });
    series.record(100, 5);
    series.record(900, 15);
    series.record(2500, 1);
    expect(series.points('count')).toEqual([
      [0, 2],
      [1000, 0],
      [2000, 1],
    ]);
    expect(series.points('mean')[0]).toEqual([0, 10]);
    expect(series.points('ratePerSecond')[2]).toEqual([2000, 1]);
    expect(series.points('max')[0]).toEqual([0, 15]);
    expect(series.points('p99')[2][1]).toBeCloseTo(1, 1);
    expect(() => new TimeSeries({ bucketMs: 0 })).toThrow('bucketMs must be > 0 (got 0)');
  });

  it('pads a series with empty buckets to a given time, without counting anything', () => {
    const series = new TimeSeries({ bucketMs: 1000 });
    series.record(100, 5);
    series.extendTo(3000);
    series.extendTo(1500); // already covered: no change
    expect(series.points('count')).toEqual([[0, 1], [1000, 0], [2000, 0], [3000, 0]]);
    expect(series.points('mean')[3]).toEqual([3000, NaN]);
  });
});
