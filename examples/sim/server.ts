/**
 * A server: one queue in front of N identical workers. A request waits in the
 * queue until a worker is free, is served for a time drawn from `serviceTime`,
 * and leaves. When the queue is full, new requests are rejected at once.
 *
 * This is the building block of every chapter: the single machine of chapter 1,
 * each node of a cluster, a database, a function instance. With `downstream` it
 * is a service in a call chain: after its own work it calls the next service and
 * keeps the worker (a thread) until the answer comes, which is how one slow
 * dependency ties up every thread of its callers.
 *
 * Load shedding happens where a worker picks the next request: a request that
 * waited longer than `queueTimeoutMs` (or than CoDel allows), whose deadline has
 * passed, or that its caller cancelled is dropped unserved, so the workers spend
 * their time on requests someone still waits for.
 */
import type { Simulation } from './engine';
import type { Random, Sampler } from './random';
import { Stats, TimeWeighted, Counter } from './statistics';
import { ARRIVE, DOWN, FAIL, QUEUE, START, UP, outcomeCode } from './trace';
import { badDuration, invalid, requireInteger, requireNonNegative, requirePositive, requireProbability, requireTarget } from './request';
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
  /** Called after the server's own work, holding the worker until it answers; any failure there is answered 'error'. */
  downstream?: Target;
  /** Which waiting request a free worker takes: the oldest ('fifo', default) or the newest ('lifo'). */
  queueDiscipline?: 'fifo' | 'lifo';
  /** Drop (answer 'rejected') a request that waited longer than this in the queue, ms. Default: never. */
  queueTimeoutMs?: number;
  /**
   * Controlled delay, as Facebook runs it in front of its services: while the queue has
   * been empty within the last `intervalMs`, a request may wait up to `intervalMs`;
   * once it has stayed non-empty longer, only up to `targetMs`. Typical: 5 and 100 ms.
   */
  codel?: { targetMs: number; intervalMs: number };
  /** Chance that a served request ends in 'error' (a bug in a release). Needs `random`. Default 0. */
  errorProbability?: number;
  random?: Random;
}

/** One request inside the server, from arrival to departure. */
interface Job {
  request: Request;
  reply: Reply;
  arrivedAt: number;
  worker: number; // index of the worker serving it, -1 while queued
  server: Server;
  onDownstreamReply: Reply | undefined; // with `downstream`: the answer that frees the worker
  maxWaitMs: number; // dropped if it waits longer (queueTimeoutMs, codel), set when it joins the queue
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
  /** Requests served that ended in 'error' (`errorProbability`, or a failed `downstream` call). */
  readonly errors = new Counter();
  /** Requests dropped from the queue unserved: waited too long (`queueTimeoutMs`, `codel`) or past their deadline. */
  readonly shed = new Counter();
  /** Requests dropped from the queue because their caller cancelled them. */
  readonly cancelled = new Counter();
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
  private readonly lifo: boolean;
  private readonly queueTimeoutMs: number;
  private readonly codel: { targetMs: number; intervalMs: number } | undefined;
  private queueLastEmptyAt: number;
  private readonly downstream: Target | undefined;
  private readonly errorProbability: number;
  private readonly random: Random | undefined;

