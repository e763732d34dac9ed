/**
 * A server: one queue in front of N identical workers. A request waits in the
 * queue until a worker is free, is served for a time drawn from `serviceTime`,
 * and leaves. When the queue is full, new requests are rejected at once.
 *
 * This is the building block of every chapter: the single machine of chapter 1,
 * each node of a cluster, a database, a function instance.
 */
import type { Simulation } from './engine';
import type { Sampler } from './random';
import { Stats, TimeWeighted, Counter } from './statistics';
import { requireInteger, requireNonNegative, invalid } from './request';
import type { Failable, Outcome, Reply, Request, Target } from './request';

export interface ServerOptions {
  /** Shown in tables and used by consistent hashing. */
  name?: string;
  /** Requests served at the same time (threads, processes, cores). Integer >= 1. */
  workers: number;
  /** Draws one request's service time in ms, e.g. `() => random.exponential(10)`. */
  serviceTime: Sampler;
  /** Requests allowed to wait; more are rejected. Default: unlimited. 0 means "no waiting room". */
  queueLimit?: number;
  /** Keep every response time for exact percentiles (default: histogram within 1%). */
  exactPercentiles?: boolean;
}

/** One request inside the server, from arrival to departure. */
interface Job {
  request: Request;
  reply: Reply;
  arrivedAt: number;
  worker: number; // index of the worker serving it, -1 while queued
  server: Server;
}

export class Server implements Target, Failable {
  readonly name: string;
  readonly serviceTime: Sampler;
  readonly queueLimit: number;

  /** Requests that arrived (accepted or not). */
  readonly arrivals = new Counter();
  readonly completed = new Counter();
  readonly rejected = new Counter();
  /** Requests lost because the server crashed while they were inside. */
  readonly failed = new Counter();
  /** Time from arrival to the start of service, ms. */
  readonly waitTime: Stats;
  /** Time from arrival to departure, ms: what the caller sees, minus the network. */
  readonly responseTime: Stats;
  /** Requests inside (queued + in service) over time: the L of Little's law. */
  readonly inSystem: TimeWeighted;
  /** Busy workers over time; divide its mean by `workers` for utilisation. */
  readonly busyWorkers: TimeWeighted;

  private workerCount: number;
  private readonly inService: (Job | undefined)[] = [];
  private freeWorkers: number[] = [];
  // The queue is a ring buffer: shift() on a large array is O(n) in some engines.
  private queue: (Job | undefined)[] = new Array(64);
  private queueHead = 0;
  private queueSize = 0;
  private up = true;
  private slowdown = 1;

  constructor(private readonly sim: Simulation, options: ServerOptions) {
    this.name = options.name ?? 'server';
    requireInteger(`Server '${this.name}'`, 'workers', options.workers, 1);
    if (typeof options.serviceTime !== 'function') {
      invalid(`Server '${this.name}'`, 'serviceTime', 'a function returning ms', options.serviceTime);
    }
    this.queueLimit = options.queueLimit ?? Infinity;
    requireNonNegative(`Server '${this.name}'`, 'queueLimit', this.queueLimit);
    this.serviceTime = options.serviceTime;
    this.workerCount = 0;
    this.waitTime = new Stats({ exact: options.exactPercentiles });
    this.responseTime = new Stats({ exact: options.exactPercentiles });
    this.inSystem = new TimeWeighted(0, sim.now);
    this.busyWorkers = new TimeWeighted(0, sim.now);
    this.setWorkers(options.workers);
  }

  get workers(): number {
    return this.workerCount;
  }

  get queueLength(): number {
    return this.queueSize;
  }

  /** Workers serving a request right now. */
  get busy(): number {
    return this.busyWorkers.level;
  }

