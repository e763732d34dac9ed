/**
 * A spike, and four autoscalers that meet it.
 *
 * Traffic triples at SPIKE_AT_MS. Each design runs the same service, a pool of
 * instances that each serve one request at a time, behind an autoscaler that
 * looks every INTERVAL_SECONDS and sizes the pool for TARGET_UTILISATION. They
 * differ in what they see and what they can add:
 *
 *   reactive:        utilisation (busy instances and the queue), seen METRICS_DELAY_SECONDS late;
 *                    new instances take BOOT_SECONDS.
 *   leading metric:  the arrival rate, seen LEADING_DELAY_SECONDS late; the same boot time.
 *   warm pool:       the arrival rate, and WARM_POOL instances booted in advance that join
 *                    in WARM_START_SECONDS.
 *   scheduled:       the reactive scaler, told the campaign's time: its floor rises to the
 *                    spike's size BOOT_SECONDS (plus a margin) before the spike.
 *
 * Users give up after TIMEOUT_MS, and the service knows it: a request that has
 * waited that long in the queue is dropped instead of served, so the instances
 * spend their time on requests someone still waits for.
 */
import { Simulation, Random, Server, OpenLoad, Autoscaler, Stats, show, table, lineChart } from '../sim';
import type { Target } from '../sim';

export const BASELINE_RPS = 12;
/** The campaign multiplies traffic by this, from SPIKE_AT_MS for SPIKE_FOR_MS. */
export const SPIKE_MULTIPLE = 3;
export const SPIKE_AT_MS = 150_000;
export const SPIKE_FOR_MS = 5 * 60_000;
/** Work per request, mean ms (lognormal): an instance serves about 1000 / SERVICE_MS requests per second. */
export const SERVICE_MS = 800;
export const TARGET_UTILISATION = 0.6;
export const INTERVAL_SECONDS = 15;
/** The reactive scaler's metric arrives this late: a one-minute average, collected and shipped. */
export const METRICS_DELAY_SECONDS = 60;
/** The arrival rate comes from the load balancer's request count, a shorter path. */
export const LEADING_DELAY_SECONDS = 15;
/** From the decision to a new instance taking requests: boot, join, pull the image, warm up. */
export const BOOT_SECONDS = 90;
/** Instances booted in advance and kept stopped, and how long one takes to join. */
export const WARM_POOL = 40;
export const WARM_START_SECONDS = 5;
/** The scheduled floor rises this long before the spike, on top of the boot time. */
export const SCHEDULE_MARGIN_SECONDS = 30;
/** No scaling in for this long after a change: do not give capacity back during a lull. */
export const SCALE_IN_COOLDOWN_SECONDS = 300;
/** Users stop waiting after this long; a request that has waited this long in the queue is dropped. */
export const TIMEOUT_MS = 4_000;
export const MAX_INSTANCES = 100;
export const SIMULATED_MS = 9 * 60_000;
export const SEED = 6;

export type Design = 'reactive' | 'leading metric' | 'warm pool' | 'scheduled';
export const DESIGNS: Design[] = ['reactive', 'leading metric', 'warm pool', 'scheduled'];

export interface ScalingResult {
  design: Design;
  /** From the start of the spike until enough instances are in service to carry it at 90% utilisation, ms. */
  enoughCapacityAfterMs: number;
  /** Share of the requests arriving during the spike that timed out. */
  spikeFailedShare: number;
  /** Median latency of the requests arriving during the spike, ms (a timed-out request counts at the timeout). */
  spikeP50Ms: number;
  /** The largest number of instances in service. */
  peakInstances: number;
  /** Instances in service integrated over the run, instance-minutes: what you pay for. */
  instanceMinutes: number;
  /** [second, instances in service] */
  instances: [number, number][];
  /** [second, p99 ms of the requests answered in that 10-second bucket] */
  p99OverTime: [number, number][];
}

/** Instances that serve `rps` at the target utilisation. */
export function instancesFor(rps: number): number {
  return Math.ceil((rps * SERVICE_MS) / 1000 / TARGET_UTILISATION);
}

const inSpike = (time: number) => time >= SPIKE_AT_MS && time < SPIKE_AT_MS + SPIKE_FOR_MS;

/** What a run may change from the constants above (the exercise does). */
export interface Options {
  bootSeconds?: number;
  seed?: number;
}

