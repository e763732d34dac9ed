import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { traceBurst, burstOutcome, facts, PROVISIONED_LEVELS, BURST_SIZE, COLD_START_MS, UNTIL_MS } from './cold-start-replay';
import * as replayed from './cold-start-replay';
import * as coldStarts from './cold-starts';

describe('a burst, watched', () => {
  const [none, few, all] = PROVISIONED_LEVELS.map((provisioned) => traceBurst(provisioned));

  it('replays the function and the burst of cold-starts.ts', () => {
    for (const name of ['COLD_START_MS', 'EXECUTION_MS', 'KEEP_ALIVE_MINUTES', 'BURST_SIZE', 'BURST_SPREAD_MS', 'PROVISIONED', 'SEED'] as const) {
      expect(replayed[name], name).toBe(coldStarts[name]);
    }
  });

  it('answers every request of the burst within the window, so nothing is cut', () => {
    for (const trace of [none, few, all]) {
      expect(trace.note).toBeUndefined();
      expect(burstOutcome(trace).served).toBe(BURST_SIZE);
      expect(burstOutcome(trace).slowestMs).toBeLessThan(UNTIL_MS - replayed.BURST_AT_MS - replayed.BURST_SPREAD_MS);
    }
  });

  it('on demand, nearly the whole burst waits for cold starts; a few provisioned instances take only their share', () => {
    const noneOut = burstOutcome(none), fewOut = burstOutcome(few), allOut = burstOutcome(all);
    expect(noneOut.cold).toBeGreaterThan(BURST_SIZE * 0.95);
    expect(noneOut.slowestMs).toBeGreaterThan(COLD_START_MS);
    // Each provisioned instance serves one request after another while the burst lasts: more than one each, far from all.
    expect(BURST_SIZE - fewOut.cold).toBeGreaterThan(replayed.PROVISIONED);
    expect(fewOut.cold).toBeGreaterThan(BURST_SIZE / 2);
    expect(allOut.cold).toBe(0);
    expect(allOut.slowestMs).toBeLessThan(COLD_START_MS / 2);
  });

  it('draws the provisioned pool only where there is one', () => {
    expect(none.data().components.map((c) => c.name)).toEqual(['phones', 'function', 'on demand']);
    expect(few.data().components.map((c) => c.name)).toEqual(['phones', 'function', 'provisioned', 'on demand']);
    expect(few.data().components[2].workers).toBe(replayed.PROVISIONED);
  });

  it('gives the page its figures from the same traces', () => {
    const f = facts();
    expect(f.noneCold).toBe(String(burstOutcome(none).cold));
    expect(f.fewWarm).toBe(String(BURST_SIZE - burstOutcome(few).cold));
    expect(f.allCold).toBe('0');
  });

  it('is one replay of the three', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['replay']);
    expect(shown[0].traces.map((t: { label: string }) => t.label)).toEqual(['on demand only', '5 provisioned', '200 provisioned']);
  });
});
