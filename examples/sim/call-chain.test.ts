import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random, distributions } from './random';
import { Server } from './server';
import { Sidecar } from './sidecar';
import { OpenLoad } from './open-load';
import type { Target } from './request';

/** A chain of `depth` services, each doing `workMs` then calling the next; optionally a sidecar in front of each. */
function chain(sim: Simulation, depth: number, workMs: number, sidecarMs = 0): Target {
  let next: Target | undefined;
  for (let level = depth; level >= 1; level--) {
    const service: Target = new Server(sim, { name: `service-${level}`, workers: 100, serviceTime: () => workMs, downstream: next });
    next = sidecarMs > 0 ? new Sidecar(sim, { target: service, overhead: () => sidecarMs }) : service;
  }
  return next!;
}

function latencyOf(sim: Simulation, target: Target): number {
  let answeredAt = -1;
  target.handle({ id: 1, createdAt: sim.now }, (_, outcome) => {
    expect(outcome).toBe('ok');
    answeredAt = sim.now;
  });
  sim.run();
  return answeredAt;
}

describe('Server with a downstream call (a service in a chain)', () => {
  it('answers after its own work plus the downstream answer, holding its worker meanwhile', () => {
    const sim = new Simulation();
    const database = new Server(sim, { name: 'database', workers: 1, serviceTime: () => 10 });
    const api = new Server(sim, { name: 'api', workers: 1, serviceTime: () => 5, downstream: database });
    const done: number[] = [];
    api.handle({ id: 1, createdAt: 0 }, () => done.push(sim.now));
    api.handle({ id: 2, createdAt: 0 }, () => done.push(sim.now));
    sim.run();
    // The second request waits for the api's only worker, which waits for the database.
    expect(done).toEqual([15, 30]);
    expect(api.responseTime.mean).toBe(22.5);
    expect(api.utilisation()).toBe(1);
    expect(database.utilisation()).toBeCloseTo(20 / 30, 10);
  });

  it('a call chain of depth n costs n hops of work, and a sidecar adds 2 × overhead per hop', () => {
    for (const depth of [1, 3, 10]) {
      const sim = new Simulation();
      expect(latencyOf(sim, chain(sim, depth, 2))).toBe(2 * depth);
      const meshed = new Simulation();
      expect(latencyOf(meshed, chain(meshed, depth, 2, 0.5))).toBeCloseTo(2 * depth + 2 * 0.5 * depth, 10);
    }
  });

  it('answers error when the downstream fails, and errorProbability fails that share of served requests', () => {
    const sim = new Simulation();
    const random = new Random(41);
    const broken = new Server(sim, { name: 'broken', workers: 1, serviceTime: () => 1 });
    broken.crash();
    const caller = new Server(sim, { name: 'caller', workers: 1, serviceTime: () => 1, downstream: broken });
    let outcome = '';
    caller.handle({ id: 1, createdAt: 0 }, (_, o) => (outcome = o));
    sim.run();
    expect(outcome).toBe('error');
    expect(caller.errors.count).toBe(1);

    const buggy = new Server(sim, { name: 'buggy', workers: 4, serviceTime: distributions.exponential(random, 10), errorProbability: 0.05, random });
    const client = new OpenLoad(sim, { target: buggy, random, ratePerSecond: 200, maxRequests: 40_000 });
    sim.run();
    expect(client.stats.errors.count / 40_000).toBeCloseTo(0.05, 2); // within 0.005; the binomial sd is 0.0011
    expect(buggy.errors.count).toBe(client.stats.errors.count);
    expect(() => new Server(sim, { workers: 1, serviceTime: () => 1, errorProbability: 0.1 })).toThrow(
      "Server 'server': random must be a Random when errorProbability > 0",
    );
    expect(() => new Server(sim, { workers: 1, serviceTime: () => 1, downstream: {} as Target })).toThrow(
      "Server 'server': downstream must be a target",
    );
  });

  it('ignores a downstream answer that arrives after it crashed', () => {
    const sim = new Simulation();
    const slow = new Server(sim, { name: 'slow', workers: 1, serviceTime: () => 100 });
    const caller = new Server(sim, { name: 'caller', workers: 1, serviceTime: () => 1, downstream: slow });
    const outcomes: string[] = [];
    caller.handle({ id: 1, createdAt: 0 }, (_, o) => outcomes.push(`${o}@${sim.now}`));
    sim.schedule(50, () => caller.crash());
    sim.run();
    expect(outcomes).toEqual(['error@50']);
    expect(caller.busy).toBe(0);
  });
});
