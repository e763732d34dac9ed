import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, facts, threadsNeeded, goetzThreads, CORES, CPU_MS, IO_MS, REQUESTS_PER_SECOND, POOL_SIZES } from './worker-pool';

describe('worker pool size for requests that wait on I/O', () => {
  const pools = POOL_SIZES.map((size) => simulate(size));

  it("a pool too small to cover the wait serves threads ÷ time held, by Little's law", () => {
    for (const pool of pools.filter((p) => p.poolSize < threadsNeeded())) {
      const littleLimit = (pool.poolSize * 1000) / (CPU_MS + IO_MS);
      expect(Math.abs(pool.throughputPerSecond / littleLimit - 1)).toBeLessThan(0.05);
    }
  });

  it('one or two threads per core leave the cores mostly idle', () => {
    for (const pool of pools.filter((p) => p.poolSize <= 2 * CORES)) expect(pool.cpuUtilisation).toBeLessThan(0.25);
  });

  it('a pool as large as Little asks for serves the offered load, and a larger one adds nothing', () => {
    const enough = pools.filter((p) => p.poolSize >= threadsNeeded());
    for (const pool of enough) expect(pool.throughputPerSecond / REQUESTS_PER_SECOND).toBeGreaterThan(0.98);
    // The cores then do the work they are offered: rate × CPU time ÷ cores.
    for (const pool of enough) expect(Math.abs(pool.cpuUtilisation - (REQUESTS_PER_SECOND * CPU_MS) / (CORES * 1000))).toBeLessThan(0.02);
  });

  it("Little's law and Goetz's rule give the same size", () => {
    expect(threadsNeeded()).toBeCloseTo(goetzThreads(), 9);
    expect(threadsNeeded()).toBeGreaterThan(4 * CORES);
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.littleAgreesWithGoetz).toBe(true);
    expect(f.enoughCoversLittle).toBe(true);
    expect(f.biggerPoolsAddNothing).toBe(true);
  });

  it('prints a table, then a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(POOL_SIZES.length);
  });
});
