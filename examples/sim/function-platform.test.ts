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

  it('expires an instance keep-alive after its LAST idle moment: sparse Poisson traffic is cold e^(-K/G) of the time', () => {
    // One instance, requests every G on average, keep-alive K: a request is cold when the gap
    // since the last one exceeds K, which happens with probability e^(-K/G).
    const coldShare = (meanGapMs: number, keepAliveMs: number) => {
      const sim = new Simulation();
      const random = new Random(5);
      const platform = new FunctionPlatform(sim, { coldStart: () => 1, executionTime: () => 1, keepAliveMs });
      new OpenLoad(sim, { target: platform, random, ratePerSecond: 1000 / meanGapMs, stopAtMs: meanGapMs * 40_000 });
      sim.run();
      return platform.coldStartRatio;
    };
    expect(coldShare(900_000, 600_000)).toBeCloseTo(Math.exp(-600 / 900), 2); // 51.3%; the timer bug gave 60%
    expect(coldShare(300_000, 600_000)).toBeCloseTo(Math.exp(-2), 2); // 13.5%; the bug gave 33%
  });

  it('throttles beyond maxInstances', () => {
    const sim = new Simulation();
    const platform = new FunctionPlatform(sim, { coldStart: () => 10, executionTime: () => 10, keepAliveMs: 0, maxInstances: 2 });
    const outcomes: string[] = [];
    for (let id = 0; id < 3; id++) platform.handle({ id, createdAt: 0 }, (_, o) => outcomes.push(o));
    sim.run();
    expect(outcomes).toEqual(['rejected', 'ok', 'ok']);
    expect(() => new FunctionPlatform(sim, { coldStart: () => 1, executionTime: () => 1, keepAliveMs: -1 })).toThrow(
      "FunctionPlatform 'functions': keepAliveMs must be a number >= 0 (got -1)",
    );
  });
});

describe('FunctionPlatform provisioned concurrency and cost', () => {
  /** Bursty traffic: 40 requests at once every 30 s, longer apart than the keep-alive, for an hour. */
  function bursts(provisionedConcurrency: number) {
    const sim = new Simulation();
    const random = new Random(17);
    const platform = new FunctionPlatform(sim, {
      coldStart: () => 800,
      executionTime: () => 100,
      keepAliveMs: 10_000,
      provisionedConcurrency,
    });
    const client = new OpenLoad(sim, {
      target: platform,
      random,
      ratePerSecond: 0,
      bursts: Array.from({ length: 120 }, (_, i) => ({ atMs: i * 30_000, count: 40 })),
    });
    sim.run({ until: 3_600_000 });
    return { platform, client };
  }

  it('every burst pays cold starts on demand; with enough provisioned concurrency none does', () => {
    const onDemand = bursts(0);
    expect(onDemand.platform.coldStartRatio).toBe(1);
    expect(onDemand.client.stats.latency.percentile(99)).toBe(900);
    const provisioned = bursts(40);
    expect(provisioned.platform.coldStarts.count).toBe(0);
    expect(provisioned.client.stats.latency.max).toBe(100);
    const half = bursts(20);
    expect(half.platform.coldStartRatio).toBe(0.5);
  });

  it('bills requests, duration (cold starts included) and provisioned time, GB-seconds at the given prices', () => {
    const prices = { memoryGb: 1, perMillionRequests: 0.2, perGbSecond: 0.0000166667, perProvisionedGbSecond: 0.0000041667, perProvisionedExecutionGbSecond: 0.0000097222 };
    const onDemand = bursts(0).platform.cost(prices);
    // 4,800 requests, each 800 ms of start-up and 100 ms of execution.
    expect(onDemand.requests).toBeCloseTo(4_800 / 1e6 * 0.2, 12);
    expect(onDemand.duration).toBeCloseTo(4_800 * 0.9 * 0.0000166667, 12);
    expect(onDemand.provisioned).toBe(0);
    const provisioned = bursts(40).platform.cost(prices);
    expect(provisioned.duration).toBeCloseTo(4_800 * 0.1 * 0.0000097222, 12);
    expect(provisioned.provisioned).toBeCloseTo(40 * 3_600 * 0.0000041667, 12); // paid every second of the hour
    expect(provisioned.total).toBeCloseTo(provisioned.requests + provisioned.duration + provisioned.provisioned, 12);
    expect(provisioned.total).toBeGreaterThan(onDemand.total); // idle provisioned capacity costs more here
  });

  it('changes provisioned concurrency while running, retiring busy instances when they finish', () => {
    const sim = new Simulation();
    const platform = new FunctionPlatform(sim, { coldStart: () => 500, executionTime: () => 100, keepAliveMs: 0, provisionedConcurrency: 2 });
    expect(platform.liveInstances).toBe(2);
    platform.handle({ id: 1, createdAt: 0 }, () => {});
    platform.setProvisionedConcurrency(0);
    expect(platform.liveInstances).toBe(1); // the idle one went at once
    sim.run();
    expect(platform.liveInstances).toBe(0);
    expect(platform.provisioned.integral(sim.now)).toBe(0);
    expect(() => platform.setProvisionedConcurrency(2000)).toThrow("provisionedConcurrency must be <= maxInstances (1000) (got 2000)");
  });
});
