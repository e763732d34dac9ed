import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';

describe('Simulation', () => {
  it('runs events in time order, and same-time events in the order they were scheduled', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.schedule(5, (x) => seen.push(x), 'c');
    sim.schedule(1, (x) => seen.push(x), 'a');
    sim.schedule(5, (x) => seen.push(x), 'd');
    sim.schedule(1, (x) => seen.push(x), 'b');
    sim.schedule(0, () => sim.schedule(0, (x) => seen.push(x), 'first-at-0'));
    sim.run();
    expect(seen).toEqual(['first-at-0', 'a', 'b', 'c', 'd']);
    expect(sim.now).toBe(5);
  });

  it('keeps a stable order for equal times through heap growth (10,000 events at one time)', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (let i = 0; i < 10_000; i++) sim.schedule(7, (n) => seen.push(n), i);
    sim.run();
    expect(seen).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('pops random times in sorted order', () => {
    const sim = new Simulation();
    const random = new Random(3);
    const times: number[] = [];
    for (let i = 0; i < 5000; i++) sim.schedule(random.uniform(0, 1000), () => times.push(sim.now));
    sim.run();
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(5000);
  });

  it('stops at a time, after a number of events, or when no work is left', () => {
    const sim = new Simulation();
    let ticks = 0;
    const tick = () => {
      ticks++;
      sim.schedule(10, tick);
    };
    sim.schedule(0, tick);
    sim.run({ until: 95 });
    expect(ticks).toBe(10); // t = 0, 10, ..., 90
    expect(sim.now).toBe(95);
    expect(sim.run({ events: 3 })).toBe(3);
    expect(sim.now).toBe(120);
    const finite = new Simulation();
    finite.schedule(3, () => {});
    expect(finite.run()).toBe(1);
    expect(finite.pending).toBe(0);
  });

  it('includes events at exactly `until`', () => {
    const sim = new Simulation();
    let ran = false;
    sim.schedule(100, () => (ran = true));
    sim.run({ until: 100 });
    expect(ran).toBe(true);
  });

  it('cancels events and stops on request', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const id = sim.schedule(1, () => seen.push(1));
    sim.schedule(2, () => {
      seen.push(2);
      sim.stop();
    });
    sim.schedule(3, () => seen.push(3));
    sim.cancel(id);
    sim.run();
    expect(seen).toEqual([2]);
    sim.run();
    expect(seen).toEqual([2, 3]);
  });

  it('rejects bad parameters with the parameter name and the allowed range', () => {
    const sim = new Simulation();
    expect(() => sim.schedule(-1, () => {})).toThrow('delay must be a finite number >= 0 ms (got -1)');
    expect(() => sim.schedule(NaN, () => {})).toThrow('delay must be');
    sim.schedule(10, () => {});
    sim.run();
    expect(() => sim.at(5, () => {})).toThrow('time must be a finite number >= now (10 ms) (got 5)');
    expect(() => sim.run({ until: 1 })).toThrow('until must be >= now');
  });
});
