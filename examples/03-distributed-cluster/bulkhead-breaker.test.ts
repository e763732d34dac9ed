import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { compare, facts, PAGES_PER_SECOND, PAGE_THREADS, TIMEOUT_MS, INCIDENT_FROM_S, INCIDENT_UNTIL_S, BREAKER } from './bulkhead-breaker';

describe('containing a slow dependency', () => {
  const [none, timeout, fallback, bulkhead, breaker] = compare();

  it('with no bulkhead, the hanging widget takes every page thread and the pages fail', () => {
    expect(none.incidentGoodput).toBeLessThan(0.05 * PAGES_PER_SECOND);
    expect(timeout.incidentGoodput).toBeLessThan(0.05 * PAGES_PER_SECOND);
    expect(fallback.incidentGoodput).toBeLessThan(0.1 * PAGES_PER_SECOND);
  });

  it('a timeout alone is not enough: by Little\'s law the waiting calls need more threads than there are', () => {
    expect((PAGES_PER_SECOND * TIMEOUT_MS) / 1000).toBeGreaterThan(PAGE_THREADS);
  });

  it('a bulkhead or a breaker, with a fallback, keeps serving pages without the widget', () => {
    for (const r of [bulkhead, breaker]) {
      expect(r.incidentGoodput).toBeGreaterThan(0.95 * PAGES_PER_SECOND);
      expect(r.withRecommendations).toBeLessThan(0.5);
    }
  });

  it('the breaker opens soon after the incident starts, probes while it lasts, and closes soon after it ends', () => {
    const transitions = breaker.breakerTransitions;
    const firstOpen = transitions.find(([, state]) => state === 'open')!;
    expect(firstOpen[0]).toBeGreaterThan(INCIDENT_FROM_S * 1000);
    expect(firstOpen[0]).toBeLessThan(INCIDENT_FROM_S * 1000 + 1_000);
    const during = transitions.filter(([time]) => time > INCIDENT_FROM_S * 1000 && time < INCIDENT_UNTIL_S * 1000);
    expect(during.some(([, state]) => state === 'half-open')).toBe(true);
    expect(during.some(([, state]) => state === 'closed')).toBe(false);
    const closed = transitions.find(([time, state]) => state === 'closed' && time >= INCIDENT_UNTIL_S * 1000)!;
    expect(closed[0] - INCIDENT_UNTIL_S * 1000).toBeLessThan(BREAKER.openMs + 1_000);
  });

  it('states the claims the page makes', () => {
    const f = facts();
    expect(f.unprotectedPagesFail).toBe(true);
    expect(f.containedPagesServed).toBe(true);
    // The exercise: a bulkhead as wide as the thread pool protects nothing.
    expect(f.wideBulkheadFails).toBe(true);
  });

  it('shows two tables and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart', 'table']);
  });
});
