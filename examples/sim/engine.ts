/**
 * The engine: a virtual clock and a queue of things to do at future times.
 *
 * Everything in the kit is built on two calls: `sim.now` (the virtual time, in
 * milliseconds) and `sim.schedule(delay, callback, argument)`. Nothing waits for
 * real time; the engine jumps from one event to the next, so a simulated hour
 * takes as long as the work inside it.
 *
 * Why callbacks on a typed-array heap: an event here is four numbers and two
 * references stored in parallel arrays, so scheduling one allocates nothing and
 * the garbage collector stays idle. That is what lets a browser tab simulate
 * millions of requests in a second. Readers who prefer to write a customer as a
 * story ("arrive, wait for a worker, work, leave") can use `sim.process` with a
 * generator (see process.ts), which is built on these callbacks.
 */

/** A function the engine calls when its time comes. It receives the argument given to `schedule`. */
export type EventCallback<T = any> = (argument: T) => void;

/** Options for `run`: stop at a virtual time, after a number of events, or when nothing is left. */
export interface RunOptions {
  /** Stop once the next event is later than this time (ms); the clock then reads exactly `until`. */
  until?: number;
  /** Stop after this many events. */
  events?: number;
}

import type { Trace } from './trace';

const INITIAL_CAPACITY = 1024;

export class Simulation {
  /** The virtual time in milliseconds since the start of the run. */
  now = 0;
  /** How many events have been run so far. */
  eventsRun = 0;
  /**
   * The recorder `startTrace(sim)` installs (trace.ts); null, the default, records nothing.
   * Components test it once per step, so tracing off costs one comparison.
   */
  tracer: Trace | null = null;

  // The heap holds only numbers: each event's time, its order (a counter, so
  // that two events at the same time run in the order they were scheduled),
  // and the slot where its callback and argument wait. Moving numbers inside
  // typed arrays is cheap; moving object references would make the garbage
  // collector track every move. Scheduling allocates nothing.
  private times = new Float64Array(INITIAL_CAPACITY);
  private orders = new Float64Array(INITIAL_CAPACITY);
  private slots = new Int32Array(INITIAL_CAPACITY);
  private callbacks: (EventCallback | undefined)[] = new Array(INITIAL_CAPACITY).fill(undefined);
  private argumentsOf: unknown[] = new Array(INITIAL_CAPACITY).fill(undefined);
  private freeSlots = new Int32Array(INITIAL_CAPACITY).map((_, i) => INITIAL_CAPACITY - 1 - i);
  private freeCount = INITIAL_CAPACITY;
  private size = 0;
  private holeAtTop = false; // the top event has been taken; see run()
  private nextOrder = 0;
  private cancelled = new Set<number>();
  private stopRequested = false;

  /** Number of events waiting to run. */
  get pending(): number {
    return this.size - (this.holeAtTop ? 1 : 0) - this.cancelled.size;
  }

  /**
   * Run `callback(argument)` after `delay` milliseconds of virtual time.
   * Returns an id that `cancel` accepts. Passing the data as `argument` instead
   * of capturing it in a closure is what keeps hot paths allocation-free.
   */
  schedule<T>(delay: number, callback: EventCallback<T>, argument?: T): number {
    if (!(delay >= 0 && delay < Infinity)) {
      throw new Error(
        `Simulation.schedule: delay must be a finite number >= 0 ms (got ${delay}); a NaN usually comes from a sampler or a division by zero upstream`,
      );
    }
    return this.push(this.now + delay, callback, argument);
  }

  /** Run `callback(argument)` at absolute virtual time `time` (ms), which must not be in the past. */
  at<T>(time: number, callback: EventCallback<T>, argument?: T): number {
    if (!(time >= this.now && time < Infinity)) {
      throw new Error(`Simulation.at: time must be a finite number >= now (${this.now} ms) (got ${time})`);
    }
    return this.push(time, callback, argument);
  }

  /**
   * Forget a scheduled event. Cancelled events stay in the heap and are skipped
   * when they reach the top: cheaper than searching the heap for them.
   */
  cancel(id: number): void {
    if (id >= 0 && id < this.nextOrder) this.cancelled.add(id);
  }

