import { describe, it, expect } from 'vitest';
import { captureShown, ReplayModel } from '../sim';
import type { TraceData } from '../sim';
import main, { traceStrategy } from './balancing-replay';
import * as replayed from './balancing-replay';
import * as strategies from './balancing-strategies';

/** The longest queue the slow node had at any moment of the window. */
function slowQueue(data: TraceData): number {
  const model = new ReplayModel(data);
  const slow = data.components.findIndex((c) => c.name.startsWith('slow'));
  let most = 0;
  for (let t = data.fromMs; t <= data.untilMs; t += 25) most = Math.max(most, model.stateAt(t)[slow * 10 + 1]);
  return most;
}

describe('balancing, watched', () => {
  it('replays the cluster of balancing-strategies.ts, slow node and load included', () => {
    for (const name of ['NODES', 'SLOW_NODE_SPEED', 'WORKERS_PER_NODE', 'TYPICAL_REQUEST_MS', 'HEAVY_SHARE', 'HEAVY_FACTOR', 'UTILISATION', 'SEED'] as const) {
      expect(replayed[name], name).toBe(strategies[name]);
    }
    expect(replayed.speeds()).toEqual(strategies.clusters()[1].speeds);
    expect(replayed.arrivalRate()).toBeCloseTo(strategies.arrivalRate(strategies.clusters()[1].speeds), 9);
  });

  it('round robin piles a queue in front of the slow node; two random choices does not', () => {
    const roundRobin = slowQueue(traceStrategy('roundRobin').data());
    const twoChoices = slowQueue(traceStrategy('powerOfTwoChoices').data());
    expect(roundRobin).toBeGreaterThan(50);
    expect(twoChoices).toBeLessThan(roundRobin / 5);
  });

  it('draws the clients, the balancer and all six nodes, and is one replay of both strategies', async () => {
    const shown = await captureShown(main);
    expect(shown).toHaveLength(1);
    const [first] = shown[0].traces;
    expect(first.components.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['clients', 'balancer', 'node-1', 'slow node-6']),
    );
    expect(first.components).toHaveLength(8);
    // Requests still inside at the end of the window are not followed further, and the trace says so.
    expect(first.note).toBe('The window ends at 8,000 ms (untilMs): what happened later is not shown.');
  });
});
