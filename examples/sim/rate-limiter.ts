/**
 * What the kit's rate limiters share: one stands in front of a target, lets a request through
 * when `tryTake()` allows it and rejects it otherwise, and counts both. A limiter differs only
 * in how `tryTake()` decides (TokenBucket, SlidingWindowLimiter).
 */
import { Counter } from './statistics';
import type { Reply, Request, Target } from './request';

export abstract class RateLimiter implements Target {
  readonly allowed = new Counter();
  readonly rejected = new Counter();

  protected constructor(
    readonly name: string,
    private readonly target: Target,
  ) {}

  /** Whether one more request may pass now (and count it if so). Usable without a target. */
  abstract tryTake(): boolean;

  handle(request: Request, reply: Reply): void {
    if (this.tryTake()) {
      this.allowed.increment();
      this.target.handle(request, reply);
    } else {
      this.rejected.increment();
      reply(request, 'rejected');
    }
  }
}
