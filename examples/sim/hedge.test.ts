import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random, distributions } from './random';
import { Server } from './server';
import { Hedge } from './hedge';
import { LoadBalancer } from './load-balancer';
import { OpenLoad } from './open-load';
import type { Target } from './request';

const SLOW_SHARE = 0.05;
const REQUESTS = 40_000;

/** A replica set where 5 % of calls take 1 s and the rest 10 ms, with workers to spare (no queueing). */
function slowTail(sim: Simulation, random: Random): Server {
  const serviceTime = distributions.mixture(random, [
    [1 - SLOW_SHARE, () => 10],
    [SLOW_SHARE, () => 1000],
  ]);
  return new Server(sim, { name: 'replicas', workers: 10_000, serviceTime });
}

function slowShare(hedged: boolean) {
  const sim = new Simulation();
  const random = new Random(51);
  const replicas = slowTail(sim, random);
  const hedge = new Hedge(sim, { target: replicas, hedgeAfterMs: 50 });
  const target: Target = hedged ? hedge : replicas;
  const client = new OpenLoad(sim, { target, random, ratePerSecond: 1000, maxRequests: REQUESTS, sloMs: 500 });
  sim.run();
  return { share: 1 - client.stats.withinSlo.count / REQUESTS, hedge, replicas, client };
}

describe('Hedge', () => {
  it('a request is slow only if both copies are: the slow share falls from p to about p², for p extra load', () => {
    const plain = slowShare(false);
    expect(plain.share).toBeCloseTo(SLOW_SHARE, 2); // 0.05 ± 0.005
    const hedged = slowShare(true);
    // Slow only when the original and the copy sent at 50 ms both take 1 s: p² = 0.0025.
    expect(Math.abs(hedged.share - SLOW_SHARE ** 2)).toBeLessThan(0.001);
    expect(Math.abs(hedged.hedge.extraLoad - SLOW_SHARE)).toBeLessThan(0.003);
    expect(hedged.replicas.arrivals.count).toBe(hedged.hedge.requests.count + hedged.hedge.hedges.count);
    // Nearly every hedged request is won by its copy (60 ms against 1 s).
    expect(hedged.hedge.hedgeWins.count / hedged.hedge.hedges.count).toBeGreaterThan(0.9);
    expect(hedged.client.stats.latency.percentile(99)).toBeLessThan(70);
    expect(plain.client.stats.latency.percentile(99)).toBeGreaterThan(900);
  });

  it('with cancelLoser, a losing copy still queued at a busy replica is dropped instead of served', () => {
    const run = (cancelLoser: boolean) => {
      const sim = new Simulation();
      const busy = new Server(sim, { name: 'busy', workers: 1, serviceTime: () => 1000 });
      const idle = new Server(sim, { name: 'idle', workers: 1, serviceTime: () => 100 });
      busy.handle({ id: 0, createdAt: 0 }, () => {}); // someone else's long request
      const replicas = new LoadBalancer(sim, { targets: [busy, idle], strategy: 'roundRobin' });
      const hedge = new Hedge(sim, { target: replicas, hedgeAfterMs: 10, cancelLoser });
      const outcomes: string[] = [];
      hedge.handle({ id: 7, createdAt: 0 }, (request, outcome) => outcomes.push(`${request.id} ${outcome}@${sim.now}`));
      sim.run();
      return { busy, hedge, outcomes, end: sim.now };
    };
    const kept = run(false);
    expect(kept.outcomes).toEqual(['7 ok@110']); // the copy sent at 10 ms to the idle replica won
    expect(kept.hedge.hedgeWins.count).toBe(1);
    expect(kept.busy.completed.count).toBe(2); // the original, queued behind 1 s of work, was served for nobody
    expect(kept.hedge.lateAnswers.count).toBe(1);
    expect(kept.end).toBe(2000);
    const cancelled = run(true);
    expect(cancelled.outcomes).toEqual(['7 ok@110']);
    expect(cancelled.busy.completed.count).toBe(1);
    expect(cancelled.busy.cancelled.count).toBe(1);
    expect(cancelled.end).toBe(1000);
  });

  it('fails only when every copy sent has failed, and never marks the caller’s request', () => {
    const sim = new Simulation();
    const down = new Server(sim, { workers: 1, serviceTime: () => 1 });
    down.crash();
    const hedge = new Hedge(sim, { target: down, hedgeAfterMs: 10, cancelLoser: true });
    const request = { id: 1, createdAt: 0 };
    let outcome = '';
    hedge.handle(request, (_, o) => (outcome = o));
    sim.run();
    expect(outcome).toBe('error');
    expect(hedge.hedges.count).toBe(0); // the first copy failed at once: nothing left to hedge
    expect(request).toEqual({ id: 1, createdAt: 0 });
    expect(() => new Hedge(sim, { target: down, hedgeAfterMs: 0 })).toThrow("Hedge 'hedge(server)': hedgeAfterMs must be a number > 0 (got 0)");
    expect(() => new Hedge(sim, { target: down, hedgeAfterMs: 5, maxHedges: 0 })).toThrow('maxHedges must be an integer >= 1 (got 0)');
  });
});
