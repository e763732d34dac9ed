/**
 * Open load: requests arrive whether or not earlier ones were answered, like
 * visitors from the whole internet. When the system slows down, arrivals do
 * not: queues grow without bound. Compare closed-load.ts.
 */
import type { Simulation } from './engine';
import type { Random } from './random';
import { ClientStats } from './client-stats';
import type { ClientStatsOptions } from './client-stats';
import { ARRIVE, outcomeCode } from './trace';
import { invalid, requireInteger, requireNonNegative, requireTarget } from './request';
import type { Outcome, Request, Target } from './request';

/** From `atMs` on, requests arrive at `ratePerSecond` (until the next step). */
export interface RateStep {
  atMs: number;
  ratePerSecond: number;
}

/** `count` extra requests at `atMs`, spread evenly over `spreadMs` (default 0: all at once). */
export interface Burst {
  atMs: number;
  count: number;
  spreadMs?: number;
}

export interface OpenLoadOptions extends ClientStatsOptions {
  /** The client's name in a trace's diagram. Default 'clients'. */
  name?: string;
  target: Target;
  random: Random;
  /** Mean arrival rate in requests per second, or steps of rates over virtual time. */
  ratePerSecond: number | RateStep[];
  /**
   * 'poisson' (default): exponential gaps, like many independent users.
   * 'uniform': evenly spaced, like a cron job or a load-test tool.
   */
  arrivals?: 'poisson' | 'uniform';
  bursts?: Burst[];
  /**
   * Stop sending at this virtual time (ms). Give this or `maxRequests`: arrivals that
   * never end would keep `sim.run()` from ever returning. `Infinity` says you stop the
   * run yourself, with `sim.run({ until })`.
   */
  stopAtMs?: number;
  /** Stop after this many requests (bursts included). */
  maxRequests?: number;
  /** Key of each request, for consistent hashing and caches. Default: none. */
  key?: (id: number) => string;
  /** Requests are reads unless this says otherwise (databases route writes to the primary). */
  kind?: (id: number) => 'read' | 'write';
}

export class OpenLoad {
  readonly stats: ClientStats;
  private readonly steps: RateStep[];
  private stepIndex = 0;
  private nextId = 0;
  private pendingArrival = -1;
  private readonly onReply = (request: Request, outcome: Outcome) => {
    if (this.sim.tracer !== null) this.sim.tracer.record(this, 'client', request, outcomeCode(outcome));
    this.stats.record(request, outcome);
  };
  /** How the client appears in a trace's diagram. */
  readonly name: string;

  constructor(private readonly sim: Simulation, private readonly options: OpenLoadOptions) {
    requireTarget('OpenLoad', 'target', options.target);
    this.name = options.name ?? 'clients';
    if (typeof options.random?.exponential !== 'function') invalid('OpenLoad', 'random', 'a Random (new Random(seed))', options.random);
    const rate = options.ratePerSecond;
    this.steps = typeof rate === 'number' ? [{ atMs: sim.now, ratePerSecond: rate }] : [...rate];
    if (this.steps.length === 0) invalid('OpenLoad', 'ratePerSecond', 'a number or a non-empty list of steps', '[]');
    this.steps.forEach((step, i) => {
      const which = typeof rate === 'number' ? '' : ` (step ${i})`;
      // An infinite rate would schedule every arrival at the same instant, forever.
      if (!(step?.ratePerSecond >= 0 && step.ratePerSecond < Infinity)) invalid('OpenLoad', `ratePerSecond${which}`, 'a finite number >= 0', step?.ratePerSecond);
      if (!(step.atMs >= 0 && step.atMs < Infinity)) invalid('OpenLoad', `atMs${which}`, 'a finite number >= 0', step.atMs);
      if (i > 0 && step.atMs < this.steps[i - 1].atMs) invalid('OpenLoad', 'steps', 'sorted by atMs', step.atMs);
    });
    const arrivals = options.arrivals ?? 'poisson';
    if (arrivals !== 'poisson' && arrivals !== 'uniform') {
      invalid('OpenLoad', 'arrivals', "'poisson' or 'uniform'", arrivals);
    }
    if (options.stopAtMs !== undefined && !(options.stopAtMs >= 0)) invalid('OpenLoad', 'stopAtMs', 'a number >= 0 ms', options.stopAtMs);
    if (options.maxRequests !== undefined) requireInteger('OpenLoad', 'maxRequests', options.maxRequests, 0);
    const endless = this.steps[this.steps.length - 1].ratePerSecond > 0;
    if (endless && options.stopAtMs === undefined && options.maxRequests === undefined) {
      throw new Error(
        'OpenLoad: give stopAtMs or maxRequests. With neither, requests arrive forever and sim.run() never returns; ' +
          'if you stop the run yourself with sim.run({ until }), say so with stopAtMs: Infinity',
      );
    }
    this.stats = new ClientStats(sim, options);
    for (const burst of options.bursts ?? []) this.scheduleBurst(burst);
    // Start at the first step; before it, nothing arrives.
    sim.at(Math.max(sim.now, this.steps[0].atMs), () => this.planNextArrival());
    for (let i = 1; i < this.steps.length; i++) {
      sim.at(Math.max(sim.now, this.steps[i].atMs), () => this.changeRate(i));
    }
  }

  /** The arrival rate in force now, requests per second. */
  get currentRatePerSecond(): number {
    return this.steps[this.stepIndex].ratePerSecond;
  }

  private changeRate(index: number): void {
    this.stepIndex = index;
    // Poisson arrivals are memoryless, so throwing away the gap drawn under the
    // old rate and drawing a new one from now is exact, not an approximation.
    if (this.pendingArrival >= 0) this.sim.cancel(this.pendingArrival);
    this.pendingArrival = -1;
    this.planNextArrival();
  }

  private planNextArrival(): void {
    const rate = this.currentRatePerSecond;
    if (rate === 0) return;
    const meanGapMs = 1000 / rate;
    const gap = this.options.arrivals === 'uniform' ? meanGapMs : this.options.random.exponential(meanGapMs);
    if (this.options.stopAtMs !== undefined && this.sim.now + gap > this.options.stopAtMs) return;
    this.pendingArrival = this.sim.schedule(gap, arrive, this);
  }

  /** @internal */
  arrive(): void {
    this.pendingArrival = -1;
    if (this.send()) this.planNextArrival();
  }

  private scheduleBurst(burst: Burst): void {
    requireNonNegative('OpenLoad', 'burst count', burst.count);
    const spread = burst.spreadMs ?? 0;
    for (let i = 0; i < burst.count; i++) {
      this.sim.at(Math.max(this.sim.now, burst.atMs + (spread * i) / burst.count), () => this.send());
    }
  }

  /** Send one request now; false once the request budget is spent. */
  private send(): boolean {
    const max = this.options.maxRequests;
    if (max !== undefined && this.nextId >= max) return false;
    const id = this.nextId++;
    const request: Request = { id, createdAt: this.sim.now };
    if (this.options.key) request.key = this.options.key(id);
    if (this.options.kind) request.kind = this.options.kind(id);
    this.stats.sent.increment();
    if (this.sim.tracer !== null) this.sim.tracer.record(this, 'client', request, ARRIVE);
    this.options.target.handle(request, this.onReply);
    return true;
  }
}

function arrive(client: OpenLoad): void {
  client.arrive();
}
