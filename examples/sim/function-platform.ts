/**
 * A function platform ("serverless"): instances are created on demand, each
 * serving one request at a time. A request that finds no idle instance starts
 * a new one and pays the cold start; an instance idle for `keepAliveMs` is
 * removed, down to zero when traffic stops. You pay for instance time, not
 * for servers: `instances` measures it.
 */
import type { Simulation } from './engine';
import type { Sampler } from './random';
import { Counter, Stats, TimeWeighted } from './statistics';
import { invalid, requireInteger, requireNonNegative } from './request';
import type { Reply, Request, Target } from './request';

export interface FunctionPlatformOptions {
  name?: string;
  /** Time to start a new instance (runtime boot, code load), ms. */
  coldStart: Sampler;
  /** Time to run the function once, ms. */
  executionTime: Sampler;
  /** An idle instance is removed after this long, ms. */
  keepAliveMs: number;
  /** Concurrency limit; beyond it requests are rejected (throttled). Default 1000. */
  maxInstances?: number;
}

interface Instance {
  idleSince: number;
}

export class FunctionPlatform implements Target {
  readonly name: string;
  readonly coldStarts = new Counter();
  readonly warmStarts = new Counter();
  readonly throttled = new Counter();
  /** Instances alive (busy, starting or idle) over time: the bill. */
  readonly instances: TimeWeighted;
  /** From arrival to the end of execution, ms. */
  readonly latency = new Stats();
  // Most recently used first, like the big platforms: keeps a few instances
  // warm and lets the rest expire.
  private readonly idle: Instance[] = [];

  constructor(private readonly sim: Simulation, private readonly options: FunctionPlatformOptions) {
    this.name = options.name ?? 'functions';
    if (typeof options.coldStart !== 'function') invalid('FunctionPlatform', 'coldStart', 'a function returning ms', options.coldStart);
    requireNonNegative('FunctionPlatform', 'keepAliveMs', options.keepAliveMs);
    requireInteger('FunctionPlatform', 'maxInstances', options.maxInstances ?? 1000, 1);
    this.instances = new TimeWeighted(0, sim.now);
  }

  get liveInstances(): number {
    return this.instances.level;
  }

  /** Fraction of requests that waited for a cold start. */
  get coldStartRatio(): number {
    const total = this.coldStarts.count + this.warmStarts.count;
    return total === 0 ? NaN : this.coldStarts.count / total;
  }

  handle(request: Request, reply: Reply): void {
    const arrivedAt = this.sim.now;
    const warm = this.idle.pop();
    if (warm) {
      this.warmStarts.increment();
      this.execute(warm, request, reply, arrivedAt);
      return;
    }
    if (this.instances.level >= (this.options.maxInstances ?? 1000)) {
      this.throttled.increment();
      reply(request, 'rejected');
      return;
    }
    this.coldStarts.increment();
    this.instances.add(arrivedAt, 1);
    const instance: Instance = { idleSince: NaN };
    this.sim.schedule(this.options.coldStart(), () => this.execute(instance, request, reply, arrivedAt));
  }

  private execute(instance: Instance, request: Request, reply: Reply, arrivedAt: number): void {
    this.sim.schedule(this.options.executionTime(), () => {
      this.latency.record(this.sim.now - arrivedAt);
      instance.idleSince = this.sim.now;
      this.idle.push(instance);
      this.sim.schedule(this.options.keepAliveMs, () => this.expire(instance, instance.idleSince));
      reply(request, 'ok');
    });
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
