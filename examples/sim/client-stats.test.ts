import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { OpenLoad } from './open-load';
import type { Target } from './request';

describe('ClientStats', () => {
  it('runs the latency and failure series to the last completed request, whatever its outcome', () => {
    const sim = new Simulation();
    // Fails for the first 2 s, then succeeds: failures stop long before the run ends.
    const flaky: Target = { name: 'flaky', handle: (request, reply) => sim.schedule(1, () => reply(request, sim.now < 2000 ? 'error' : 'ok')) };
    const client = new OpenLoad(sim, { target: flaky, random: new Random(2), ratePerSecond: 100, stopAtMs: 10_000, seriesBucketMs: 1000 });
    sim.run();
    const failures = client.stats.failureSeries!.points('count');
    expect(failures.map(([time]) => time)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    expect(failures.slice(2).every(([, count]) => count === 0)).toBe(true);
    expect(failures[0][1] + failures[1][1]).toBe(client.stats.errors.count);
    expect(client.stats.latencySeries!.points('count').map(([time]) => time)).toEqual(failures.map(([time]) => time));
    expect(client.stats.latencySeries!.points('p99')[0][1]).toBeNaN(); // no success in the first second: a gap
  });
});
