/**
 * A bad release, shipped three ways.
 *
 * The new version has a bug: BUG_ERROR_RATIO of its requests fail. A canary
 * release gives it CANARY_STEPS of the traffic in turn, and every
 * ANALYSIS_INTERVAL_MS an analysis (as in Argo Rollouts or Flagger) compares its
 * error ratio with MAX_ERROR_RATIO; after FAILURE_LIMIT failed checks in a row,
 * traffic goes back to the stable version. A big-bang release sends everyone
 * to the new version at once, with the same automatic analysis, or with none:
 * then an alert pages a person, who rolls back by hand.
 *
 * The analysis needs wall-clock time whatever the share, so what a canary buys
 * is a smaller share of traffic exposed during that time.
 */
import { Simulation, Random, Server, OpenLoad, TimeSeries, show, table, lineChart } from '../sim';
import type { Reply, Request, Target } from '../sim';

export const REQUESTS_PER_SECOND = 40;
export const SERVICE_MS = 20;
/** Failures of the version in production today: the baseline. */
export const BASELINE_ERROR_RATIO = 0.001;
/** Failures of the new version (a bug on a path that one request in five takes). */
export const BUG_ERROR_RATIO = 0.2;
/** The new version's share of traffic at each step, and how long each step lasts. */
export const CANARY_STEPS = [0.05, 0.25, 0.5, 1];
export const STEP_MS = 5 * 60_000;
/** A tighter gate, for the exercise that hunts a subtler bug. */
export const SUBTLE_GATE = 0.003;
/** The analysis: how often it checks, the error ratio it tolerates, failed checks before a rollback. */
export const ANALYSIS_INTERVAL_MS = 60_000;
export const MAX_ERROR_RATIO = 0.01;
export const FAILURE_LIMIT = 2;
/** Without analysis: the alert fires after this long, and the on-call engineer needs this long to roll back. */
export const ALERT_AFTER_MS = 5 * 60_000;
export const HUMAN_ROLLBACK_MS = 10 * 60_000;
/** The release starts here; the run lasts SIMULATED_MS. */
export const RELEASE_AT_MS = 60_000;
export const SIMULATED_MS = 24 * 60_000;
export const SEED = 5;

export type Strategy = 'canary' | 'big bang, automatic rollback' | 'big bang, rollback by hand';
export const STRATEGIES: Strategy[] = ['canary', 'big bang, automatic rollback', 'big bang, rollback by hand'];

export interface ReleaseResult {
  strategy: Strategy;
  /** Requests that failed because of the release (above the baseline). */
  failedByRelease: number;
  /** Requests that reached the new version. */
  exposed: number;
  /** From the start of the release to traffic back on the stable version, ms (NaN: never). */
  rolledBackAfterMs: number;
  /** The largest share of traffic the new version had. */
  peakShare: number;
  /** [minute, failed requests in that minute] */
  failuresPerMinute: [number, number][];
}

/** A version of the service: it fails `errorRatio` of the requests it serves. */
function version(sim: Simulation, random: Random, name: string, errorRatio: number): Server {
  const work = random.split();
  return new Server(sim, { name, workers: 16, serviceTime: () => work.exponential(SERVICE_MS), errorProbability: errorRatio, random: random.split() });
}

/**
 * The router between the two versions: sends each request to the new version with
 * probability `share`, and counts the new version's answers for the analysis.
 */
class TrafficSplit implements Target {
  readonly name = 'traffic split';
  share = 0;
  peakShare = 0;
  exposed = 0;
  answers = 0;
  failures = 0;

  constructor(private readonly random: Random, private readonly stable: Target, private readonly candidate: Target) {}

  setShare(share: number): void {
    this.share = share;
    this.peakShare = Math.max(this.peakShare, share);
  }

  handle(request: Request, reply: Reply): void {
    if (this.share === 0 || this.random.next() >= this.share) {
      this.stable.handle(request, reply);
      return;
    }
    this.exposed++;
    this.candidate.handle(request, (done, outcome) => {
      this.answers++;
      if (outcome !== 'ok') this.failures++;
      reply(done, outcome);
    });
  }

  /** The new version's error ratio since the last call (NaN with no answers), as a metrics query would return it. */
  takeErrorRatio(): number {
    const ratio = this.failures / this.answers;
    this.answers = 0;
    this.failures = 0;
    return ratio;
  }
}

