import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, facts, SCENARIOS, MINUTES_PER_YEAR, DAILY_REQUESTS } from './downtime';
import { DAILY_REQUESTS as TODAYS_DAILY_REQUESTS } from './saturation';

describe('downtime of one box over simulated years', () => {
  const [engineer, automatic, deploys] = simulate();

  it('measures what the formula MTBF / (MTBF + MTTR) predicts, within 0.02 percentage points', () => {
    for (const r of [engineer, automatic, deploys]) {
      expect(Math.abs(r.measuredAvailability - r.formulaAvailability)).toBeLessThan(0.0002);
    }
  });

  it('quotes the figures in the prose', () => {
    expect((engineer.formulaAvailability * 100).toFixed(3)).toBe('99.723');
    expect(Math.round((1 - engineer.formulaAvailability) * MINUTES_PER_YEAR)).toBe(1456);
    expect(Math.round(engineer.failuresPerYear)).toBe(6);
    expect(Math.round(engineer.minutesDownPerYear)).toBe(1417);
    expect(Math.round(engineer.worstYearMinutesDown)).toBe(4892);
    expect(Math.round(engineer.requestsLostPerYear / 1000)).toBe(98); // 1,417 minutes × 60 s × 100,000 / 86,400 per second
    expect((automatic.formulaAvailability * 100).toFixed(3)).toBe('99.988');
    expect(Math.round(automatic.minutesDownPerYear)).toBe(59);
    expect(Math.round(automatic.worstYearMinutesDown)).toBe(196);
    expect(Math.round(deploys.failuresPerYear)).toBe(521);
    expect(Math.round(deploys.minutesDownPerYear)).toBe(525);
    expect((deploys.measuredAvailability * 100).toFixed(2)).toBe('99.90');
  });

  it("counts lost requests at the chapter's traffic, the same as the saturation example's", () => {
    expect(DAILY_REQUESTS).toBe(TODAYS_DAILY_REQUESTS);
  });

  it('converts nines to minutes a year as the prose does', () => {
    expect(MINUTES_PER_YEAR).toBe(525_600);
    expect(Math.round(0.001 * MINUTES_PER_YEAR)).toBe(526);
    expect((0.001 * MINUTES_PER_YEAR / 60).toFixed(1)).toBe('8.8');
    expect(Math.round(0.0001 * MINUTES_PER_YEAR)).toBe(53);
  });

  it('shows that cutting MTTR helps as much as a longer MTBF', () => {
    // Same crashes, 24 times shorter repairs: about 24 times less downtime.
    expect(Math.round(engineer.minutesDownPerYear / automatic.minutesDownPerYear)).toBe(24);
  });

  it('varies from year to year: the worst year is several times the average', () => {
    expect(engineer.worstYearMinutesDown / engineer.minutesDownPerYear).toBeGreaterThan(3);
  });

  it('answers the exercise: a 365-day MTBF or a 1-hour MTTR', () => {
    const minutesDown = (mtbfDays: number, mttrHours: number) => {
      const a = (mtbfDays * 24) / (mtbfDays * 24 + mttrHours);
      return Math.round((1 - a) * MINUTES_PER_YEAR);
    };
    expect(minutesDown(365, 4)).toBe(240);
    expect(minutesDown(60, 1)).toBe(365);
    expect(SCENARIOS[0].mttrMs).toBe(4 * 3_600_000);
    expect(facts().betterHardwareRemovesMore).toBe(true);
  });

  it('prints a table, then a chart with one line per scenario', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[1].series).toHaveLength(SCENARIOS.length);
  });
});
