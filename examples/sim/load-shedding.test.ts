import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import type { ServerOptions } from './server';
import { OpenLoad } from './open-load';
import { Timeout } from './timeout';
import type { Outcome, Request } from './request';

const SLO_MS = 200;

/** One worker with a 10 ms mean service time, offered twice what it can serve for a minute. */
function overload(options: Partial<ServerOptions>) {
  const sim = new Simulation();
  const random = new Random(31);
  const server = new Server(sim, { workers: 1, serviceTime: () => random.exponential(10), ...options });
  const client = new OpenLoad(sim, { target: server, random, ratePerSecond: 200, stopAtMs: 60_000, sloMs: SLO_MS });
  sim.run({ until: 60_000 });
  return { server, client, goodput: client.stats.withinSlo.count / 60 };
}

describe('Server load shedding under twice its capacity', () => {
  it('queueing everything serves almost no one within the SLO; a queue timeout keeps goodput near capacity', () => {
    const everything = overload({});
    expect(everything.goodput).toBeLessThan(5); // per second, of a capacity of 100
    const shedding = overload({ queueTimeoutMs: 100 });
    expect(shedding.goodput).toBeGreaterThan(90);
    expect(shedding.server.waitTime.max).toBeLessThanOrEqual(100);
    expect(shedding.server.shed.count).toBeGreaterThan(4000); // about half of 12,000
    expect(shedding.client.stats.rejected.count).toBe(shedding.server.shed.count);
  });

  it('CoDel: requests that join a queue standing for an interval may wait only the target, halving the mean wait', () => {
    const codel = overload({ codel: { targetMs: 5, intervalMs: 100 } });
    const timeout = overload({ queueTimeoutMs: 100 });
    expect(codel.goodput).toBeGreaterThan(90);
    expect(codel.server.waitTime.max).toBeLessThanOrEqual(100);
    expect(codel.server.waitTime.mean).toBeLessThan(timeout.server.waitTime.mean / 2); // 44 ms against 90 ms
    // With LIFO as well (Facebook's "adaptive LIFO"), the typical request hardly waits.
    const both = overload({ codel: { targetMs: 5, intervalMs: 100 }, queueDiscipline: 'lifo' });
    expect(both.server.waitTime.percentile(50)).toBeLessThan(5);
  });

  it('LIFO serves the newest request first: most answers stay fast while old ones starve', () => {
    const fifo = overload({ queueLimit: 100 });
    const lifo = overload({ queueLimit: 100, queueDiscipline: 'lifo' });
    expect(fifo.goodput).toBeLessThan(5); // a full FIFO queue of 100 is a 1 s wait
    expect(lifo.goodput).toBeGreaterThan(60);
    expect(lifo.client.stats.latency.percentile(50)).toBeLessThan(50);
  });

  it('drops a queued request whose deadline has passed, and Timeout can propagate that deadline', () => {
    const run = (propagateDeadline: boolean) => {
      const sim = new Simulation();
      const server = new Server(sim, { workers: 1, serviceTime: () => 100 });
      const timeout = new Timeout(sim, { target: server, timeoutMs: 150, propagateDeadline });
      const outcomes: string[] = [];
      for (let id = 0; id < 3; id++) timeout.handle({ id, createdAt: 0 }, (r, o) => outcomes.push(`${r.id} ${o}@${sim.now}`));
      sim.run();
      return { server, outcomes, end: sim.now };
    };
    const blind = run(false);
    expect(blind.outcomes).toEqual(['0 ok@100', '1 timeout@150', '2 timeout@150']);
    expect(blind.server.completed.count).toBe(3); // served two requests nobody waited for
    expect(blind.end).toBe(300);
    const told = run(true);
    expect(told.outcomes).toEqual(blind.outcomes);
    // Request 1 started at 100, before its deadline; request 2 reached a worker at 200, after it.
    expect(told.server.completed.count).toBe(2);
    expect(told.server.shed.count).toBe(1);
    expect(told.end).toBe(200);
  });

  it('drops a queued request its caller cancelled, answering it rejected', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 10 });
    const outcomes: Outcome[] = [];
    const second: Request = { id: 2, createdAt: 0 };
    server.handle({ id: 1, createdAt: 0 }, (_, o) => outcomes.push(o));
    server.handle(second, (_, o) => outcomes.push(o));
    second.cancelled = true;
    sim.run();
    expect(outcomes).toEqual(['ok', 'rejected']);
    expect(server.cancelled.count).toBe(1);
    expect(server.load).toBe(0);
  });

  it('names bad shedding options', () => {
    const sim = new Simulation();
    const base = { workers: 1, serviceTime: () => 1 };
    expect(() => new Server(sim, { ...base, queueDiscipline: 'random' as 'fifo' })).toThrow(
      "Server 'server': queueDiscipline must be 'fifo' or 'lifo' (got 'random')",
    );
    expect(() => new Server(sim, { ...base, queueTimeoutMs: 0 })).toThrow("Server 'server': queueTimeoutMs must be a number > 0 (got 0)");
    expect(() => new Server(sim, { ...base, codel: { targetMs: 5, intervalMs: -1 } })).toThrow(
      "Server 'server': codel.intervalMs must be a number > 0 (got -1)",
    );
  });
});