/** What a release run may change from the constants above (the exercises do). */
export interface Scenario {
  bugErrorRatio?: number;
  canarySteps?: number[];
  maxErrorRatio?: number;
  seed?: number;
}

/** Steps the share up on a schedule; every interval, checks the error ratio and rolls back after FAILURE_LIMIT failed checks. */
function analysedRollout(sim: Simulation, split: TrafficSplit, steps: number[], maxErrorRatio: number, onRollback: () => void): void {
  let failedChecks = 0;
  let done = false;
  steps.forEach((share, i) => sim.at(RELEASE_AT_MS + i * STEP_MS, () => !done && split.setShare(share)));
  const check = () => {
    if (done) return;
    const ratio = split.takeErrorRatio();
    failedChecks = ratio > maxErrorRatio ? failedChecks + 1 : 0;
    if (failedChecks >= FAILURE_LIMIT) {
      done = true;
      split.setShare(0);
      onRollback();
      return;
    }
    sim.schedule(ANALYSIS_INTERVAL_MS, check);
  };
  sim.at(RELEASE_AT_MS + ANALYSIS_INTERVAL_MS, check);
}

export function simulate(strategy: Strategy, scenario: Scenario = {}): ReleaseResult {
  const { bugErrorRatio = BUG_ERROR_RATIO, canarySteps = CANARY_STEPS, maxErrorRatio = MAX_ERROR_RATIO, seed = SEED } = scenario;
  const sim = new Simulation();
  const random = new Random(seed);
  const stable = version(sim, random, 'stable', BASELINE_ERROR_RATIO);
  const candidate = version(sim, random, 'new version', bugErrorRatio);
  const split = new TrafficSplit(random.split(), stable, candidate);
  let rolledBackAt = NaN;
  const rollback = () => (rolledBackAt = sim.now);
  if (strategy === 'canary') analysedRollout(sim, split, canarySteps, maxErrorRatio, rollback);
  else if (strategy === 'big bang, automatic rollback') analysedRollout(sim, split, [1], maxErrorRatio, rollback);
  else {
    sim.at(RELEASE_AT_MS, () => split.setShare(1));
    // Only a release that fails more than the analysis would tolerate pages anyone.
    if (bugErrorRatio > maxErrorRatio) {
      sim.at(RELEASE_AT_MS + ALERT_AFTER_MS + HUMAN_ROLLBACK_MS, () => {
        split.setShare(0);
        rollback();
      });
    }
  }
  const failures = new TimeSeries({ bucketMs: 60_000 });
  let failed = 0;
  const client: Target = {
    name: 'users',
    handle(request, reply) {
      split.handle(request, (done, outcome) => {
        if (outcome !== 'ok') {
          failed++;
          failures.record(sim.now, 1);
        }
        reply(done, outcome);
      });
    },
  };
  const load = new OpenLoad(sim, { target: client, random: random.split(), ratePerSecond: REQUESTS_PER_SECOND, stopAtMs: SIMULATED_MS });
  sim.run({ until: SIMULATED_MS + 60_000 });
  failures.extendTo(SIMULATED_MS);
  const baseline = load.stats.sent.count * BASELINE_ERROR_RATIO;
  return {
    strategy,
    failedByRelease: Math.max(0, Math.round(failed - baseline)),
    exposed: split.exposed,
    rolledBackAfterMs: rolledBackAt - RELEASE_AT_MS,
    peakShare: split.peakShare,
    failuresPerMinute: failures.points('count').map(([t, n]) => [t / 60_000, n]),
  };
}

export function compare(scenario: Scenario = {}): ReleaseResult[] {
  return STRATEGIES.map((strategy) => simulate(strategy, scenario));
}

/** Over `seeds` runs of a canary: the share rolled back (a good release rolled back is a false alarm). */
export function rollbackShare(scenario: Scenario, seeds = 20): number {
  let rolledBack = 0;
  for (let seed = 1; seed <= seeds; seed++) if (!Number.isNaN(simulate('canary', { ...scenario, seed }).rolledBackAfterMs)) rolledBack++;
  return rolledBack / seeds;
}

const minutes = (ms: number) => (Number.isNaN(ms) ? 'never' : `${(ms / 60_000).toFixed(1)} minutes`);
const count = (n: number) => n.toLocaleString('en-US');

