/**
 * A token-bucket rate limiter: tokens drip in at `ratePerSecond` up to
 * `capacity`; each request takes one or is rejected. Bursts up to the
 * capacity pass at once; over the long run, no more than the refill rate does.
 */
import type { Simulation } from './engine';
import { RateLimiter } from './rate-limiter';
import { requirePositive } from './request';
import type { Target } from './request';

export interface TokenBucketOptions {
  target: Target;
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens the bucket holds: the largest burst let through. */
  capacity: number;
  name?: string;
}

export class TokenBucket extends RateLimiter {
  private tokens: number;
  private lastRefill: number;

  constructor(private readonly sim: Simulation, private readonly options: TokenBucketOptions) {
    super(options.name ?? `token-bucket(${options.target.name})`, options.target);
    requirePositive('TokenBucket', 'ratePerSecond', options.ratePerSecond);
    requirePositive('TokenBucket', 'capacity', options.capacity);
    this.tokens = options.capacity;
    this.lastRefill = sim.now;
  }

  /** Take a token if there is one. Usable on its own, without a target. */
  tryTake(): boolean {
    // Refill lazily, from the time elapsed: no timer event per token.
    const now = this.sim.now;
    this.tokens = Math.min(this.options.capacity, this.tokens + ((now - this.lastRefill) * this.options.ratePerSecond) / 1000);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