  /** Ask `run` to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Run events in time order. With no options, run until no work is left.
   * Returns the number of events run by this call.
   */
  run(options: RunOptions = {}): number {
    const until = options.until ?? Infinity;
    const maxEvents = options.events ?? Infinity;
    if (!(until >= this.now)) {
      throw new Error(`Simulation.run: until must be >= now (${this.now} ms) (got ${until})`);
    }
    if (!(maxEvents >= 0)) {
      throw new Error(`Simulation.run: events must be >= 0 (got ${maxEvents})`);
    }
    this.stopRequested = false;
    this.fillHole();
    let ran = 0;
    while (this.size > 0 && ran < maxEvents && !this.stopRequested) {
      if (this.times[0] > until) break;
      const time = this.times[0];
      const order = this.orders[0];
      const slot = this.slots[0];
      const callback = this.callbacks[slot]!;
      const argument = this.argumentsOf[slot];
      this.callbacks[slot] = undefined; // let the garbage collector have what the event referenced
      this.argumentsOf[slot] = undefined;
      this.freeSlots[this.freeCount++] = slot;
      if (this.cancelled.size > 0 && this.cancelled.delete(order)) {
        this.popTop();
        continue;
      }
      // Leave the top as a hole while the callback runs: most callbacks
      // schedule one event (the next arrival, the end of a service), and
      // `push` then drops it into the hole with one sift-down instead of a
      // pop and a push. This is what makes the engine fast.
      this.holeAtTop = true;
      this.now = time;
      ran++;
      callback(argument);
      this.fillHole();
    }
    this.eventsRun += ran;
    if (until !== Infinity && !this.stopRequested && ran < maxEvents && (this.size === 0 || this.times[0] > until)) {
      this.now = until;
    }
    return ran;
  }

  private push(time: number, callback: EventCallback, argument: unknown): number {
    if (this.freeCount === 0) this.grow();
    const order = this.nextOrder++;
    const slot = this.freeSlots[--this.freeCount];
    this.callbacks[slot] = callback;
    this.argumentsOf[slot] = argument;
    if (this.holeAtTop) {
      this.holeAtTop = false;
      this.siftDown(time, order, slot, this.size);
      return order;
    }
    // Sift up: move parents down until the new event's place is found.
    const times = this.times, orders = this.orders, slots = this.slots;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && orders[parent] < order)) break;
      times[i] = parentTime;
      orders[i] = orders[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    orders[i] = order;
    slots[i] = slot;
    return order;
  }

  private fillHole(): void {
    if (!this.holeAtTop) return;
    this.holeAtTop = false;
    this.popTop();
  }

  /** Remove the earliest event from the heap (its slot has already been read). */
  private popTop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(this.times[last], this.orders[last], this.slots[last], last);
  }

  /** Place an event at the top of a heap of `size` events, moving earlier children up until it fits. */
  private siftDown(time: number, order: number, slot: number, size: number): void {
    const times = this.times, orders = this.orders, slots = this.slots;
    let i = 0;
    const half = size >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < size && (times[right] < times[child] || (times[right] === times[child] && orders[right] < orders[child]))) {
        child = right;
      }
      const childTime = times[child];
      if (time < childTime || (time === childTime && order < orders[child])) break;
      times[i] = childTime;
      orders[i] = orders[child];
      slots[i] = slots[child];
      i = child;
    }
    times[i] = time;
    orders[i] = order;
    slots[i] = slot;
  }

  private grow(): void {
    const old = this.times.length, capacity = old * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const orders = new Float64Array(capacity);
    orders.set(this.orders);
    const slots = new Int32Array(capacity);
    slots.set(this.slots);
    this.times = times;
    this.orders = orders;
    this.slots = slots;
    for (let slot = old; slot < capacity; slot++) {
      this.callbacks.push(undefined);
      this.argumentsOf.push(undefined);
    }
    // Every old slot is in use (that is why we grow): the free list is the new slots.
    this.freeSlots = new Int32Array(capacity);
    for (let slot = capacity - 1; slot >= old; slot--) this.freeSlots[this.freeCount++] = slot;
  }
}
