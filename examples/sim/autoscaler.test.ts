import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { Autoscaler } from './autoscaler';
import type { AutoscalerOptions } from './autoscaler';
import { OpenLoad } from './open-load';

describe('Autoscaler', () => {
  it('scales out after a load step, with the reaction delay, and back in when load falls', () => {
    const sim = new Simulation();
    const random = new Random(15);
    const server = new Server(sim, { workers: 2, serviceTime: () => random.exponential(10) });
    const scaler = new Autoscaler(sim, {
      server,
      intervalMs: 10_000,
      targetUtilisation: 0.6,
      minWorkers: 2,
      maxWorkers: 20,
      provisionDelayMs: 30_000,
    });
    new OpenLoad(sim, {
      target: server,
      random,
      ratePerSecond: [
        { atMs: 0, ratePerSecond: 100 }, // 1 busy worker: 2 is enough
        { atMs: 100_000, ratePerSecond: 500 }, // 5 busy: needs about 9 at 60%
        { atMs: 300_000, ratePerSecond: 100 },
      ],
      stopAtMs: 400_000,
    });
    sim.run({ until: 400_000 });
    const workersAt = (t: number) => [...scaler.history].reverse().find(([time]) => time <= t)![1];
    expect(workersAt(99_000)).toBeLessThanOrEqual(3);
    // Capacity for the step lands no earlier than the first check after it plus the provisioning delay.
    const firstOut = scaler.history.find(([, workers]) => workers >= 5)![0];
    expect(firstOut).toBeGreaterThanOrEqual(110_000 + 30_000);
    expect(workersAt(290_000)).toBeGreaterThanOrEqual(8);
    expect(workersAt(290_000)).toBeLessThanOrEqual(11);
    expect(workersAt(399_000)).toBeLessThanOrEqual(3);
    expect(() => new Autoscaler(sim, { server, intervalMs: 1, targetUtilisation: 0, minWorkers: 1, maxWorkers: 2, provisionDelayMs: 0 })).toThrow(
      'Autoscaler: targetUtilisation must be a number in (0, 1] (got 0)',
    );
  });
});

/**
 * Two workers at 10 ms a request; evenly spaced traffic steps from 100/s to 600/s at 100 s.
 * Even spacing keeps the quiet minutes free of bursts, so every change is the scaler's answer to the step.
 */
function spike(options: Partial<AutoscalerOptions>) {
  const sim = new Simulation();
  const random = new Random(17);
  const server = new Server(sim, { workers: 2, serviceTime: () => 10 });
  const scaler = new Autoscaler(sim, {
    server,
    intervalMs: 10_000,
    targetUtilisation: 0.6,
    minWorkers: 2,
    maxWorkers: 20,
    provisionDelayMs: 60_000,
    ...options,
  });
  const client = new OpenLoad(sim, {
    target: server,
    random,
    ratePerSecond: [
      { atMs: 0, ratePerSecond: 100 },
      { atMs: 100_000, ratePerSecond: 600 },
    ],
    arrivals: 'uniform',
    stopAtMs: 400_000,
  });
  sim.run({ until: 400_000 });
  // The first time enough workers for 600/s at 100 % (6) are in service.
  const enoughAt = scaler.history.find(([, workers]) => workers >= 6)?.[0] ?? Infinity;
  return { scaler, server, client, enoughAt };
}

describe('Autoscaler reaction time', () => {
  it('a metrics delay postpones the reaction by that delay', () => {
    const prompt = spike({});
    const delayed = spike({ metricsDelayMs: 60_000 });
    // The spike is seen at the first check after 100 s (110 s), then boots for 60 s.
    expect(prompt.enoughAt).toBe(170_000);
    expect(delayed.enoughAt).toBe(230_000);
  });

  it('a warm pool joins in seconds instead of a full boot', () => {
    const warm = spike({ warmPool: 10, warmStartMs: 5_000 });
    expect(warm.enoughAt).toBe(115_000);
    expect(warm.server.waitTime.mean).toBeLessThan(spike({}).server.waitTime.mean / 10); // 0.4 s against 6.6 s
  });

  it('arrivalRate reads demand as λ × S even while utilisation is capped at 100 %', () => {
    const byArrivals = spike({ metric: 'arrivalRate', meanServiceMs: 10 });
    // 600/s × 10 ms = 6 busy workers; at 60 % that is 10 workers, and it asks for them in one step.
    const firstAfterSpike = byArrivals.scaler.decisions.find(([time]) => time > 100_000)!;
    expect(firstAfterSpike).toEqual([110_000, 10]);
    expect(byArrivals.scaler.history[1]).toEqual([170_000, 10]);
    expect(byArrivals.scaler.history.every(([, workers]) => workers <= 11)).toBe(true); // 6,001 arrivals in a window round up to 11
    // Utilisation plus queue overshoots to the maximum while the queue it built drains.
    expect(Math.max(...spike({}).scaler.history.map(([, workers]) => workers))).toBe(20);
  });

  it('scheduled minimums pre-warm capacity before a known peak', () => {
    const planned = spike({ scheduledMinimums: [{ atMs: 40_000, minWorkers: 10 }] });
    // Ordered at 40 s, in service at 100 s: ready when the spike comes.
    expect(planned.enoughAt).toBe(100_000);
    expect(planned.server.waitTime.percentile(99)).toBeLessThan(50);
  });

  it('waits out a scale-in cooldown after each change', () => {
    const sim = new Simulation();
    const random = new Random(18);
    const server = new Server(sim, { workers: 10, serviceTime: () => random.exponential(10) });
    const scaler = new Autoscaler(sim, {
      server, intervalMs: 10_000, targetUtilisation: 0.5, minWorkers: 1, maxWorkers: 10, provisionDelayMs: 0, scaleInCooldownMs: 60_000,
    });
    new OpenLoad(sim, { target: server, random, ratePerSecond: [{ atMs: 0, ratePerSecond: 300 }, { atMs: 100_000, ratePerSecond: 10 }], stopAtMs: 300_000 });
    sim.run({ until: 300_000 });
    const changes = scaler.history.slice(1).map(([time]) => time);
    for (let i = 1; i < changes.length; i++) expect(changes[i] - changes[i - 1]).toBeGreaterThanOrEqual(60_000);
    expect(scaler.history.at(-1)![1]).toBe(1);
    expect(() => new Autoscaler(sim, { server, intervalMs: 1, targetUtilisation: 0.5, minWorkers: 1, maxWorkers: 2, provisionDelayMs: 0, metric: 'cpu' as 'utilisation' })).toThrow(
      "Autoscaler: metric must be 'utilisation' or 'arrivalRate' (got 'cpu')",
    );
  });
});
