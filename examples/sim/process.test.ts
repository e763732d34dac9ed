import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { startProcess, Resource } from './process';
import { Stats } from './statistics';
import { mm1MeanWaitMs } from './theory';

describe('generator processes', () => {
  it('read like the story they tell, and wait in virtual time', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const worker = new Resource(sim, 1);
    const customer = (name: string) =>
      function* () {
        log.push(`${sim.now} ${name} arrives`);
        yield worker.acquire();
        log.push(`${sim.now} ${name} starts`);
        yield 10;
        worker.release();
        log.push(`${sim.now} ${name} leaves`);
      };
    startProcess(sim, customer('ann'));
    startProcess(sim, customer('bob'));
    sim.run();
    expect(log).toEqual(['0 ann arrives', '0 ann starts', '0 bob arrives', '10 ann leaves', '10 bob starts', '20 bob leaves']);
  });

  it('can wait for another process to finish', () => {
    const sim = new Simulation();
    const child = startProcess(sim, function* () {
      yield 5;
    });
    let seenAt = -1;
    startProcess(sim, function* () {
      yield child;
      seenAt = sim.now;
    });
    sim.run();
    expect(seenAt).toBe(5);
  });

  it('give the M/M/1 mean wait within 5% of theory (200,000 customers at 70%)', () => {
    const sim = new Simulation();
    const random = new Random(12);
    const worker = new Resource(sim, 1);
    const wait = new Stats();
    startProcess(sim, function* arrivals() {
      for (let i = 0; i < 200_000; i++) {
        startProcess(sim, function* customer() {
          const arrived = sim.now;
          yield worker.acquire();
          wait.record(sim.now - arrived);
          yield random.exponential(10);
          worker.release();
        });
        yield random.exponential(1000 / 70);
      }
    });
    sim.run();
    expect(Math.abs(wait.mean / mm1MeanWaitMs(70, 10) - 1)).toBeLessThan(0.05);
  });

  it('rejects a bad yield and a bad capacity', () => {
    const sim = new Simulation();
    startProcess(sim, function* () {
      yield -1;
    });
    expect(() => sim.run()).toThrow('a yielded delay must be a finite number >= 0 ms (got -1)');
    expect(() => new Resource(sim, 0)).toThrow('Resource: capacity must be an integer >= 1 (got 0)');
    expect(() => new Resource(sim, 1).release()).toThrow('nothing to release');
  });
});
