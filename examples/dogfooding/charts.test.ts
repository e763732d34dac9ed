import { afterEach, describe, expect, it, vi } from 'vitest';
import main, { MEAN_MS, latencies } from './charts';

describe('the Playground chart bench example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs and prints its summary first', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    main();
    expect(String(log.mock.calls[0][0])).toMatch(/^2000 samples, mean \d+\.\d ms$/);
  });

  it('has a mean near the exponential mean', () => {
    expect(latencies().mean).toBeGreaterThan(MEAN_MS * 0.9);
    expect(latencies().mean).toBeLessThan(MEAN_MS * 1.1);
  });
});
