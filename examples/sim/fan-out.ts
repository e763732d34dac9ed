/**
 * Fan-out: one request calls every target in parallel (a page built from ten
 * services, a search over a hundred shards) and answers when `waitFor` of them
 * have answered 'ok'. Waiting for all makes the request as slow as its slowest
 * call: if 1 % of calls are slow, 1 − 0.99ⁿ of requests are, 63 % at n = 100.
 * Waiting for the first k of n (a quorum, or "good enough" search results) cuts
 * that tail. A request fails as soon as too many calls have failed for `waitFor`
 * to be reached.
 */
import type { Simulation } from './engine';
import { Counter, Stats } from './statistics';
import { copyRequest, invalid, requireInteger, requireTarget } from './request';
import type { Outcome, Reply, Request, Target } from './request';

export interface FanOutOptions {
  /** Called in parallel, each with its own copy of the request. */
  targets: Target[];
  /** Answer 'ok' once this many calls have answered 'ok'. Default: all of them. */
  waitFor?: number;
  /** Once decided, mark the calls still out `cancelled`, so servers skip them if still queued. Default false. */
  cancelRest?: boolean;
  name?: string;
}

interface Gather {
  request: Request;
  reply: Reply;
  startedAt: number;
  calls: Request[];
  ok: number;
  failed: number;
  lastFailure: Outcome;
  done: boolean;
}

export class FanOut implements Target {
  readonly name: string;
  readonly requests = new Counter();
  readonly ok = new Counter();
  readonly failed = new Counter();
  /** Calls answered after their request was decided. */
  readonly lateAnswers = new Counter();
  /** From arrival to the answer, ms: the latency the fan-out's caller sees. */
  readonly latency = new Stats();
  readonly waitFor: number;

  constructor(private readonly sim: Simulation, private readonly options: FanOutOptions) {
    this.name = options.name ?? 'fan-out';
    const component = `FanOut '${this.name}'`;
    if (!Array.isArray(options.targets) || options.targets.length === 0) {
      invalid(component, 'targets', 'a non-empty list of targets', options.targets);
    }
    options.targets.forEach((target, i) => {
      requireTarget(component, `targets[${i}]`, target);
    });
    this.waitFor = options.waitFor ?? options.targets.length;
    requireInteger(component, 'waitFor', this.waitFor, 1);
    if (this.waitFor > options.targets.length) {
      invalid(component, 'waitFor', `at most the number of targets (${options.targets.length})`, this.waitFor);
    }
  }

  handle(request: Request, reply: Reply): void {
    this.requests.increment();
    const gather: Gather = { request, reply, startedAt: this.sim.now, calls: [], ok: 0, failed: 0, lastFailure: 'error', done: false };
    for (const target of this.options.targets) {
      const call = copyRequest(request);
      gather.calls.push(call);
      target.handle(call, (_answered, outcome) => this.answer(gather, outcome));
    }
  }

  private answer(gather: Gather, outcome: Outcome): void {
    if (gather.done) {
      this.lateAnswers.increment();
      return;
    }
    if (outcome === 'ok') gather.ok++;
    else {
      gather.failed++;
      gather.lastFailure = outcome;
    }
    const succeeded = gather.ok >= this.waitFor;
    if (!succeeded && gather.failed <= this.options.targets.length - this.waitFor) return;
    gather.done = true;
    if (this.options.cancelRest) for (const call of gather.calls) call.cancelled = true;
    this.latency.record(this.sim.now - gather.startedAt);
    if (succeeded) this.ok.increment();
    else this.failed.increment();
    gather.reply(gather.request, succeeded ? 'ok' : gather.lastFailure);
  }
}
