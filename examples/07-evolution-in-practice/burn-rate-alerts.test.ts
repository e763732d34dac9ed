import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import main, { INCIDENTS, POLICIES, REQUESTS_PER_MINUTE, SLO, WINDOW_DAYS, errorsPerMinute, facts, watch } from './burn-rate-alerts';

describe('alerting on an error budget', () => {
  const errors = errorsPerMinute();
  const [threshold, oneWindow, multi] = POLICIES.map((p) => watch(p, errors));

  it('spends the budget share the workbook gives for each rule: burn rate × window ÷ SLO window', () => {
    const f = facts();
    expect(f.hourAt14).toBe('2.0%'); // 14.4 × 1 h ÷ 720 h
    expect(f.sixHoursAt6).toBe('5.0%'); // 6 × 6 h ÷ 720 h
    expect(f.threeDaysAt1).toBe('10%'); // 1 × 72 h ÷ 720 h
  });

  it('draws errors at the rates it is given: the outage fails a fifth of its requests', () => {
    const outage = INCIDENTS.find((i) => i.name === 'outage')!;
    const start = outage.startHour * 60;
    const failed = errors.slice(start, start + outage.minutes).reduce((a, b) => a + b, 0);
    expect(failed / (outage.minutes * REQUESTS_PER_MINUTE)).toBeCloseTo(outage.errorRate, 2);
    expect(errors).toHaveLength(WINDOW_DAYS * 24 * 60);
  });

  it('pages for the outage within minutes, whatever the policy', () => {
    for (const a of [threshold, oneWindow, multi]) {
      expect(a.detection.outage.kind).toBe('page');
      expect(a.detection.outage.minutes).toBeLessThanOrEqual(10);
    }
  });

  it('catches the slow leak with the long window, as a ticket, long before it spends the month', () => {
    expect(oneWindow.detection['slow leak'].kind).toBe('none');
    expect(multi.detection['slow leak'].kind).toBe('ticket');
    expect(multi.detection['slow leak'].budgetSpent).toBeLessThan(0.1 + 0.01);
  });

  it('wakes nobody for the blip or a restart with burn-rate rules, and many times with a plain threshold', () => {
    expect(multi.detection.blip.kind).toBe('none');
    expect(multi.needlessPages).toBe(0);
    expect(threshold.needlessPages).toBeGreaterThan(WINDOW_DAYS); // more than one a night
  });

  it("stops paging sooner after the outage with a short window: about the short window's length", () => {
    expect(multi.detection.outage.firingAfterEnd).toBeLessThanOrEqual(30);
    expect(oneWindow.detection.outage.firingAfterEnd).toBeGreaterThan(multi.detection.outage.firingAfterEnd);
  });

  it('says the claims the chapter makes', () => {
    const f = facts();
    expect(f.oneWindowMissesLeak).toBe(true);
    expect(f.leakCostsMoreThanOutage).toBe(true);
    expect(f.thresholdIsNoisy).toBe(true);
    expect(f.multiStopsSooner).toBe(true);
    expect(f.blipPagesNobody).toBe(true);
    // The exercise: a threshold over an hour stops the restarts paging, not the blip.
    expect(f.hourThresholdQuietsRestartsOnly).toBe(true);
    expect(f.hourThresholdNeedlessPages).toBe(1);
    expect(f.slo).toBe(`${SLO * 100}%`);
  });

  it('shows a table and a chart with a summary', async () => {
    const shown = await captureShown(main);
    expect(shown.map((d) => d.kind)).toEqual(['table', 'chart']);
    expect(shown[1].summary).toBeTruthy();
  });
});
