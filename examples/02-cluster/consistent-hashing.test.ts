import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { movedShare, simulateJoin, facts, KEYS, REQUESTS_PER_SECOND, CACHE_NODES } from './consistent-hashing';

describe('consistent hashing vs modulo when a cache node joins', () => {
  it('moves about n/(n+1) of the keys with modulo and about 1/(n+1) with a ring', () => {
    for (const n of [4, 9, 19]) {
      expect(Math.abs(movedShare('modulo', n) - n / (n + 1))).toBeLessThan(0.01);
      expect(Math.abs(movedShare('consistent', n) - 1 / (n + 1))).toBeLessThan(0.04);
    }
  });

  it('answers the exercise: one point per node makes the moved share a lottery', () => {
    // Far from 1/(n+1) in both directions, where 100 virtual nodes stay close to it.
    expect(movedShare('consistent', 4, KEYS, 1)).toBeGreaterThan(1.4 / 5);
    expect(movedShare('consistent', 9, KEYS, 1)).toBeLessThan(0.1 / 10);
  });

  it('the database pays one miss for every moved key that is read again', () => {
    const modulo = simulateJoin('modulo');
    const ring = simulateJoin('consistent');
    expect(modulo.hitRatioBefore).toBeGreaterThan(98);
    expect(modulo.hitRatioAfter).toBeLessThan(ring.hitRatioAfter);
    // Keys are read uniformly: within 15 s a key is read with probability 1 − e^(−15 s × rate / keys).
    const readAgain = 1 - Math.exp((-15 * REQUESTS_PER_SECOND) / KEYS);
    for (const [run, scheme] of [[modulo, 'modulo'], [ring, 'consistent']] as const) {
      const expected = movedShare(scheme, CACHE_NODES) * KEYS * readAgain;
      expect(Math.abs(run.extraMisses / expected - 1)).toBeLessThan(0.1);
    }
    expect(modulo.extraMisses / ring.extraMisses).toBeGreaterThan(3);
  });

  it('makes the claims the page states', () => {
    expect(facts().ringSparesDatabase).toBe(true);
  });

  it('prints two tables and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'table', 'chart']);
  });
});
