import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { ClosedLoad } from './closed-load';

describe('ClosedLoad', () => {
  it('obeys the interactive response time law: throughput X = N / (R + Z)', () => {
    const sim = new Simulation();
    const random = new Random(4);
    const server = new Server(sim, { workers: 1, serviceTime: () => random.exponential(10) });
    const users = new ClosedLoad(sim, { target: server, users: 20, thinkTime: () => random.exponential(300) });
    sim.run({ until: 2_000_000 });
    const X = users.stats.ok.count / 2000; // per second
    const R = users.stats.latency.mean / 1000;
    const Z = 0.3;
    expect(Math.abs(X / (20 / (R + Z)) - 1)).toBeLessThan(0.01);
  });

  it('regulates itself: a slower server gets fewer requests, never an unbounded queue', () => {
    const throughput = (serviceMs: number) => {
      const sim = new Simulation();
      const random = new Random(5);
      const server = new Server(sim, { workers: 1, serviceTime: () => random.exponential(serviceMs) });
      const users = new ClosedLoad(sim, { target: server, users: 10, thinkTime: () => 100 });
      sim.run({ until: 200_000 });
      expect(server.inSystem.max).toBeLessThanOrEqual(10);
      return users.stats.ok.count;
    };
    expect(throughput(50)).toBeLessThan(throughput(5) / 2);
  });

  it('rejects zero users', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 1 });
    expect(() => new ClosedLoad(sim, { target: server, users: 0, thinkTime: () => 1 })).toThrow(
      'ClosedLoad: users must be an integer >= 1 (got 0)',
    );
  });
});
