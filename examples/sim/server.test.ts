import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { OpenLoad } from './open-load';
import { mm1MeanWaitMs, mmcMeanWaitMs, mg1MeanWaitMs, erlangC } from './theory';
import type { Request, Outcome } from './request';

const CUSTOMERS = 1_000_000;

/** One long seeded run of a queue with Poisson arrivals. */
function simulateQueue(options: { workers: number; ratePerSecond: number; serviceTime: (r: Random) => number; seed: number }) {
  const sim = new Simulation();
  const random = new Random(options.seed);
  const server = new Server(sim, { workers: options.workers, serviceTime: () => options.serviceTime(random) });
  const client = new OpenLoad(sim, { target: server, random, ratePerSecond: options.ratePerSecond, maxRequests: CUSTOMERS });
  sim.run();
  return { sim, server, client };
}

/** Little's law, L = λW, holds exactly over a run that starts and ends empty. */
function expectLittlesLaw(sim: Simulation, server: Server): void {
  const L = server.inSystem.mean(sim.now);
  const lambda = server.completed.count / sim.now;
  const W = server.responseTime.mean;
  expect(Math.abs(L / (lambda * W) - 1)).toBeLessThan(1e-9);
}

describe('Server against queueing theory (1,000,000 customers per run)', () => {
  it('M/M/1 at 70% utilisation: mean wait within 3% of ρS/(1−ρ) = 23.33 ms', () => {
    const { sim, server } = simulateQueue({ workers: 1, ratePerSecond: 70, serviceTime: (r) => r.exponential(10), seed: 1 });
    const theory = mm1MeanWaitMs(70, 10);
    expect(theory).toBeCloseTo(23.333, 3);
    expect(Math.abs(server.waitTime.mean / theory - 1)).toBeLessThan(0.03);
    expect(Math.abs(server.utilisation() - 0.7)).toBeLessThan(0.01);
    expectLittlesLaw(sim, server);
  });

  it('M/M/4 at 80% utilisation: mean wait within 4% of Erlang C (7.46 ms)', () => {
    const { sim, server } = simulateQueue({ workers: 4, ratePerSecond: 320, serviceTime: (r) => r.exponential(10), seed: 2 });
    const theory = mmcMeanWaitMs(320, 10, 4);
    expect(erlangC(320, 10, 4)).toBeCloseTo(0.5964, 3);
    expect(theory).toBeCloseTo(7.455, 2);
    expect(Math.abs(server.waitTime.mean / theory - 1)).toBeLessThan(0.04);
    expectLittlesLaw(sim, server);
  });

  it('M/D/1 at 70% utilisation: mean wait within 3% of Pollaczek–Khinchine (11.67 ms, half of M/M/1)', () => {
    const { sim, server } = simulateQueue({ workers: 1, ratePerSecond: 70, serviceTime: () => 10, seed: 3 });
    const theory = mg1MeanWaitMs(70, 10, 0);
    expect(theory).toBeCloseTo(11.667, 3);
    expect(Math.abs(server.waitTime.mean / theory - 1)).toBeLessThan(0.03);
    expectLittlesLaw(sim, server);
  });
});

describe('Server behaviour', () => {
  function collect() {
    const outcomes: Outcome[] = [];
    const reply = (_: Request, outcome: Outcome) => outcomes.push(outcome);
    return { outcomes, reply };
  }

  it('rejects requests once the queue is full', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 2, queueLimit: 3, serviceTime: () => 100 });
    const { outcomes, reply } = collect();
    for (let id = 0; id < 8; id++) server.handle({ id, createdAt: 0 }, reply);
    expect(outcomes).toEqual(['rejected', 'rejected', 'rejected']); // 2 in service + 3 queued accepted
    expect(server.queueLength).toBe(3);
    sim.run();
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(sim.now).toBe(300); // three rounds of 100 ms on two workers
    expect(server.rejected.count).toBe(3);
  });

  it('serves in arrival order (FIFO)', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 1 });
    const order: number[] = [];
    for (let id = 0; id < 100; id++) server.handle({ id, createdAt: 0 }, (r) => order.push(r.id));
    sim.run();
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('fails everything inside when it crashes, refuses work while down, serves again after restart', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 10 });
    const { outcomes, reply } = collect();
    server.handle({ id: 1, createdAt: 0 }, reply);
    server.handle({ id: 2, createdAt: 0 }, reply);
    sim.schedule(5, () => server.crash());
    sim.schedule(6, () => server.handle({ id: 3, createdAt: 6 }, reply));
    sim.schedule(7, () => server.restart());
    sim.schedule(8, () => server.handle({ id: 4, createdAt: 8 }, reply));
    sim.run();
    expect(outcomes).toEqual(['error', 'error', 'error', 'ok']);
    expect(sim.now).toBe(18);
    expect(server.load).toBe(0);
    expect(server.busy).toBe(0);
  });

  it('slows down by a factor', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 10 });
    server.setSlowdown(3);
    server.handle({ id: 1, createdAt: 0 }, () => {});
    sim.run();
    expect(sim.now).toBe(30);
  });

  it('adds workers at once and retires busy workers only when they finish', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 10 });
    const done: number[] = [];
    for (let id = 0; id < 4; id++) server.handle({ id, createdAt: 0 }, () => done.push(sim.now));
    server.setWorkers(4);
    expect(server.busy).toBe(4);
    server.setWorkers(1);
    sim.run();
    expect(done).toEqual([10, 10, 10, 10]);
    for (let id = 0; id < 2; id++) server.handle({ id, createdAt: sim.now }, () => done.push(sim.now));
    sim.run();
    expect(done.slice(4)).toEqual([20, 30]); // one worker left
  });

  it('names the parameter and the allowed range when given a bad one', () => {
    const sim = new Simulation();
    expect(() => new Server(sim, { workers: 0, serviceTime: () => 1 })).toThrow(
      "Server 'server': workers must be an integer >= 1 (got 0)",
    );
    expect(() => new Server(sim, { workers: 1.5, serviceTime: () => 1 })).toThrow('workers must be an integer >= 1 (got 1.5)');
    expect(() => new Server(sim, { workers: 1, queueLimit: -1, serviceTime: () => 1 })).toThrow(
      'queueLimit must be a number >= 0 (got -1)',
    );
  });
});
