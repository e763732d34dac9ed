/**
 * Processes written as stories. A generator function yields what it waits for:
 * a number of milliseconds, or something that will be ready later (a worker
 * from a Resource, another process finishing).
 *
 *   startProcess(sim, function* customer() {
 *     yield workers.acquire();          // wait for a worker
 *     yield random.exponential(10);     // work
 *     workers.release();                // leave
 *   });
 *
 * Why generators and not async/await: an `await` always resumes in a microtask,
 * outside the engine's control, so the engine would have to hand over to the
 * JavaScript job queue at every step; that is several times slower and makes
 * the order of same-time events depend on the job queue. A generator resumes
 * exactly when the engine calls `next()`: same readability, no hidden queue.
 * Components inside the kit use plain callbacks, the fastest style of all.
 */
import type { Simulation } from './engine';
import { requireInteger } from './request';

/** Something a process can wait for: it calls `resume` once, when ready (possibly at once). */
export interface Waitable {
  subscribe(resume: () => void): void;
}

/** What a process may yield: a delay in ms, or a Waitable. */
export type Wait = number | Waitable;

export type ProcessBody = Generator<Wait, void, void>;

export class Process implements Waitable {
  finished = false;
  private waiters: (() => void)[] = [];
  private readonly resume = () => this.step();

  constructor(private readonly sim: Simulation, private readonly body: ProcessBody) {}

  /** Wait for this process to finish: `yield otherProcess`. */
  subscribe(resume: () => void): void {
    if (this.finished) resume();
    else this.waiters.push(resume);
  }

  /** @internal Advance the story to its next wait. */
  step(): void {
    const next = this.body.next();
    if (next.done) {
      this.finished = true;
      for (const waiter of this.waiters.splice(0)) waiter();
      return;
    }
    const wait = next.value;
    if (typeof wait === 'number') {
      if (!(wait >= 0 && wait < Infinity)) throw new Error(`process: a yielded delay must be a finite number >= 0 ms (got ${wait})`);
      this.sim.schedule(wait, stepProcess, this);
    } else if (wait && typeof wait.subscribe === 'function') {
      wait.subscribe(this.resume);
    } else {
      throw new Error(`process: yield a delay in ms or a Waitable (got ${String(wait)})`);
    }
  }
}

function stepProcess(process: Process): void {
  process.step();
}

/** Start a process now (its first step runs as an event at the current time). */
export function startProcess(sim: Simulation, body: ProcessBody | (() => ProcessBody)): Process {
  const process = new Process(sim, typeof body === 'function' ? body() : body);
  sim.schedule(0, stepProcess, process);
  return process;
}

function resumeWaiter(resume: () => void): void {
  resume();
}

/**
 * A pool of identical units (workers, connections, licences) that processes
 * acquire and release, first come first served.
 */
export class Resource {
  private inUse = 0;
  private waiting: (() => void)[] = [];
  private waitingHead = 0;

  constructor(private readonly sim: Simulation, readonly capacity: number) {
    requireInteger('Resource', 'capacity', capacity, 1);
  }

  get available(): number {
    return this.capacity - this.inUse;
  }

  get queueLength(): number {
    return this.waiting.length - this.waitingHead;
  }

  /** Wait until a unit is free and take it: `yield workers.acquire()`. */
  acquire(): Waitable {
    return { subscribe: (resume) => this.request(resume) };
  }

  /** Give a unit back; the longest-waiting process gets it. */
  release(): void {
    if (this.inUse === 0) throw new Error('Resource.release: nothing to release (release called more often than acquire)');
    if (this.waitingHead < this.waiting.length) {
      const next = this.waiting[this.waitingHead++];
      if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.waitingHead);
        this.waitingHead = 0;
      }
      // The unit passes straight to the next process (inUse is unchanged), which
      // resumes as a new event: the releasing process finishes its step first.
      this.sim.schedule(0, resumeWaiter, next);
    } else {
      this.inUse--;
    }
  }

  private request(resume: () => void): void {
    if (this.inUse < this.capacity) {
      this.inUse++;
      resume();
    } else {
      this.waiting.push(resume);
    }
  }
}
