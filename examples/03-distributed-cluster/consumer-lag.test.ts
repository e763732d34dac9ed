import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { compare, theory, capacityOf, facts, PARTITIONS } from './consumer-lag';

describe('consumer lag through a burst', () => {
  const [few, enough, more] = compare();

  it('peaks at (burst rate − capacity) × burst length, as the fluid estimate says', () => {
    for (const r of [few, enough]) {
      const t = theory(r.consumers);
      expect(Math.abs(r.peakLagMessages / t.peakLagMessages - 1)).toBeLessThan(0.05);
    }
  });

  it('drains in peak ÷ spare capacity, and the lag in seconds is the backlog over the capacity', () => {
    expect(Math.abs(few.drainSeconds / theory(few.consumers).drainSeconds - 1)).toBeLessThan(0.1);
    expect(Math.abs(few.peakLagSeconds / (few.peakLagMessages / capacityOf(few.consumers)) - 1)).toBeLessThan(0.1);
    expect(enough.drainSeconds).toBeLessThan(few.drainSeconds / 5);
  });

  it('consumers beyond the partition count change nothing', () => {
    expect(more.active).toBe(PARTITIONS);
    expect(more.peakLagMessages).toBe(enough.peakLagMessages);
    expect(more.lagSeconds).toEqual(enough.lagSeconds);
  });

  it('states the claims the page makes', () => {
    const f = facts();
    expect(f.moreChangesNothing).toBe(true);
    expect(f.simulationMatchesTheory).toBe(true);
    // The exercise: a bigger sale needs more partitions to keep the lag under five seconds.
    expect(f.morePartitionsUnderFive).toBe(true);
    expect(Math.abs((f.bigSalePeakLag as number) / (f.bigSalePeakTheory as number) - 1)).toBeLessThan(0.05);
  });

  it('shows a table and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
  });
});
