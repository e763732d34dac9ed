/**
 * Hedged requests ("The Tail at Scale", Dean and Barroso): send a request, and if
 * no answer has come after `hedgeAfterMs`, send a copy; take whichever answers
 * first. Set the delay near the p95 of normal latency and only about 5 % of
 * requests are copied, yet the slow tail shrinks: a request is slow only if both
 * copies are. The price is the extra load, and the loser's work unless it is
 * cancelled (`cancelLoser`: a `Server` then drops it from its queue).
 */
import type { Simulation } from './engine';
import { Counter, Stats } from './statistics';
import { copyRequest, learnFrom, requireInteger, requirePositive, requireTarget } from './request';
import type { Outcome, Reply, Request, Target } from './request';

export interface HedgeOptions {
  /** Where the request and its copies go: usually a LoadBalancer, so a copy reaches another replica. */
  target: Target;
  /** Send a copy when no answer has come this long after the previous send, ms. */
  hedgeAfterMs: number;
  /** Copies at most per request. Default 1. */
  maxHedges?: number;
  /** Mark the other copies `cancelled` once one answers 'ok', so servers skip them if still queued. Default false. */
  cancelLoser?: boolean;
  name?: string;
}

/** One request in progress: its copies and how many are still out. */
interface Flight {
  hedge: Hedge;
  request: Request;
  reply: Reply;
  copies: Request[]; // what was sent: copies only, so cancelling one never marks the caller's request
  startedAt: number;
  outstanding: number;
  done: boolean;
  lastFailure: Outcome;
  timer: number;
}

export class Hedge implements Target {
  readonly name: string;
  /** Requests received. */
  readonly requests = new Counter();
  /** Copies sent after the first: the extra load on the target. */
  readonly hedges = new Counter();
  /** Requests answered first by a copy rather than by the original. */
  readonly hedgeWins = new Counter();
  /** Answers that came after the request was decided: work done for nobody (or dropped, if cancelled). */
  readonly lateAnswers = new Counter();
  /** From arrival to the answer passed on, ms. */
  readonly latency = new Stats();
  private readonly maxHedges: number;

  constructor(private readonly sim: Simulation, private readonly options: HedgeOptions) {
    this.name = options.name ?? `hedge(${options.target?.name})`;
    const component = `Hedge '${this.name}'`;
    requireTarget(component, 'target', options.target);
    requirePositive(component, 'hedgeAfterMs', options.hedgeAfterMs);
    this.maxHedges = options.maxHedges ?? 1;
    requireInteger(component, 'maxHedges', this.maxHedges, 1);
  }

  /** Copies sent per request received: 0.05 means the target sees 5 % more load. */
  get extraLoad(): number {
    return this.requests.count === 0 ? 0 : this.hedges.count / this.requests.count;
  }

  handle(request: Request, reply: Reply): void {
    this.requests.increment();
    const flight: Flight = {
      hedge: this, request, reply, copies: [], startedAt: this.sim.now, outstanding: 0, done: false, lastFailure: 'error', timer: -1,
    };
    this.send(flight);
  }

  /** @internal the hedge timer: no answer yet, so send a copy. */
  sendCopy(flight: Flight): void {
    if (flight.done) return;
    this.hedges.increment();
    this.send(flight);
  }

  private send(flight: Flight): void {
    const copy = copyRequest(flight.request);
    flight.copies.push(copy);
    flight.outstanding++;
    if (flight.copies.length <= this.maxHedges) flight.timer = this.sim.schedule(this.options.hedgeAfterMs, sendCopy, flight);
    else flight.timer = -1;
    this.options.target.handle(copy, (answered, outcome) => this.answer(flight, copy, answered, outcome));
  }

  private answer(flight: Flight, copy: Request, answered: Request, outcome: Outcome): void {
    flight.outstanding--;
    if (flight.done) {
      this.lateAnswers.increment();
      return;
    }
    if (outcome !== 'ok') {
      flight.lastFailure = outcome;
      if (flight.outstanding > 0) return; // another copy may still succeed
    } else {
      if (copy !== flight.copies[0]) this.hedgeWins.increment();
      learnFrom(flight.request, answered);
    }
    flight.done = true;
    if (flight.timer >= 0) this.sim.cancel(flight.timer);
    if (outcome === 'ok' && this.options.cancelLoser) {
      for (const other of flight.copies) if (other !== copy) other.cancelled = true;
    }
    this.latency.record(this.sim.now - flight.startedAt);
    flight.reply(flight.request, outcome === 'ok' ? 'ok' : flight.lastFailure);
  }
}

function sendCopy(flight: Flight): void {
  flight.hedge.sendCopy(flight);
}
