import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { LoadBalancer } from './load-balancer';
import { HealthCheck } from './health-check';
import { FailureInjector } from './failures';
import { OpenLoad } from './open-load';

describe('HealthCheck', () => {
  it('removes a crashed target after the threshold and restores it after recovery', () => {
    const sim = new Simulation();
    const random = new Random(13);
    const servers = [1, 2, 3].map((n) => new Server(sim, { name: `node-${n}`, workers: 4, serviceTime: () => random.exponential(5) }));
    const balancer = new LoadBalancer(sim, { targets: servers, strategy: 'roundRobin' });
    const checks = new HealthCheck(sim, { balancer, intervalMs: 1000, timeoutMs: 200, unhealthyThreshold: 2, healthyThreshold: 2 });
    new FailureInjector(sim).crashAt(servers[1], 10_500, 10_000);
    const client = new OpenLoad(sim, { target: balancer, random, ratePerSecond: 200, stopAtMs: 40_000 });
    sim.run({ until: 40_000 });
    // Down: probes at 11 s and 12 s fail at once (connection refused).
    // Up: restarted at 20.5 s; probes sent at 21 s and 22 s succeed after their service time.
    expect(checks.changes.map((c) => [Math.floor(c.time / 1000), c.target, c.healthy])).toEqual([
      [12, 'node-2', false],
      [22, 'node-2', true],
    ]);
    // Errors only between the crash and its detection: about a third of 1.5 s of traffic.
    expect(client.stats.errors.count).toBeGreaterThan(50);
    expect(client.stats.errors.count).toBeLessThan(150);
  });

  it('rejects a bad interval', () => {
    const sim = new Simulation();
    const balancer = new LoadBalancer(sim, { targets: [new Server(sim, { workers: 1, serviceTime: () => 1 })], strategy: 'roundRobin' });
    expect(() => new HealthCheck(sim, { balancer, intervalMs: -1, timeoutMs: 1 })).toThrow(
      'HealthCheck: intervalMs must be a number > 0 (got -1)',
    );
  });
});
