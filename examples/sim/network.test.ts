import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { Link } from './network';
import { Timeout } from './timeout';

describe('Link', () => {
  it('adds latency each way', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 10 });
    const link = new Link(sim, { target: server, latency: () => 25 });
    let doneAt = -1;
    link.handle({ id: 1, createdAt: 0 }, () => (doneAt = sim.now));
    sim.run();
    expect(doneAt).toBe(60);
  });

  it('loses about lossProbability of messages each way; a timeout turns the silence into failures', () => {
    const sim = new Simulation();
    const random = new Random(10);
    const server = new Server(sim, { workers: 100, serviceTime: () => 1 });
    const link = new Link(sim, { target: server, latency: () => 5, lossProbability: 0.1, random });
    const caller = new Timeout(sim, { target: link, timeoutMs: 100 });
    const outcomes = { ok: 0, timeout: 0 } as Record<string, number>;
    for (let id = 0; id < 20_000; id++) sim.schedule(id, () => caller.handle({ id, createdAt: sim.now }, (_, o) => outcomes[o]++));
    sim.run();
    // A round trip survives with probability 0.9 × 0.9 = 0.81.
    expect(Math.abs(outcomes.ok / 20_000 - 0.81)).toBeLessThan(0.01);
    expect(outcomes.ok + outcomes.timeout).toBe(20_000);
  });

  it('drops everything during a partition and recovers after heal', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 1 });
    const link = new Link(sim, { target: server, latency: () => 5 });
    const caller = new Timeout(sim, { target: link, timeoutMs: 50 });
    const outcomes: string[] = [];
    link.partition();
    caller.handle({ id: 1, createdAt: 0 }, (_, o) => outcomes.push(o));
    sim.schedule(100, () => link.heal());
    sim.schedule(200, () => caller.handle({ id: 2, createdAt: sim.now }, (_, o) => outcomes.push(o)));
    sim.run();
    expect(outcomes).toEqual(['timeout', 'ok']);
    expect(() => new Link(sim, { target: server, latency: () => 1, lossProbability: 1.5 })).toThrow(
      'Link: lossProbability must be a probability in 0..1 (got 1.5)',
    );
  });
});
