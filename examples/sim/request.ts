/**
 * The shapes every component shares: a request, the outcome it ends with, and
 * a target that handles requests. A client, a load balancer, a cache, a server
 * and a circuit breaker are all targets, so they plug into one another like the
 * boxes of an architecture diagram.
 */

/** How a request ended, from the caller's point of view. */
export type Outcome =
  | 'ok' // served
  | 'rejected' // turned away on purpose: queue full, rate limited, circuit open, bulkhead full
  | 'timeout' // the caller stopped waiting
  | 'error'; // failed: node crashed, no healthy target, network partition

export interface Request {
  /** Unique per client; used for tracing and tie-breaking, not for routing. */
  id: number;
  /** Virtual time (ms) the request was first sent, before any retry. */
  createdAt: number;
  /** What the request is about (user id, cache key, row key): consistent hashing and caches route by it. */
  key?: string;
  /** Databases send writes to the primary and reads to replicas. */
  kind?: 'read' | 'write';
  /** Health checks mark their probes so that components can leave them out of statistics if they wish. */
  probe?: boolean;
  /** 'primary' pins this read to a database's primary: read-your-writes, at the primary's cost. Default 'any'. */
  consistency?: 'primary' | 'any';
  /**
   * Absolute virtual time (ms) after which nobody waits for the answer (deadline
   * propagation, as in gRPC). A `Server` drops a queued request whose deadline has
   * passed instead of serving it; `Timeout` sets it with `propagateDeadline: true`.
   */
  deadline?: number;
  /** The same key on every copy and retry of one operation: an `IdempotencyStore` applies it once. */
  idempotencyKey?: string;
  /**
   * Set by whoever no longer needs the answer (a `Hedge` or `FanOut` that already has
   * enough): a `Server` drops it from its queue instead of serving it.
   */
  cancelled?: boolean;
  // Facts components record about this request. They travel on the request, which
  // every reply passes back, so a caller behind a retry or a balancer reads them in
  // its shared reply function: no callback to register, no closure per request.
  /** Set by a `Cache` when it looks the key up (the last cache, if several). */
  cache?: 'hit' | 'miss';
  /** Set by a `Database` on each read: true if a replica answered with an old value. */
  stale?: boolean;
}

/**
 * Called exactly once per request, when its outcome is known. Components pass
 * the request back so that a caller can share one reply function among all its
 * requests instead of creating a closure for each.
 */
export type Reply = (request: Request, outcome: Outcome) => void;

/** Anything a request can be sent to. */
export interface Target {
  readonly name: string;
  handle(request: Request, reply: Reply): void;
}

/** Components that failure injection can crash, slow down and restart. */
export interface Failable {
  readonly name: string;
  readonly isUp: boolean;
  crash(): void;
  restart(): void;
  /** Multiply service times by `factor` (1 = normal speed). */
  setSlowdown(factor: number): void;
}

/** A copy of `request` for one more send (a hedge, a fan-out call, a call with a deadline): same id, key and facts, not cancelled. */
export function copyRequest(request: Request, changes?: Partial<Request>): Request {
  // One plain spread is V8's fast object clone; extra sources in the literal fall off that path.
  const copy = { ...request };
  if (copy.cancelled !== undefined) copy.cancelled = undefined;
  return changes === undefined ? copy : Object.assign(copy, changes);
}

/** Give the caller's `request` what an answered copy learned on its way (cache hit, staleness), keeping its own deadline and cancellation. */
export function learnFrom(request: Request, answered: Request): void {
  if (answered === request) return;
  // Only the facts components record; a whole-object copy cost most of a hedged fan-out run.
  if (answered.cache !== undefined) request.cache = answered.cache;
  if (answered.stale !== undefined) request.stale = answered.stale;
}

/** Throw the kit's standard message for a bad parameter: what, allowed range, and what was given. */
export function invalid(component: string, parameter: string, allowed: string, got: unknown): never {
  throw new Error(`${component}: ${parameter} must be ${allowed} (got ${format(got)})`);
}

function format(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) {
    // Show a plain object's fields, shortened: "[object Object]" tells the reader nothing.
    try {
      const json = JSON.stringify(value);
      if (json !== undefined) return json.length > 80 ? `${json.slice(0, 77)}...` : json;
    } catch {
      // circular or BigInt: fall through
    }
  }
  return String(value);
}

/**
 * Throw the kit's message for a sampler that returned something other than a duration:
 * which component, which option, what it returned. NaN and Infinity would otherwise
 * surface later as a bare engine error or as NaN statistics.
 */
export function badDuration(component: string, parameter: string, value: unknown): never {
  throw new Error(
    `${component}: ${parameter} returned ${format(value)}, but it must return a finite number of ms >= 0; check the function given as ${parameter}`,
  );
}

/** Call a sampler and check that it gave a duration in ms. */
export function drawMs(component: string, parameter: string, sampler: () => number): number {
  const value = sampler();
  if (!(value >= 0 && value < Infinity)) badDuration(component, parameter, value);
  return value;
}

/** A target is anything with `handle(request, reply)`: a component of the kit or an object of your own. */
export function requireTarget(component: string, parameter: string, value: unknown): void {
  if (typeof (value as Target | undefined)?.handle !== 'function') invalid(component, parameter, 'a target (something with handle(request, reply))', value);
}

export function requireInteger(component: string, parameter: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) invalid(component, parameter, `an integer >= ${minimum}`, value);
}

export function requireNonNegative(component: string, parameter: string, value: number): void {
  if (!(value >= 0)) invalid(component, parameter, 'a number >= 0', value);
}

export function requirePositive(component: string, parameter: string, value: number): void {
  if (!(value > 0)) invalid(component, parameter, 'a number > 0', value);
}

export function requireProbability(component: string, parameter: string, value: number): void {
  if (!(value >= 0 && value <= 1)) invalid(component, parameter, 'a probability in 0..1', value);
}
