/**
 * An autoscaler: every `intervalMs` it reads a metric of a server and sets the
 * number of workers that would bring utilisation to `targetUtilisation`. What
 * makes autoscaling hard is the time between a spike and capacity to meet it:
 *
 *   metrics delay (`metricsDelayMs`)  the scaler sees the load as it was a while ago;
 *   interval (`intervalMs`)           it looks only now and then;
 *   boot time (`provisionDelayMs`)    a new worker takes time to come into service;
 *   cooldown (`scaleInCooldownMs`...) it waits after a change before the next one.
 *
 * The answers: scale on a leading metric (`metric: 'arrivalRate'`: the requests
 * arriving, which rise at once, rather than the utilisation, which lags and caps at
 * 100 %), keep a warm pool of booted workers (`warmPool`, ready in `warmStartMs`),
 * or raise the floor ahead of a known peak (`scheduledMinimums`). Scaling in
 * happens at once; a removed worker finishes its request first.
 */
import type { Simulation } from './engine';
import type { Server } from './server';
import { requireInteger, requirePositive, requireNonNegative, invalid } from './request';

export interface AutoscalerOptions {
  server: Server;
  intervalMs: number;
  /** Aim for this busy fraction of workers (0..1), e.g. 0.6. */
  targetUtilisation: number;
  minWorkers: number;
  maxWorkers: number;
  /** Time for a new worker to come into service (boot, image pull, warm-up), ms. */
  provisionDelayMs: number;
  /**
   * What demand is read from. 'utilisation' (default): busy workers plus the queue over
   * the last interval. 'arrivalRate': requests arriving per ms times the mean service
   * time, which rises as soon as traffic does.
   */
  metric?: 'utilisation' | 'arrivalRate';
  /** With 'arrivalRate': the mean service time, ms. Default: measured from the server so far. */
  meanServiceMs?: number;
  /** The scaler sees metrics this old, ms (CloudWatch-style collection delay). Default 0. */
  metricsDelayMs?: number;
  /** After any change, no scale-in for this long, ms. Default 0. */
  scaleInCooldownMs?: number;
  /** After a scale-out, no further scale-out for this long, ms. Default 0. */
  scaleOutCooldownMs?: number;
  /** Workers booted in advance and kept idle, off the server; they join in `warmStartMs`. Default 0. */
  warmPool?: number;
  /** Time for a warm-pool worker to join, ms. Default 0. */
  warmStartMs?: number;
  /** Raise (or lower) the floor at known times: pre-warming for a launch or a daily peak. */
  scheduledMinimums?: { atMs: number; minWorkers: number }[];
}

/** What the scaler read at one evaluation. */
interface Sample {
  time: number;
  busyIntegral: number;
  arrivals: number;
  completed: number;
  queueLength: number;
}

export class Autoscaler {
  /** [time ms, workers in service] after every change, starting with the initial count: ready for a step chart. */
  readonly history: [number, number][];
  /** [time ms, workers the scaler wanted] at every evaluation: what it saw, before boot time and limits. */
  readonly decisions: [number, number][] = [];
  private readonly samples: Sample[] = [];
  private provisioning = 0; // workers ordered and not yet in service
  private warmReady: number;
  private minWorkers: number;
  private lastChangeAt = -Infinity;
  private lastScaleOutAt = -Infinity;

  constructor(private readonly sim: Simulation, private readonly options: AutoscalerOptions) {
    requirePositive('Autoscaler', 'intervalMs', options.intervalMs);
    if (!(options.targetUtilisation > 0 && options.targetUtilisation <= 1)) {
      invalid('Autoscaler', 'targetUtilisation', 'a number in (0, 1]', options.targetUtilisation);
    }
    requireInteger('Autoscaler', 'minWorkers', options.minWorkers, 1);
    requireInteger('Autoscaler', 'maxWorkers', options.maxWorkers, options.minWorkers);
    requireNonNegative('Autoscaler', 'provisionDelayMs', options.provisionDelayMs);
    const metric = options.metric ?? 'utilisation';
    if (metric !== 'utilisation' && metric !== 'arrivalRate') invalid('Autoscaler', 'metric', "'utilisation' or 'arrivalRate'", metric);
    if (options.meanServiceMs !== undefined) requirePositive('Autoscaler', 'meanServiceMs', options.meanServiceMs);
    requireNonNegative('Autoscaler', 'metricsDelayMs', options.metricsDelayMs ?? 0);
    requireNonNegative('Autoscaler', 'scaleInCooldownMs', options.scaleInCooldownMs ?? 0);
    requireNonNegative('Autoscaler', 'scaleOutCooldownMs', options.scaleOutCooldownMs ?? 0);
    requireInteger('Autoscaler', 'warmPool', options.warmPool ?? 0, 0);
    requireNonNegative('Autoscaler', 'warmStartMs', options.warmStartMs ?? 0);
    this.warmReady = options.warmPool ?? 0;
    this.minWorkers = options.minWorkers;
    for (const [i, change] of (options.scheduledMinimums ?? []).entries()) {
      requireNonNegative('Autoscaler', `scheduledMinimums[${i}].atMs`, change?.atMs);
      requireInteger('Autoscaler', `scheduledMinimums[${i}].minWorkers`, change.minWorkers, 1);
      if (change.minWorkers > options.maxWorkers) invalid('Autoscaler', `scheduledMinimums[${i}].minWorkers`, `<= maxWorkers (${options.maxWorkers})`, change.minWorkers);
      sim.at(Math.max(sim.now, change.atMs), () => {
        this.minWorkers = change.minWorkers;
        this.evaluate(false);
      });
    }
    this.history = [[sim.now, options.server.workers]];
    this.samples.push(this.sample());
    sim.schedule(options.intervalMs, () => this.evaluate(true));
  }