  /** Requests inside: waiting plus being served. */
  get load(): number {
    return this.inSystem.level;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Fraction of worker time spent serving, from the start until now. */
  utilisation(): number {
    return this.busyWorkers.mean(this.sim.now) / this.workerCount;
  }

  handle(request: Request, reply: Reply): void {
    const now = this.sim.now;
    this.arrivals.increment();
    if (!this.up) {
      // A crashed machine refuses connections: the caller learns at once.
      this.failed.increment();
      reply(request, 'error');
      return;
    }
    const job: Job = { request, reply, arrivedAt: now, worker: -1, server: this };
    if (this.freeWorkers.length > 0) {
      this.inSystem.add(now, 1);
      this.startService(job);
    } else if (this.queueSize < this.queueLimit) {
      this.inSystem.add(now, 1);
      this.enqueue(job);
    } else {
      this.rejected.increment();
      reply(request, 'rejected');
    }
  }

  /**
   * Change the number of workers (an autoscaler adding instances). Removing
   * workers never interrupts a request: a busy worker retires when it finishes.
   */
  setWorkers(count: number): void {
    requireInteger(`Server '${this.name}'`, 'workers', count, 1);
    while (this.workerCount < count) {
      if (this.inService.length === this.workerCount) this.inService.push(undefined);
      // A worker retired by an earlier scale-down may still be finishing a
      // request; it rejoins the free list when it completes.
      if (this.inService[this.workerCount] === undefined) this.freeWorkers.push(this.workerCount);
      this.workerCount++;
    }
    if (count < this.workerCount) {
      this.workerCount = count;
      this.freeWorkers = this.freeWorkers.filter((worker) => worker < count);
    }
    while (this.freeWorkers.length > 0 && this.queueSize > 0) this.startService(this.dequeue());
  }

  /** Stop now: every request inside fails with 'error', and new ones are refused until `restart`. */
  crash(): void {
    if (!this.up) return;
    this.up = false;
    const now = this.sim.now;
    for (let worker = 0; worker < this.inService.length; worker++) {
      const job = this.inService[worker];
      if (job) {
        this.inService[worker] = undefined; // its completion event will find the slot empty and do nothing
        this.finish(job, now, 'error');
      }
    }
    while (this.queueSize > 0) this.finish(this.dequeue(), now, 'error');
    this.freeWorkers = [];
    for (let worker = 0; worker < this.workerCount; worker++) this.freeWorkers.push(worker);
  }

  restart(): void {
    this.up = true;
  }

  setSlowdown(factor: number): void {
    if (!(factor > 0)) invalid(`Server '${this.name}'`, 'slowdown factor', 'a number > 0', factor);
    this.slowdown = factor;
  }

  private startService(job: Job): void {
    const worker = this.freeWorkers.pop()!;
    const now = this.sim.now;
    job.worker = worker;
    this.inService[worker] = job;
    this.busyWorkers.add(now, 1);
    this.waitTime.record(now - job.arrivedAt);
    this.sim.schedule(this.serviceTime() * this.slowdown, completeService, job);
  }

  /** @internal called by the completion event */
  completeService(job: Job): void {
    const worker = job.worker;
    if (this.inService[worker] !== job) return; // lost in a crash
    this.inService[worker] = undefined;
    const now = this.sim.now;
    this.busyWorkers.add(now, -1);
    if (worker < this.workerCount) this.freeWorkers.push(worker);
    this.responseTime.record(now - job.arrivedAt);
    this.completed.increment();
    this.inSystem.add(now, -1);
    // Start the next request before replying, so a caller that sends again at
    // once finds the queue in its true state.
    if (this.queueSize > 0 && this.freeWorkers.length > 0) this.startService(this.dequeue());
    job.reply(job.request, 'ok');
  }

  private finish(job: Job, now: number, outcome: Outcome): void {
    if (job.worker >= 0) this.busyWorkers.add(now, -1);
    this.inSystem.add(now, -1);
    this.failed.increment();
    job.reply(job.request, outcome);
  }

  private enqueue(job: Job): void {
    if (this.queueSize === this.queue.length) {
      // Unroll the ring into a twice larger array.
      const larger: (Job | undefined)[] = new Array(this.queue.length * 2);
      for (let i = 0; i < this.queueSize; i++) larger[i] = this.queue[(this.queueHead + i) % this.queue.length];
      this.queue = larger;
      this.queueHead = 0;
    }
    this.queue[(this.queueHead + this.queueSize) % this.queue.length] = job;
    this.queueSize++;
  }

  private dequeue(): Job {
    const job = this.queue[this.queueHead]!;
    this.queue[this.queueHead] = undefined;
    this.queueHead = (this.queueHead + 1) % this.queue.length;
    this.queueSize--;
    return job;
  }
}

// One shared function for every completion event: the job carries its server,
// so scheduling a completion creates no closure.
function completeService(job: Job): void {
  job.server.completeService(job);
}
