/**
 * A trace: what happened to each request, component by component, over a bounded window of
 * virtual time. Turn it on with `startTrace(sim)` before the run, then hand it to
 * `replay(...)` (replay.ts) and `show` it: Node prints what each component did, the
 * Playground animates it.
 *
 *   const sim = new Simulation();
 *   const recording = startTrace(sim, { untilMs: 2_000, maxRequests: 300 });
 *   ... build the servers, balancer and load, sim.run() ...
 *   show(replay(recording));
 *
 * Off (the default), the kit pays one check per step: `sim.tracer` is null and every
 * component tests it before doing anything else. On, each event costs four numbers.
 *
 * Bounded: events after `untilMs` are not kept, requests after the first `maxRequests` are
 * not followed, and the whole trace stops at `maxEvents`; `trace.note` says which bound cut
 * it, so a replay never pretends to show more than it holds.
 */
import type { Simulation } from './engine';
import type { Request } from './request';
import { invalid, requireInteger, requireNonNegative } from './request';

/** What can happen to a request at a component, in the order the codes are numbered. */
export const TRACE_EVENTS = [
  'arrive', // 0 reached the component (a client: sent it)
  'queue', // 1 waits for a worker
  'start', // 2 a worker took it
  'finish', // 3 answered 'ok' (a client: the answer came back 'ok')
  'fail', // 4 answered 'error' (crashed, refused, no healthy target)
  'drop', // 5 answered 'rejected' (queue full, shed, rate limited, cancelled)
  'retry', // 6 sent again after a failure
  'timeout', // 7 answered 'timeout' (the caller stopped waiting)
  'down', // 8 the component crashed (request field: -1)
  'up', // 9 the component restarted (request field: -1)
  'out', // 10 a balancer stopped sending to a target (request field: the target's component index)
  'in', // 11 a balancer sends to that target again
] as const;
export type TraceEventName = (typeof TRACE_EVENTS)[number];

export const ARRIVE = 0;
export const QUEUE = 1;
export const START = 2;
export const FINISH = 3;
export const FAIL = 4;
export const DROP = 5;
export const RETRY = 6;
export const TIMEOUT = 7;
export const DOWN = 8;
export const UP = 9;
export const OUT = 10;
export const IN = 11;

/** The event code for how a request ended: 'ok' → finish, 'error' → fail, 'rejected' → drop, 'timeout' → timeout. */
export function outcomeCode(outcome: string): number {
  return outcome === 'ok' ? FINISH : outcome === 'error' ? FAIL : outcome === 'timeout' ? TIMEOUT : DROP;
}

export interface TraceOptions {
  /** Name of this trace in a replay ('round robin'). Default 'trace'. */
  label?: string;
  /** Keep events from this virtual time on, ms. Default: now. */
  fromMs?: number;
  /** Keep events up to this virtual time, ms. Default: 10,000 ms after `fromMs`. */
  untilMs?: number;
  /** Follow at most this many requests (the first ones to arrive in the window). Default 1,000. */
  maxRequests?: number;
  /** Stop recording after this many events, whatever else. Default 50,000 (at most 100,000). */
  maxEvents?: number;
}

/** A box of the architecture diagram: what it is and how many workers it lights. */
export interface TraceComponent {
  name: string;
  /** 'client', 'balancer', 'server', 'retry', 'timeout' or the component's own word. */
  kind: string;
  /** Workers of a server (the lights of its box); 0 for components that do no work themselves. */
  workers: number;
}

/** Plain data (JSON-safe): what `replay` turns into a display. */
export interface TraceData {
  label: string;
  fromMs: number;
  untilMs: number;
  components: TraceComponent[];
  /** [from, to] component indexes: who sends requests to whom. */
  links: [number, number][];
  /** Flat quadruples [timeMs, request, component, code, ...] in time order (codes: TRACE_EVENTS). */
  events: number[];
  /** Which bound cut the trace, if any, in a sentence. */
  note?: string;
}

export const MAX_TRACE_EVENTS = 100_000;

