import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import main, { PHASES, facts, peakRange, peakRequestsPerSecond, roughly } from './phases';
import { estimate, DEFAULT_INPUTS } from './capacity-estimator';

describe('the company at each phase', () => {
  it('derives peak traffic the way the capacity estimator does', () => {
    const inputs = { ...DEFAULT_INPUTS, dailyActiveUsers: 250_000, peakToAverage: 4 };
    expect(peakRequestsPerSecond(250_000, 4)).toBeCloseTo(estimate(inputs).peakRequestsPerSecond, 9);
  });

  it('grows from phase to phase: each phase has more engineers and a larger bill than the one before', () => {
    for (let i = 1; i < PHASES.length; i++) {
      expect(PHASES[i].engineers[0], PHASES[i].name).toBeGreaterThanOrEqual(PHASES[i - 1].engineers[0]);
      expect(PHASES[i].monthlySpendUsd[0], PHASES[i].name).toBeGreaterThan(PHASES[i - 1].monthlySpendUsd[0]);
      expect(peakRange(PHASES[i])[1], PHASES[i].name).toBeGreaterThan(peakRange(PHASES[i - 1])[1]);
    }
  });

  it('has ranges that are ranges', () => {
    for (const phase of PHASES) {
      for (const [low, high] of [phase.dailyUsers, phase.engineers, phase.monthlySpendUsd, peakRange(phase)]) expect(low, phase.name).toBeLessThan(high);
    }
  });

  it('rounds to two significant figures for the page', () => {
    expect([0.694, 23.15, 2314.8, 69_444, 1_000_000].map(roughly)).toEqual(['0.69', '23', '2,300', '69,000', '1,000,000']);
  });

  it('gives every phase the same four facts', () => {
    const names = Object.keys(facts());
    for (const phase of PHASES) {
      for (const field of ['Users', 'Peak', 'Engineers', 'Spend']) expect(names).toContain(`${phase.key}${field}`);
    }
    expect(facts().clusterEngineers).toBe('5–30');
  });

  it('shows one table with a row per phase', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table']);
    expect(shown[0].rows).toHaveLength(PHASES.length);
  });
});
