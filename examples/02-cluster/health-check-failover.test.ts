import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, worstCaseDetectionMs, facts, REQUESTS_PER_SECOND, NODES, CHECK_INTERVAL_MS, UNHEALTHY_THRESHOLD } from './health-check-failover';

describe('a node crash and health-check failover', () => {
  const roundRobin = simulate('roundRobin');
  const least = simulate('leastConnections');

  it('detects the crash within interval × threshold', () => {
    expect(roundRobin.detectionMs).toBe(5_500);
    expect(worstCaseDetectionMs({ intervalMs: CHECK_INTERVAL_MS, unhealthyThreshold: UNHEALTHY_THRESHOLD })).toBe(6_000);
    expect(roundRobin.detectionMs).toBeLessThanOrEqual(6_000);
    expect(roundRobin.restoreMs / 1000).toBeCloseTo(2.6, 1);
  });

  it('loses about rate × 1/nodes × detection time with round robin', () => {
    expect(roundRobin.failedRequests).toBe(550);
    expect((REQUESTS_PER_SECOND / NODES) * (roundRobin.detectionMs / 1000)).toBe(550);
    expect(((100 * roundRobin.failedRequests) / roundRobin.sentRequests).toFixed(1)).toBe('3.4');
    expect(roundRobin.sentRequests).toBe(16_007);
  });

  it('loses more than three times as many with least connections: the dead node looks idle', () => {
    expect(least.failedRequests).toBe(1_819);
    expect(((100 * least.failedRequests) / least.sentRequests).toFixed(1)).toBe('11.4');
    expect(least.failedRequests / roundRobin.failedRequests).toBeGreaterThan(3);
  });

  it('fails no request outside the detection window', () => {
    const failingSeconds = roundRobin.errorsPerSecond.filter(([, failed]) => failed > 0).map(([s]) => s);
    expect(Math.min(...failingSeconds)).toBe(10);
    expect(Math.max(...failingSeconds)).toBe(15);
  });

  it('trades check frequency for lost requests, as the table shows', () => {
    const slowChecks = simulate('roundRobin', { intervalMs: 10_000, unhealthyThreshold: 3 });
    expect(slowChecks.detectionMs).toBeNaN(); // the 15 s outage is over before three probes fail
    expect(slowChecks.failedRequests).toBe(1_510);
    const medium = simulate('roundRobin', { intervalMs: 5_000, unhealthyThreshold: 2 });
    expect(medium.detectionMs).toBe(9_500);
    expect(medium.failedRequests).toBe(946);
    const fast = simulate('roundRobin', { intervalMs: 1_000, unhealthyThreshold: 2 });
    expect(fast.detectionMs).toBe(1_500);
    expect(fast.failedRequests).toBe(153);
  });

  it('answers the exercise: probes every second, three failures: 2.5 s and about 250 failed', () => {
    const r = simulate('roundRobin', { intervalMs: 1_000, unhealthyThreshold: 3 });
    expect(r.detectionMs).toBe(2_500);
    expect(r.failedRequests).toBe(255);
  });

  it('prints its results', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart', 'table']);
    expect(shown[2].rows[0][3]).toBe('never');
  });

  it('charts every second of the run, quiet ones included', () => {
    expect(roundRobin.errorsPerSecond.length).toBeGreaterThanOrEqual(40);
    expect(roundRobin.errorsPerSecond[39]).toEqual([39, 0]);
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.withinWorstCase).toBe(true);
    expect(f.estimateIsExact).toBe(true);
    expect(f.leastMoreThanThreeTimes).toBe(true);
    expect(f.slowNeverRemoves).toBe(true);
  });
});
