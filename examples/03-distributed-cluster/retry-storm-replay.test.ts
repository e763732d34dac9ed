import { describe, it, expect } from 'vitest';
import { captureShown, ReplayModel } from '../sim';
import { FIELDS, F_QUEUED } from '../sim/replay';
import type { Trace } from '../sim';
import main, { traceStorm, attemptsPerRequest, facts, QUEUE_LIMIT, UNTIL_MS, SLOWDOWN_AT_S, SLOWDOWN_FOR_S, RETRIES } from './retry-storm-replay';
import * as replayed from './retry-storm-replay';
import * as storm from './retry-storm';

/** The database's queue at `time`. */
function databaseQueue(trace: Trace, time: number): number {
  const data = trace.data();
  const database = data.components.findIndex((c) => c.name === 'database');
  return new ReplayModel(data).stateAt(time)[database * FIELDS + F_QUEUED];
}

describe('the retry storm, watched', () => {
  const naive = traceStorm('3 retries at every layer');
  const budget = traceStorm('+ retry budget');

  it('replays the database, the load and the layers of retry-storm.ts', () => {
    const names = ['WORKERS', 'MEAN_QUERY_MS', 'QUEUE_LIMIT', 'TRANSIENT_ERRORS', 'UTILISATION', 'SLOWDOWN_FACTOR', 'SLOWDOWN_AT_S', 'SLOWDOWN_FOR_S', 'TIMEOUTS_MS', 'RETRIES', 'BACKOFF_BASE_MS', 'BUDGET_RATIO', 'SEED'] as const;
    for (const name of names) expect(replayed[name], name).toEqual(storm[name]);
    // The two policies it replays are two of the storm's, by name.
    for (const policy of replayed.POLICIES) expect(storm.POLICIES.map((p) => p.name)).toContain(policy);
  });

  it('holds the whole window: no bound of the trace cuts it, so the counts are the run\'s', () => {
    expect(naive.note).toBeUndefined();
    expect(budget.note).toBeUndefined();
    expect(naive.data().components.map((c) => c.name)).toEqual([
      'mobile app retries', 'mobile app timeout', 'API retries', 'API timeout', 'DB client retries', 'DB client timeout', 'database', 'users',
    ]);
  });

  it('multiplies attempts about fourfold at each layer with naive retries, towards 4 × 4 × 4 at the database', () => {
    const layers = attemptsPerRequest(naive).map((l) => l.perRequest);
    for (let i = 1; i < 3; i++) expect(layers[i] / layers[i - 1]).toBeGreaterThan(3.5);
    expect(layers[3]).toBeGreaterThan(45);
    expect(layers[3]).toBeLessThanOrEqual((RETRIES + 1) ** 3);
  });

  it('keeps the attempts near one per request with a retry budget', () => {
    const layers = attemptsPerRequest(budget).map((l) => l.perRequest);
    expect(layers[3]).toBeLessThan(3);
    expect(layers[3]).toBeLessThan(attemptsPerRequest(naive)[3].perRequest / 15);
  });

  it('leaves the database\'s queue full after the slowdown without a budget, and drains it with one', () => {
    const end = (SLOWDOWN_AT_S + SLOWDOWN_FOR_S) * 1000;
    expect(databaseQueue(naive, end + 1_000)).toBe(QUEUE_LIMIT);
    expect(databaseQueue(naive, UNTIL_MS)).toBe(QUEUE_LIMIT);
    expect(databaseQueue(budget, end)).toBeGreaterThan(QUEUE_LIMIT * 0.8);
    expect(databaseQueue(budget, UNTIL_MS)).toBeLessThan(QUEUE_LIMIT / 2);
  });

  it('gives the page its figures, from the same traces', () => {
    const f = facts();
    expect(f.worstCase).toBe('64');
    expect(f.naiveDatabaseAttempts).toBe(attemptsPerRequest(naive)[3].perRequest.toFixed(1));
    expect(f.budgetDatabaseAttempts).toBe(attemptsPerRequest(budget)[3].perRequest.toFixed(1));
  });

  it('is one replay of both policies', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['replay']);
    expect(shown[0].traces.map((t: { label: string }) => t.label)).toEqual(['3 retries at every layer', '+ retry budget']);
  });
});
