import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random, distributions } from './random';
import { ShardedStore } from './sharded-store';
import type { ShardedStoreOptions } from './sharded-store';
import { OpenLoad } from './open-load';

const SHARDS = 8;
const KEYS = 10_000;
const REQUESTS = 100_000;

function run(key: (random: Random) => () => string, options: Partial<ShardedStoreOptions> = {}) {
  const sim = new Simulation();
  const random = new Random(81);
  const store = new ShardedStore(sim, { shards: SHARDS, workersPerShard: 4, serviceTime: () => 1, ...options });
  const nextKey = key(random.split());
  new OpenLoad(sim, { target: store, random, ratePerSecond: 1000, maxRequests: REQUESTS, key: () => nextKey() });
  sim.run();
  return store;
}

const uniformKeys = (random: Random) => () => `user-${random.integer(1, KEYS)}`;
const zipfKeys = (random: Random) => {
  const rank = distributions.zipf(random, KEYS, 1.1);
  return () => `user-${rank()}`;
};

describe('ShardedStore', () => {
  it('spreads uniform keys evenly over hash shards', () => {
    const store = run(uniformKeys);
    expect(store.requestsPerShard().reduce((a, b) => a + b)).toBe(REQUESTS);
    // 10,000 keys hashed to 8 shards: about 1,250 ± 35 keys each, so the busiest is a few percent above the mean.
    expect(store.hottestToMean()).toBeLessThan(1.08);
  });

  it('with Zipf keys the hottest key alone makes its shard hot, and splitting that key cools it', () => {
    // P(rank 1) = 1 / H(10,000, 1.1): the hottest key's share of all requests.
    let harmonic = 0;
    for (let k = 1; k <= KEYS; k++) harmonic += k ** -1.1;
    const hottestKeyShare = 1 / harmonic; // 0.134
    const skewed = run(zipfKeys);
    // Its shard carries that share on top of its 1/8 of the rest: at least SHARDS × share × mean.
    expect(skewed.hottestToMean()).toBeGreaterThan(SHARDS * hottestKeyShare);
    const hot = skewed.shardOf('user-1');
    expect(skewed.requestsPerShard()[hot]).toBe(Math.max(...skewed.requestsPerShard()));
    const split = run(zipfKeys, { splitHotKeys: { 'user-1': SHARDS } });
    expect(split.requestsPerShard()[hot]).toBeLessThan(REQUESTS / SHARDS); // from 1.76 × the mean to below it
    expect(split.hottestToMean()).toBeLessThan(skewed.hottestToMean() - 0.2); // now user-2's shard is the busiest
  });

  it('partitions by range with split points, and names a missing key or bad split points', () => {
    const sim = new Simulation();
    const store = new ShardedStore(sim, {
      shards: 3,
      workersPerShard: 1,
      serviceTime: () => 1,
      partitioning: 'range',
      splitPoints: ['h', 'p'],
    });
    expect(['apple', 'h', 'kiwi', 'pear', 'zucchini'].map((key) => store.shardOf(key))).toEqual([0, 1, 1, 2, 2]);
    expect(() => store.handle({ id: 3, createdAt: 0 }, () => {})).toThrow(
      "ShardedStore 'store': request 3 has no key, so it has no shard; give the client a key(id) option",
    );
    expect(
      () => new ShardedStore(sim, { shards: 3, workersPerShard: 1, serviceTime: () => 1, partitioning: 'range', splitPoints: ['p', 'h'] }),
    ).toThrow("ShardedStore 'store': splitPoints[1] must be a string greater than the one before it (got 'h')");
    expect(() => new ShardedStore(sim, { shards: 3, workersPerShard: 1, serviceTime: () => 1, partitioning: 'range' })).toThrow(
      'splitPoints must be a list of 2 keys',
    );
  });
});
