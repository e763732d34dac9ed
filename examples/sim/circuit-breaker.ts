/**
 * A circuit breaker: after too many failures, stop calling a failing target
 * for a while and fail fast instead, giving it room to recover.
 *
 *   closed ──(failure ratio ≥ threshold over the window)──▶ open
 *   open ──(after openMs)──▶ half-open: let a few trial requests through
 *   half-open ──(trials all succeed)──▶ closed, ──(a trial fails)──▶ open
 */
import type { Simulation } from './engine';
import { Counter } from './statistics';
import { requireInteger, requirePositive, requireProbability } from './request';
import type { Reply, Request, Target } from './request';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  target: Target;
  /** Open when at least this fraction of the recent calls failed (0..1). */
  failureThreshold: number;
  /** How many recent calls the ratio is computed over. */
  windowSize: number;
  /** Do not judge on fewer calls than this. Default: windowSize. */
  minimumCalls?: number;
  /** How long to stay open before trying again, ms. */
  openMs: number;
  /** Trial requests allowed in half-open. Default 1. */
  halfOpenTrials?: number;
  name?: string;
}

export class CircuitBreaker implements Target {
  readonly name: string;
  state: BreakerState = 'closed';
  /** Requests refused while open, without calling the target. */
  readonly shortCircuited = new Counter();
  /** Every state change, for a chart or a table: [time ms, new state]. */
  readonly transitions: [number, BreakerState][] = [];
  private readonly outcomes: boolean[] = []; // ring of recent successes (true) and failures
  private next = 0;
  private failures = 0;
  private trialsLeft = 0;
  private trialsSucceeded = 0;

  constructor(private readonly sim: Simulation, private readonly options: CircuitBreakerOptions) {
    this.name = options.name ?? `breaker(${options.target.name})`;
    requireProbability('CircuitBreaker', 'failureThreshold', options.failureThreshold);
    requireInteger('CircuitBreaker', 'windowSize', options.windowSize, 1);
    requirePositive('CircuitBreaker', 'openMs', options.openMs);
    requireInteger('CircuitBreaker', 'halfOpenTrials', options.halfOpenTrials ?? 1, 1);
  }

  handle(request: Request, reply: Reply): void {
    if (this.state === 'open' || (this.state === 'half-open' && this.trialsLeft === 0)) {
      this.shortCircuited.increment();
      reply(request, 'rejected');
      return;
    }
    const trial = this.state === 'half-open';
    if (trial) this.trialsLeft--;
    this.options.target.handle(request, (answered, outcome) => {
      // 'rejected' by a full queue counts as a failure: the target is overloaded.
      const success = outcome === 'ok';
      if (trial && this.state === 'half-open') this.judgeTrial(success);
      else if (this.state === 'closed') this.recordInWindow(success);
      reply(answered, outcome);
    });
  }

  private recordInWindow(success: boolean): void {
    const size = this.options.windowSize;
    if (this.outcomes.length < size) this.outcomes.push(success);
    else {
      if (!this.outcomes[this.next]) this.failures--;
      this.outcomes[this.next] = success;
      this.next = (this.next + 1) % size;
    }
    if (!success) this.failures++;
    const calls = this.outcomes.length;
    if (calls >= (this.options.minimumCalls ?? size) && this.failures / calls >= this.options.failureThreshold) this.open();
  }

  private judgeTrial(success: boolean): void {
    if (!success) {
      this.open();
      return;
    }
    this.trialsSucceeded++;
    if (this.trialsSucceeded >= (this.options.halfOpenTrials ?? 1)) this.moveTo('closed');
  }

  private open(): void {
    this.moveTo('open');
    this.sim.schedule(this.options.openMs, () => {
      if (this.state !== 'open') return;
      this.trialsLeft = this.options.halfOpenTrials ?? 1;
      this.trialsSucceeded = 0;
      this.moveTo('half-open');
    });
  }

  private moveTo(state: BreakerState): void {
    this.state = state;
    this.transitions.push([this.sim.now, state]);
    if (state === 'closed') {
      this.outcomes.length = 0;
      this.next = 0;
      this.failures = 0;
    }
  }
}
