import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random, distributions } from './random';
import { Server } from './server';
import { FanOut } from './fan-out';
import { OpenLoad } from './open-load';

const SLOW_SHARE = 0.01;

/** `services` backends where 1 % of calls take 1 s and the rest 10 ms; the share of requests slower than 500 ms. */
function slowShare(services: number, requests: number, waitFor?: number) {
  const sim = new Simulation();
  const random = new Random(61);
  const serviceTime = distributions.mixture(random, [
    [1 - SLOW_SHARE, () => 10],
    [SLOW_SHARE, () => 1000],
  ]);
  const backends = Array.from({ length: services }, (_, i) => new Server(sim, { name: `service-${i}`, workers: 1000, serviceTime }));
  const fanOut = new FanOut(sim, { targets: backends, waitFor });
  const client = new OpenLoad(sim, { target: fanOut, random, ratePerSecond: 100, maxRequests: requests, sloMs: 500 });
  sim.run();
  expect(client.stats.ok.count).toBe(requests);
  return 1 - client.stats.withinSlo.count / requests;
}

describe('FanOut', () => {
  it('waiting for all of n calls, a request is slow with probability 1 − 0.99ⁿ', () => {
    for (const [services, requests, tolerance] of [
      // About four standard errors of the simulated share.
      [1, 20_000, 0.003],
      [10, 10_000, 0.012],
      [100, 2_000, 0.045],
    ]) {
      const theory = 1 - (1 - SLOW_SHARE) ** services; // 0.01, 0.096, 0.634
      expect(Math.abs(slowShare(services, requests) - theory)).toBeLessThan(tolerance);
    }
  });

  it('waiting for the first 95 of 100 makes the slow share tiny: it needs six slow calls of 100', () => {
    expect(slowShare(100, 2_000, 95)).toBeLessThan(0.003); // P(Binomial(100, 0.01) >= 6) = 0.0005
  });

  it('fails as soon as too many calls have failed, and cancels the rest when asked', () => {
    const sim = new Simulation();
    const down = new Server(sim, { name: 'down', workers: 1, serviceTime: () => 1 });
    down.crash();
    const slow = new Server(sim, { name: 'slow', workers: 1, serviceTime: () => 100 });
    const fanOut = new FanOut(sim, { targets: [slow, slow, down], cancelRest: true });
    const outcomes: string[] = [];
    fanOut.handle({ id: 1, createdAt: 0 }, (_, o) => outcomes.push(`${o}@${sim.now}`));
    sim.run();
    expect(outcomes).toEqual(['error@0']);
    // The first call was already in service; the second, still queued, was dropped.
    expect(slow.completed.count).toBe(1);
    expect(slow.cancelled.count).toBe(1);
    expect(fanOut.lateAnswers.count).toBe(2);
    expect(() => new FanOut(sim, { targets: [slow], waitFor: 2 })).toThrow(
      "FanOut 'fan-out': waitFor must be at most the number of targets (1) (got 2)",
    );
    expect(() => new FanOut(sim, { targets: [] })).toThrow("FanOut 'fan-out': targets must be a non-empty list of targets");
  });
});
