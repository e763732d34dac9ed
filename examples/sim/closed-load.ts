/**
 * Closed load: a fixed number of users, each sending a request, waiting for
 * the answer, thinking, and sending again. When the system slows down, users
 * send less: the load regulates itself. This is a team's internal tool, or a
 * load test with N virtual users.
 */
import type { Simulation } from './engine';
import type { Sampler } from './random';
import { ClientStats } from './client-stats';
import type { ClientStatsOptions } from './client-stats';
import { ARRIVE, outcomeCode } from './trace';
import { drawMs, invalid, requireInteger, requireTarget } from './request';
import type { Outcome, Request, Target } from './request';

export interface ClosedLoadOptions extends ClientStatsOptions {
  /** The users' name in a trace's diagram. Default 'users'. */
  name?: string;
  target: Target;
  /** Number of users, each with at most one request in flight. Integer >= 1. */
  users: number;
  /** Draws a user's pause between a reply and the next request, ms. */
  thinkTime: Sampler;
  /** Users stop sending at this virtual time (ms). */
  stopAtMs?: number;
  key?: (id: number) => string;
}

export class ClosedLoad {
  readonly stats: ClientStats;
  /** How the users appear in a trace's diagram. */
  readonly name: string;
  private nextId = 0;
  private readonly onReply = (request: Request, outcome: Outcome) => {
    if (this.sim.tracer !== null) this.sim.tracer.record(this, 'client', request, outcomeCode(outcome));
    this.stats.record(request, outcome);
    this.sim.schedule(drawMs('ClosedLoad', 'thinkTime', this.options.thinkTime), sendFor, this);
  };

  constructor(private readonly sim: Simulation, private readonly options: ClosedLoadOptions) {
    requireTarget('ClosedLoad', 'target', options.target);
    this.name = options.name ?? 'users';
    requireInteger('ClosedLoad', 'users', options.users, 1);
    if (typeof options.thinkTime !== 'function') invalid('ClosedLoad', 'thinkTime', 'a function returning ms', options.thinkTime);
    this.stats = new ClientStats(sim, options);
    // Users start thinking at time zero, so their first requests do not all land at once.
    for (let user = 0; user < options.users; user++) sim.schedule(drawMs('ClosedLoad', 'thinkTime', options.thinkTime), sendFor, this);
  }

  /** @internal */
  send(): void {
    if (this.options.stopAtMs !== undefined && this.sim.now >= this.options.stopAtMs) return;
    const id = this.nextId++;
    const request: Request = { id, createdAt: this.sim.now };
    if (this.options.key) request.key = this.options.key(id);
    this.stats.sent.increment();
    if (this.sim.tracer !== null) this.sim.tracer.record(this, 'client', request, ARRIVE);
    this.options.target.handle(request, this.onReply);
  }
}

function sendFor(client: ClosedLoad): void {
  client.send();
}
