/**
 * A function platform ("serverless"): instances are created on demand, each
 * serving one request at a time. A request that finds no idle instance starts
 * a new one and pays the cold start; an instance idle for `keepAliveMs` is
 * removed, down to zero when traffic stops.
 *
 * Provisioned concurrency keeps `provisionedConcurrency` instances initialised
 * all the time: requests use them first and never wait for a cold start while
 * they suffice, and you pay for them by the second whether used or not. `cost`
 * turns a run into a bill with the prices you give it.
 *
 * Traced (startTrace), the platform is a box that passes each request to one of two pools,
 * 'provisioned' (one light per provisioned instance) and 'on demand' (one per instance allowed).
 * A request served warm starts at once; one that pays a cold start waits in its pool's
 * queue until its instance is up; a throttled one is dropped at the platform.
 */
import type { Simulation } from './engine';
import type { Sampler } from './random';
import { Counter, Stats, TimeWeighted } from './statistics';
import { drawMs, invalid, requireInteger, requireNonNegative, requirePositive } from './request';
import { ARRIVE, DROP, FINISH, QUEUE, START } from './trace';
import type { Reply, Request, Target } from './request';

export interface FunctionPlatformOptions {
  name?: string;
  /** Time to start a new instance (runtime boot, code load), ms. */
  coldStart: Sampler;
  /** Time to run the function once, ms. */
  executionTime: Sampler;
  /** An idle on-demand instance is removed after this long, ms. */
  keepAliveMs: number;
  /** Concurrency limit; beyond it requests are rejected (throttled). Default 1000. */
  maxInstances?: number;
  /** Instances kept initialised at all times, used before any on-demand one. Default 0. */
  provisionedConcurrency?: number;
}

/** Prices for `cost`, in any currency. Durations are billed per GB-second of memory, as the big platforms do. */
export interface FunctionPrices {
  /** Memory of one instance, GB. */
  memoryGb: number;
  perMillionRequests: number;
  /** On-demand duration: execution plus initialisation (cold starts are billed). */
  perGbSecond: number;
  /** Provisioned concurrency, for every second it is configured, used or not. Default 0. */
  perProvisionedGbSecond?: number;
  /** Execution on provisioned instances (usually cheaper). Default `perGbSecond`. */
  perProvisionedExecutionGbSecond?: number;
}

/** A bill, split by what it pays for. */
export interface FunctionBill {
  requests: number;
  duration: number;
  provisioned: number;
  total: number;
}

interface Instance {
  idleSince: number;
  provisioned: boolean;
}

export class FunctionPlatform implements Target {
  readonly name: string;
  readonly coldStarts = new Counter();
  readonly warmStarts = new Counter();
  readonly throttled = new Counter();
  /** Instances alive (busy, starting or idle, provisioned ones included) over time. */
  readonly instances: TimeWeighted;
  /** Provisioned concurrency configured over time: what `perProvisionedGbSecond` is paid on. */
  readonly provisioned: TimeWeighted;
  /** From arrival to the end of execution, ms. */
  readonly latency = new Stats();
  /** Billed on-demand time: executions and initialisations on on-demand instances, ms. */
  readonly onDemandBilledMs = new Counter();
  /** Execution time on provisioned instances, ms. */
  readonly provisionedExecutionMs = new Counter();
  // Most recently used first, like the big platforms: keeps a few instances
  // warm and lets the rest expire.
  private readonly idle: Instance[] = [];
  private readonly provisionedIdle: Instance[] = [];
  private provisionedTarget = 0;
  private provisionedAlive = 0;
  /** The two pools as boxes of a trace's diagram (short names: they must fit a box on a phone). */
  private readonly pools = { provisioned: { name: 'provisioned' }, onDemand: { name: 'on demand' } };

  constructor(private readonly sim: Simulation, private readonly options: FunctionPlatformOptions) {
    this.name = options.name ?? 'functions';
    const component = `FunctionPlatform '${this.name}'`;
    if (typeof options.coldStart !== 'function') invalid(component, 'coldStart', 'a function returning ms', options.coldStart);
    if (typeof options.executionTime !== 'function') invalid(component, 'executionTime', 'a function returning ms', options.executionTime);
    requireNonNegative(component, 'keepAliveMs', options.keepAliveMs);
    requireInteger(component, 'maxInstances', options.maxInstances ?? 1000, 1);
    this.instances = new TimeWeighted(0, sim.now);
    this.provisioned = new TimeWeighted(0, sim.now);
    this.setProvisionedConcurrency(options.provisionedConcurrency ?? 0);
  }

  get liveInstances(): number {
    return this.instances.level;
  }

  /** Fraction of requests that waited for a cold start. */
  get coldStartRatio(): number {
    const total = this.coldStarts.count + this.warmStarts.count;
    return total === 0 ? NaN : this.coldStarts.count / total;
  }