/** The recorder installed on a simulation by `startTrace`. Components call it; examples read it through `replay`. */
export class Trace {
  readonly label: string;
  readonly fromMs: number;
  readonly untilMs: number;
  readonly maxRequests: number;
  readonly maxEvents: number;
  readonly components: TraceComponent[] = [];
  readonly links: [number, number][] = [];
  readonly events: number[] = [];
  /** Requests that arrived in the window but were not followed (over `maxRequests`). */
  unfollowed = 0;
  /** Events not kept because `maxEvents` was reached. */
  eventsCut = 0;
  /** Events after `untilMs`, not kept. */
  eventsAfterWindow = 0;
  private readonly componentIndex = new Map<object, number>();
  private readonly requestIndex = new Map<Request, number>();
  /** Per followed request: the component it last arrived at, to learn links nobody declared. */
  private readonly lastAt: number[] = [];
  private readonly linkKeys = new Set<number>();
  private readonly passedBy = new WeakSet<Request>();
  /** Before the window opens: where each request waits or is served. Undefined once it has opened. */
  private inside: Map<Request, { component: { name: string }; kind: string; workers: number; code: number }> | undefined = new Map();
  private readonly statesBefore: { component: { name: string }; kind: string; code: number; target?: { name: string }; targetKind: string }[] = [];

  constructor(private readonly sim: Simulation, options: TraceOptions = {}) {
    this.label = options.label ?? 'trace';
    if (typeof this.label !== 'string') invalid('startTrace', 'label', 'a string', this.label);
    this.fromMs = options.fromMs ?? sim.now;
    requireNonNegative('startTrace', 'fromMs', this.fromMs);
    this.untilMs = options.untilMs ?? this.fromMs + 10_000;
    if (!(this.untilMs > this.fromMs && this.untilMs < Infinity)) invalid('startTrace', 'untilMs', `a finite time after fromMs (${this.fromMs} ms)`, this.untilMs);
    this.maxRequests = options.maxRequests ?? 1_000;
    requireInteger('startTrace', 'maxRequests', this.maxRequests, 1);
    this.maxEvents = options.maxEvents ?? 50_000;
    requireInteger('startTrace', 'maxEvents', this.maxEvents, 1);
    if (this.maxEvents > MAX_TRACE_EVENTS) invalid('startTrace', 'maxEvents', `at most ${MAX_TRACE_EVENTS}`, this.maxEvents);
  }

  /** Requests followed so far. */
  get requests(): number {
    return this.lastAt.length;
  }

  /** The index of `component` in the diagram, adding it the first time. */
  component(component: { name: string }, kind: string, workers = 0): number {
    let index = this.componentIndex.get(component);
    if (index === undefined) {
      index = this.components.length;
      this.componentIndex.set(component, index);
      this.components.push({ name: String(component.name), kind, workers });
    } else if (this.components[index].kind === 'component' && kind !== 'component') {
      // First drawn by whoever wires it, as a plain box; its own word for itself ('retry') wins.
      this.components[index].kind = kind;
    }
    return index;
  }

  /** A link of the diagram: `from` sends requests to `to` (declared by whoever wires them). */
  link(from: { name: string }, fromKind: string, to: { name: string }, toKind: string, toWorkers = 0): void {
    this.addLink(this.component(from, fromKind), this.component(to, toKind, toWorkers));
  }

  /** Something happened to `request` at `component` (`code`: one of TRACE_EVENTS' indexes). */
  record(component: { name: string }, kind: string, request: Request, code: number, workers = 0): void {
    if (request.probe) return; // health-check probes would drown the requests
    const now = this.sim.now;
    if (now < this.fromMs) {
      this.before(component, kind, request, code, workers);
      return;
    }
    if (this.inside !== undefined) this.open();
    if (now > this.untilMs) {
      this.eventsAfterWindow++;
      return;
    }
    let id = this.requestIndex.get(request);
    if (id === undefined) {
      if (code !== ARRIVE) return; // already inside when the window opened: not followed
      if (this.lastAt.length >= this.maxRequests) {
        // Counted once per request, not once per component it passes (a WeakSet lets the request go).
        if (!this.passedBy.has(request)) {
          this.passedBy.add(request);
          this.unfollowed++;
        }
        return;
      }
      id = this.lastAt.length;
      this.requestIndex.set(request, id);
      this.lastAt.push(-1);
    }
    const at = this.component(component, kind, workers);
    if (code === ARRIVE) {
      const previous = this.lastAt[id];
      if (previous >= 0 && previous !== at) this.addLink(previous, at);
      this.lastAt[id] = at;
    } else if (code === RETRY) {
      this.lastAt[id] = at; // it leaves again from here
    }
    this.push(now, id, at, code);
  }

  /** A change of the component itself: DOWN, UP, or (a balancer) OUT/IN for `target`. */
  state(component: { name: string }, kind: string, code: number, target?: { name: string }, targetKind = 'server'): void {
    this.stateAt(this.sim.now, component, kind, code, target, targetKind);
  }

