import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { Autoscaler } from './autoscaler';
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
