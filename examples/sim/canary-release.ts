/**
 * A canary release: a new version takes a growing share of traffic in stages
 * (1 %, 5 %, 25 %, ...), and an automatic gate watches its error ratio. If the
 * canary fails more than `maxErrorRatio` of its requests in a stage, traffic goes
 * back to the stable version at once: a bad release hurts a few percent of users
 * for a few minutes instead of everyone. A big-bang release is `stages: [1]`.
 */
import type { Simulation } from './engine';
import type { Random } from './random';
import { Counter } from './statistics';
import { invalid, requireInteger, requireNonNegative, requirePositive, requireProbability, requireTarget } from './request';
import type { Outcome, Reply, Request, Target } from './request';

export interface CanaryReleaseOptions {
  /** The version in production now. */
  stable: Target;
  /** The new version. */
  canary: Target;
  random: Random;
  /** The canary's share of traffic at each stage (0..1), rising: `[0.01, 0.05, 0.25, 0.5, 1]`. */
  stages: number[];
  /** Time spent at each stage before moving to the next, ms. */
  stageMs: number;
  /** Roll back when more than this fraction of the canary's requests in a stage fail. 1 turns the gate off. */
  maxErrorRatio: number;
  /** Judge a stage only once the canary has answered this many of its requests. Default 50. */
  minRequests?: number;
  /** When the rollout starts, ms. Default: now. Before it, all traffic goes to `stable`. */
  startAtMs?: number;
  name?: string;
}

export type ReleaseState = 'waiting' | 'rolling out' | 'complete' | 'rolled back';

export class CanaryRelease implements Target {
  readonly name: string;
  state: ReleaseState = 'waiting';
  /** The canary's share of traffic now, 0..1. */
  share = 0;
  /** [time ms, canary share] at every change: a step chart of the rollout. */
  readonly history: [number, number][];
  readonly stableRequests = new Counter();
  readonly canaryRequests = new Counter();
  /** Canary requests that ended other than 'ok', over the whole release. */
  readonly canaryFailures = new Counter();
  /** Requests of any version that failed while the release ran: what users saw. */
  readonly failures = new Counter();
  private stage = -1;
  private stageAnswers = 0;
  private stageFailures = 0;
  private stageTimer = -1;
  private readonly minRequests: number;

  constructor(private readonly sim: Simulation, private readonly options: CanaryReleaseOptions) {
    this.name = options.name ?? 'canary-release';
    const component = `CanaryRelease '${this.name}'`;
    requireTarget(component, 'stable', options.stable);
    requireTarget(component, 'canary', options.canary);
    if (typeof options.random?.next !== 'function') invalid(component, 'random', 'a Random', options.random);
    if (!Array.isArray(options.stages) || options.stages.length === 0) invalid(component, 'stages', 'a non-empty list of shares', options.stages);
    options.stages.forEach((share, i) => {
      requireProbability(component, `stages[${i}]`, share);
      if (i > 0 && !(share > options.stages[i - 1])) invalid(component, `stages[${i}]`, `greater than the stage before (${options.stages[i - 1]})`, share);
    });
    requirePositive(component, 'stageMs', options.stageMs);
    requireProbability(component, 'maxErrorRatio', options.maxErrorRatio);
    this.minRequests = options.minRequests ?? 50;
    requireInteger(component, 'minRequests', this.minRequests, 1);
    const start = options.startAtMs ?? sim.now;
    requireNonNegative(component, 'startAtMs', start);
    this.history = [[sim.now, 0]];
    sim.at(Math.max(sim.now, start), () => {
      this.state = 'rolling out';
      this.nextStage();
    });
  }

  handle(request: Request, reply: Reply): void {
    const toCanary = this.share > 0 && (this.share >= 1 || this.options.random.next() < this.share);
    if (toCanary) {
      this.canaryRequests.increment();
      const stage = this.stage;
      this.options.canary.handle(request, (answered, outcome) => {
        this.judge(stage, outcome);
        this.count(outcome);
        reply(answered, outcome);
      });
    } else {
      this.stableRequests.increment();
      this.options.stable.handle(request, (answered, outcome) => {
        this.count(outcome);
        reply(answered, outcome);
      });
    }
  }

  private count(outcome: Outcome): void {
    if (outcome !== 'ok' && this.state !== 'waiting') this.failures.increment();
  }

  private judge(stage: number, outcome: Outcome): void {
    if (outcome !== 'ok') this.canaryFailures.increment();
    // Answers from an earlier stage, or after the decision, no longer count.
    if (stage !== this.stage || this.state !== 'rolling out') return;
    this.stageAnswers++;
    if (outcome !== 'ok') this.stageFailures++;
    if (this.stageAnswers >= this.minRequests && this.stageFailures / this.stageAnswers > this.options.maxErrorRatio) this.rollBack();
  }

  private nextStage(): void {
    if (this.state !== 'rolling out') return;
    this.stage++;
    if (this.stage === this.options.stages.length) {
      this.state = 'complete';
      return;
    }
    this.stageAnswers = 0;
    this.stageFailures = 0;
    this.setShare(this.options.stages[this.stage]);
    this.stageTimer = this.sim.schedule(this.options.stageMs, () => this.nextStage());
  }

  private rollBack(): void {
    this.state = 'rolled back';
    this.sim.cancel(this.stageTimer);
    this.setShare(0);
  }

  private setShare(share: number): void {
    this.share = share;
    this.history.push([this.sim.now, share]);
  }
}