  constructor(private readonly sim: Simulation, options: ServerOptions) {
    this.name = options.name ?? 'server';
    const component = `Server '${this.name}'`;
    requireInteger(component, 'workers', options.workers, 1);
    if (typeof options.serviceTime !== 'function') {
      invalid(component, 'serviceTime', 'a function returning ms', options.serviceTime);
    }
    this.queueLimit = options.queueLimit ?? Infinity;
    requireNonNegative(component, 'queueLimit', this.queueLimit);
    const discipline = options.queueDiscipline ?? 'fifo';
    if (discipline !== 'fifo' && discipline !== 'lifo') invalid(component, 'queueDiscipline', "'fifo' or 'lifo'", discipline);
    this.lifo = discipline === 'lifo';
    this.queueTimeoutMs = options.queueTimeoutMs ?? Infinity;
    requirePositive(component, 'queueTimeoutMs', this.queueTimeoutMs);
    if (options.codel !== undefined) {
      requirePositive(component, 'codel.targetMs', options.codel.targetMs);
      requirePositive(component, 'codel.intervalMs', options.codel.intervalMs);
      this.codel = { ...options.codel };
    }
    this.queueLastEmptyAt = sim.now;
    if (options.downstream !== undefined) requireTarget(component, 'downstream', options.downstream);
    this.downstream = options.downstream;
    this.errorProbability = options.errorProbability ?? 0;
    requireProbability(component, 'errorProbability', this.errorProbability);
    if (this.errorProbability > 0 && !options.random) invalid(component, 'random', 'a Random when errorProbability > 0', undefined);
    this.random = options.random;
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

  /** Fraction of worker time spent serving, from the start (or the last reset) until now. */
  utilisation(): number {
    return this.busyWorkers.mean(this.sim.now) / this.workerCount;
  }

  /** Requests waiting (not in service), averaged over time: the Lq of queueing theory. Lq = λ·Wq. */
  meanQueueLength(): number {
    const now = this.sim.now;
    return this.inSystem.mean(now) - this.busyWorkers.mean(now);
  }

  /**
   * Forget what was measured so far and measure from now: call it at the end of a
   * warm-up (`sim.at(warmUpMs, () => server.resetStatistics())`), so that the empty
   * queue at the start does not flatter the averages. Requests inside stay inside.
   */
  resetStatistics(): void {
    const now = this.sim.now;
    for (const counter of [this.arrivals, this.completed, this.errors, this.rejected, this.failed, this.shed, this.cancelled]) counter.reset(now);
    this.waitTime.reset();
    this.responseTime.reset();
    this.inSystem.reset(now);
    this.busyWorkers.reset(now);
  }

  handle(request: Request, reply: Reply): void {
    const now = this.sim.now;
    const tracer = this.sim.tracer;
    this.arrivals.increment();
    if (tracer !== null) tracer.record(this, 'server', request, ARRIVE, this.workerCount);
    if (!this.up) {
      // A crashed machine refuses connections: the caller learns at once.
      this.failed.increment();
      this.traceEnd(request, 'error');
      reply(request, 'error');
      return;
    }
    const job: Job = { request, reply, arrivedAt: now, worker: -1, server: this, onDownstreamReply: undefined, maxWaitMs: Infinity };
    if (this.freeWorkers.length > 0) {
      this.inSystem.add(now, 1);
      this.queueLastEmptyAt = now;
      this.startService(job);
    } else if (this.queueSize < this.queueLimit) {
      this.inSystem.add(now, 1);
      job.maxWaitMs = this.allowedWaitMs(now);
      if (tracer !== null) tracer.record(this, 'server', request, QUEUE, this.workerCount);
      this.enqueue(job);
    } else {
      this.rejected.increment();
      this.traceEnd(request, 'rejected');
      reply(request, 'rejected');
    }
  }

  /** Tell the trace, if one is on, how `request` left this server. */
  private traceEnd(request: Request, outcome: Outcome): void {
    const tracer = this.sim.tracer;
    if (tracer !== null) tracer.record(this, 'server', request, outcomeCode(outcome), this.workerCount);
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
    this.answerDropped(this.serveWaiting());
  }

  /** Stop now: every request inside fails with 'error', and new ones are refused until `restart`. */
  crash(): void {
    if (!this.up) return;
    this.up = false;
    const now = this.sim.now;
    if (this.sim.tracer !== null) this.sim.tracer.state(this, 'server', DOWN);
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
    if (!this.up && this.sim.tracer !== null) this.sim.tracer.state(this, 'server', UP);
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
    if (this.sim.tracer !== null) this.sim.tracer.record(this, 'server', job.request, START, this.workerCount);
    const serviceMs = this.serviceTime();
    if (!(serviceMs >= 0 && serviceMs < Infinity)) badDuration(`Server '${this.name}'`, 'serviceTime', serviceMs);
    this.sim.schedule(serviceMs * this.slowdown, completeService, job);
  }

  /** @internal called by the completion event */
  completeService(job: Job): void {
    if (this.inService[job.worker] !== job) return; // lost in a crash
    if (this.errorProbability > 0 && this.random!.next() < this.errorProbability) {
      this.depart(job, 'error');
    } else if (this.downstream !== undefined) {
      // The worker stays busy while the downstream service answers: a thread blocked on a call.
      job.onDownstreamReply = (_answered, outcome) => {
        if (this.inService[job.worker] === job) this.depart(job, outcome === 'ok' ? 'ok' : 'error');
      };
      this.downstream.handle(job.request, job.onDownstreamReply);
    } else {
      this.depart(job, 'ok');
    }
  }

  private depart(job: Job, outcome: Outcome): void {
    const worker = job.worker;
    this.inService[worker] = undefined;
    const now = this.sim.now;
    this.busyWorkers.add(now, -1);
    if (worker < this.workerCount) this.freeWorkers.push(worker);
    this.responseTime.record(now - job.arrivedAt);
    if (outcome === 'ok') this.completed.increment();
    else this.errors.increment();
    this.inSystem.add(now, -1);
    if (this.sim.tracer !== null) this.traceEnd(job.request, outcome);
    // Start the next request before replying, so a caller that sends again at
    // once finds the queue in its true state.
    const dropped = this.serveWaiting();
    job.reply(job.request, outcome);
    this.answerDropped(dropped);
  }

  /**
   * Give free workers the next waiting requests, skipping those nobody waits for any
   * more. Returns the skipped ones, to be answered once the queue is in its true state
   * (a caller that sends again from its reply must not find it half-way through this loop).
   */
  private serveWaiting(): Job[] | undefined {
    let dropped: Job[] | undefined;
    while (this.freeWorkers.length > 0 && this.queueSize > 0) {
      const job = this.dequeue();
      const request = job.request;
      const now = this.sim.now;
      if (request.cancelled || (request.deadline !== undefined && request.deadline <= now) || now - job.arrivedAt > job.maxWaitMs) {
        (dropped ??= []).push(job);
        continue;
      }
      this.startService(job);
    }
    return dropped;
  }

  /**
   * How long a request joining the queue now may wait. With CoDel, as in "Fail at
   * Scale" (Maurer, ACM Queue 2015): the interval while the queue has emptied within
   * the last interval, only the target once it has stayed non-empty for longer.
   */
  private allowedWaitMs(now: number): number {
    if (this.codel === undefined) return this.queueTimeoutMs;
    const { targetMs, intervalMs } = this.codel;
    return Math.min(this.queueTimeoutMs, now - this.queueLastEmptyAt > intervalMs ? targetMs : intervalMs);
  }

  private answerDropped(dropped: Job[] | undefined): void {
    if (dropped === undefined) return;
    const now = this.sim.now;
    for (const job of dropped) {
      this.inSystem.add(now, -1);
      const request = job.request;
      if (request.cancelled) {
        this.cancelled.increment();
        this.traceEnd(request, 'rejected');
        job.reply(request, 'rejected');
      } else {
        this.shed.increment();
        // Past its deadline the caller has gone: it hears 'timeout', as it would from its own timer.
        const outcome = request.deadline !== undefined && request.deadline <= now ? 'timeout' : 'rejected';
        this.traceEnd(request, outcome);
        job.reply(request, outcome);
      }
    }
  }

  private finish(job: Job, now: number, outcome: Outcome): void {
    if (job.worker >= 0) this.busyWorkers.add(now, -1);
    this.inSystem.add(now, -1);
    this.failed.increment();
    this.traceEnd(job.request, outcome);
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
    let job: Job;
    if (this.lifo) {
      const tail = (this.queueHead + this.queueSize - 1) % this.queue.length;
      job = this.queue[tail]!;
      this.queue[tail] = undefined;
    } else {
      job = this.queue[this.queueHead]!;
      this.queue[this.queueHead] = undefined;
      this.queueHead = (this.queueHead + 1) % this.queue.length;
    }
    if (--this.queueSize === 0) this.queueLastEmptyAt = this.sim.now;
    return job;
  }
}

// One shared function for every completion event: the job carries its server,
// so scheduling a completion creates no closure.
function completeService(job: Job): void {
  job.server.completeService(job);
}
