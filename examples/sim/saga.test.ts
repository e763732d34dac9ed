import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Server } from './server';
import { Saga } from './saga';
import type { Target } from './request';

/** A service step that takes `ms` and answers ok, or error when `broken`. */
function service(sim: Simulation, name: string, ms: number, broken = false): Target {
  const server = new Server(sim, { name, workers: 10, serviceTime: () => ms });
  if (broken) server.crash();
  return server;
}

describe('Saga', () => {
  it('runs every step in order when all succeed', () => {
    const sim = new Simulation();
    const saga = new Saga(sim, {
      steps: [
        { name: 'reserve stock', action: service(sim, 'stock', 10), compensation: service(sim, 'release', 5) },
        { name: 'charge card', action: service(sim, 'payments', 20), compensation: service(sim, 'refund', 5) },
        { name: 'book courier', action: service(sim, 'courier', 30) },
      ],
    });
    let answer = '';
    saga.handle({ id: 1, createdAt: 0 }, (_, o) => (answer = `${o}@${sim.now}`));
    sim.run();
    expect(answer).toBe('ok@60');
    expect(saga.completed.count).toBe(1);
    expect(saga.recentLogs[0]).toEqual([
      ['reserve stock', 'ok'],
      ['charge card', 'ok'],
      ['book courier', 'ok'],
    ]);
  });

  it('when the third step fails, compensates the second and then the first, and answers the failure', () => {
    const sim = new Simulation();
    const saga = new Saga(sim, {
      steps: [
        { name: 'reserve stock', action: service(sim, 'stock', 10), compensation: service(sim, 'release', 5) },
        { name: 'charge card', action: service(sim, 'payments', 20), compensation: service(sim, 'refund', 15) },
        { name: 'book courier', action: service(sim, 'courier', 30, true) },
      ],
    });
    let answer = '';
    saga.handle({ id: 1, createdAt: 0 }, (_, o) => (answer = `${o}@${sim.now}`));
    sim.run();
    expect(saga.recentLogs[0]).toEqual([
      ['reserve stock', 'ok'],
      ['charge card', 'ok'],
      ['book courier', 'error'],
      ['undo charge card', 'ok'],
      ['undo reserve stock', 'ok'],
    ]);
    expect(answer).toBe('error@50'); // the courier fails at 30; refund 15 ms, release 5 ms
    expect(saga.compensated.count).toBe(1);
    expect(saga.failuresByStep.get('book courier')).toBe(1);
    expect(saga.inconsistentMs.mean).toBe(20);
    expect(() => new Saga(sim, { steps: [] })).toThrow("Saga 'saga': steps must be a non-empty list of steps");
  });

  it('counts a compensation that fails: that saga is left for a person to repair', () => {
    const sim = new Simulation();
    const saga = new Saga(sim, {
      steps: [
        { name: 'reserve stock', action: service(sim, 'stock', 10), compensation: service(sim, 'release', 5, true) },
        { name: 'charge card', action: service(sim, 'payments', 20, true) },
      ],
    });
    saga.handle({ id: 1, createdAt: 0 }, () => {});
    sim.run();
    expect(saga.compensationFailures.count).toBe(1);
    expect(saga.recentLogs[0].at(-1)).toEqual(['undo reserve stock', 'error']);
  });
});
