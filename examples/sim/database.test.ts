import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Database } from './database';
import { OpenLoad } from './open-load';

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
