import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { FailureInjector, Component } from './failures';
import { availability, seriesAvailability, parallelAvailability } from './theory';

describe('FailureInjector', () => {
  it('matches series and parallel availability formulas (MTBF 900 s, MTTR 100 s, 20,000 failures each)', () => {
    const sim = new Simulation();
    const random = new Random(21);
    const injector = new FailureInjector(sim);
    const [a, b] = [new Component('a'), new Component('b')];
    for (const component of [a, b]) injector.randomFailures(component, { random, mtbfMs: 900_000, mttrMs: 100_000 });
    const series = injector.watch(() => a.isUp && b.isUp);
    const parallel = injector.watch(() => a.isUp || b.isUp);
    const one = injector.watch(() => a.isUp);
    sim.run({ until: 20_000 * 1_000_000 });
    const single = availability(900_000, 100_000);
    expect(single).toBe(0.9);
    expect(Math.abs(one.mean(sim.now) - single)).toBeLessThan(0.005);
    expect(seriesAvailability([single, single])).toBeCloseTo(0.81, 10);
    expect(Math.abs(series.mean(sim.now) - 0.81)).toBeLessThan(0.005);
    expect(parallelAvailability([single, single])).toBeCloseTo(0.99, 10);
    expect(Math.abs(parallel.mean(sim.now) - 0.99)).toBeLessThan(0.002);
  });

  it('crashes, slows and restarts a server at chosen times and logs it', () => {
    const sim = new Simulation();
    const server = new Server(sim, { name: 'node-1', workers: 1, serviceTime: () => 10 });
    const injector = new FailureInjector(sim);
    injector.crashAt(server, 100, 50);
    injector.slowAt(server, 200, 4, 100);
    const outcomes: string[] = [];
    for (const t of [120, 160, 200]) sim.schedule(t - sim.now, () => server.handle({ id: t, createdAt: sim.now }, (_, o) => outcomes.push(`${o}@${sim.now}`)));
    sim.run();
    expect(outcomes).toEqual(['error@120', 'ok@170', 'ok@240']);
    expect(injector.log.map((e) => `${e.event}@${e.time}`)).toEqual(['crash@100', 'restart@150', 'slow@200', 'recover@300']);
    expect(() => injector.slowAt(server, 1, 0)).toThrow('factor must be a number > 0 (got 0)');
  });
});
