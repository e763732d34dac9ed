import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, {
  functionsUsd,
  fixedFleetUsd,
  autoscaledFleetUsd,
  crossover,
  volumes,
  requestsPerSecondPerInstance,
  facts,
  MIN_INSTANCES,
  INSTANCE_USD_PER_HOUR,
} from './cost-crossover';

describe('serverless against always-on servers: the cost crossover', () => {
  const floor = MIN_INSTANCES * INSTANCE_USD_PER_HOUR * 730;

  it('bills functions per request and per GB-second: $0.20 + 1M × 50 ms × 0.5 GB × $0.0000166667', () => {
    expect(functionsUsd(1e6)).toBeCloseTo(0.2 + 1e6 * 0.05 * 0.5 * 0.0000166667, 9);
    expect(functionsUsd(0)).toBe(0);
    expect(functionsUsd(2e9)).toBeCloseTo(2 * functionsUsd(1e9), 6);
  });

  it('never bills a fleet below its two servers, and sizes a server from CPU time and target utilisation', () => {
    expect(fixedFleetUsd(1)).toBeCloseTo(floor, 6);
    expect(autoscaledFleetUsd(1)).toBeCloseTo(floor, 6);
    expect(requestsPerSecondPerInstance()).toBe(240); // 2 vCPU × 1,000 ms / 5 ms × 0.6
  });

  it('an autoscaled fleet never costs more than one sized for the peak', () => {
    for (const v of volumes(20)) expect(autoscaledFleetUsd(v)).toBeLessThanOrEqual(fixedFleetUsd(v) + 1e-9);
  });

  it('crosses where the functions’ bill reaches the two-server floor: floor ÷ cost per request', () => {
    const analytic = floor / (functionsUsd(1e6) / 1e6);
    expect(crossover(autoscaledFleetUsd) / analytic).toBeGreaterThan(0.99);
    expect(crossover(autoscaledFleetUsd) / analytic).toBeLessThan(1.02);
    // Below it functions are cheaper, above it the fleets.
    expect(functionsUsd(analytic * 0.9)).toBeLessThan(autoscaledFleetUsd(analytic * 0.9));
    expect(functionsUsd(analytic * 1.1)).toBeGreaterThan(autoscaledFleetUsd(analytic * 1.1));
  });

  it('holds every claim the chapter makes', () => {
    const f = facts();
    expect(f.functionsWinSmall).toBe(true);
    expect(f.serversWinLarge).toBe(true);
    expect(f.crossoverIsTheFloor).toBe(true);
    expect(f.autoscalingHalvesTheBillAtScale).toBe(true);
    expect(f.crossoverAutoscaled).toBe('195 million');
  });

  it('shows the chart and two tables', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['chart', 'table', 'table']);
    expect(shown[1].rows.at(-1)?.at(-1)).toBe('autoscaled fleet');
    expect(shown[1].rows[0].at(-1)).toBe('functions');
  });
});
