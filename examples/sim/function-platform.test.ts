import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { FunctionPlatform } from './function-platform';
import { OpenLoad } from './open-load';

describe('FunctionPlatform', () => {
  it('pays a cold start for the first request, reuses the warm instance, and scales to zero when idle', () => {
    const sim = new Simulation();
    const platform = new FunctionPlatform(sim, { coldStart: () => 300, executionTime: () => 20, keepAliveMs: 60_000 });
    const done: number[] = [];
    platform.handle({ id: 1, createdAt: 0 }, () => done.push(sim.now));
    sim.schedule(1000, () => platform.handle({ id: 2, createdAt: sim.now }, () => done.push(sim.now)));
    sim.run({ until: 50_000 });
    expect(done).toEqual([320, 1020]);
    expect(platform.coldStarts.count).toBe(1);
    expect(platform.liveInstances).toBe(1);
    sim.run();
    expect(platform.liveInstances).toBe(0);
    expect(sim.now).toBe(61_020);
  });

  it('cold starts become rare under steady traffic and common under sparse traffic', () => {
    const ratio = (ratePerSecond: number) => {
      const sim = new Simulation();
      const random = new Random(16);
      const platform = new FunctionPlatform(sim, { coldStart: () => 250, executionTime: () => random.exponential(50), keepAliveMs: 10_000 });
      new OpenLoad(sim, { target: platform, random, ratePerSecond, stopAtMs: 3_600_000 });
      sim.run();
      return platform.coldStartRatio;
    };
    expect(ratio(20)).toBeLessThan(0.05); // only when concurrency peaks above the warm pool
    expect(ratio(0.05)).toBeGreaterThan(0.5); // one request every 20 s, keep-alive 10 s
  });

  it('throttles beyond maxInstances', () => {
    const sim = new Simulation();
    const platform = new FunctionPlatform(sim, { coldStart: () => 10, executionTime: () => 10, keepAliveMs: 0, maxInstances: 2 });
    const outcomes: string[] = [];
    for (let id = 0; id < 3; id++) platform.handle({ id, createdAt: 0 }, (_, o) => outcomes.push(o));
    sim.run();
    expect(outcomes).toEqual(['rejected', 'ok', 'ok']);
    expect(() => new FunctionPlatform(sim, { coldStart: () => 1, executionTime: () => 1, keepAliveMs: -1 })).toThrow(
      'FunctionPlatform: keepAliveMs must be a number >= 0 (got -1)',
    );
  });
});
