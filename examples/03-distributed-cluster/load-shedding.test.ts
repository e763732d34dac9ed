import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { compare, capacityPerSecond, facts, CALLER_TIMEOUT_MS, QUEUE_LIMIT, MEAN_SERVICE_MS } from './load-shedding';

describe('load shedding between services', () => {
  const [queueAll, bounded, codel, deadline, newestFirst] = compare();
  const capacity = capacityPerSecond();

  it('a service that queues everything serves almost nothing in time, and is still behind long after the spike', () => {
    expect(queueAll.spikeGoodput).toBeLessThan(0.2 * capacity);
    expect(queueAll.wastedWork).toBeGreaterThan(0.5);
    expect(queueAll.recoverySeconds).toBeNaN();
  });

  it('a bounded queue, CoDel or newest-first with deadlines keep goodput at capacity and recover at once', () => {
    for (const r of [bounded, codel, newestFirst]) {
      expect(r.spikeGoodput).toBeGreaterThan(0.9 * capacity);
      expect(r.recoverySeconds).toBeLessThanOrEqual(1);
    }
    expect(bounded.wastedWork).toBe(0);
    expect(codel.wastedWork).toBe(0);
  });

  it('a queue no longer than capacity × timeout answers everything it accepts within the timeout', () => {
    // The longest wait is about QUEUE_LIMIT / capacity seconds, plus one request's own time.
    expect((QUEUE_LIMIT / capacity) * 1000 + 5 * MEAN_SERVICE_MS).toBeLessThan(CALLER_TIMEOUT_MS);
    expect(bounded.p99Ms).toBeLessThan(CALLER_TIMEOUT_MS);
  });

  it('dropping expired work in first-come order still serves most requests too late', () => {
    expect(deadline.spikeGoodput).toBeLessThan(0.5 * capacity);
    expect(deadline.wastedWork).toBeLessThan(queueAll.wastedWork);
  });

  it('states the claims the page makes', () => {
    const f = facts();
    expect(f.sheddingKeepsGoodput).toBe(true);
    expect(f.deadlineAloneFallsShort).toBe(true);
    expect(f.queueAllStillDown).toBe(true);
    expect(f.codelFasterThanBounded).toBe(true);
    // The exercise: a queue longer than capacity × timeout collapses like no bound at all.
    expect(f.longQueueCollapses).toBe(true);
  });

  it('shows a table and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
  });
});
