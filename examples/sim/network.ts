/**
 * A network link to a target: each direction takes a latency, a message may
 * be lost, and the link may be partitioned (nothing gets through). A lost
 * request or reply simply never arrives, as on a real network: only a timeout
 * on the caller's side turns silence into a failure. Wrap the link in a Timeout.
 */
import type { Simulation } from './engine';
import type { Random, Sampler } from './random';
import { Counter } from './statistics';
import { drawMs, invalid, requireProbability } from './request';
import type { Outcome, Reply, Request, Target } from './request';

export interface LinkOptions {
  target: Target;
  /** One-way delay, ms. */
  latency: Sampler;
  /** Chance that a message (request or reply) is lost, 0..1. Default 0. */
  lossProbability?: number;
  /** Needed when lossProbability > 0. */
  random?: Random;
  name?: string;
}

interface InFlight {
  link: Link;
  request: Request;
  reply: Reply;
  outcome: Outcome;
}

export class Link implements Target {
  readonly name: string;
  readonly lost = new Counter();
  private partitioned = false;

  constructor(private readonly sim: Simulation, private readonly options: LinkOptions) {
    this.name = options.name ?? `link(${options.target.name})`;
    if (typeof options.latency !== 'function') invalid('Link', 'latency', 'a function returning ms', options.latency);
    requireProbability('Link', 'lossProbability', options.lossProbability ?? 0);
    if ((options.lossProbability ?? 0) > 0 && !options.random) invalid('Link', 'random', 'a Random when lossProbability > 0', undefined);
  }

  get isPartitioned(): boolean {
    return this.partitioned;
  }

  /** Cut the link: messages in flight and new ones are lost until `heal`. */
  partition(): void {
    this.partitioned = true;
  }

  heal(): void {
    this.partitioned = false;
  }

  handle(request: Request, reply: Reply): void {
    if (this.drops()) return;
    this.sim.schedule(drawMs(`Link '${this.name}'`, 'latency', this.options.latency), deliver, { link: this, request, reply, outcome: 'ok' } as InFlight);
  }

  /** @internal */
  deliver(message: InFlight): void {
    if (this.partitioned) {
      this.lost.increment();
      return;
    }
    this.options.target.handle(message.request, (answered, outcome) => {
      if (this.drops()) return;
      message.request = answered;
      message.outcome = outcome;
      this.sim.schedule(drawMs(`Link '${this.name}'`, 'latency', this.options.latency), returnReply, message);
    });
  }

  /** @internal */
  returnReply(message: InFlight): void {
    if (this.partitioned) {
      this.lost.increment();
      return;
    }
    message.reply(message.request, message.outcome);
  }

  private drops(): boolean {
    const loss = this.options.lossProbability ?? 0;
    if (this.partitioned || (loss > 0 && this.options.random!.next() < loss)) {
      this.lost.increment();
      return true;
    }
    return false;
  }
}

function deliver(message: InFlight): void {
  message.link.deliver(message);
}

function returnReply(message: InFlight): void {
  message.link.returnReply(message);
}