  /**
   * Change provisioned concurrency now (schedule it ahead of a known peak). New
   * instances are ready at once; removed ones finish their request first.
   */
  setProvisionedConcurrency(count: number): void {
    requireInteger(`FunctionPlatform '${this.name}'`, 'provisionedConcurrency', count, 0);
    if (count > (this.options.maxInstances ?? 1000)) {
      invalid(`FunctionPlatform '${this.name}'`, 'provisionedConcurrency', `<= maxInstances (${this.options.maxInstances ?? 1000})`, count);
    }
    const now = this.sim.now;
    this.provisionedTarget = count;
    this.provisioned.set(now, count);
    while (this.provisionedAlive < count) {
      this.provisionedAlive++;
      this.instances.add(now, 1);
      this.provisionedIdle.push({ idleSince: now, provisioned: true });
    }
    while (this.provisionedAlive > count && this.provisionedIdle.length > 0) {
      this.provisionedIdle.pop();
      this.provisionedAlive--;
      this.instances.add(now, -1);
    }
  }

  /** What the run so far costs at `prices`. */
  cost(prices: FunctionPrices): FunctionBill {
    const component = `FunctionPlatform '${this.name}'.cost`;
    requirePositive(component, 'memoryGb', prices.memoryGb);
    requireNonNegative(component, 'perMillionRequests', prices.perMillionRequests);
    requireNonNegative(component, 'perGbSecond', prices.perGbSecond);
    requireNonNegative(component, 'perProvisionedGbSecond', prices.perProvisionedGbSecond ?? 0);
    const executionPrice = prices.perProvisionedExecutionGbSecond ?? prices.perGbSecond;
    requireNonNegative(component, 'perProvisionedExecutionGbSecond', executionPrice);
    const gbSeconds = (ms: number) => (ms / 1000) * prices.memoryGb;
    const served = this.coldStarts.count + this.warmStarts.count;
    const requests = (served / 1e6) * prices.perMillionRequests;
    const duration = gbSeconds(this.onDemandBilledMs.count) * prices.perGbSecond + gbSeconds(this.provisionedExecutionMs.count) * executionPrice;
    const provisioned = gbSeconds(this.provisioned.integral(this.sim.now)) * (prices.perProvisionedGbSecond ?? 0);
    return { requests, duration, provisioned, total: requests + duration + provisioned };
  }

  handle(request: Request, reply: Reply): void {
    const arrivedAt = this.sim.now;
    const tracer = this.sim.tracer;
    if (tracer !== null) tracer.record(this, 'functions', request, ARRIVE);
    const warm = this.provisionedIdle.pop() ?? this.idle.pop();
    if (warm) {
      this.warmStarts.increment();
      if (tracer !== null) this.tracePool(warm, request, ARRIVE);
      this.execute(warm, request, reply, arrivedAt);
      return;
    }
    if (this.instances.level >= (this.options.maxInstances ?? 1000)) {
      this.throttled.increment();
      if (tracer !== null) tracer.record(this, 'functions', request, DROP);
      reply(request, 'rejected');
      return;
    }
    this.coldStarts.increment();
    this.instances.add(arrivedAt, 1);
    const instance: Instance = { idleSince: NaN, provisioned: false };
    if (tracer !== null) {
      // Waiting for its instance to start: the pool's queue.
      this.tracePool(instance, request, ARRIVE);
      this.tracePool(instance, request, QUEUE);
    }
    const coldStartMs = drawMs(`FunctionPlatform '${this.name}'`, 'coldStart', this.options.coldStart);
    this.onDemandBilledMs.increment(coldStartMs);
    this.sim.schedule(coldStartMs, () => this.execute(instance, request, reply, arrivedAt));
  }

  /** Tell the trace what happened to `request` in the pool of `instance`, drawn with one light per provisioned instance, or per instance the concurrency limit allows. */
  private tracePool(instance: Instance, request: Request, code: number): void {
    if (instance.provisioned) this.sim.tracer!.record(this.pools.provisioned, 'server', request, code, this.provisionedTarget);
    else this.sim.tracer!.record(this.pools.onDemand, 'server', request, code, this.options.maxInstances ?? 1000);
  }

  private execute(instance: Instance, request: Request, reply: Reply, arrivedAt: number): void {
    const executionMs = drawMs(`FunctionPlatform '${this.name}'`, 'executionTime', this.options.executionTime);
    if (instance.provisioned) this.provisionedExecutionMs.increment(executionMs);
    else this.onDemandBilledMs.increment(executionMs);
    if (this.sim.tracer !== null) this.tracePool(instance, request, START);
    this.sim.schedule(executionMs, () => {
      if (this.sim.tracer !== null) this.tracePool(instance, request, FINISH);
      this.latency.record(this.sim.now - arrivedAt);
      instance.idleSince = this.sim.now;
      if (instance.provisioned) this.returnProvisioned(instance);
      else {
        this.idle.push(instance);
        // The moment it went idle, read now: reused and idle again later, it gets a new timer.
        const idleSince = instance.idleSince;
        this.sim.schedule(this.options.keepAliveMs, () => this.expire(instance, idleSince));
      }
      reply(request, 'ok');
    });
  }

  private returnProvisioned(instance: Instance): void {
    if (this.provisionedAlive > this.provisionedTarget) {
      // Provisioned concurrency was lowered while this instance was busy: retire it now.
      this.provisionedAlive--;
      this.instances.add(this.sim.now, -1);
      return;
    }
    this.provisionedIdle.push(instance);
  }

  private expire(instance: Instance, idleSince: number): void {
    // Still idle since the same moment? Then nobody used it during keepAliveMs.
    if (instance.idleSince !== idleSince) return;
    const index = this.idle.indexOf(instance);
    if (index < 0) return;
    this.idle.splice(index, 1);
    this.instances.add(this.sim.now, -1);
  }
}
