import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { OpenLoad } from './open-load';
import { TimeSeries } from './statistics';
import type { Reply, Request, Target } from './request';

function counter(sim: Simulation) {
  const arrivals = new TimeSeries({ bucketMs: 1000 });
  const gaps: number[] = [];
  let last = 0;
  const target: Target = {
    name: 'sink',
    handle(request: Request, reply: Reply) {
      arrivals.record(sim.now);
      gaps.push(sim.now - last);
      last = sim.now;
      reply(request, 'ok');
    },
  };
  return { target, arrivals, gaps };
}

describe('OpenLoad', () => {
  it('sends Poisson arrivals at the requested rate, with exponential gaps (variance = mean²)', () => {
    const sim = new Simulation();
    const { target, gaps } = counter(sim);
    const client = new OpenLoad(sim, { target, random: new Random(1), ratePerSecond: 200, stopAtMs: 500_000 });
    sim.run();
    const rate = client.stats.sent.count / 500;
    expect(Math.abs(rate / 200 - 1)).toBeLessThan(0.01);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const variance = gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length;
    expect(Math.abs(variance / mean ** 2 - 1)).toBeLessThan(0.03);
    expect(client.stats.ok.count).toBe(client.stats.sent.count);
  });

  it('changes rate at the given steps', () => {
    const sim = new Simulation();
    const { target, arrivals } = counter(sim);
    new OpenLoad(sim, {
      target,
      random: new Random(2),
      ratePerSecond: [
        { atMs: 0, ratePerSecond: 100 },
        { atMs: 100_000, ratePerSecond: 1000 },
        { atMs: 200_000, ratePerSecond: 0 },
      ],
    });
    sim.run({ until: 300_000 });
    const perSecond = arrivals.points('count').map(([, count]) => count);
    const mean = (from: number, to: number) => perSecond.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
    expect(Math.abs(mean(0, 100) / 100 - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean(100, 200) / 1000 - 1)).toBeLessThan(0.02);
    expect(perSecond.length).toBe(200); // nothing after 200 s
  });

  it('adds bursts, evenly spaced over their spread, and honours maxRequests', () => {
    const sim = new Simulation();
    const { target, arrivals } = counter(sim);
    const client = new OpenLoad(sim, {
      target,
      random: new Random(3),
      ratePerSecond: 0,
      arrivals: 'uniform',
      bursts: [{ atMs: 5000, count: 300, spreadMs: 3000 }],
    });
    sim.run();
    expect(client.stats.sent.count).toBe(300);
    expect(arrivals.points('count').slice(5, 8).map(([, c]) => c)).toEqual([100, 100, 100]);
    const capped = new OpenLoad(sim, { target, random: new Random(3), ratePerSecond: 50, arrivals: 'uniform', maxRequests: 7 });
    sim.run();
    expect(capped.stats.sent.count).toBe(7);
  });

  it('rejects a negative rate and unknown arrival process', () => {
    const sim = new Simulation();
    const { target } = counter(sim);
    expect(() => new OpenLoad(sim, { target, random: new Random(1), ratePerSecond: -5 })).toThrow(
      'OpenLoad: ratePerSecond must be a finite number >= 0 (got -5)',
    );
    expect(() => new OpenLoad(sim, { target, random: new Random(1), ratePerSecond: 5, arrivals: 'bursty' as never })).toThrow(
      "arrivals must be 'poisson' or 'uniform' (got 'bursty')",
    );
  });
});
