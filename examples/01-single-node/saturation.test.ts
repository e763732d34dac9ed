import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, runAtLoad, facts, todaysTraffic, CAPACITY_PER_SECOND, UTILISATIONS, PEAK_TO_AVERAGE, EXERCISE_SEEDS, DAILY_REQUESTS } from './saturation';
import { PEAK_TO_AVERAGE as PHASES_PEAK_TO_AVERAGE, PHASES, REQUESTS_PER_USER_PER_DAY } from '../00-introduction/phases';

describe('saturation: one box at rising load', () => {
  const levels = simulate();
  const at = (u: number) => levels[UTILISATIONS.indexOf(u)];

  it('has the capacity the chapter quotes: 80 requests/s', () => {
    expect(CAPACITY_PER_SECOND).toBe(80);
  });

  it("keeps today's traffic on the flat part of the curve, with the book's one peak ratio", () => {
    expect(PEAK_TO_AVERAGE).toEqual(PHASES_PEAK_TO_AVERAGE);
    // A product inside the phase table's single-node range of users.
    const [fewest, most] = PHASES.find((phase) => phase.key === 'singleNode')!.dailyUsers.map((users) => users * REQUESTS_PER_USER_PER_DAY);
    expect(DAILY_REQUESTS).toBeGreaterThan(fewest);
    expect(DAILY_REQUESTS).toBeLessThan(most);
    const today = todaysTraffic();
    expect(today.average).toBeCloseTo(100_000 / 86_400, 9);
    expect(Math.max(...today.peaks) / CAPACITY_PER_SECOND).toBeLessThan(0.3);
  });

  it('rises faster and faster: a hockey stick, not a straight line', () => {
    for (let i = 1; i < levels.length; i++) expect(levels[i].meanMs).toBeGreaterThan(levels[i - 1].meanMs);
    // The last 5 points of utilisation cost more latency than the first 40.
    expect(at(0.95).meanMs - at(0.9).meanMs).toBeGreaterThan(at(0.7).meanMs - at(0.3).meanMs);
    // The mean at 95% is about five times the mean at 50%.
    expect(Math.round(at(0.95).meanMs / at(0.5).meanMs)).toBe(5);
  });

  it('agrees with the M/M/c formula within 6%', () => {
    for (const l of levels) expect(Math.abs(l.meanMs / l.theoryMeanMs - 1)).toBeLessThan(0.06);
  });

  it("checks Little's law: L = λW to two decimals", () => {
    for (const l of levels) expect(l.meanInside.toFixed(2)).toBe(l.throughputTimesMeanMs.toFixed(2));
  });

  it('measures the utilisation it was asked for', () => {
    for (const l of levels) expect(Math.abs(l.measuredUtilisation - l.utilisation)).toBeLessThan(0.015);
  });

  it('answers the exercise: one worker four times faster wins at low load, and near saturation the order is noise', () => {
    const fast = (u: number, seed?: number) => runAtLoad(u, 1, 12.5, seed);
    expect(Math.round(fast(0.5).theoryMeanMs)).toBe(25);
    expect(Math.round(fast(0.95).theoryMeanMs)).toBe(250);
    // The order the answer states holds on every seed, not only on the reader's run.
    for (const seed of EXERCISE_SEEDS) {
      expect(runAtLoad(0.5, 4, 50, seed).meanMs / fast(0.5, seed).meanMs).toBeGreaterThan(1.8);
      expect(runAtLoad(0.8, 4, 50, seed).meanMs / fast(0.8, seed).meanMs).toBeGreaterThan(1.15);
    }
    const f = facts();
    expect(f.fastWinsAt80OnEverySeed).toBe(true);
    expect(f.orderAt95FlipsWithSeed).toBe(true);
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.lastStepCostsMore).toBe(true);
    expect(f.littleHolds).toBe(true);
  });

  it('prints a table, then a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(UTILISATIONS.length);
  });
});
