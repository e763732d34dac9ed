import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import type { Table } from '../sim';
import main, {
  simulate,
  compare,
  facts,
  CANARY_STEPS,
  REQUESTS_PER_SECOND,
  BUG_ERROR_RATIO,
  ANALYSIS_INTERVAL_MS,
  FAILURE_LIMIT,
  ALERT_AFTER_MS,
  HUMAN_ROLLBACK_MS,
  BASELINE_ERROR_RATIO,
  SUBTLE_GATE,
} from './canary-release';

describe('a bad release: canary with analysis against a big bang', () => {
  const [canary, bigBang, byHand] = compare();

  it('rolls back after FAILURE_LIMIT failed checks, whatever the share', () => {
    expect(canary.rolledBackAfterMs).toBe(FAILURE_LIMIT * ANALYSIS_INTERVAL_MS);
    expect(bigBang.rolledBackAfterMs).toBe(FAILURE_LIMIT * ANALYSIS_INTERVAL_MS);
    expect(byHand.rolledBackAfterMs).toBe(ALERT_AFTER_MS + HUMAN_ROLLBACK_MS);
    expect(canary.peakShare).toBe(CANARY_STEPS[0]);
  });

  it('fails about rate × share × bug ratio × time to roll back', () => {
    const expected = (share: number, ms: number) => REQUESTS_PER_SECOND * share * BUG_ERROR_RATIO * (ms / 1000);
    const within = (measured: number, model: number) => expect(Math.abs(measured / model - 1)).toBeLessThan(0.2);
    within(canary.failedByRelease, expected(CANARY_STEPS[0], canary.rolledBackAfterMs));
    within(bigBang.failedByRelease, expected(1, bigBang.rolledBackAfterMs));
    within(byHand.failedByRelease, expected(1, byHand.rolledBackAfterMs));
  });

  it('a good release goes all the way to 100% with no rollback', () => {
    const good = simulate("canary", { bugErrorRatio: 0.001 });
    expect(good.peakShare).toBe(1);
    expect(good.rolledBackAfterMs).toBeNaN();
    expect(good.failedByRelease).toBeLessThan(20);
  });

  it('holds every claim the chapter makes', () => {
    const f = facts();
    expect(f.canaryStopsAtFirstStep).toBe(true);
    expect(f.canaryFailsFarFewer).toBe(true);
    expect(f.subtleShipped).toBe(true);
    expect(f.onePercentFewer).toBe(true);
    expect(f.tightGateTradesFalseAlarms).toBe(true);
  });

  it('answers the exercise on the reader’s own run: the tight gate catches the subtle bug with the default seed', () => {
    const subtle = simulate('canary', { bugErrorRatio: BASELINE_ERROR_RATIO * 5, maxErrorRatio: SUBTLE_GATE });
    expect(subtle.rolledBackAfterMs).not.toBeNaN();
    expect(simulate('canary', { bugErrorRatio: BASELINE_ERROR_RATIO * 5 }).rolledBackAfterMs).toBeNaN();
  });

  it('shows a table and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect((shown[0] as Table).rows.map((row) => row[0])).toEqual(['canary', 'big bang, automatic rollback', 'big bang, rollback by hand']);
  });
});