  private stateAt(now: number, component: { name: string }, kind: string, code: number, target: { name: string } | undefined, targetKind: string): void {
    if (now < this.fromMs) {
      this.statesBefore.push({ component, kind, code, target, targetKind });
      return;
    }
    if (this.inside !== undefined) this.open();
    if (now > this.untilMs) {
      this.eventsAfterWindow++;
      return;
    }
    const at = this.component(component, kind);
    this.push(now, target === undefined ? -1 : this.component(target, targetKind), at, code);
  }

  /** The trace as plain data (a copy): what `replay` displays and a test compares. */
  data(): TraceData {
    const data: TraceData = {
      label: this.label,
      fromMs: this.fromMs,
      untilMs: this.untilMs,
      components: this.components.map((c) => ({ ...c })),
      links: this.links.map(([a, b]) => [a, b] as [number, number]),
      events: [...this.events],
    };
    const note = this.note;
    if (note !== undefined) data.note = note;
    return data;
  }

  /** Which bound cut the trace, in a sentence; undefined when it holds every request of the window. */
  get note(): string | undefined {
    const n = (x: number) => x.toLocaleString('en-US');
    const notes: string[] = [];
    if (this.eventsCut > 0) {
      notes.push(`The trace stopped at ${n(this.maxEvents)} events (maxEvents): ${n(this.eventsCut)} later events are not in it.`);
    }
    if (this.unfollowed > 0) {
      notes.push(`Only the first ${n(this.maxRequests)} requests are followed (maxRequests): ${n(this.unfollowed)} later ones ran but are not shown.`);
    }
    if (this.eventsAfterWindow > 0) {
      notes.push(`The window ends at ${n(this.untilMs)} ms (untilMs): what happened later is not shown.`);
    }
    return notes.length > 0 ? notes.join(' ') : undefined;
  }

  /**
   * Before the window: remember only which requests wait or are served where (and crashes),
   * so that the window opens on the queues and busy workers as they are, not on empty boxes.
   */
  private before(component: { name: string }, kind: string, request: Request, code: number, workers: number): void {
    const inside = this.inside!;
    if (code === QUEUE || code === START) inside.set(request, { component, kind, workers, code });
    else if (code === FINISH || code === FAIL || code === DROP || code === TIMEOUT) {
      if (inside.get(request)?.component === component) inside.delete(request);
    }
  }

  /** The window opens: what is inside now appears at its start (queued or in service), as do earlier crashes. */
  private open(): void {
    const inside = this.inside!;
    this.inside = undefined;
    // Stamped with the window's start.
    for (const state of this.statesBefore) this.stateAt(this.fromMs, state.component, state.kind, state.code, state.target, state.targetKind);
    this.statesBefore.length = 0;
    for (const [request, where] of inside) {
      if (this.lastAt.length >= this.maxRequests) break;
      const id = this.lastAt.length;
      this.requestIndex.set(request, id);
      const at = this.component(where.component, where.kind, where.workers);
      this.lastAt.push(at);
      this.push(this.fromMs, id, at, where.code);
    }
  }

  private push(now: number, request: number, component: number, code: number): void {
    if (this.events.length >= this.maxEvents * 4) {
      this.eventsCut++;
      return;
    }
    // Microseconds are plenty for a picture, and keep the data short.
    this.events.push(Math.round(now * 1000) / 1000, request, component, code);
  }

  private addLink(from: number, to: number): void {
    const key = from * 65_536 + to;
    if (this.linkKeys.has(key)) return;
    this.linkKeys.add(key);
    this.links.push([from, to]);
  }
}

/** How a target is drawn when someone wires it: a balancer, a server (it has workers), or a plain box. */
export function traceKind(target: object): { kind: string; workers: number } {
  const workers = (target as { workers?: unknown }).workers;
  if (Array.isArray((target as { backends?: unknown }).backends)) return { kind: 'balancer', workers: 0 };
  if (typeof workers === 'number') return { kind: 'server', workers };
  return { kind: 'component', workers: 0 };
}

/**
 * Record what happens in `sim` from now on (or from `fromMs`), within the bounds of `options`.
 * Components built before or after this call are both traced: each joins the diagram when it
 * first sees a request, or when it is wired to one that is traced.
 */
export function startTrace(sim: Simulation, options: TraceOptions = {}): Trace {
  if (sim.tracer !== null) {
    throw new Error('startTrace: this simulation is already traced; use one Simulation per trace (two strategies: two simulations, one trace each)');
  }
  const trace = new Trace(sim, options);
  sim.tracer = trace;
  return trace;
}
