import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { compare, slowRequestShare, facts, FAN_OUTS, SLOW_MS, SLOW_SHARE, MAX_HEDGES } from './fan-out';

describe('fan-out: the slowest of n calls', () => {
  const { plain, hedged, hedgeAfterMs } = compare();

  // Three standard errors of a share measured on r.requests pages.
  const tolerance = (share: number, requests: number) => 3 * Math.sqrt((share * (1 - share)) / requests);

  it('measures the share of slow requests that 1 − 0.99ⁿ predicts, within three standard errors', () => {
    for (const r of plain) {
      const theory = slowRequestShare(r.services);
      expect(Math.abs(r.slowShare - theory)).toBeLessThan(tolerance(theory, r.requests));
    }
    expect(plain.map((r) => r.services)).toEqual(FAN_OUTS);
  });

  it('turns the rare slow call into the median once a request calls a hundred services', () => {
    const most = plain[plain.length - 1];
    expect(plain[0].p50Ms).toBeLessThan(SLOW_MS / 10);
    expect(most.p50Ms).toBeGreaterThanOrEqual(SLOW_MS * 0.99);
  });

  it('hedges after the p95 of one call: a call is slow only if every copy is, for about 5% more calls', () => {
    for (const r of hedged) {
      const theory = slowRequestShare(r.services, SLOW_SHARE ** (MAX_HEDGES + 1));
      // Queueing adds a little: a copy can wait behind the slow call it was meant to overtake.
      expect(Math.abs(r.slowShare - theory)).toBeLessThan(tolerance(theory, r.requests) + 0.005);
      expect(r.extraCalls).toBeGreaterThan(0.03);
      expect(r.extraCalls).toBeLessThan(0.08);
    }
    const i = plain.length - 1;
    expect(hedged[i].slowShare).toBeLessThan(plain[i].slowShare / 10);
    // The hedge goes out after a typical call's p95: well under the slow call's time.
    expect(hedgeAfterMs).toBeLessThan(SLOW_MS / 5);
    // At ten services the p99 falls from the slow call's time to near the hedging delay plus a call.
    expect(hedged[1].p99Ms).toBeLessThan(plain[1].p99Ms / 2);
  });

  it('states the claims the page makes', () => {
    const f = facts();
    expect(f.tailBecomesMedian).toBe(true);
    expect(f.hedgingCutsSlowShare).toBe(true);
    expect(f.hedgingCutsTenP99).toBe(true);
    // The exercise: a second hedge takes the largest fan-out's p99 below the slow call's time.
    expect(f.twoHedgesP99BelowSlow).toBe(true);
  });

  it('shows two tables and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'table', 'chart']);
  });
});
