import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { CanaryRelease } from './canary-release';
import type { CanaryReleaseOptions } from './canary-release';
import { OpenLoad } from './open-load';

const STAGE_MS = 60_000;

/** 200 requests a second for 10 minutes; the new version fails `bug` of its requests. */
function release(bug: number, options: Partial<CanaryReleaseOptions>) {
  const sim = new Simulation();
  const random = new Random(101);
  const stable = new Server(sim, { name: 'v1', workers: 8, serviceTime: () => random.exponential(10) });
  const canary = new Server(sim, { name: 'v2', workers: 8, serviceTime: () => random.exponential(10), errorProbability: bug, random });
  const rollout = new CanaryRelease(sim, {
    stable,
    canary,
    random: random.split(),
    stages: [0.01, 0.05, 0.25, 0.5, 1],
    stageMs: STAGE_MS,
    maxErrorRatio: 0.02,
    ...options,
  });
  const client = new OpenLoad(sim, { target: rollout, random, ratePerSecond: 200, stopAtMs: 600_000 });
  sim.run();
  return { rollout, client };
}

describe('CanaryRelease', () => {
  it('a healthy release goes through every stage and ends with all traffic', () => {
    const { rollout } = release(0, {});
    expect(rollout.state).toBe('complete');
    expect(rollout.history).toEqual([
      [0, 0],
      [0, 0.01],
      [60_000, 0.05],
      [120_000, 0.25],
      [180_000, 0.5],
      [240_000, 1],
    ]);
    expect(rollout.canaryFailures.count).toBe(0);
  });

  it('the gate catches a release failing 10 % of requests within the 1 % stage and rolls back', () => {
    const { rollout, client } = release(0.1, {});
    expect(rollout.state).toBe('rolled back');
    expect(rollout.history.at(-1)![1]).toBe(0);
    expect(rollout.history.at(-2)![1]).toBe(0.01);
    // 1 % of 200/s is 2 canary requests a second: the 50 needed to judge come in about 25 s.
    expect(rollout.history.at(-1)![0]).toBeLessThan(STAGE_MS);
    expect(client.stats.errors.count).toBeLessThan(15);
  });

  it('a big-bang release of the same bug fails a tenth of everyone’s requests until someone acts', () => {
    const bigBang = release(0.1, { stages: [1], stageMs: 600_000, maxErrorRatio: 1 });
    const canary = release(0.1, {});
    expect(bigBang.client.stats.errors.count / bigBang.client.stats.sent.count).toBeCloseTo(0.1, 2);
    expect(bigBang.client.stats.errors.count).toBeGreaterThan(500 * canary.client.stats.errors.count);
    expect(() => release(0, { stages: [0.5, 0.1] })).toThrow("CanaryRelease 'canary-release': stages[1] must be greater than the stage before (0.5) (got 0.1)");
  });
});
