import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulateQueue, MEAN_SERVICE_MS } from './first-simulation';

describe('first simulation: one server, a queue, random arrivals', () => {
  const results = [0.5, 0.8, 0.95].map((u) => simulateQueue(u));

  it('agrees with the M/M/1 formula W = S / (1 − ρ) within 5%', () => {
    for (const r of results) {
      expect(Math.abs(r.meanResponseMs / r.theoryMeanResponseMs - 1)).toBeLessThan(0.05);
    }
    expect(results[0].theoryMeanResponseMs).toBeCloseTo(2 * MEAN_SERVICE_MS, 9);
  });

  it('shows the claim in the chart summary: at 95% the mean is about ten times the 50% figure', () => {
    const ratio = results[2].meanResponseMs / results[0].meanResponseMs;
    expect(ratio).toBeGreaterThan(9);
    expect(ratio).toBeLessThan(11);
  });

  it('has a p99 about 4.6 times the mean, as an exponential response time should (ln 100)', () => {
    for (const r of results) expect(r.p99ResponseMs / r.meanResponseMs).toBeCloseTo(Math.log(100), 0);
  });

  it('prints a table and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(4);
    expect(shown[1].type).toBe('line');
  });
});
