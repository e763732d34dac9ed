import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { movedShare, simulateJoin, facts, KEYS } from './consistent-hashing';

const pct = (share: number, digits = 0) => (share * 100).toFixed(digits);

describe('consistent hashing vs modulo when a cache node joins', () => {
  it('moves about n/(n+1) of the keys with modulo and about 1/(n+1) with a ring', () => {
    for (const n of [4, 9, 19]) {
      expect(Math.abs(movedShare('modulo', n) - n / (n + 1))).toBeLessThan(0.01);
      expect(Math.abs(movedShare('consistent', n) - 1 / (n + 1))).toBeLessThan(0.04);
    }
    expect(pct(movedShare('modulo', 4))).toBe('80');
    expect(pct(movedShare('consistent', 4))).toBe('23');
    expect(pct(movedShare('modulo', 9))).toBe('90');
    expect(pct(movedShare('consistent', 9))).toBe('11');
    expect(pct(movedShare('modulo', 19))).toBe('95');
    expect(pct(movedShare('consistent', 19))).toBe('6');
  });

  it('answers the exercise: one point per node makes the moved share a lottery', () => {
    expect(pct(movedShare('consistent', 4, KEYS, 1))).toBe('31');
    expect(pct(movedShare('consistent', 9, KEYS, 1), 1)).toBe('0.2');
  });

  it('the hit ratio dips far deeper with modulo, and the database pays for every moved key', () => {
    const modulo = simulateJoin('modulo');
    const ring = simulateJoin('consistent');
    expect(pct(modulo.hitRatioBefore / 100)).toBe('99');
    expect(Math.round(modulo.hitRatioAfter)).toBe(27);
    expect(Math.round(ring.hitRatioAfter)).toBe(76);
    expect(modulo.databaseBefore).toBe(17);
    expect(modulo.databaseAfter).toBe(1_443);
    expect(ring.databaseAfter).toBe(469);
    expect(Math.round(modulo.databaseAfter / modulo.databaseBefore)).toBe(85);
    expect(modulo.extraMisses).toBe(7_372);
    expect(ring.extraMisses).toBe(2_053);
    expect(modulo.extraMisses / ring.extraMisses).toBeGreaterThan(3);
  });

  it('prints two tables and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'table', 'chart']);
  });

  it('makes the claims the page states', () => {
    expect(facts().ringSparesDatabase).toBe(true);
  });
});
