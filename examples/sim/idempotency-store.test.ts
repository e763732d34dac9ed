import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Server } from './server';
import { IdempotencyStore } from './idempotency-store';
import type { Outcome } from './request';

describe('IdempotencyStore', () => {
  it('runs the first request of a key, answers repeats from memory, and makes a concurrent repeat wait', () => {
    const sim = new Simulation();
    const charge = new Server(sim, { name: 'charge', workers: 4, serviceTime: () => 50 });
    const store = new IdempotencyStore(sim, { target: charge });
    const outcomes: string[] = [];
    const send = (at: number, id: number, idempotencyKey: string) =>
      sim.schedule(at, () => store.handle({ id, createdAt: sim.now, idempotencyKey }, (r, o) => outcomes.push(`${r.id} ${o}@${sim.now}`)));
    send(0, 1, 'order-1');
    send(10, 2, 'order-1'); // a retry while the first is still running
    send(100, 3, 'order-1'); // a redelivery long after
    send(100, 4, 'order-2');
    sim.run();
    expect(outcomes).toEqual(['1 ok@50', '2 ok@50', '3 ok@100', '4 ok@150']);
    expect(charge.completed.count).toBe(2);
    expect(store.executed.count).toBe(2);
    expect(store.duplicatesSuppressed.count).toBe(2);
  });

  it('does not remember a failure, so the next attempt runs again; forgets keys after ttlMs', () => {
    const sim = new Simulation();
    let calls = 0;
    const flaky = { name: 'flaky', handle: (r: any, reply: (r: any, o: Outcome) => void) => reply(r, calls++ === 0 ? 'error' : 'ok') };
    const store = new IdempotencyStore(sim, { target: flaky, ttlMs: 1000 });
    const outcomes: Outcome[] = [];
    for (const at of [0, 1, 2, 2000]) sim.schedule(at, () => store.handle({ id: at, createdAt: sim.now, idempotencyKey: 'k' }, (_, o) => outcomes.push(o)));
    sim.run();
    expect(outcomes).toEqual(['error', 'ok', 'ok', 'ok']);
    expect(calls).toBe(3); // the failure, the retry, and once more after the key expired
  });

  it('names the missing key and how to give one', () => {
    const sim = new Simulation();
    const store = new IdempotencyStore(sim, { target: new Server(sim, { workers: 1, serviceTime: () => 1 }), name: 'payments' });
    expect(() => store.handle({ id: 9, createdAt: 0 }, () => {})).toThrow(
      "IdempotencyStore 'payments': request 9 has no idempotency key (got undefined); set request.idempotencyKey where the operation starts, or give the store a key(request) option",
    );
  });
});
