import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, runBox, uslPeakCores, uslPerSecond, amdahlPerSecond, facts, CORE_COUNTS, SIGMA, KAPPA, SINGLE_CORE_PER_SECOND } from './vertical-scaling';

describe('vertical scaling: bigger boxes, contention and coherency', () => {
  const boxes = simulate();
  const at = (cores: number) => boxes[CORE_COUNTS.indexOf(cores)];

  it('follows the Universal Scalability Law within 2% at every size', () => {
    for (const b of boxes) expect(Math.abs(b.throughputPerSecond / b.uslPerSecond - 1)).toBeLessThan(0.02);
  });

  it('quotes the figures in the prose', () => {
    expect(SIGMA).toBe(0.05);
    expect(KAPPA).toBe(0.002);
    expect(SINGLE_CORE_PER_SECOND).toBe(50);
    expect(Math.round(at(1).throughputPerSecond)).toBe(50);
    expect(Math.round(at(8).throughputPerSecond)).toBe(273);
    expect(Math.round(at(8).throughputPerSecond / 8)).toBe(34);
    expect(Math.round(at(24).throughputPerSecond)).toBe(369);
    expect(Math.round(at(64).throughputPerSecond)).toBe(262);
    expect(Math.round(at(1).meanLatencyMs)).toBe(20);
    expect(Math.round(at(64).meanLatencyMs)).toBe(243);
    expect(uslPeakCores().toFixed(1)).toBe('21.8');
    expect(Math.round(amdahlPerSecond(64))).toBe(771);
    expect(SINGLE_CORE_PER_SECOND / SIGMA).toBe(1000); // Amdahl's ceiling
  });

  it('peaks near N* and then falls: a 64-core box serves less than an 8-core one', () => {
    const best = boxes.reduce((a, b) => (b.throughputPerSecond > a.throughputPerSecond ? b : a));
    expect(best.cores).toBe(24);
    expect(at(64).throughputPerSecond).toBeLessThan(at(8).throughputPerSecond);
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i].throughputPerSecond / boxes[i].cores).toBeLessThan(boxes[i - 1].throughputPerSecond / boxes[i - 1].cores);
    }
  });

  it("keeps Amdahl's curve rising, never past 1/σ times one core", () => {
    for (let i = 1; i < CORE_COUNTS.length; i++) expect(amdahlPerSecond(CORE_COUNTS[i])).toBeGreaterThan(amdahlPerSecond(CORE_COUNTS[i - 1]));
    expect(amdahlPerSecond(1e9)).toBeLessThan(SINGLE_CORE_PER_SECOND / SIGMA);
  });

  it('answers the exercises: no coherency (Amdahl), then half the contention', () => {
    const amdahl = CORE_COUNTS.map((n) => runBox(n, 1, 0));
    for (let i = 1; i < amdahl.length; i++) expect(amdahl[i].throughputPerSecond).toBeGreaterThan(amdahl[i - 1].throughputPerSecond);
    expect(Math.round(amdahl[amdahl.length - 1].throughputPerSecond / 10) * 10).toBe(770);
    const half = CORE_COUNTS.map((n) => runBox(n, 0.5));
    const best = half.reduce((a, b) => (b.throughputPerSecond > a.throughputPerSecond ? b : a));
    expect(best.cores).toBe(24);
    expect(Math.round(best.throughputPerSecond / 10) * 10).toBe(450);
    expect(Math.sqrt((1 - SIGMA / 2) / KAPPA).toFixed(1)).toBe('22.1');
  });

  it('prints a table, then a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].title).toContain('N* = 21.8');
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.largestLosesTo8).toBe(true);
    expect(f.amdahlKeepsRising).toBe(true);
    expect(f.halfContentionSamePeakBox).toBe(true);
  });
});
