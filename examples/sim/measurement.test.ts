/** What honest measurement needs: Erlang B, the time-averaged queue, a warm-up. */
import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { OpenLoad } from './open-load';
import { erlangB, mm1MeanQueueLength } from './theory';

describe('Erlang B and a Server with no waiting room', () => {
  it('matches the textbook value B(10 lines, 7 erlangs) = 0.0787', () => {
    expect(erlangB(700, 10, 10)).toBeCloseTo(0.07874, 4); // 700/s × 10 ms = 7 erlangs
    expect(erlangB(100, 10, 1)).toBeCloseTo(0.5, 12); // one line, one erlang: A/(1 + A)
    expect(erlangB(2000, 10, 10)).toBeGreaterThan(0.5); // overload is allowed: it is what blocking is for
  });

  it('queueLimit: 0 turns away arrivals that find every worker busy, as often as Erlang B says', () => {
    const sim = new Simulation();
    const random = new Random(111);
    const lines = new Server(sim, { workers: 10, serviceTime: () => random.exponential(10), queueLimit: 0 });
    new OpenLoad(sim, { target: lines, random, ratePerSecond: 700, maxRequests: 400_000 });
    sim.run();
    const blocked = lines.rejected.count / lines.arrivals.count;
    expect(Math.abs(blocked / erlangB(700, 10, 10) - 1)).toBeLessThan(0.03);
    expect(lines.waitTime.max).toBe(0);
  });
});

describe('time-averaged queue length', () => {
  it('M/M/1 at ρ = 0.7: Lq = ρ²/(1 − ρ) = 1.63, and Little: Lq = λ·Wq', () => {
    const sim = new Simulation();
    const random = new Random(112);
    const server = new Server(sim, { workers: 1, serviceTime: () => random.exponential(10) });
    new OpenLoad(sim, { target: server, random, ratePerSecond: 70, maxRequests: 500_000 });
    sim.run();
    const lq = server.meanQueueLength();
    expect(Math.abs(lq / mm1MeanQueueLength(70, 10) - 1)).toBeLessThan(0.05);
    const lambdaPerMs = server.arrivals.count / sim.now;
    expect(lq / (lambdaPerMs * server.waitTime.mean)).toBeCloseTo(1, 9);
  });
});

describe('resetting statistics after a warm-up', () => {
  it('measures only what happens after the reset', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 10 });
    const client = new OpenLoad(sim, { target: server, random: new Random(1), ratePerSecond: 50, arrivals: 'uniform', stopAtMs: 1990 });
    sim.at(1000, () => {
      server.resetStatistics();
      client.stats.resetStatistics();
    });
    sim.run();
    expect(server.arrivals.count).toBe(50); // 1,000 to 1,980 ms only
    expect(client.stats.sent.count).toBe(50);
    expect(server.completed.count).toBe(50);
    expect(server.utilisation()).toBeCloseTo(500 / 990, 12); // 50 × 10 ms of work from 1,000 ms to the last answer at 1,990 ms
    expect(client.stats.latency.count).toBe(50);
  });
});
