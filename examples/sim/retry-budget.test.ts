import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { Retry } from './retry';
import { RetryBudget } from './retry-budget';
import { OpenLoad } from './open-load';

/** A client sending `ratePerSecond` for a minute to a dependency that is down, retrying each failure 3 times. */
function againstAnOutage(ratePerSecond: number, budget?: (sim: Simulation) => RetryBudget) {
  const sim = new Simulation();
  const random = new Random(71);
  const dependency = new Server(sim, { name: 'dependency', workers: 1, serviceTime: () => 1 });
  dependency.crash();
  const retryBudget = budget?.(sim);
  const retry = new Retry(sim, { target: dependency, random, maxRetries: 3, baseDelayMs: 10, budget: retryBudget });
  new OpenLoad(sim, { target: retry, random, ratePerSecond, stopAtMs: 60_000 });
  sim.run();
  return { dependency, retry, budget: retryBudget };
}

describe('RetryBudget', () => {
  it('three retries per call quadruple the load on a dead dependency; a 10 % budget caps it near 1.1×', () => {
    const unbounded = againstAnOutage(1000);
    expect(unbounded.dependency.arrivals.count / (unbounded.retry.attempts.count - unbounded.retry.retries.count)).toBe(4);
    const budgeted = againstAnOutage(1000, (sim) => new RetryBudget(sim, { ratio: 0.1, minRetriesPerSecond: 10 }));
    const requests = budgeted.budget!.requests.count;
    const retries = budgeted.retry.retries.count;
    // At most 10 % of the requests in the window plus 10 per second of allowance: 0.1 + 10/1000.
    expect(retries / requests).toBeLessThanOrEqual(0.111);
    expect(retries / requests).toBeGreaterThan(0.1);
    expect(budgeted.retry.budgetDenied.count).toBe(budgeted.budget!.denied.count);
    expect(budgeted.dependency.arrivals.count / requests).toBeLessThan(1.12);
  });

  it('lets a quiet client retry: the allowance per second covers it', () => {
    const quiet = againstAnOutage(1, (sim) => new RetryBudget(sim, { ratio: 0.1, minRetriesPerSecond: 10 }));
    expect(quiet.budget!.denied.count).toBe(0);
    expect(quiet.retry.retries.count).toBe(3 * quiet.budget!.requests.count);
  });

  it('forgets requests and retries older than its window', () => {
    const sim = new Simulation();
    const budget = new RetryBudget(sim, { ratio: 0.5, minRetriesPerSecond: 0, windowMs: 1000 });
    for (let i = 0; i < 10; i++) budget.recordRequest();
    const allowedNow = [1, 2, 3, 4, 5, 6].map(() => budget.tryRetry());
    expect(allowedNow).toEqual([true, true, true, true, true, false]);
    sim.run({ until: 1000 }); // the window has moved past every request
    expect(budget.tryRetry()).toBe(false);
    budget.recordRequest();
    budget.recordRequest();
    expect(budget.tryRetry()).toBe(true);
    expect(() => new RetryBudget(sim, { ratio: 2 })).toThrow("RetryBudget 'retry-budget': ratio must be a probability in 0..1 (got 2)");
    expect(() => new RetryBudget(sim, { windowMs: Infinity })).toThrow('windowMs must be a finite number > 0 (got Infinity)');
  });
});
