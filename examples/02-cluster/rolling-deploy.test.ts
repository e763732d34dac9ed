import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, {
  simulate,
  facts,
  NODES,
  REQUESTS_PER_SECOND,
  CHECK_INTERVAL_MS,
  UNHEALTHY_THRESHOLD,
  TYPICAL_REQUEST_MS,
  LONG_REQUEST_MS,
  LONG_SHARE,
  BOOT_MS,
  DRAIN_TIMEOUT_MS,
  DEPLOY_AT_MS,
} from './rolling-deploy';

describe('a rolling deploy with and without draining', () => {
  const [kill, deregister, drained, blueGreen] = (['kill and restart', 'deregister, then stop', 'drain, then stop', 'blue-green'] as const).map((s) => simulate(s));
  const meanRequestMs = (1 - LONG_SHARE) * TYPICAL_REQUEST_MS + LONG_SHARE * LONG_REQUEST_MS;

  it('fails nothing before the deploy starts', () => {
    for (const r of [kill, deregister, drained, blueGreen]) {
      expect(r.failedPerSecond.filter(([s, failed]) => s < DEPLOY_AT_MS / 1000 && failed > 0)).toEqual([]);
    }
  });

  it('kill and restart: each node loses its share of traffic until the health checks remove it', () => {
    // Detection takes between (threshold − 1) and threshold probe intervals; the node's share is rate / nodes.
    const perNode = kill.failedRequests / NODES;
    const share = REQUESTS_PER_SECOND / NODES;
    expect(perNode).toBeGreaterThan((share * (UNHEALTHY_THRESHOLD - 1) * CHECK_INTERVAL_MS) / 1000);
    expect(perNode).toBeLessThan((share * UNHEALTHY_THRESHOLD * CHECK_INTERVAL_MS) / 1000 + 50);
  });

  it('deregister, then stop: loses only the requests inside each node, about rate × time inside (Little)', () => {
    // With one node out, each of the others carries rate / (nodes − 1).
    const insideOneNode = ((REQUESTS_PER_SECOND / (NODES - 1)) * meanRequestMs) / 1000;
    expect(deregister.failedRequests).toBeGreaterThan(0);
    expect(deregister.failedRequests).toBeLessThan(2 * NODES * insideOneNode);
    expect(deregister.failedRequests * 10).toBeLessThan(kill.failedRequests);
  });

  it('drain, then stop and blue-green: nothing is lost', () => {
    expect(drained.failedRequests).toBe(0);
    expect(blueGreen.failedRequests).toBe(0);
  });

  it('draining costs time, blue-green costs twice the nodes', () => {
    expect(deregister.deploySeconds).toBe((NODES * BOOT_MS) / 1000);
    expect(drained.deploySeconds).toBeGreaterThan(deregister.deploySeconds);
    expect(drained.deploySeconds).toBeLessThanOrEqual((NODES * (BOOT_MS + DRAIN_TIMEOUT_MS)) / 1000);
    expect(blueGreen.deploySeconds).toBeLessThan(drained.deploySeconds);
    expect(drained.peakNodes).toBe(NODES);
    expect(blueGreen.peakNodes).toBe(2 * NODES);
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.drainingLosesNothing).toBe(true);
    expect(f.deregisteringHelpsMost).toBe(true);
    expect(f.blueGreenIsFaster).toBe(true);
    expect(f.drainTakesLonger).toBe(true);
    // Try this: a one-second drain timeout is quicker and cuts off only the long requests.
    expect(f.shortDrainCutsLongRequests).toBe(true);
    expect(f.shortDrainIsFaster).toBe(true);
  });

  it('prints a table, then a chart with one line per strategy', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[1].series).toHaveLength(4);
  });
});
