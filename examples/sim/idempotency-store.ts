/**
 * An idempotency store in front of a target: the first request with a given key
 * goes through and its outcome is remembered; a repeat of the key (a redelivered
 * message, a client's retry after a lost answer) gets the remembered answer
 * without running the operation again. While the first is still in progress, a
 * repeat waits for its answer. This is how "charge the card" survives
 * at-least-once delivery: the key travels with every copy, the charge happens once.
 */
import type { Simulation } from './engine';
import { Counter } from './statistics';
import { invalid, requirePositive, requireTarget } from './request';
import type { Outcome, Reply, Request, Target } from './request';

export interface IdempotencyStoreOptions {
  target: Target;
  /** The operation's key. Default: `request.idempotencyKey`, which the request must then carry. */
  key?: (request: Request) => string;
  /** Forget a key this long after its outcome was stored, ms. Default: never. */
  ttlMs?: number;
  /** Time to look a key up, ms, added to every request. Default 0. */
  lookupMs?: number;
  name?: string;
}

interface Entry {
  outcome: Outcome | undefined; // undefined while the first request is in progress
  storedAt: number;
  waiting: [Request, Reply][];
}

export class IdempotencyStore implements Target {
  readonly name: string;
  /** Requests passed to the target: how many times the operation really ran. */
  readonly executed = new Counter();
  /** Repeats answered from the store without running the operation. */
  readonly duplicatesSuppressed = new Counter();
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly sim: Simulation, private readonly options: IdempotencyStoreOptions) {
    this.name = options.name ?? `idempotency(${options.target?.name})`;
    const component = `IdempotencyStore '${this.name}'`;
    requireTarget(component, 'target', options.target);
    if (options.key !== undefined && typeof options.key !== 'function') invalid(component, 'key', 'a function (request) => string', options.key);
    requirePositive(component, 'ttlMs', options.ttlMs ?? Infinity);
    if (!((options.lookupMs ?? 0) >= 0)) invalid(component, 'lookupMs', 'a number >= 0', options.lookupMs);
  }

  /** Keys remembered now. */
  get size(): number {
    return this.entries.size;
  }

  handle(request: Request, reply: Reply): void {
    const lookup = this.options.lookupMs ?? 0;
    if (lookup > 0) this.sim.schedule(lookup, () => this.lookUp(request, reply));
    else this.lookUp(request, reply);
  }

  private keyOf(request: Request): string {
    const key = this.options.key ? this.options.key(request) : request.idempotencyKey;
    if (typeof key !== 'string') {
      throw new Error(
        `IdempotencyStore '${this.name}': request ${request.id} has no idempotency key (got ${String(key)}); ` +
          'set request.idempotencyKey where the operation starts, or give the store a key(request) option',
      );
    }
    return key;
  }

  private lookUp(request: Request, reply: Reply): void {
    const key = this.keyOf(request);
    const now = this.sim.now;
    const known = this.entries.get(key);
    if (known !== undefined && !(known.outcome !== undefined && now - known.storedAt >= (this.options.ttlMs ?? Infinity))) {
      this.duplicatesSuppressed.increment();
      if (known.outcome === undefined) known.waiting.push([request, reply]);
      else reply(request, known.outcome);
      return;
    }
    const entry: Entry = { outcome: undefined, storedAt: now, waiting: [] };
    this.entries.set(key, entry);
    this.executed.increment();
    this.options.target.handle(request, (answered, outcome) => {
      if (outcome === 'ok') {
        entry.outcome = outcome;
        entry.storedAt = this.sim.now;
      } else {
        // A failure is not remembered: the next attempt must be free to try again.
        this.entries.delete(key);
      }
      reply(answered, outcome);
      for (const [waiter, waiterReply] of entry.waiting) waiterReply(waiter, outcome);
      entry.waiting.length = 0;
    });
  }
}
