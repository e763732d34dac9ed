import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { compare, facts, TRANSIENT_ERRORS, BUDGET_RATIO, TIMEOUTS_MS, RETRIES } from './retry-storm';

describe('a retry storm outlives the slowdown that started it', () => {
  const [none, naive, backoff, budget, all] = compare();

  it('without retries, the system is back within seconds of the slowdown ending', () => {
    expect(none.recoverySeconds).toBeLessThanOrEqual(3);
  });

  it('three retries at every layer multiply the load on the database and never recover', () => {
    // Up to (1 + RETRIES) attempts per layer, so up to 64 per request with three layers.
    expect(naive.amplification).toBeGreaterThan((1 + RETRIES) ** 2);
    expect(naive.amplification).toBeLessThanOrEqual((1 + RETRIES) ** TIMEOUTS_MS.length);
    expect(naive.recoverySeconds).toBeNaN();
    expect(naive.successRatio).toBeLessThan(none.successRatio - 0.2);
  });

  it('backoff and jitter alone spread the retries out but do not end the storm', () => {
    expect(backoff.amplification).toBeGreaterThan((1 + RETRIES) ** 2);
    expect(backoff.recoverySeconds).toBeNaN();
  });

  it('a retry budget caps the extra load near its ratio per layer, and the system recovers', () => {
    expect(budget.amplification).toBeLessThan((1 + BUDGET_RATIO) ** TIMEOUTS_MS.length + 0.15);
    expect(budget.recoverySeconds).toBeLessThanOrEqual(3);
  });

  it('retries still do their job: the transient errors before the slowdown are hidden', () => {
    expect(none.failedBeforeSlowdown).toBeGreaterThan(TRANSIENT_ERRORS / 4);
    expect(budget.failedBeforeSlowdown).toBeLessThan(TRANSIENT_ERRORS / 4);
  });

  it('with a breaker and deadlines, the system serves more and recovers at once', () => {
    expect(all.recoverySeconds).toBeLessThanOrEqual(1);
    expect(all.successRatio).toBeGreaterThan(none.successRatio);
  });

  it('states the claims the page makes', () => {
    const f = facts();
    expect(f.naiveNeverRecovers).toBe(true);
    expect(f.budgetRecovers).toBe(true);
    expect(f.backoffNeverRecovers).toBe(true);
    // The exercise: a milder slowdown that never overloads the database still starts a storm.
    expect(f.mildStormAnyway).toBe(true);
    expect(f.mildNoRetryRecovery).toBe('0 s');
  });

  it('shows a table and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
  });
});
