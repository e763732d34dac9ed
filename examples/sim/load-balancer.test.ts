import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { LoadBalancer } from './load-balancer';
import { OpenLoad } from './open-load';
import type { Reply, Request, Target } from './request';

/** A target that records which requests it got and answers after `delayMs` (never, if Infinity). */
function recorder(sim: Simulation, name: string, delayMs = 0) {
  const received: number[] = [];
  const target: Target = {
    name,
    handle(request: Request, reply: Reply) {
      received.push(request.id);
      if (delayMs < Infinity) sim.schedule(delayMs, () => reply(request, 'ok'));
    },
  };
  return { target, received };
}

describe('LoadBalancer', () => {
  it('round robin takes each target in turn', () => {
    const sim = new Simulation();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => recorder(sim, n));
    const balancer = new LoadBalancer(sim, { targets: [a.target, b.target, c.target], strategy: 'roundRobin' });
    for (let id = 0; id < 6; id++) balancer.handle({ id, createdAt: 0 }, () => {});
    expect([a.received, b.received, c.received]).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  it('weighted round robin sends in proportion to weights, smoothly', () => {
    const sim = new Simulation();
    const [a, b, c] = ['a', 'b', 'c'].map((n) => recorder(sim, n));
    const balancer = new LoadBalancer(sim, {
      targets: [{ target: a.target, weight: 5 }, { target: b.target, weight: 1 }, { target: c.target, weight: 1 }],
      strategy: 'weighted',
    });
    const order: string[] = [];
    for (let id = 0; id < 7; id++) balancer.handle({ id, createdAt: 0 }, () => {});
    for (let id = 0; id < 7; id++) order.push(a.received.includes(id) ? 'a' : b.received.includes(id) ? 'b' : 'c');
    expect(order.join('')).toBe('aabacaa');
  });

  it('least connections avoids the target that is still busy', () => {
    const sim = new Simulation();
    const slow = recorder(sim, 'slow', 1000);
    const fast = recorder(sim, 'fast', 1);
    const balancer = new LoadBalancer(sim, { targets: [slow.target, fast.target], strategy: 'leastConnections' });
    for (let id = 0; id < 10; id++) sim.schedule(id * 10, () => balancer.handle({ id, createdAt: sim.now }, () => {}));
    sim.run();
    expect(slow.received.length).toBe(1);
    expect(fast.received.length).toBe(9);
  });

  it('power of two choices gives a much smaller maximum load than random (balls into bins)', () => {
    // 1,000 servers that never finish, 10,000 requests: connections = requests
    // received, like balls thrown into bins. The fullest bin's excess over the
    // average grows like sqrt(m ln n / n) at random, but only like ln ln n / ln 2
    // with two choices (Azar, Broder, Karlin and Upfal, 1994).
    const bins = 1000;
    function maxLoad(strategy: 'random' | 'powerOfTwoChoices'): number {
      const sim = new Simulation();
      const targets = Array.from({ length: bins }, (_, i) => recorder(sim, `s${i}`, Infinity).target);
      const balancer = new LoadBalancer(sim, { targets, strategy, random: new Random(5) });
      for (let id = 0; id < bins * 10; id++) balancer.handle({ id, createdAt: 0 }, () => {});
      return Math.max(...balancer.backends.map((b) => b.connections)) - 10; // above the average of 10
    }
    const random = maxLoad('random');
    const twoChoices = maxLoad('powerOfTwoChoices');
    expect(random).toBeGreaterThanOrEqual(8);
    expect(twoChoices).toBeLessThanOrEqual(3);
    expect(random).toBeGreaterThanOrEqual(3 * twoChoices);
  });

  it('consistent hashing sends a key to the same target every time', () => {
    const sim = new Simulation();
    const targets = ['a', 'b', 'c'].map((n) => recorder(sim, n));
    const balancer = new LoadBalancer(sim, { targets: targets.map((t) => t.target), strategy: 'consistentHashing' });
    for (let id = 0; id < 30; id++) balancer.handle({ id, createdAt: 0, key: `user-${id % 5}` }, () => {});
    for (const t of targets) {
      const keys = new Set(t.received.map((id) => id % 5));
      for (const other of targets) if (other !== t) for (const id of other.received) expect(keys.has(id % 5)).toBe(false);
    }
  });

  it('skips targets marked down and uses them again when marked up', () => {
    const sim = new Simulation();
    const [a, b] = ['a', 'b'].map((n) => recorder(sim, n));
    const balancer = new LoadBalancer(sim, { targets: [a.target, b.target], strategy: 'roundRobin' });
    balancer.markDown(a.target);
    for (let id = 0; id < 4; id++) balancer.handle({ id, createdAt: 0 }, () => {});
    expect(a.received).toEqual([]);
    balancer.markDown(b.target);
    let outcome = '';
    balancer.handle({ id: 9, createdAt: 0 }, (_, o) => (outcome = o));
    expect(outcome).toBe('error');
    balancer.markUp(a.target);
    balancer.handle({ id: 10, createdAt: 0 }, () => {});
    expect(a.received).toEqual([10]);
  });

  it('spreads a real load evenly across identical servers with least connections', () => {
    const sim = new Simulation();
    const random = new Random(8);
    const servers = [1, 2, 3].map((n) => new Server(sim, { name: `n${n}`, workers: 2, serviceTime: () => random.exponential(10) }));
    const balancer = new LoadBalancer(sim, { targets: servers, strategy: 'leastConnections' });
    new OpenLoad(sim, { target: balancer, random, ratePerSecond: 400, maxRequests: 30_000 });
    sim.run();
    for (const server of servers) expect(server.completed.count / 10_000).toBeCloseTo(1, 1);
  });

  it('rejects an unknown strategy, naming the allowed ones', () => {
    const sim = new Simulation();
    const { target } = recorder(sim, 'a');
    expect(() => new LoadBalancer(sim, { targets: [target], strategy: 'fastest' as never })).toThrow(
      "LoadBalancer 'load-balancer': strategy must be one of roundRobin, weighted, random, leastConnections, powerOfTwoChoices, consistentHashing (got 'fastest')",
    );
    expect(() => new LoadBalancer(sim, { targets: [target], strategy: 'random' })).toThrow('random must be a Random');
    expect(() => new LoadBalancer(sim, { targets: [], strategy: 'roundRobin' })).toThrow('targets must be a non-empty list');
  });
});
