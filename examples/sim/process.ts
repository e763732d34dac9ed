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
 *
 * Why it is fast: a wait costs no allocation of the kit's own. A delay is an
 * event whose argument is the process itself; `acquire()` hands back the same
 * token every time, and a process waiting for a unit or for another process is
 * queued as itself, not as a closure. When what it waits for is ready at once,
 * the process simply carries on in the same loop.
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
  // Who waits for this process to finish: other processes, or callbacks of custom code.
  private waitingProcesses: Process[] | undefined;
  private waitingCallbacks: (() => void)[] | undefined;
  private resumeCallback: (() => void) | undefined; // made once, only for custom Waitables

  constructor(private readonly sim: Simulation, private readonly body: ProcessBody) {}

  /** Wait for this process to finish: `yield otherProcess`. */
  subscribe(resume: () => void): void {
    if (this.finished) resume();
    else (this.waitingCallbacks ??= []).push(resume);
  }

  /** @internal Advance the story to its next wait. */
  step(): void {
    const body = this.body;
    for (;;) {
      const next = body.next();
      if (next.done === true) {
        this.finish();
        return;
      }
      const wait = next.value;
      if (typeof wait === 'number') {
        if (!(wait >= 0 && wait < Infinity)) throw new Error(`process: a yielded delay must be a finite number >= 0 ms (got ${wait})`);
        this.sim.schedule(wait, stepProcess, this);
        return;
      }
      if (wait instanceof Acquisition) {
        if (wait.resource.take(this)) continue; // a unit was free: carry on at once
        return; // queued: release() schedules the next step
      }
      if (wait instanceof Process) {
        if (wait.finished) continue;
        (wait.waitingProcesses ??= []).push(this);
        return;
      }
      if (wait !== null && typeof wait === 'object' && typeof (wait as Waitable).subscribe === 'function') {
        (wait as Waitable).subscribe((this.resumeCallback ??= () => this.step()));
        return;
      }
      throw new Error(`process: yield a delay in ms or a Waitable (got ${String(wait)})`);
    }
  }

  private finish(): void {
    this.finished = true;
    const processes = this.waitingProcesses, callbacks = this.waitingCallbacks;
    this.waitingProcesses = this.waitingCallbacks = undefined;
    if (processes) for (const process of processes) process.step();
    if (callbacks) for (const callback of callbacks) callback();
  }
}

function stepProcess(process: Process): void {
  process.step();
}

// Every generator function has a `prototype` object of its own, and V8 gives the
// generators of each function their own hidden class. A story written inline,
// `startProcess(sim, function* customer() {...})` inside a loop, is a new function
// each time: giving them all one prototype halves what starting each one costs.
const SHARED_PROTOTYPE: object = Object.create(Object.getPrototypeOf(function* () {}).prototype);

/**
 * Start a process now (its first step runs as an event at the current time).
 * Fastest: define the story once and start it with its arguments,
 * `startProcess(sim, customer(i))`; a generator function written inline in a loop
 * is a new function every time, which costs V8 far more than the story itself.
 */
export function startProcess(sim: Simulation, body: ProcessBody | (() => ProcessBody)): Process {
  let story: ProcessBody;
  if (typeof body === 'function') {
    if (body.prototype !== SHARED_PROTOTYPE) body.prototype = SHARED_PROTOTYPE;
    story = body();
  } else story = body;
  const process = new Process(sim, story);
  sim.schedule(0, stepProcess, process);
  return process;
}

function resumeWaiter(resume: () => void): void {
  resume();
}

/** What `Resource.acquire()` returns: one token per resource, yielded as often as you like. */
class Acquisition implements Waitable {
  constructor(readonly resource: Resource) {}

  /** For custom code that waits with a callback instead of yielding. */
  subscribe(resume: () => void): void {
    this.resource.takeOrQueue(resume);
  }
}

/**
 * A pool of identical units (workers, connections, licences) that processes
 * acquire and release, first come first served.
 */
export class Resource {
  private inUse = 0;
  // Waiting in arrival order: processes (resumed as events) or callbacks of custom code.
  private waiting: (Process | (() => void))[] = [];
  private waitingHead = 0;
  private readonly token: Acquisition;

  constructor(private readonly sim: Simulation, readonly capacity: number) {
    requireInteger('Resource', 'capacity', capacity, 1);
    this.token = new Acquisition(this);
  }

  get available(): number {
    return this.capacity - this.inUse;
  }

  get queueLength(): number {
    return this.waiting.length - this.waitingHead;
  }

  /** Wait until a unit is free and take it: `yield workers.acquire()`. */
  acquire(): Waitable {
    return this.token;
  }

  /** Give a unit back; the longest-waiting process gets it. */
  release(): void {
    if (this.inUse === 0) throw new Error('Resource.release: nothing to release (release called more often than acquire)');
    if (this.waitingHead < this.waiting.length) {
      const next = this.waiting[this.waitingHead];
      this.waiting[this.waitingHead++] = undefined as never;
      if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.waitingHead);
        this.waitingHead = 0;
      }
      // The unit passes straight to the next in line (inUse is unchanged), which
      // resumes as a new event: the releasing process finishes its step first.
      if (next instanceof Process) this.sim.schedule(0, stepProcess, next);
      else this.sim.schedule(0, resumeWaiter, next);
    } else {
      this.inUse--;
    }
  }

  /** @internal Take a unit for `process` if one is free (true), or queue it (false). */
  take(process: Process): boolean {
    if (this.inUse < this.capacity) {
      this.inUse++;
      return true;
    }
    this.waiting.push(process);
    return false;
  }

  /** @internal The same for a callback: called at once if a unit is free. */
  takeOrQueue(resume: () => void): void {
    if (this.inUse < this.capacity) {
      this.inUse++;
      resume();
    } else {
      this.waiting.push(resume);
    }
  }
}
