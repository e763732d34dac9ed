import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import main, {
  ENGINEER_COST, NEW_BASE_SHARE, NEW_RUN_COST, OLD_RUN_COST, PLANNED_MONTHS, SLICES, TEAM,
  cumulative, facts, monthlyNet, movedShare, outlook, paybackMonth, plannedDuration,
} from './migration-payback';

const SAVING = OLD_RUN_COST - NEW_RUN_COST;
const MIGRATING = -(TEAM * ENGINEER_COST + NEW_BASE_SHARE * NEW_RUN_COST);

describe("a migration's cost and payback", () => {
  it('spends the team and the new base each month of a big bang, then saves the difference', () => {
    expect(monthlyNet('big bang', 0, PLANNED_MONTHS)).toBeCloseTo(MIGRATING, 6);
    expect(monthlyNet('big bang', PLANNED_MONTHS - 1, PLANNED_MONTHS)).toBeCloseTo(MIGRATING, 6);
    expect(monthlyNet('big bang', PLANNED_MONTHS, PLANNED_MONTHS)).toBeCloseTo(SAVING, 6);
  });

  it('pays a big bang back when the savings have covered the months of migrating', () => {
    // 9 × 67,500 = 607,500 spent; 35,000 a month earns it back in 17.4 months: month 27.
    const spent = -MIGRATING * PLANNED_MONTHS;
    expect(paybackMonth('big bang', PLANNED_MONTHS)).toBe(PLANNED_MONTHS + Math.ceil(spent / SAVING));
  });

  it('moves an incremental migration in equal slices, saving on each from the day it moves', () => {
    const duration = plannedDuration('incremental');
    expect(movedShare('incremental', 0, duration)).toBe(0);
    expect(movedShare('incremental', duration / SLICES + 0.01, duration)).toBeCloseTo(1 / SLICES, 12);
    expect(movedShare('incremental', duration, duration)).toBe(1);
    const early = monthlyNet('incremental', 0, duration);
    const later = monthlyNet('incremental', Math.floor(duration) - 1, duration);
    expect(later).toBeGreaterThan(early);
  });

  it('finds the payback month the cumulative curve shows', () => {
    for (const way of ['big bang', 'incremental'] as const) {
      const duration = plannedDuration(way);
      const month = paybackMonth(way, duration);
      const curve = cumulative(way, duration, month);
      expect(curve[month][1]).toBeGreaterThanOrEqual(0);
      expect(curve[month - 1][1]).toBeLessThan(0);
    }
  });

  it('is cheaper on paper as a big bang and safer as an increment, the trade the chapter describes', () => {
    const [bigBang, incremental] = [outlook('big bang'), outlook('incremental')];
    expect(bigBang.planPayback).toBeLessThan(incremental.planPayback);
    expect(incremental.p90Payback).toBeLessThan(bigBang.p90Payback);
    expect(bigBang.notPaidBackShare).toBeGreaterThan(incremental.notPaidBackShare);
    expect(bigBang.p90Duration).toBeGreaterThan(incremental.p90Duration);
  });

  it('gives stable percentiles: other seeds move the median payback by at most a month', () => {
    const medians = [1, 2, 3].map((seed) => outlook('big bang', 2_000, seed).medianPayback);
    expect(Math.max(...medians) - Math.min(...medians)).toBeLessThanOrEqual(1);
  });

  it('says the claims the chapter makes', () => {
    const f = facts();
    expect(f.planFavoursBigBang).toBe(true);
    expect(f.badCaseFavoursIncremental).toBe(true);
    expect(f.cancelledIncrementalRecovers).toBe(true);
  });

  it('shows a table per way and four lines', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(2);
    expect(shown[1].series).toHaveLength(4);
  });
});
