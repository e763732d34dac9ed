import { describe, it, expect } from 'vitest';
import { captureShown, ReplayModel, formatReplay } from '../sim';
import main, { traceAtLoad, LOADS, WARM_UP_MS, WINDOW_MS } from './saturation-replay';
import * as replayed from './saturation-replay';
import * as saturation from './saturation';

describe('saturation, watched', () => {
  it('replays the box of saturation.ts', () => {
    expect([replayed.WORKERS, replayed.MEAN_SERVICE_MS, replayed.SEED]).toEqual([saturation.WORKERS, saturation.MEAN_SERVICE_MS, saturation.SEED]);
    expect(LOADS.every((load) => saturation.UTILISATIONS.includes(load))).toBe(true);
  });

  it('shows the queue at 95% far longer than at 70%, over the same window', () => {
    const [calm, hot] = LOADS.map((load) => traceAtLoad(load).data());
    const queue = (data: typeof calm) => {
      const model = new ReplayModel(data);
      const box = data.components.findIndex((c) => c.name === 'the box');
      let most = 0;
      for (let t = data.fromMs; t <= data.untilMs; t += 50) most = Math.max(most, model.stateAt(t)[box * 10 + 1]);
      return most;
    };
    expect(queue(hot)).toBeGreaterThan(3 * queue(calm));
    expect(queue(hot)).toBeGreaterThan(20);
    expect(calm.fromMs).toBe(WARM_UP_MS);
    expect(hot.untilMs).toBe(WARM_UP_MS + WINDOW_MS);
  });

  it('is one replay of two traces, printed in Node as what each component did', async () => {
    const shown = await captureShown(main);
    expect(shown).toHaveLength(1);
    expect(shown[0].kind).toBe('replay');
    expect(shown[0].traces.map((t: { label: string }) => t.label)).toEqual(['70% busy', '95% busy']);
    const text = formatReplay(shown[0]);
    expect(text).toContain('the box (server)');
    expect(text).toContain('visitors (client)');
  });
});
