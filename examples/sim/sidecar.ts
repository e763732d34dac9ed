/**
 * A sidecar proxy, as in a service mesh: every request to a service passes
 * through a small proxy next to it, which adds a little latency and, in
 * return, gives every service the same timeouts, retries and metrics without
 * a line of application code.
 */
import type { Simulation } from './engine';
import type { Random, Sampler } from './random';
import { ClientStats } from './client-stats';
import { Timeout } from './timeout';
import { Retry } from './retry';
import { drawMs, invalid } from './request';
import type { Reply, Request, Target } from './request';

export interface SidecarOptions {
  /** The service the proxy sits beside. */
  target: Target;
  /** Proxy time added on the way in and again on the way out, ms. */
  overhead: Sampler;
  /** Per-attempt timeout the mesh enforces, ms. Default: none. */
  timeoutMs?: number;
  /** Retries the mesh makes (needs `random`). Default 0. */
  retries?: number;
  retryBaseDelayMs?: number;
  random?: Random;
  name?: string;
}

export class Sidecar implements Target {
  readonly name: string;
  /** What the proxy saw: the "golden signals" a mesh reports for free. */
  readonly metrics: ClientStats;
  private readonly inner: Target;

  constructor(private readonly sim: Simulation, private readonly options: SidecarOptions) {
    this.name = options.name ?? `sidecar(${options.target.name})`;
    if (typeof options.overhead !== 'function') invalid('Sidecar', 'overhead', 'a function returning ms', options.overhead);
    let inner: Target = options.target;
    if (options.timeoutMs !== undefined) inner = new Timeout(sim, { target: inner, timeoutMs: options.timeoutMs });
    if ((options.retries ?? 0) > 0) {
      if (!options.random) invalid('Sidecar', 'random', 'a Random when retries > 0', undefined);
      inner = new Retry(sim, {
        target: inner,
        random: options.random,
        maxRetries: options.retries!,
        baseDelayMs: options.retryBaseDelayMs ?? 10,
      });
    }
    this.inner = inner;
    this.metrics = new ClientStats(sim);
  }

  handle(request: Request, reply: Reply): void {
    const arrivedAt = this.sim.now;
    this.metrics.sent.increment();
    this.sim.schedule(drawMs(`Sidecar '${this.name}'`, 'overhead', this.options.overhead), () => {
      this.inner.handle(request, (answered, outcome) => {
        this.sim.schedule(drawMs(`Sidecar '${this.name}'`, 'overhead', this.options.overhead), () => {
          // Measure latency from the proxy's own arrival, not the request's creation.
          this.metrics.record({ ...answered, createdAt: arrivedAt }, outcome);
          reply(answered, outcome);
        });
      });
    });
  }
}