export function simulate(design: Design, options: Options = {}): ScalingResult {
  const { bootSeconds = BOOT_SECONDS, seed = SEED } = options;
  const sim = new Simulation();
  const random = new Random(seed);
  const work = random.split();
  const start = instancesFor(BASELINE_RPS);
  const service = new Server(sim, { name: 'service', workers: start, serviceTime: () => work.lognormal(Math.log(SERVICE_MS) - 0.125, 0.5), queueTimeoutMs: TIMEOUT_MS });
  const leading = design === 'leading metric' || design === 'warm pool';
  const raiseAt = SPIKE_AT_MS - (bootSeconds + SCHEDULE_MARGIN_SECONDS) * 1000;
  const scaler = new Autoscaler(sim, {
    server: service,
    intervalMs: INTERVAL_SECONDS * 1000,
    targetUtilisation: TARGET_UTILISATION,
    minWorkers: start,
    maxWorkers: MAX_INSTANCES,
    provisionDelayMs: bootSeconds * 1000,
    metric: leading ? 'arrivalRate' : 'utilisation',
    meanServiceMs: SERVICE_MS,
    metricsDelayMs: (leading ? LEADING_DELAY_SECONDS : METRICS_DELAY_SECONDS) * 1000,
    scaleInCooldownMs: SCALE_IN_COOLDOWN_SECONDS * 1000,
    warmPool: design === 'warm pool' ? WARM_POOL : 0,
    warmStartMs: WARM_START_SECONDS * 1000,
    scheduledMinimums:
      design === 'scheduled'
        ? [
            { atMs: Math.max(0, raiseAt), minWorkers: instancesFor(BASELINE_RPS * SPIKE_MULTIPLE) },
            { atMs: SPIKE_AT_MS + SPIKE_FOR_MS, minWorkers: start },
          ]
        : [],
  });
  const spike = { latency: new Stats(), requests: 0, failed: 0 };
  const recorder: Target = {
    name: 'users',
    handle(request, reply) {
      const sent = sim.now;
      service.handle(request, (done, outcome) => {
        if (inSpike(sent)) {
          spike.requests++;
          if (outcome !== 'ok') spike.failed++;
          // A dropped request counts at the timeout: that is when its user gave up.
          spike.latency.record(outcome === 'ok' ? sim.now - sent : TIMEOUT_MS);
        }
        reply(done, outcome);
      });
    },
  };
  const load = new OpenLoad(sim, {
    target: recorder,
    random: random.split(),
    ratePerSecond: [
      { atMs: 0, ratePerSecond: BASELINE_RPS },
      { atMs: SPIKE_AT_MS, ratePerSecond: BASELINE_RPS * SPIKE_MULTIPLE },
      { atMs: SPIKE_AT_MS + SPIKE_FOR_MS, ratePerSecond: BASELINE_RPS },
    ],
    stopAtMs: SIMULATED_MS,
    seriesBucketMs: 10_000,
  });
  sim.run({ until: SIMULATED_MS + TIMEOUT_MS });
  const history = scaler.history;
  const needed = Math.ceil((BASELINE_RPS * SPIKE_MULTIPLE * SERVICE_MS) / 1000 / 0.9);
  // The moment the pool could carry the spike: before it if pre-warmed, so never less than 0.
  const enough = history.find(([time, count], i) => count >= needed && (i + 1 === history.length || history[i + 1][0] > SPIKE_AT_MS));
  return {
    design,
    enoughCapacityAfterMs: enough ? Math.max(0, enough[0] - SPIKE_AT_MS) : NaN,
    spikeFailedShare: spike.failed / spike.requests,
    spikeP50Ms: spike.latency.percentile(50),
    peakInstances: Math.max(...history.map(([, count]) => count)),
    instanceMinutes: instanceMinutes(history),
    instances: stepsToSeconds(history),
    p99OverTime: load.stats.latencySeries!.points('p99').map(([t, v]) => [t / 1000, v]),
  };
}

/** The step function [time, instances] integrated up to SIMULATED_MS, in instance-minutes. */
function instanceMinutes(history: [number, number][]): number {
  let total = 0;
  history.forEach(([time, count], i) => {
    const until = i + 1 < history.length ? history[i + 1][0] : SIMULATED_MS;
    total += count * Math.max(0, Math.min(until, SIMULATED_MS) - Math.min(time, SIMULATED_MS));
  });
  return total / 60_000;
}

/** A step chart's points: each change drawn as a vertical step, to the end of the run. */
function stepsToSeconds(history: [number, number][]): [number, number][] {
  const points: [number, number][] = [];
  history.forEach(([time, count], i) => {
    if (i > 0) points.push([time / 1000, history[i - 1][1]]);
    points.push([time / 1000, count]);
  });
  points.push([SIMULATED_MS / 1000, history[history.length - 1][1]]);
  return points;
}

