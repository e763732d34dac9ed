/**
 * A retry budget, as in Finagle and gRPC: retries may add at most `ratio` of the
 * requests a client sent over the last `windowMs` (10 % by default), plus a small
 * allowance so that a quiet client can still retry. Shared by every `Retry` of a
 * client (give them the same budget), it caps the extra load retries can add to
 * a struggling dependency at 1 + ratio, where "three retries per call at every
 * layer" can multiply it by 4 per layer: the retry storm.
 */
import type { Simulation } from './engine';
import { Counter } from './statistics';
import { invalid, requireNonNegative, requireProbability } from './request';

export interface RetryBudgetOptions {
  /** Retries allowed as a fraction of requests in the window (0..1). Default 0.1. */
  ratio?: number;
  /** Retries per second always allowed, however few requests were sent. Default 10. */
  minRetriesPerSecond?: number;
  /** How far back requests and retries count, ms. Default 10 s. */
  windowMs?: number;
  name?: string;
}

// The window is kept as this many slices, each forgotten as a whole when it ages out.
const SLICES = 10;

export class RetryBudget {
  readonly name: string;
  readonly ratio: number;
  readonly minRetriesPerSecond: number;
  readonly windowMs: number;
  /** First attempts recorded. */
  readonly requests = new Counter();
  /** Retries the budget allowed. */
  readonly retries = new Counter();
  /** Retries the budget refused: each one a failure answered at once instead of more load. */
  readonly denied = new Counter();
  private readonly requestSlices = new Float64Array(SLICES);
  private readonly retrySlices = new Float64Array(SLICES);
  private currentSlice = 0;

  constructor(private readonly sim: Simulation, options: RetryBudgetOptions = {}) {
    this.name = options.name ?? 'retry-budget';
    const component = `RetryBudget '${this.name}'`;
    this.ratio = options.ratio ?? 0.1;
    requireProbability(component, 'ratio', this.ratio);
    this.minRetriesPerSecond = options.minRetriesPerSecond ?? 10;
    requireNonNegative(component, 'minRetriesPerSecond', this.minRetriesPerSecond);
    this.windowMs = options.windowMs ?? 10_000;
    if (!(this.windowMs > 0 && Number.isFinite(this.windowMs))) invalid(component, 'windowMs', 'a finite number > 0', this.windowMs);
    this.currentSlice = this.sliceAt(sim.now);
  }

  /** Count one first attempt (a `Retry` with this budget calls it for you). */
  recordRequest(): void {
    this.advance();
    this.requests.increment();
    this.requestSlices[this.currentSlice % SLICES]++;
  }

  /** Whether one more retry fits in the budget now; counts it if so. */
  tryRetry(): boolean {
    this.advance();
    let requests = 0, retries = 0;
    for (let i = 0; i < SLICES; i++) {
      requests += this.requestSlices[i];
      retries += this.retrySlices[i];
    }
    const allowed = this.ratio * requests + (this.minRetriesPerSecond * this.windowMs) / 1000;
    if (retries + 1 > allowed) {
      this.denied.increment();
      return false;
    }
    this.retries.increment();
    this.retrySlices[this.currentSlice % SLICES]++;
    return true;
  }

  private sliceAt(time: number): number {
    return Math.floor(time / (this.windowMs / SLICES));
  }

  /** Forget the slices that have left the window since the last call. */
  private advance(): void {
    const slice = this.sliceAt(this.sim.now);
    for (let s = this.currentSlice + 1; s <= slice && s <= this.currentSlice + SLICES; s++) {
      this.requestSlices[s % SLICES] = 0;
      this.retrySlices[s % SLICES] = 0;
    }
    this.currentSlice = slice;
  }
}
