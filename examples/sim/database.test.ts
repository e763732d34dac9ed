import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Database } from './database';
import { OpenLoad } from './open-load';
import type { Request, Target } from './request';

describe('Database', () => {
  it('sends writes to the primary and reads to the replicas in turn', () => {
    const sim = new Simulation();
    const db = new Database(sim, { replicas: 2, workersPerNode: 1, queryTime: () => 1, replicationLag: () => 5 });
    for (let id = 0; id < 4; id++) db.handle({ id, createdAt: 0, key: 'x', kind: 'read' }, () => {});
    db.handle({ id: 9, createdAt: 0, key: 'x', kind: 'write' }, () => {});
    sim.run();
    expect(db.primary.completed.count).toBe(1);
    expect(db.replicas.map((r) => r.completed.count)).toEqual([2, 2]);
  });

  it('serves stale reads during replication lag, and none after it', () => {
    const sim = new Simulation();
    const db = new Database(sim, { replicas: 1, workersPerNode: 4, queryTime: () => 1, replicationLag: () => 100 });
    db.handle({ id: 1, createdAt: 0, key: 'x', kind: 'write' }, () => {});
    sim.schedule(50, () => db.handle({ id: 2, createdAt: sim.now, key: 'x', kind: 'read' }, () => {}));
    sim.schedule(200, () => db.handle({ id: 3, createdAt: sim.now, key: 'x', kind: 'read' }, () => {}));
    sim.run();
    expect(db.staleReads.count).toBe(1);
  });

  it('never serves a read pinned to the primary stale, even with a large replication lag', () => {
    const sim = new Simulation();
    const db = new Database(sim, { replicas: 2, workersPerNode: 4, queryTime: () => 1, replicationLag: () => 10_000 });
    const pinned: Request[] = [], unpinned: Request[] = [];
    for (let id = 0; id < 20; id++) {
      db.handle({ id, createdAt: 0, key: `row-${id}`, kind: 'write' }, (written) => {
        // Right after the write is acknowledged: one read pinned to the primary, one not.
        const read = (consistency: 'primary' | 'any', into: Request[]) =>
          db.handle({ id, createdAt: sim.now, key: written.key, kind: 'read', consistency }, (answered) => into.push(answered));
        read('primary', pinned);
        read('any', unpinned);
      });
    }
    sim.run();
    expect(pinned.map((r) => r.stale)).toEqual(new Array(20).fill(false));
    expect(unpinned.map((r) => r.stale)).toEqual(new Array(20).fill(true));
    expect(db.primary.completed.count).toBe(40); // 20 writes and the 20 pinned reads
    expect(db.reads.count).toBe(40);
    expect(db.staleReads.count).toBe(20);
  });

  it('marks each stale read on the request, and the marks add up to staleReads', () => {
    const sim = new Simulation();
    const random = new Random(21);
    const db = new Database(sim, { replicas: 2, workersPerNode: 8, queryTime: () => random.exponential(2), replicationLag: () => random.exponential(50) });
    let marked = 0, pinnedStale = 0;
    const client: Target = {
      name: 'client',
      handle(request, reply) {
        if (request.id % 3 === 0) request.consistency = 'primary';
        db.handle(request, (answered, outcome) => {
          if (answered.stale) marked++;
          if (answered.stale && answered.consistency === 'primary') pinnedStale++;
          reply(answered, outcome);
        });
      },
    };
    new OpenLoad(sim, {
      target: client,
      random,
      ratePerSecond: 500,
      maxRequests: 20_000,
      key: () => `row-${random.integer(1, 50)}`,
      kind: () => (random.chance(0.2) ? 'write' : 'read'),
    });
    sim.run();
    expect(db.staleReads.count).toBeGreaterThan(100);
    expect(marked).toBe(db.staleReads.count);
    expect(pinnedStale).toBe(0);
  });

  it('more lag means more stale reads', () => {
    const staleFraction = (lagMs: number) => {
      const sim = new Simulation();
      const random = new Random(9);
      const db = new Database(sim, { replicas: 2, workersPerNode: 8, queryTime: () => random.exponential(2), replicationLag: () => random.exponential(lagMs) });
      new OpenLoad(sim, {
        target: db,
        random,
        ratePerSecond: 500,
        maxRequests: 50_000,
        key: () => `row-${random.integer(1, 50)}`,
        kind: () => (random.chance(0.2) ? 'write' : 'read'),
      });
      sim.run();
      return db.staleReads.count / db.reads.count;
    };
    expect(staleFraction(1)).toBeLessThan(staleFraction(100) / 5);
    expect(() => new Database(new Simulation(), { replicas: -1, workersPerNode: 1, queryTime: () => 1, replicationLag: () => 1 })).toThrow(
      "Database 'database': replicas must be an integer >= 0 (got -1)",
    );
  });
});