export function compare(options: Options = {}): ScalingResult[] {
  return DESIGNS.map((design) => simulate(design, options));
}

const seconds = (ms: number) => (Number.isNaN(ms) ? 'never' : `${Math.round(ms / 1000)} seconds`);
const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

/** The figures chapter 04 shows ({autoscaling.reactiveFailed} in the page). */
export function facts() {
  const [reactive, leading, warm, scheduled] = compare();
  // The exercise: pods on nodes that already have the image start in 20 seconds.
  const fastBoot = simulate('reactive', { bootSeconds: 20 });
  return {
    baselineRps: `${BASELINE_RPS}`,
    spikeMultiple: `${SPIKE_MULTIPLE}×`,
    spikeMinutes: `${SPIKE_FOR_MS / 60_000} minutes`,
    metricsDelay: `${METRICS_DELAY_SECONDS} seconds`,
    bootTime: `${BOOT_SECONDS} seconds`,
    warmStart: `${WARM_START_SECONDS} seconds`,
    baselineInstances: `${instancesFor(BASELINE_RPS)}`,
    reactiveEnoughAfter: seconds(reactive.enoughCapacityAfterMs),
    reactiveFailed: percent(reactive.spikeFailedShare),
    reactivePeak: `${reactive.peakInstances}`,
    spikeInstances: `${instancesFor(BASELINE_RPS * SPIKE_MULTIPLE)}`,
    leadingEnoughAfter: seconds(leading.enoughCapacityAfterMs),
    leadingFailed: percent(leading.spikeFailedShare),
    warmEnoughAfter: seconds(warm.enoughCapacityAfterMs),
    warmFailed: percent(warm.spikeFailedShare),
    scheduledFailed: percent(scheduled.spikeFailedShare),
    scheduledEnoughAfter: seconds(scheduled.enoughCapacityAfterMs),
    reactiveInstanceMinutes: `${Math.round(reactive.instanceMinutes)}`,
    leadingInstanceMinutes: `${Math.round(leading.instanceMinutes)}`,
    warmInstanceMinutes: `${Math.round(warm.instanceMinutes)}`,
    scheduledInstanceMinutes: `${Math.round(scheduled.instanceMinutes)}`,
    fastBootEnoughAfter: seconds(fastBoot.enoughCapacityAfterMs),
    fastBootFailed: percent(fastBoot.spikeFailedShare),
    fastBootStillFails: fastBoot.spikeFailedShare > 0.05 && fastBoot.spikeFailedShare < reactive.spikeFailedShare,
    leadingBeatsReactive: leading.spikeFailedShare < reactive.spikeFailedShare && leading.enoughCapacityAfterMs < reactive.enoughCapacityAfterMs,
    warmBeatsLeading: warm.spikeFailedShare < leading.spikeFailedShare / 2,
    scheduledFailsAlmostNone: scheduled.spikeFailedShare < 0.01,
    // Reading the queue as demand, the late scaler orders far more than the spike needs, and keeps it through the cooldown.
    reactiveOvershoots: reactive.peakInstances > instancesFor(BASELINE_RPS * SPIKE_MULTIPLE) && reactive.instanceMinutes > leading.instanceMinutes,
  };
}

export default function main(): void {
  const results = compare();
  show(
    table(
      ['design', 'enough capacity after s', 'spike requests timed out %', 'spike p50 ms', 'most instances', 'instance-minutes'],
      results.map((r) => [r.design, r.enoughCapacityAfterMs / 1000, 100 * r.spikeFailedShare, r.spikeP50Ms, r.peakInstances, Math.round(r.instanceMinutes)]),
      `Traffic ×${SPIKE_MULTIPLE} at ${SPIKE_AT_MS / 1000} s for ${SPIKE_FOR_MS / 60_000} minutes; boot ${BOOT_SECONDS} s; users wait ${TIMEOUT_MS / 1000} s`,
    ),
    lineChart(
      'p99 latency over time (10-second buckets)',
      { label: 'time', unit: 's' },
      { label: 'p99', unit: 'ms' },
      results.map((r) => ({ name: r.design, points: r.p99OverTime })),
      'At the spike the p99 of every design but the scheduled one jumps to the users’ timeout; it comes back down first with the warm pool, then with the leading metric, last with the reactive scaler.',
    ),
    lineChart(
      'Instances in service',
      { label: 'time', unit: 's' },
      { label: 'instances' },
      results.map((r) => ({ name: r.design, points: r.instances })),
      'The scheduled design grows before the spike; the warm pool right after it; the leading metric a boot time later; the reactive scaler last, and then to far more instances than the spike needs, which it keeps through its cooldown.',
    ),
  );
}