/** The figures chapter 04 shows ({canary.canaryFailed} in the page). */
export function facts() {
  const [canary, bigBang, byHand] = compare();
  // A bug too small for the gate: the canary passes every step and ships it to everyone.
  const subtle = BASELINE_ERROR_RATIO * 5;
  const subtleCanary = simulate('canary', { bugErrorRatio: subtle });
  // The exercises: a 1% first step; a gate tight enough for the subtle bug, and what it does to good releases.
  const onePercent = simulate('canary', { canarySteps: [0.01, ...CANARY_STEPS.slice(1)] });
  const tightGate = SUBTLE_GATE;
  const subtleCaught = rollbackShare({ bugErrorRatio: subtle, maxErrorRatio: tightGate });
  const falseAlarms = rollbackShare({ bugErrorRatio: BASELINE_ERROR_RATIO, maxErrorRatio: tightGate });
  const falseAlarmsAtGate = rollbackShare({ bugErrorRatio: BASELINE_ERROR_RATIO });
  return {
    requestsPerSecond: `${REQUESTS_PER_SECOND}`,
    bugShare: `${Math.round(BUG_ERROR_RATIO * 100)}%`,
    firstStep: `${Math.round(CANARY_STEPS[0] * 100)}%`,
    stepMinutes: `${STEP_MS / 60_000} minutes`,
    gate: `${MAX_ERROR_RATIO * 100}%`,
    interval: ANALYSIS_INTERVAL_MS === 60_000 ? 'minute' : `${ANALYSIS_INTERVAL_MS / 60_000} minutes`,
    failureLimit: `${FAILURE_LIMIT}`,
    canaryFailed: count(canary.failedByRelease),
    canaryExposed: count(canary.exposed),
    canaryRolledBackAfter: minutes(canary.rolledBackAfterMs),
    bigBangFailed: count(bigBang.failedByRelease),
    bigBangRolledBackAfter: minutes(bigBang.rolledBackAfterMs),
    byHandFailed: count(byHand.failedByRelease),
    byHandRolledBackAfter: minutes(byHand.rolledBackAfterMs),
    humanMinutes: `${(ALERT_AFTER_MS + HUMAN_ROLLBACK_MS) / 60_000} minutes`,
    bigBangTimesCanary: `${Math.round(bigBang.failedByRelease / canary.failedByRelease)}`,
    // The canary rolls back at its first step, as fast as the big bang with the same analysis...
    canaryStopsAtFirstStep: canary.peakShare === CANARY_STEPS[0] && Math.abs(canary.rolledBackAfterMs - bigBang.rolledBackAfterMs) <= ANALYSIS_INTERVAL_MS,
    // ...so it fails about as many times fewer requests as its first step is smaller than everyone.
    canaryFailsFarFewer: canary.failedByRelease * 10 < bigBang.failedByRelease && bigBang.failedByRelease * 5 < byHand.failedByRelease,
    subtleBug: `${(subtle * 100).toFixed(1)}%`,
    subtleShipped: subtleCanary.peakShare === 1 && Number.isNaN(subtleCanary.rolledBackAfterMs),
    onePercentFailed: count(onePercent.failedByRelease),
    onePercentRolledBackAfter: minutes(onePercent.rolledBackAfterMs),
    onePercentFewer: onePercent.failedByRelease * 3 < canary.failedByRelease,
    tightGate: `${(tightGate * 100).toFixed(1)}%`,
    subtleCaughtShare: `${Math.round(subtleCaught * 100)}%`,
    falseAlarmShare: `${Math.round(falseAlarms * 100)}%`,
    falseAlarmShareAtGate: `${Math.round(falseAlarmsAtGate * 100)}%`,
    tightGateTradesFalseAlarms: subtleCaught > 0.5 && falseAlarms > falseAlarmsAtGate,
  };
}

export default function main(): void {
  const results = compare();
  show(
    table(
      ['release', 'largest share', 'rolled back after', 'requests on the new version', 'failed by the release'],
      results.map((r) => [r.strategy, `${r.peakShare * 100}%`, minutes(r.rolledBackAfterMs), r.exposed, r.failedByRelease]),
      `A release that fails ${BUG_ERROR_RATIO * 100}% of its requests, at ${REQUESTS_PER_SECOND} requests per second`,
    ),
    lineChart(
      'Failed requests per minute',
      { label: 'time', unit: 'minutes' },
      { label: 'failed requests', unit: 'per minute' },
      results.map((r) => ({ name: r.strategy, points: r.failuresPerMinute })),
      'The canary’s failures stay a small bump before its rollback; the big bang with analysis fails everyone’s share for the same two minutes; rolled back by hand, it fails for a quarter of an hour.',
    ),
  );
}
