import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, facts, quietColdShareTheory, PROVISIONED, BURST_SIZE, BURST_SPREAD_MS, EXECUTION_MS, COLD_START_MS, PRICES } from './cold-starts';

describe('cold starts and provisioned concurrency', () => {
  const quiet = simulate('quiet');
  const steady = simulate('steady');
  const bursty = simulate('bursty');

  it('makes quiet traffic cold when the gap exceeds the keep-alive: e^(−K/G)', () => {
    expect(Math.abs(quiet.coldShare - quietColdShareTheory())).toBeLessThan(0.03);
    const fiveMinutes = simulate('quiet', { quietGapMinutes: 5 });
    expect(Math.abs(fiveMinutes.coldShare - quietColdShareTheory(5))).toBeLessThan(0.03);
  });

  it('keeps steady traffic warm, and makes every request of a burst cold', () => {
    expect(steady.coldShare).toBeLessThan(0.01);
    expect(bursty.coldShare).toBeGreaterThan(0.95);
    expect(bursty.p50Ms).toBeGreaterThan(COLD_START_MS * 0.8);
  });

  it('removes cold starts up to the provisioned concurrency, not beyond it', () => {
    expect(simulate('quiet', { provisioned: PROVISIONED }).coldShare).toBe(0);
    // During a burst the provisioned instances serve about PROVISIONED × spread ÷ execution time
    // requests; every other request of the burst starts an instance.
    const partly = simulate('bursty', { provisioned: PROVISIONED });
    const servedWarm = (PROVISIONED * BURST_SPREAD_MS) / EXECUTION_MS;
    expect(partly.coldShare).toBeGreaterThan(1 - (1.2 * servedWarm) / BURST_SIZE);
    expect(partly.p99Ms).toBeGreaterThan(COLD_START_MS);
    expect(simulate('bursty', { provisioned: BURST_SIZE }).coldShare).toBe(0);
  });

  it('bills provisioned instances whether they serve or not', () => {
    // Quiet traffic with PROVISIONED instances: almost all of the bill is the provisioned GB-seconds of a 730-hour month.
    const idleBill = PROVISIONED * PRICES.memoryGb * 730 * 3600 * PRICES.perProvisionedGbSecond!;
    const withProvisioned = simulate('quiet', { provisioned: PROVISIONED });
    expect(withProvisioned.monthlyUsd / idleBill).toBeGreaterThan(1);
    expect(withProvisioned.monthlyUsd / idleBill).toBeLessThan(1.01);
    expect(quiet.monthlyUsd).toBeLessThan(0.1);
  });

  it('holds every claim the chapter makes', () => {
    const f = facts();
    expect(f.steadyBelowOnePercent).toBe(true);
    expect(f.burstBeyondProvisionedStaysCold).toBe(true);
    expect(f.provisionedCostsMoreWhenQuiet).toBe(true);
  });

  it('shows a table and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(7);
  });
});
