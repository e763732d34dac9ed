/**
 * Retries with exponential backoff and jitter. A failed attempt is tried
 * again after base·2^attempt ms (capped), randomised so that clients which
 * failed together do not all come back together ("full jitter", as described
 * in the AWS Architecture Blog). Retries turn a brief failure into success,
 * and an overload into a worse overload: both show up in the examples.
 */
import type { Simulation } from './engine';
import type { Random } from './random';
import type { RetryBudget } from './retry-budget';
import { Counter } from './statistics';
import { invalid, requireInteger, requireNonNegative } from './request';
import { ARRIVE, RETRY, traceKind } from './trace';
import type { Outcome, Reply, Request, Target } from './request';

export interface RetryOptions {
  target: Target;
  random: Random;
  /** Attempts after the first. Integer >= 0. */
  maxRetries: number;
  /** Backoff before the first retry, ms. */
  baseDelayMs: number;
  /** Backoff never exceeds this, ms. Default 10 s. */
  maxDelayMs?: number;
  /** 'full' (default): uniform in [0, backoff]. 'equal': backoff/2 + uniform half. 'none': exactly the backoff. */
  jitter?: 'full' | 'equal' | 'none';
  /** Which outcomes are worth another try. Default: everything except 'ok'. */
  retryOn?: Outcome[];
  /** Shared cap on retries as a fraction of requests (give every Retry of a client the same one). Default: none. */
  budget?: RetryBudget;
  name?: string;
}

export class Retry implements Target {
  readonly name: string;
  /** Attempts sent to the target, first tries included: the load the target really sees. */
  readonly attempts = new Counter();
  readonly retries = new Counter();
  /** Retries the budget refused: the failure went back to the caller at once. */
  readonly budgetDenied = new Counter();
  private readonly retryOn: Set<Outcome>;

  constructor(private readonly sim: Simulation, private readonly options: RetryOptions) {
    this.name = options.name ?? `retry(${options.target.name})`;
    requireInteger('Retry', 'maxRetries', options.maxRetries, 0);
    requireNonNegative('Retry', 'baseDelayMs', options.baseDelayMs);
    const jitter = options.jitter ?? 'full';
    if (!['full', 'equal', 'none'].includes(jitter)) invalid('Retry', 'jitter', "'full', 'equal' or 'none'", jitter);
    this.retryOn = new Set(options.retryOn ?? ['rejected', 'timeout', 'error']);
    if (options.budget !== undefined && typeof options.budget?.tryRetry !== 'function') {
      invalid('Retry', 'budget', 'a RetryBudget', options.budget);
    }
  }

  /** The wait before retry number `retry` (1, 2, ...), ms. */
  backoffMs(retry: number): number {
    const cap = this.options.maxDelayMs ?? 10_000;
    const backoff = Math.min(cap, this.options.baseDelayMs * 2 ** (retry - 1));
    switch (this.options.jitter ?? 'full') {
      case 'none':
        return backoff;
      case 'equal':
        return backoff / 2 + this.options.random.uniform(0, backoff / 2);
      default:
        return this.options.random.uniform(0, backoff);
    }
  }

  handle(request: Request, reply: Reply): void {
    let retry = 0;
    const budget = this.options.budget;
    const tracer = this.sim.tracer;
    if (tracer !== null) {
      const { kind, workers } = traceKind(this.options.target);
      tracer.link(this, 'retry', this.options.target, kind, workers);
      tracer.record(this, 'retry', request, ARRIVE);
    }
    budget?.recordRequest();
    const attempt = () => {
      this.attempts.increment();
      this.options.target.handle(request, (answered, outcome) => {
        if (outcome === 'ok' || !this.retryOn.has(outcome) || retry >= this.options.maxRetries) {
          reply(answered, outcome);
          return;
        }
        const backoff = this.backoffMs(retry + 1);
        // No retry that would start after the caller's deadline: nobody would wait for its answer.
        if (request.deadline !== undefined && this.sim.now + backoff >= request.deadline) {
          reply(answered, outcome);
          return;
        }
        if (budget && !budget.tryRetry()) {
          this.budgetDenied.increment();
          reply(answered, outcome);
          return;
        }
        retry++;
        this.retries.increment();
        if (this.sim.tracer !== null) this.sim.tracer.record(this, 'retry', request, RETRY);
        this.sim.schedule(backoff, attempt);
      });
    };
    attempt();
  }
}
