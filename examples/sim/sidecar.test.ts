import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Sidecar } from './sidecar';
import type { Outcome, Reply, Request, Target } from './request';

describe('Sidecar', () => {
  it('adds its overhead both ways and records what it saw', () => {
    const sim = new Simulation();
    const service: Target = { name: 'svc', handle: (r: Request, reply: Reply) => sim.schedule(10, () => reply(r, 'ok')) };
    const sidecar = new Sidecar(sim, { target: service, overhead: () => 0.5 });
    let doneAt = -1;
    sidecar.handle({ id: 1, createdAt: 0 }, () => (doneAt = sim.now));
    sim.run();
    expect(doneAt).toBe(11);
    expect(sidecar.metrics.ok.count).toBe(1);
    expect(sidecar.metrics.latency.mean).toBe(11);
  });

  it('gives a flaky service timeouts and retries without touching its code', () => {
    const sim = new Simulation();
    const attempts = new Map<number, number>();
    const flaky: Target = {
      name: 'flaky',
      handle: (r: Request, reply: Reply) => {
        // Every request fails on its first attempt and succeeds on its second.
        const attempt = (attempts.get(r.id) ?? 0) + 1;
        attempts.set(r.id, attempt);
        const outcome: Outcome = attempt === 1 ? 'error' : 'ok';
        sim.schedule(1, () => reply(r, outcome));
      },
    };
    const sidecar = new Sidecar(sim, { target: flaky, overhead: () => 0.2, timeoutMs: 100, retries: 2, random: new Random(1) });
    const outcomes: string[] = [];
    for (let id = 0; id < 10; id++) sidecar.handle({ id, createdAt: 0 }, (_, o) => outcomes.push(o));
    sim.run();
    expect(outcomes.every((o) => o === 'ok')).toBe(true);
    expect(() => new Sidecar(sim, { target: flaky, overhead: () => 1, retries: 1 })).toThrow('Sidecar: random must be a Random');
  });
});
