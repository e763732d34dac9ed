/**
 * A sliding-window rate limiter: at most `limit` requests in any window of
 * `windowMs`. Unlike a fixed window (reset every minute), it allows no double
 * burst across a window boundary. This is the exact "sliding log" version: it
 * remembers the times of the requests it let through in the last window.
 */
import type { Simulation } from './engine';
import { RateLimiter } from './rate-limiter';
import { requireInteger, requirePositive } from './request';
import type { Target } from './request';

export interface SlidingWindowOptions {
  target: Target;
  limit: number;
  windowMs: number;
  name?: string;
}

export class SlidingWindowLimiter extends RateLimiter {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly sim: Simulation, private readonly options: SlidingWindowOptions) {
    super(options.name ?? `sliding-window(${options.target.name})`, options.target);
    requireInteger('SlidingWindowLimiter', 'limit', options.limit, 1);
    requirePositive('SlidingWindowLimiter', 'windowMs', options.windowMs);
  }

  tryTake(): boolean {
    const now = this.sim.now;
    while (this.head < this.times.length && this.times[this.head] <= now - this.options.windowMs) this.head++;
    if (this.head > 1024) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    if (this.times.length - this.head >= this.options.limit) return false;
    this.times.push(now);
    return true;
  }
}
