/**
 * A bulkhead: at most `maxConcurrent` requests in flight to one target, a few
 * more waiting, the rest rejected at once. Like the watertight compartments
 * of a ship, it keeps one slow dependency from taking every thread of the caller.
 */
import type { Simulation } from './engine';
import { Counter } from './statistics';
import { requireInteger, requireNonNegative } from './request';
import type { Reply, Request, Target } from './request';

export interface BulkheadOptions {
  target: Target;
  maxConcurrent: number;
  /** Requests allowed to wait for a free place. Default 0. */
  maxWaiting?: number;
  name?: string;
}

export class Bulkhead implements Target {
  readonly name: string;
  readonly rejected = new Counter();
  private inFlight = 0;
  private readonly waiting: [Request, Reply][] = [];

  constructor(_sim: Simulation, private readonly options: BulkheadOptions) {
    this.name = options.name ?? `bulkhead(${options.target.name})`;
    requireInteger('Bulkhead', 'maxConcurrent', options.maxConcurrent, 1);
    requireNonNegative('Bulkhead', 'maxWaiting', options.maxWaiting ?? 0);
  }

  get concurrent(): number {
    return this.inFlight;
  }

  handle(request: Request, reply: Reply): void {
    if (this.inFlight < this.options.maxConcurrent) this.send(request, reply);
    else if (this.waiting.length < (this.options.maxWaiting ?? 0)) this.waiting.push([request, reply]);
    else {
      this.rejected.increment();
      reply(request, 'rejected');
    }
  }

  private send(request: Request, reply: Reply): void {
    this.inFlight++;
    this.options.target.handle(request, (answered, outcome) => {
      this.inFlight--;
      const next = this.waiting.shift();
      if (next) this.send(next[0], next[1]);
      reply(answered, outcome);
    });
  }
}
