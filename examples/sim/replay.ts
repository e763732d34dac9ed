/**
 * A replay: one or more traces (trace.ts) as something to `show`. In Node it prints what each
 * component did over the window; in the Playground it animates the trace: requests as dots
 * moving along the links, queues as stacks, busy workers lit, outcomes by shape and colour.
 *
 *   show(replay(roundRobin, twoChoices), 'One slow node: round robin against two random choices')
 *
 * `ReplayModel` is the arithmetic both sides share: the state of every component at any
 * time of the window (for the summary, and for each frame of the animation) and the trips
 * the dots make.
 */
import { table } from './display';
import type { Replay, ReplayTrace, Table } from './display';
import { Trace, ARRIVE, QUEUE, START, FINISH, FAIL, DROP, RETRY, TIMEOUT, DOWN, UP, OUT, IN } from './trace';
import type { TraceData } from './trace';

export const SUMMARY_COLUMNS = ['component', 'arrived', 'served', 'failed', 'dropped', 'timed out', 'retried', 'peak queue', 'busy %'];

/** Fields of a component's state, in `ReplayModel.state`. */
export const F_ARRIVED = 0;
export const F_QUEUED = 1;
export const F_BUSY = 2;
export const F_SERVED = 3;
export const F_FAILED = 4;
export const F_DROPPED = 5;
export const F_TIMED_OUT = 6;
export const F_RETRIED = 7;
export const F_DOWN = 8;
export const F_PEAK_QUEUE = 9;
export const FIELDS = 10;
/** A snapshot of every component every this many events: scrubbing replays at most this many. */
const SNAPSHOT_EVERY = 256;

/** Build a replay of `traces` (one, or several to compare side by side on one clock). */
export function replay(traces: Trace | Trace[], title?: string): Replay {
  const list = Array.isArray(traces) ? traces : [traces];
  if (list.length === 0 || list.length > 4) throw new Error(`replay: give 1 to 4 traces (got ${list.length})`);
  list.forEach((t, i) => {
    if (!(t instanceof Trace)) throw new Error(`replay: trace ${i} must be what startTrace(sim) returned (got ${typeof t})`);
  });
  const data = list.map((t) => t.data());
  return {
    kind: 'replay',
    title: title ?? data.map((d) => d.label).join(' and '),
    traces: data.map((d): ReplayTrace => ({ ...d, summary: summarise(d) })),
  };
}

/** What each component did over the trace's window, as a table (what Node prints and screen readers read). */
export function summarise(data: TraceData): Table {
  const model = new ReplayModel(data);
  const rows = data.components.map((component, c) => {
    const at = c * FIELDS;
    const s = model.finalState;
    const busy = component.workers > 0 ? Math.round((model.busyTime[c] / (component.workers * (data.untilMs - data.fromMs))) * 100) : '–';
    return [
      `${component.name} (${component.kind})`,
      s[at + F_ARRIVED],
      component.workers > 0 || component.kind === 'client' ? s[at + F_SERVED] : '–',
      s[at + F_FAILED],
      s[at + F_DROPPED],
      s[at + F_TIMED_OUT],
      s[at + F_RETRIED],
      component.workers > 0 ? s[at + F_PEAK_QUEUE] : '–',
      busy,
    ];
  });
  return table(SUMMARY_COLUMNS, rows, `${data.label}: what each component did`);
}

/**
 * The state of a trace at any time, and the dots' trips. Built once per trace in O(events);
 * `stateAt(time)` then costs a binary search and at most SNAPSHOT_EVERY events.
 */
export class ReplayModel {
  readonly components: number;
  readonly events: number;
  /** Event times, ms. */
  readonly times: Float64Array;
  /** The state after the last event. */
  readonly finalState: Int32Array;
  /** Worker-milliseconds spent busy over the window, per component. */
  readonly busyTime: Float64Array;
  /** Per link: 1 while its balancer does not send over it (a health check took the target out). */
  readonly linksOut: Uint8Array;
  /** Trips towards a component where a request stopped (queued, served, refused), sorted by the time it got there. */
  readonly forward: Trips;
  /** Trips back from where a request ended, sorted by the time it ended; `code` is the outcome. */
  readonly back: Trips;
  private readonly data: TraceData;
  private readonly dq: Int8Array;
  private readonly db: Int8Array;
  private readonly linkOf: Int32Array;
  private readonly snapshots: Int32Array[] = [];
  private readonly linkSnapshots: Uint8Array[] = [];
  private readonly state: Int32Array;

