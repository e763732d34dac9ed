import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { estimate, serversNeeded, facts, DEFAULT_INPUTS, PEAK_TO_AVERAGE } from './capacity-estimator';
import { PEAK_TO_AVERAGE as PHASES_PEAK_TO_AVERAGE } from './phases';

const round1 = (x: number) => Math.round(x * 10) / 10;

describe('capacity estimator: 1 million daily users on the back of an envelope', () => {
  const e = estimate();

  it('turns users into requests per second as the prose says', () => {
    expect(e.requestsPerDay).toBe(20_000_000);
    expect(round1(e.averageRequestsPerSecond)).toBe(231.5);
    expect(round1(e.peakRequestsPerSecond)).toBe(694.4);
    expect(Math.round(e.peakRequestsPerSecond)).toBe(694); // the peak utilisation-headroom.ts starts from
  });

  it('gives the bandwidth and storage quoted in the prose', () => {
    expect(Math.round(e.peakBandwidthMbitPerSecond)).toBe(278);
    expect(e.egressGbPerDay).toBeCloseTo(1000, 9); // 1 TB a day
    expect(e.newDataGbPerDay).toBeCloseTo(10, 9);
    expect(Math.round(e.storedTbPerYear)).toBe(11);
  });

  it('sizes the fleet at 70% with one spare, and prices it', () => {
    expect(e.serversForPeak).toBe(10);
    expect(e.serversWithSpare).toBe(11);
    expect(e.costPerMonth).toBe(2200);
  });

  it('needs 14, 10, 8 and 7 servers for targets of 50%, 70%, 90% and 100%', () => {
    const fleets = [0.5, 0.7, 0.9, 1].map((t) => serversNeeded(e.peakRequestsPerSecond, DEFAULT_INPUTS.requestsPerSecondPerServer, t));
    expect(fleets).toEqual([14, 10, 8, 7]);
  });

  it('checks the rule of thumb: a million requests a day is about 12 per second on average', () => {
    const perSecond = estimate({ ...DEFAULT_INPUTS, dailyActiveUsers: 50_000 }).averageRequestsPerSecond; // 50,000 × 20 = 1 million
    expect(Math.round(perSecond)).toBe(12);
  });

  it('answers "Try this": doubling the users doubles the peak and the fleet', () => {
    const doubled = estimate({ ...DEFAULT_INPUTS, dailyActiveUsers: 2_000_000 });
    expect(Math.round(doubled.peakRequestsPerSecond)).toBe(1389);
    expect(doubled.serversForPeak).toBe(20);
    expect(doubled.serversWithSpare).toBe(21);
  });

  it('answers "Try this": a spikier day (peak-to-average 10) needs more than three times the servers', () => {
    const spiky = estimate({ ...DEFAULT_INPUTS, peakToAverage: 10 });
    expect(Math.round(spiky.peakRequestsPerSecond)).toBe(2315);
    expect(spiky.serversForPeak).toBe(34);
    expect(spiky.averageRequestsPerSecond).toBeCloseTo(e.averageRequestsPerSecond, 9); // same daily traffic
    expect(spiky.egressGbPerDay).toBeCloseTo(e.egressGbPerDay, 9);
    // averaged over the day, the fleet sized for that peak is about 7% busy
    const averageBusy = spiky.averageRequestsPerSecond / (spiky.serversForPeak * DEFAULT_INPUTS.requestsPerSecondPerServer);
    expect(Math.round(averageBusy * 100)).toBe(7);
  });

  it('prints two tables, the first one titled with the number of users', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'table']);
    expect(shown[0].title).toBe('1,000,000 daily active users, back of the envelope');
    expect(shown[0].rows).toHaveLength(10);
    expect(shown[1].rows.map((r: unknown[]) => r[1])).toEqual([14, 10, 8, 7]);
  });

  it('uses the book\'s one definition of the peak ratio: inside the phase table\'s range', () => {
    expect(PEAK_TO_AVERAGE).toBeGreaterThanOrEqual(PHASES_PEAK_TO_AVERAGE[0]);
    expect(PEAK_TO_AVERAGE).toBeLessThanOrEqual(PHASES_PEAK_TO_AVERAGE[1]);
  });

  it('needs a second server for N+1 even when one server could carry the peak', () => {
    const f = facts();
    expect(f.fasterServersForPeak).toBe(1);
    expect(f.fasterServersWithSpare).toBe(2);
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.doublingDoubles).toBe(true);
    expect(f.spikySameDailyTraffic).toBe(true);
  });
});
