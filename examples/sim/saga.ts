/**
 * A saga: a business operation spread over several services (reserve stock,
 * charge the card, book the courier) without a distributed transaction. Its
 * steps run one after another; when one fails, the steps already done are
 * undone by their compensations, in reverse order (refund the card, release the
 * stock), and the saga answers with the failure. Between the failure and the
 * last compensation the system is visibly inconsistent: `inconsistentMs` measures it.
 */
import type { Simulation } from './engine';
import { Counter, Stats } from './statistics';
import { invalid, requireTarget } from './request';
import type { Outcome, Reply, Request, Target } from './request';

export interface SagaStep {
  name: string;
  /** Does the step's work: 'ok' moves on to the next step. */
  action: Target;
  /** Undoes a completed action when a later step fails. Wrap it in a `Retry`: a compensation must not give up. */
  compensation?: Target;
}

export interface SagaOptions {
  steps: SagaStep[];
  name?: string;
}

/** What happened to one saga, in order: `['reserve', 'ok'], ['charge', 'error'], ['undo reserve', 'ok']`. */
export type SagaLog = [string, Outcome][];

interface Run {
  request: Request;
  reply: Reply;
  log: SagaLog;
  failedAt: number;
  failure: Outcome;
}

export class Saga implements Target {
  readonly name: string;
  readonly started = new Counter();
  readonly completed = new Counter();
  /** Sagas that failed part-way and ran their compensations. */
  readonly compensated = new Counter();
  /** Compensations that themselves failed: the saga is left inconsistent, for a person to repair. */
  readonly compensationFailures = new Counter();
  /** Failures per step name: where sagas stop. */
  readonly failuresByStep = new Map<string, number>();
  /** From the failing step's answer to the last compensation's answer, ms. */
  readonly inconsistentMs = new Stats();
  /** The logs of the most recent sagas (up to 100), oldest first. */
  readonly recentLogs: SagaLog[] = [];

  constructor(private readonly sim: Simulation, private readonly options: SagaOptions) {
    this.name = options.name ?? 'saga';
    const component = `Saga '${this.name}'`;
    if (!Array.isArray(options.steps) || options.steps.length === 0) invalid(component, 'steps', 'a non-empty list of steps', options.steps);
    options.steps.forEach((step, i) => {
      if (typeof step?.name !== 'string') invalid(component, `steps[${i}].name`, 'a string', step?.name);
      requireTarget(component, `steps[${i}].action`, step.action);
      if (step.compensation !== undefined) requireTarget(component, `steps[${i}].compensation`, step.compensation);
    });
  }

  handle(request: Request, reply: Reply): void {
    this.started.increment();
    const run: Run = { request, reply, log: [], failedAt: NaN, failure: 'error' };
    this.step(run, 0);
  }

  private step(run: Run, index: number): void {
    const steps = this.options.steps;
    if (index === steps.length) {
      this.completed.increment();
      this.end(run, 'ok');
      return;
    }
    const step = steps[index];
    step.action.handle(run.request, (_answered, outcome) => {
      run.log.push([step.name, outcome]);
      if (outcome === 'ok') {
        this.step(run, index + 1);
        return;
      }
      this.failuresByStep.set(step.name, (this.failuresByStep.get(step.name) ?? 0) + 1);
      run.failedAt = this.sim.now;
      run.failure = outcome;
      this.compensate(run, index - 1);
    });
  }

  private compensate(run: Run, index: number): void {
    if (index < 0) {
      this.compensated.increment();
      this.inconsistentMs.record(this.sim.now - run.failedAt);
      this.end(run, run.failure);
      return;
    }
    const step = this.options.steps[index];
    if (step.compensation === undefined) {
      this.compensate(run, index - 1);
      return;
    }
    step.compensation.handle(run.request, (_answered, outcome) => {
      run.log.push([`undo ${step.name}`, outcome]);
      if (outcome !== 'ok') this.compensationFailures.increment();
      this.compensate(run, index - 1);
    });
  }

  private end(run: Run, outcome: Outcome): void {
    this.recentLogs.push(run.log);
    if (this.recentLogs.length > 100) this.recentLogs.shift();
    run.reply(run.request, outcome);
  }
}
