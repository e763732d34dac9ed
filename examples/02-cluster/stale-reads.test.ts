import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, facts, MEAN_REPLICATION_LAGS_MS } from './stale-reads';

const pct = (share: number, digits = 0) => (share * 100).toFixed(digits);

describe('stale reads under replication lag', () => {
  const plain = Object.fromEntries(MEAN_REPLICATION_LAGS_MS.map((lag) => [lag, simulate(lag, false)]));
  const pinned = Object.fromEntries(MEAN_REPLICATION_LAGS_MS.map((lag) => [lag, simulate(lag, true)]));

  it('agrees with P(lag > redirect) = L / (L + T) within 1.5 points from 10 ms of lag up', () => {
    for (const lag of MEAN_REPLICATION_LAGS_MS.filter((l) => l >= 10)) {
      expect(Math.abs(plain[lag].staleAfterSaveShare - plain[lag].theoryStaleAfterSaveShare)).toBeLessThan(0.015);
    }
  });

  it('quotes the shares in the prose', () => {
    expect(pct(plain[10].staleAfterSaveShare, 1)).toBe('6.9');
    expect(pct(plain[50].staleAfterSaveShare)).toBe('24');
    expect(pct(plain[150].staleAfterSaveShare)).toBe('50');
    expect(pct(plain[500].staleAfterSaveShare)).toBe('77');
    expect(pct(plain[2000].staleAfterSaveShare)).toBe('93');
    expect(pct(plain[150].staleShare, 1)).toBe('5.1');
  });

  it('grows with the lag', () => {
    const shares = MEAN_REPLICATION_LAGS_MS.map((lag) => plain[lag].staleAfterSaveShare);
    shares.slice(1).forEach((share, i) => expect(share).toBeGreaterThan(shares[i]));
  });

  it('read your writes: no stale read after a save, 13% of reads on the primary', () => {
    for (const lag of MEAN_REPLICATION_LAGS_MS) expect(pinned[lag].staleAfterSaveShare).toBe(0);
    expect(pct(pinned[2000].staleShare, 1)).toBe('1.2');
    expect(pct(pinned[150].primaryReadShare)).toBe('13');
    expect(plain[150].primaryReadShare).toBe(0);
  });

  it('answers the exercise: a 200 ms pin at 150 ms of lag lets 3.5% through and puts 7.6% of reads on the primary', () => {
    const r = simulate(150, true, 200);
    expect(pct(r.staleAfterSaveShare, 1)).toBe('3.5');
    expect(pct(r.primaryReadShare, 1)).toBe('7.6');
  });

  it('prints a table and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(MEAN_REPLICATION_LAGS_MS.length);
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.pinRemovesStaleAfterSave).toBe(true);
    expect(f.pinnedStaleOnlyAtLargest).toBe(true);
  });
});