  constructor(data: TraceData) {
    this.data = data;
    const n = data.components.length;
    const count = Math.floor(data.events.length / 4);
    this.components = n;
    this.events = count;
    this.times = new Float64Array(count);
    this.dq = new Int8Array(count);
    this.db = new Int8Array(count);
    this.linkOf = new Int32Array(count).fill(-1);
    this.busyTime = new Float64Array(n);
    const linkIndex = new Map<number, number>();
    data.links.forEach(([a, b], i) => linkIndex.set(a * 65_536 + b, i));
    const state = new Int32Array(n * FIELDS);
    const links = new Uint8Array(data.links.length);
    // Per request and component: how many of its copies wait there, how many are served there.
    // A retried request can be at one component several times at once: a timeout above gave up
    // on the first attempt, which still waits in the queue when the retry joins it.
    const queuedAt = new Map<number, number>();
    const servingAt = new Map<number, number>();
    const take = (counts: Map<number, number>, key: number): boolean => {
      const held = counts.get(key);
      if (held === undefined) return false;
      if (held > 1) counts.set(key, held - 1);
      else counts.delete(key);
      return true;
    };
    // Per request: the last event it had, as component * 16 + code (an answer right after arriving was never inside).
    const lastEvent = new Map<number, number>();
    // Per request: its path, and where its current leg started.
    const paths = new Map<number, number[]>();
    const pending = new Map<number, number>(); // request -> time it reached the last component of its path
    const departed = new Map<number, number>(); // request -> index in its path its current leg left from
    const forward = new TripBuilder(), back = new TripBuilder();
    const busySince = new Float64Array(n).fill(data.fromMs);
    const ev = data.events;
    const emitForward = (r: number) => {
      const at = pending.get(r);
      if (at === undefined) return;
      pending.delete(r);
      const path = paths.get(r)!;
      const from = departed.get(r) ?? 0;
      if (path.length - from >= 2) forward.add(at, path.slice(from), 0, r);
    };
    for (let i = 0; i < count; i++) {
      if (i % SNAPSHOT_EVERY === 0) {
        this.snapshots.push(state.slice());
        this.linkSnapshots.push(links.slice());
      }
      const t = ev[i * 4], r = ev[i * 4 + 1], c = ev[i * 4 + 2], code = ev[i * 4 + 3];
      this.times[i] = t;
      const at = c * FIELDS;
      const key = r * n + c;
      const previous = r >= 0 ? lastEvent.get(r) : undefined;
      if (r >= 0 && code <= TIMEOUT) lastEvent.set(r, c * 16 + code);
      const markBusy = (delta: number) => {
        this.busyTime[c] += state[at + F_BUSY] * (t - busySince[c]);
        busySince[c] = t;
        state[at + F_BUSY] += delta;
        this.db[i] = delta;
      };
      // A copy of the request leaves this component's queue, or one of its workers.
      const leave = (fromQueue: boolean) => {
        if (fromQueue) {
          state[at + F_QUEUED]--;
          this.dq[i] = -1;
        } else markBusy(-1);
      };
      switch (code) {
        case ARRIVE: {
          state[at + F_ARRIVED]++;
          let path = paths.get(r);
          if (path === undefined) paths.set(r, (path = []));
          const seen = path.indexOf(c);
          if (seen >= 0) path.length = seen;
          path.push(c);
          pending.set(r, t);
          break;
        }
        case QUEUE:
          emitForward(r);
          state[at + F_QUEUED]++;
          this.dq[i] = 1;
          if (state[at + F_QUEUED] > state[at + F_PEAK_QUEUE]) state[at + F_PEAK_QUEUE] = state[at + F_QUEUED];
          queuedAt.set(key, (queuedAt.get(key) ?? 0) + 1);
          break;
        case START:
          emitForward(r);
          // From the queue unless it has just arrived (a free worker took it at once).
          if (previous !== c * 16 + ARRIVE && take(queuedAt, key)) leave(true);
          markBusy(1);
          servingAt.set(key, (servingAt.get(key) ?? 0) + 1);
          break;
        case FINISH:
        case FAIL:
        case DROP:
        case TIMEOUT: {
          emitForward(r);
          // Answered at once on arrival (refused, queue full) it was never inside. Otherwise a
          // drop or a timeout leaves the queue, other answers a worker, if the request is there.
          if (previous !== c * 16 + ARRIVE) {
            const queueFirst = code === DROP || code === TIMEOUT;
            if (take(queueFirst ? queuedAt : servingAt, key)) leave(queueFirst);
            else if (take(queueFirst ? servingAt : queuedAt, key)) leave(!queueFirst);
          }
          state[at + (code === FINISH ? F_SERVED : code === FAIL ? F_FAILED : code === DROP ? F_DROPPED : F_TIMED_OUT)]++;
          const path = paths.get(r);
          const here = path ? path.lastIndexOf(c) : -1;
          if (path && here > 0) {
            // Back along the way it came, to the nearest retry (which may send it again) or its client.
            let to = 0;
            for (let k = here - 1; k > 0; k--) {
              if (data.components[path[k]]?.kind === 'retry') {
                to = k;
                break;
              }
            }
            back.add(t, path.slice(to, here + 1).reverse(), code, r);
            path.length = here; // the answer is with the caller now
          }
          break;
        }
        case RETRY: {
          state[at + F_RETRIED]++;
          const path = paths.get(r);
          if (path) departed.set(r, Math.max(0, path.lastIndexOf(c)));
          break;
        }
        case DOWN:
        case UP:
          state[at + F_DOWN] = code === DOWN ? 1 : 0;
          break;
        case OUT:
        case IN: {
          const link = linkIndex.get(c * 65_536 + r);
          if (link !== undefined) {
            links[link] = code === OUT ? 1 : 0;
            this.linkOf[i] = link;
          }
          break;
        }
      }
    }
    for (let c = 0; c < n; c++) this.busyTime[c] += state[c * FIELDS + F_BUSY] * (data.untilMs - busySince[c]);
    this.finalState = state;
    this.linksOut = new Uint8Array(links.length);
    this.state = new Int32Array(n * FIELDS);
    this.forward = forward.build();
    this.back = back.build();
  }

