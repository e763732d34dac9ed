/**
 * Health checks: probe each target of a load balancer every `intervalMs`.
 * After `unhealthyThreshold` failed probes in a row the balancer stops sending
 * to it; after `healthyThreshold` successes in a row it is restored. Until a
 * check notices, requests keep going to a dead node: the detection delay is
 * what the examples measure.
 */
import type { Simulation } from './engine';
import type { LoadBalancer, Backend } from './load-balancer';
import { requireInteger, requirePositive } from './request';

export interface HealthCheckOptions {
  balancer: LoadBalancer;
  intervalMs: number;
  /** A probe not answered 'ok' within this is a failure, ms. */
  timeoutMs: number;
  /** Failed probes in a row before removal. Default 2. */
  unhealthyThreshold?: number;
  /** Successful probes in a row before restoring. Default 2. */
  healthyThreshold?: number;
}

export interface HealthChange {
  time: number;
  target: string;
  healthy: boolean;
}

export class HealthCheck {
  /** Every removal and restoration, in time order. */
  readonly changes: HealthChange[] = [];
  private readonly streaks = new Map<Backend, number>(); // > 0 successes in a row, < 0 failures in a row
  private probeId = 0;

  constructor(private readonly sim: Simulation, private readonly options: HealthCheckOptions) {
    requirePositive('HealthCheck', 'intervalMs', options.intervalMs);
    requirePositive('HealthCheck', 'timeoutMs', options.timeoutMs);
    requireInteger('HealthCheck', 'unhealthyThreshold', options.unhealthyThreshold ?? 2, 1);
    requireInteger('HealthCheck', 'healthyThreshold', options.healthyThreshold ?? 2, 1);
    sim.schedule(options.intervalMs, () => this.probeAll());
  }

  private probeAll(): void {
    for (const backend of this.options.balancer.backends) this.probe(backend);
    this.sim.schedule(this.options.intervalMs, () => this.probeAll());
  }

  private probe(backend: Backend): void {
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      this.judge(backend, ok);
    };
    this.sim.schedule(this.options.timeoutMs, () => settle(false));
    // Probes go straight to the target, not through the balancer: a removed target must still be probed.
    backend.target.handle({ id: -++this.probeId, createdAt: this.sim.now, probe: true }, (_, outcome) => settle(outcome === 'ok'));
  }

  private judge(backend: Backend, ok: boolean): void {
    const previous = this.streaks.get(backend) ?? 0;
    const streak = ok ? Math.max(previous, 0) + 1 : Math.min(previous, 0) - 1;
    this.streaks.set(backend, streak);
    const balancer = this.options.balancer;
    if (backend.healthy && streak <= -(this.options.unhealthyThreshold ?? 2)) {
      balancer.markDown(backend.target);
      this.changes.push({ time: this.sim.now, target: backend.name, healthy: false });
    } else if (!backend.healthy && streak >= (this.options.healthyThreshold ?? 2)) {
      balancer.markUp(backend.target);
      this.changes.push({ time: this.sim.now, target: backend.name, healthy: true });
    }
  }
}