  /** Warm-pool workers booted and waiting to join. */
  get warmPoolReady(): number {
    return this.warmReady;
  }

  private sample(): Sample {
    const server = this.options.server;
    const now = this.sim.now;
    return {
      time: now,
      busyIntegral: server.busyWorkers.integral(now),
      arrivals: server.arrivals.count,
      completed: server.completed.count + server.errors.count,
      queueLength: server.queueLength,
    };
  }

  /** The demand in busy workers over the latest interval the scaler can see, or NaN if it sees none yet. */
  private demand(): number {
    const seenUpTo = this.sim.now - (this.options.metricsDelayMs ?? 0);
    let newest = -1;
    for (let i = this.samples.length - 1; i >= 0; i--) {
      if (this.samples[i].time <= seenUpTo) {
        newest = i;
        break;
      }
    }
    if (newest < 1) return NaN;
    // Samples older than the pair in use will never be needed again.
    if (newest > 1) this.samples.splice(0, newest - 1);
    const [before, latest] = [this.samples[0], this.samples[1]];
    const elapsed = latest.time - before.time;
    if ((this.options.metric ?? 'utilisation') === 'arrivalRate') {
      const meanServiceMs = this.options.meanServiceMs ?? latest.busyIntegral / latest.completed;
      if (!(meanServiceMs > 0)) return NaN; // nothing served yet: no estimate
      return ((latest.arrivals - before.arrivals) / elapsed) * meanServiceMs;
    }
    // Busy worker-ms over the interval, divided by its length: the mean number of busy workers.
    // Queued requests are demand too: without them a saturated server reads as merely "100% busy".
    return (latest.busyIntegral - before.busyIntegral) / elapsed + latest.queueLength;
  }

  private evaluate(periodic: boolean): void {
    const { server, targetUtilisation, maxWorkers } = this.options;
    const now = this.sim.now;
    if (periodic) {
      this.samples.push(this.sample());
      this.sim.schedule(this.options.intervalMs, () => this.evaluate(true));
    }
    const demand = this.demand();
    const wanted = Number.isNaN(demand) ? server.workers : Math.ceil(demand / targetUtilisation);
    const desired = Math.min(maxWorkers, Math.max(this.minWorkers, wanted));
    if (periodic) this.decisions.push([now, desired]);
    const planned = server.workers + this.provisioning;
    if (desired > planned) {
      if (now - this.lastScaleOutAt < (this.options.scaleOutCooldownMs ?? 0)) return;
      this.lastScaleOutAt = now;
      this.lastChangeAt = now;
      this.scaleOut(desired - planned);
    } else if (desired < server.workers && this.provisioning === 0) {
      if (now - this.lastChangeAt < (this.options.scaleInCooldownMs ?? 0)) return;
      this.lastChangeAt = now;
      this.setWorkers(desired);
    }
  }

  private scaleOut(adding: number): void {
    const fromPool = Math.min(adding, this.warmReady);
    const cold = adding - fromPool;
    if (fromPool > 0) {
      this.warmReady -= fromPool;
      this.provision(fromPool, this.options.warmStartMs ?? 0);
      // The pool refills by booting replacements, which takes the full boot time.
      this.sim.schedule(this.options.provisionDelayMs, () => this.refillWarmPool(fromPool));
    }
    if (cold > 0) this.provision(cold, this.options.provisionDelayMs);
  }

  private provision(count: number, delayMs: number): void {
    this.provisioning += count;
    this.sim.schedule(delayMs, () => {
      this.provisioning -= count;
      this.setWorkers(this.options.server.workers + count);
    });
  }

  /** Return `count` booted workers to the warm pool, never beyond its size. */
  private refillWarmPool(count: number): void {
    this.warmReady = Math.min(this.options.warmPool ?? 0, this.warmReady + count);
  }

  private setWorkers(count: number): void {
    const removed = this.options.server.workers - count;
    // Workers scaled in go back to the warm pool, still booted, as AWS warm pools can reuse them.
    if (removed > 0) this.refillWarmPool(removed);
    this.options.server.setWorkers(count);
    this.history.push([this.sim.now, count]);
  }
}
