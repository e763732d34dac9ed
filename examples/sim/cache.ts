/**
 * A cache in front of a slower origin (a database, another service): LRU
 * eviction when full, entries expire after a time to live. A hit is answered
 * in `hitTimeMs`; a miss goes to the origin and stores its answer. Each read
 * is marked `request.cache = 'hit' | 'miss'` for the caller's reply to see.
 */
import type { Simulation } from './engine';
import { Counter } from './statistics';
import { requireInteger, requireNonNegative } from './request';
import type { Reply, Request, Target } from './request';

export interface CacheOptions {
  /** Where misses go. */
  origin: Target;
  /** Entries kept; the least recently used is evicted beyond this. */
  capacity: number;
  /** Entries expire this long after they were stored, ms. Default: never. */
  ttlMs?: number;
  /** Time to answer a hit, ms. Default 0.5. */
  hitTimeMs?: number;
  name?: string;
}

export class Cache implements Target {
  readonly name: string;
  readonly hits = new Counter();
  readonly misses = new Counter();
  readonly evictions = new Counter();
  readonly expirations = new Counter();
  // A Map iterates in insertion order: deleting and re-inserting on each hit
  // keeps the least recently used entry first, which is all LRU needs.
  private readonly entries = new Map<string, number>(); // key -> expiry time

  constructor(private readonly sim: Simulation, private readonly options: CacheOptions) {
    this.name = options.name ?? 'cache';
    requireInteger('Cache', 'capacity', options.capacity, 1);
    requireNonNegative('Cache', 'ttlMs', options.ttlMs ?? 0);
    requireNonNegative('Cache', 'hitTimeMs', options.hitTimeMs ?? 0);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Hits / (hits + misses); NaN before the first lookup. */
  get hitRatio(): number {
    const lookups = this.hits.count + this.misses.count;
    return lookups === 0 ? NaN : this.hits.count / lookups;
  }

  /** Is `key` cached and fresh? Counts as a use for LRU, not as a hit or miss. */
  has(key: string): boolean {
    const expiry = this.entries.get(key);
    if (expiry === undefined) return false;
    if (expiry <= this.sim.now) {
      this.entries.delete(key);
      this.expirations.increment();
      return false;
    }
    this.entries.delete(key);
    this.entries.set(key, expiry);
    return true;
  }

  set(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, this.sim.now + (this.options.ttlMs ?? Infinity));
    if (this.entries.size > this.options.capacity) {
      const leastRecentlyUsed = this.entries.keys().next().value as string;
      this.entries.delete(leastRecentlyUsed);
      this.evictions.increment();
    }
  }

  /** Forget `key` (after a write, so the next read sees the new value). */
  invalidate(key: string): void {
    this.entries.delete(key);
  }

  handle(request: Request, reply: Reply): void {
    const key = request.key;
    if (key === undefined || request.kind === 'write') {
      if (key !== undefined) this.invalidate(key);
      this.options.origin.handle(request, reply);
      return;
    }
    if (this.has(key)) {
      this.hits.increment();
      request.cache = 'hit';
      this.sim.schedule(this.options.hitTimeMs ?? 0.5, () => reply(request, 'ok'));
      return;
    }
    this.misses.increment();
    request.cache = 'miss';
    this.options.origin.handle(request, (answered, outcome) => {
      if (outcome === 'ok') this.set(key);
      reply(answered, outcome);
    });
  }
}
