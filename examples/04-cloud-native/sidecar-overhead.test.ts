import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import type { Table } from '../sim';
import main, { chain, fanOut, meshCpu, facts, DEPTHS, MESH_HOP_MS, FAN_OUTS, CALLS_PER_SECOND } from './sidecar-overhead';

describe('sidecar overhead on call chains and fan-outs', () => {
  const heavy = MESH_HOP_MS[MESH_HOP_MS.length - 1];

  it('adds about one hop’s cost per service in a chain: depth × MESH_HOP_MS', () => {
    for (const depth of DEPTHS) {
      const without = chain(depth, 0);
      const withMesh = chain(depth, heavy);
      const added = withMesh.p50 - without.p50;
      // Same seed, same service times: the difference is the proxies' time, d hops of it on average.
      expect(added / (depth * heavy)).toBeGreaterThan(0.85);
      expect(added / (depth * heavy)).toBeLessThan(1.15);
    }
  });

  it('costs a fan-out about one hop of latency, whatever its width', () => {
    for (const width of FAN_OUTS) {
      const added = fanOut(width, heavy).p50 - fanOut(width, 0).p50;
      expect(added).toBeGreaterThan(0.7 * heavy);
      expect(added).toBeLessThan(1.5 * heavy);
    }
  });

  it('makes the chain slower the deeper it is, and a wide fan-out slower than one call', () => {
    const p50s = DEPTHS.map((depth) => chain(depth, 0).p50);
    for (let i = 1; i < p50s.length; i++) expect(p50s[i]).toBeGreaterThan(p50s[i - 1]);
    expect(fanOut(100, 0).p50).toBeGreaterThan(2 * fanOut(1, 0).p50);
  });

  it('prices the proxies’ CPU from the published per-1,000-requests figures', () => {
    const [sidecars, ambient, waypoint] = meshCpu();
    // Two sidecars per call at 0.20 vCPU per 1,000 requests per second each.
    expect(sidecars.vcpu).toBeCloseTo((CALLS_PER_SECOND / 1000) * 0.4, 6);
    expect(ambient.vcpu).toBeCloseTo((CALLS_PER_SECOND / 1000) * 0.12, 6);
    expect(waypoint.vcpu).toBeCloseTo((CALLS_PER_SECOND / 1000) * 0.37, 6);
    expect(sidecars.usdPerMonth).toBeCloseTo(sidecars.vcpu * 0.0408 * 730, 6);
  });

  it('holds every claim the chapter makes', () => {
    const f = facts();
    expect(f.chainGrowsWithDepth).toBe(true);
    expect(f.fanOutPaysAboutOneHop).toBe(true);
    expect(f.ambientCheaper).toBe(true);
  });

  it('shows two tables around a chart, then the CPU bill', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart', 'table', 'table']);
    expect((shown[0] as Table).rows.map((row) => row[0])).toEqual(DEPTHS);
  });
});
