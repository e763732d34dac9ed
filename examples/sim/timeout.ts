/**
 * A timeout: stop waiting for a target after `timeoutMs`. The target keeps
 * working on the request (it cannot know the caller left), which is exactly
 * why timeouts alone do not protect an overloaded server.
 */
import type { Simulation } from './engine';
import { Counter } from './statistics';
import { copyRequest, learnFrom, requirePositive } from './request';
import { ARRIVE, TIMEOUT, traceKind } from './trace';
import type { Reply, Request, Target } from './request';

export interface TimeoutOptions {
  target: Target;
  /** How long to wait for an answer, ms. */
  timeoutMs: number;
  /**
   * Tell the target when the caller stops waiting: the request goes on as a copy
   * carrying `deadline` (the earlier of its own and now + timeoutMs), so a `Server`
   * drops it unserved once nobody waits for it. Default false.
   */
  propagateDeadline?: boolean;
  name?: string;
}

export class Timeout implements Target {
  readonly name: string;
  readonly timedOut = new Counter();
  /** Answers that arrived after the caller had given up: work the target did for nobody. */
  readonly lateAnswers = new Counter();

  constructor(private readonly sim: Simulation, private readonly options: TimeoutOptions) {
    this.name = options.name ?? `timeout(${options.target.name})`;
    requirePositive('Timeout', 'timeoutMs', options.timeoutMs);
  }

  handle(request: Request, reply: Reply): void {
    let settled = false;
    let sent = request;
    const tracer = this.sim.tracer;
    if (tracer !== null) {
      const { kind, workers } = traceKind(this.options.target);
      tracer.link(this, 'timeout', this.options.target, kind, workers);
      tracer.record(this, 'timeout', request, ARRIVE);
    }
    if (this.options.propagateDeadline) {
      sent = copyRequest(request, { deadline: Math.min(request.deadline ?? Infinity, this.sim.now + this.options.timeoutMs) });
    }
    const timer = this.sim.schedule(this.options.timeoutMs, () => {
      if (settled) return;
      settled = true;
      this.timedOut.increment();
      if (this.sim.tracer !== null) this.sim.tracer.record(this, 'timeout', request, TIMEOUT);
      reply(request, 'timeout');
    });
    this.options.target.handle(sent, (answered, outcome) => {
      if (settled) {
        this.lateAnswers.increment();
        return;
      }
      settled = true;
      this.sim.cancel(timer);
      // Hand back the caller's own request, with what the copy learned on its way.
      if (sent === request) reply(answered, outcome);
      else {
        learnFrom(request, answered);
        reply(request, outcome);
      }
    });
  }
}