  /** Events at or before `time`. */
  eventsUpTo(time: number): number {
    return countBefore(this.times, time, true);
  }

  /**
   * Every component's state at `time` (FIELDS numbers per component; the array is reused by
   * the next call), and `linksOut` as it stood then.
   */
  stateAt(time: number): Int32Array {
    const upTo = this.eventsUpTo(time);
    const state = this.state;
    if (upTo === 0 || this.snapshots.length === 0) {
      state.fill(0);
      this.linksOut.fill(0);
      return state;
    }
    const snapshot = Math.floor((upTo - 1) / SNAPSHOT_EVERY);
    state.set(this.snapshots[snapshot]);
    this.linksOut.set(this.linkSnapshots[snapshot]);
    const ev = this.data.events;
    for (let i = snapshot * SNAPSHOT_EVERY; i < upTo; i++) {
      const at = ev[i * 4 + 2] * FIELDS, code = ev[i * 4 + 3];
      switch (code) {
        case ARRIVE:
          state[at + F_ARRIVED]++;
          break;
        case QUEUE:
          state[at + F_QUEUED]++;
          if (state[at + F_QUEUED] > state[at + F_PEAK_QUEUE]) state[at + F_PEAK_QUEUE] = state[at + F_QUEUED];
          break;
        case FINISH:
          state[at + F_SERVED]++;
          break;
        case FAIL:
          state[at + F_FAILED]++;
          break;
        case DROP:
          state[at + F_DROPPED]++;
          break;
        case TIMEOUT:
          state[at + F_TIMED_OUT]++;
          break;
        case RETRY:
          state[at + F_RETRIED]++;
          break;
        case DOWN:
          state[at + F_DOWN] = 1;
          break;
        case UP:
          state[at + F_DOWN] = 0;
          break;
        case OUT:
        case IN:
          if (this.linkOf[i] >= 0) this.linksOut[this.linkOf[i]] = code === OUT ? 1 : 0;
          break;
      }
      if (code !== QUEUE) state[at + F_QUEUED] += this.dq[i];
      state[at + F_BUSY] += this.db[i];
    }
    return state;
  }

  /** The time of the first event after `time`, or undefined at the end. */
  nextEventAfter(time: number): number | undefined {
    const i = this.eventsUpTo(time);
    return i < this.events ? this.times[i] : undefined;
  }

  /** The time of the last event before `time`, or undefined at the start. */
  previousEventBefore(time: number): number | undefined {
    const before = countBefore(this.times, time, false);
    return before > 0 ? this.times[before - 1] : undefined;
  }
}

/** Dots' trips, in parallel arrays sorted by time: where each goes (a path of components), and how. */
export interface Trips {
  times: Float64Array;
  paths: number[][];
  /** 0 on the way in; FINISH, FAIL, DROP or TIMEOUT on the way back. */
  codes: Uint8Array;
  requests: Int32Array;
  /** Index of the first trip at or after `time`. */
  firstAtOrAfter(time: number): number;
}

class TripBuilder {
  private readonly list: { time: number; path: number[]; code: number; request: number; order: number }[] = [];

  add(time: number, path: number[], code: number, request: number): void {
    this.list.push({ time, path, code, request, order: this.list.length });
  }

  build(): Trips {
    const sorted = this.list.sort((a, b) => a.time - b.time || a.order - b.order);
    const times = Float64Array.from(sorted, (t) => t.time);
    return {
      times,
      paths: sorted.map((t) => t.path),
      codes: Uint8Array.from(sorted, (t) => t.code),
      requests: Int32Array.from(sorted, (t) => t.request),
      firstAtOrAfter: (time: number) => countBefore(times, time, false),
    };
  }
}

/** How many of the sorted `times` are before `time` (or at it, with `orAt`): a binary search. */
function countBefore(times: Float64Array, time: number, orAt: boolean): number {
  let low = 0, high = times.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (times[mid] < time || (orAt && times[mid] === time)) low = mid + 1;
    else high = mid;
  }
  return low;
}
