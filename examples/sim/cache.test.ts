import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { Cache } from './cache';
import { OpenLoad } from './open-load';
import type { Request } from './request';

function setup(capacity: number, ttlMs?: number) {
  const sim = new Simulation();
  const origin = new Server(sim, { name: 'db', workers: 10, serviceTime: () => 20 });
  const cache = new Cache(sim, { origin, capacity, ttlMs, hitTimeMs: 1 });
  return { sim, origin, cache };
}

describe('Cache', () => {
  it('answers hits quickly and sends misses to the origin', () => {
    const { sim, origin, cache } = setup(10);
    const done: number[] = [];
    cache.handle({ id: 1, createdAt: 0, key: 'a' }, () => done.push(sim.now));
    sim.run();
    cache.handle({ id: 2, createdAt: sim.now, key: 'a' }, () => done.push(sim.now));
    sim.run();
    expect(done).toEqual([20, 21]);
    expect(origin.completed.count).toBe(1);
    expect(cache.hitRatio).toBe(0.5);
  });

  it('marks each read as a hit or a miss on the request, for the caller to see', () => {
    const { sim, cache } = setup(50);
    const random = new Random(3);
    const seen = { hit: 0, miss: 0 };
    const reply = (request: Request) => seen[request.cache!]++; // one reply shared by all requests
    for (let id = 0; id < 2000; id++) sim.schedule(id, () => cache.handle({ id, createdAt: sim.now, key: `k${random.integer(1, 100)}` }, reply));
    sim.run();
    expect(seen).toEqual({ hit: cache.hits.count, miss: cache.misses.count });
    expect(seen.hit).toBeGreaterThan(0);
    const write: Request = { id: 9, createdAt: sim.now, key: 'k1', kind: 'write' };
    cache.handle(write, () => {});
    expect(write.cache).toBeUndefined(); // writes go through without a lookup
  });

  it('evicts the least recently used entry', () => {
    const { sim, cache } = setup(2);
    cache.set('a');
    cache.set('b');
    expect(cache.has('a')).toBe(true); // a is now more recent than b
    cache.set('c');
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a') && cache.has('c')).toBe(true);
    expect(cache.evictions.count).toBe(1);
    expect(sim.now).toBe(0);
  });

  it('expires entries after their time to live', () => {
    const { sim, cache } = setup(10, 100);
    cache.set('a');
    sim.schedule(99, () => expect(cache.has('a')).toBe(true));
    sim.schedule(101, () => expect(cache.has('a')).toBe(false));
    sim.run();
    expect(cache.expirations.count).toBe(1);
  });

  it('hit ratio on uniform keys equals capacity / keys once warm', () => {
    const { sim, cache } = setup(200);
    const random = new Random(6);
    new OpenLoad(sim, { target: cache, random, ratePerSecond: 100, maxRequests: 100_000, key: () => `k${random.integer(0, 999)}` });
    sim.run();
    // LRU under independent uniform requests holds 200 of 1,000 keys: 20% hits (cold start included, slightly less).
    expect(cache.hitRatio).toBeGreaterThan(0.19);
    expect(cache.hitRatio).toBeLessThan(0.205);
    expect(() => new Cache(sim, { origin: cache, capacity: 0 })).toThrow('Cache: capacity must be an integer >= 1 (got 0)');
  });
});
