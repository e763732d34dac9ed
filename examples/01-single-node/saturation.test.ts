import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, runAtLoad, CAPACITY_PER_SECOND, UTILISATIONS } from './saturation';

describe('saturation: one box at rising load', () => {
  const levels = simulate();
  const at = (u: number) => levels[UTILISATIONS.indexOf(u)];

  it('has the capacity the chapter quotes: 80 requests/s', () => {
    expect(CAPACITY_PER_SECOND).toBe(80);
  });

  it('quotes the figures in the prose', () => {
    expect(Math.round(at(0.3).meanMs)).toBe(51);
    expect(Math.round(at(0.5).meanMs)).toBe(54);
    expect(Math.round(at(0.5).p99Ms)).toBe(237);
    expect(Math.round(at(0.8).meanMs)).toBe(86);
    expect(Math.round(at(0.8).p99Ms)).toBe(327);
    expect(Math.round(at(0.9).meanMs)).toBe(140);
    expect(Math.round(at(0.95).meanMs)).toBe(263);
    expect(Math.round(at(0.95).p99Ms)).toBe(1086);
    expect(Math.round(at(0.95).meanInside)).toBe(20);
    expect(at(0.95).arrivalsPerSecond).toBe(76);
    expect(Math.round(at(0.5).meanInside)).toBe(2);
    expect(Math.round(at(0.95).theoryMeanMs)).toBe(273);
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

  it('answers the exercise: one worker four times faster, same capacity', () => {
    const half = runAtLoad(0.5, 1, 12.5);
    const nearlyFull = runAtLoad(0.95, 1, 12.5);
    expect(Math.round(half.meanMs)).toBe(25);
    expect(Math.round(half.theoryMeanMs)).toBe(25);
    expect(Math.round(nearlyFull.theoryMeanMs)).toBe(250);
    // Near saturation the fast single worker queues as badly as the four slow ones.
    expect(nearlyFull.meanMs).toBeGreaterThan(at(0.95).meanMs * 0.8);
  });

  it('prints a table, then a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(UTILISATIONS.length);
  });
});
