import { describe, it, expect } from 'vitest';
import { captureShown, ReplayModel, TRACE_EVENTS } from '../sim';
import main, { traceFailover, CRASH_AT_MS } from './failover-replay';
import * as replayed from './failover-replay';
import * as failover from './health-check-failover';
import { simulate } from './health-check-failover';

describe('failover, watched', () => {
  it('replays the cluster and the crash of health-check-failover.ts', () => {
    const names = ['NODES', 'WORKERS_PER_NODE', 'MEAN_REQUEST_MS', 'REQUESTS_PER_SECOND', 'CHECK_INTERVAL_MS', 'CHECK_TIMEOUT_MS', 'UNHEALTHY_THRESHOLD', 'HEALTHY_THRESHOLD', 'CRASH_AT_MS', 'DOWN_FOR_MS', 'SEED'] as const;
    for (const name of names) expect(replayed[name], name).toBe(failover[name]);
  });

  it('shows requests failing at the dead node from the crash until the balancer takes it out, then none', () => {
    const data = traceFailover().data();
    const names = data.components.map((c) => c.name);
    const node1 = names.indexOf('node-1');
    const codes = (name: string) => TRACE_EVENTS.indexOf(name as (typeof TRACE_EVENTS)[number]);
    const times = (code: string, component: number) => {
      const out: number[] = [];
      for (let i = 0; i < data.events.length; i += 4) if (data.events[i + 3] === codes(code) && data.events[i + 2] === component) out.push(data.events[i]);
      return out;
    };
    const [crash] = times('down', node1);
    const [out] = times('out', names.indexOf('balancer'));
    expect(crash).toBe(CRASH_AT_MS);
    // The same detection delay as the chapter's example measures.
    expect(out - crash).toBe(simulate('roundRobin').detectionMs);
    const failed = times('fail', node1);
    expect(failed.length).toBeGreaterThan(100);
    expect(Math.min(...failed)).toBeGreaterThanOrEqual(crash);
    expect(Math.max(...failed)).toBeLessThanOrEqual(out);
    // Once out, the link is drawn dashed.
    const model = new ReplayModel(data);
    const link = data.links.findIndex(([a, b]) => names[a] === 'balancer' && b === node1);
    model.stateAt(out - 1);
    expect(model.linksOut[link]).toBe(0);
    model.stateAt(out + 1);
    expect(model.linksOut[link]).toBe(1);
  });

  it('is one replay', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['replay']);
  });
});
