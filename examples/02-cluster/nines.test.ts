import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, defaultParts, downtimeHoursPerYear, percent } from './nines';

describe('availability arithmetic, checked by failure injection', () => {
  const designs = simulate();
  const downtime = designs.map((d) => downtimeHoursPerYear(d.formula));

  it('measures what the series and parallel formulas predict, within 2% of the downtime', () => {
    for (const d of designs) {
      expect(Math.abs(downtimeHoursPerYear(d.measured) / downtimeHoursPerYear(d.formula) - 1)).toBeLessThan(0.02);
    }
  });

  it('quotes the availabilities and downtimes in the prose', () => {
    expect(designs.map((d) => percent(d.formula))).toEqual(['99.010%', '98.901%', '99.880%', '99.890%', '99.990%']);
    expect(downtime.map((h) => h.toFixed(1))).toEqual(['86.8', '96.3', '10.5', '9.6', '0.9']);
    expect(Math.round(downtime[4] * 60)).toBe(54);
  });

  it('series makes things worse, parallel better, and the database then dominates', () => {
    expect(designs[1].formula).toBeLessThan(designs[0].formula);
    expect(designs[2].formula).toBeGreaterThan(designs[1].formula);
    // With three nodes, the database's own downtime is most of what is left.
    expect(downtimeHoursPerYear(0.999000999) / downtime[3]).toBeGreaterThan(0.9);
  });

  it('answers the exercise: a ten times sturdier balancer cuts the last design to about 6 minutes a year', () => {
    const parts = defaultParts();
    parts.balancer = [100_000, 1];
    const last = simulate(parts)[4];
    expect(Math.round(downtimeHoursPerYear(last.formula) * 60)).toBe(6);
  });

  it('tells the nines apart in the reference table', () => {
    expect((downtimeHoursPerYear(0.99) / 24).toFixed(1)).toBe('3.7');
    expect(downtimeHoursPerYear(0.999).toFixed(1)).toBe('8.8');
    expect((downtimeHoursPerYear(0.9999) * 60).toFixed(1)).toBe('52.6');
    expect((downtimeHoursPerYear(0.99999) * 60).toFixed(1)).toBe('5.3');
    // per 30-day month
    expect((0.01 * 30 * 24).toFixed(1)).toBe('7.2');
    expect((0.001 * 30 * 24 * 60).toFixed(1)).toBe('43.2');
    expect((0.0001 * 30 * 24 * 60).toFixed(1)).toBe('4.3');
    expect((0.00001 * 30 * 24 * 60).toFixed(1)).toBe('0.4');
  });

  it('prints two tables and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart', 'table']);
  });
});
