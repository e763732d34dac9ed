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

/** Throw the kit's standard message for a bad parameter: what, allowed range, and what was given. */
export function invalid(component: string, parameter: string, allowed: string, got: unknown): never {
  throw new Error(`${component}: ${parameter} must be ${allowed} (got ${format(got)})`);
}

function format(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  return String(value);
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
