import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { OpenLoad } from './open-load';
import { Timeout } from './timeout';
import { Retry } from './retry';
import { CircuitBreaker } from './circuit-breaker';
import { Bulkhead } from './bulkhead';
import { TokenBucket } from './token-bucket';
import { SlidingWindowLimiter } from './sliding-window';
import type { Outcome, Reply, Request, Target } from './request';

/** A target whose outcome and delay per request come from a script. */
function scripted(sim: Simulation, script: (n: number) => [Outcome, number]) {
  let calls = 0;
  const target: Target = {
    name: 'scripted',
    handle(request: Request, reply: Reply) {
      const [outcome, delay] = script(calls++);
      sim.schedule(delay, () => reply(request, outcome));
    },
  };
  return { target, calls: () => calls };
}

function send(sim: Simulation, target: Target, at: number, outcomes: string[]) {
  sim.schedule(at - sim.now, () => target.handle({ id: at, createdAt: sim.now }, (_, o) => outcomes.push(`${o}@${sim.now}`)));
}

describe('Timeout', () => {
  it('answers timeout at the deadline and ignores the late answer', () => {
    const sim = new Simulation();
    const { target } = scripted(sim, (n) => ['ok', n === 0 ? 500 : 50]);
    const timeout = new Timeout(sim, { target, timeoutMs: 100 });
    const outcomes: string[] = [];
    send(sim, timeout, 0, outcomes);
    send(sim, timeout, 1000, outcomes);
    sim.run();
    expect(outcomes).toEqual(['timeout@100', 'ok@1050']);
    expect(timeout.lateAnswers.count).toBe(1);
    expect(() => new Timeout(sim, { target, timeoutMs: 0 })).toThrow('Timeout: timeoutMs must be a number > 0 (got 0)');
  });
});

describe('Retry', () => {
  it('retries failures with exponential backoff until one succeeds', () => {
    const sim = new Simulation();
    const { target, calls } = scripted(sim, (n) => [n < 3 ? 'error' : 'ok', 0]);
    const retry = new Retry(sim, { target, random: new Random(1), maxRetries: 5, baseDelayMs: 100, jitter: 'none' });
    const outcomes: string[] = [];
    send(sim, retry, 0, outcomes);
    sim.run();
    expect(outcomes).toEqual(['ok@700']); // waits 100, 200, 400
    expect(calls()).toBe(4);
    expect(retry.retries.count).toBe(3);
  });

  it('gives up after maxRetries and spreads retries with full jitter', () => {
    const sim = new Simulation();
    const { target } = scripted(sim, () => ['error', 0]);
    const retry = new Retry(sim, { target, random: new Random(2), maxRetries: 2, baseDelayMs: 100 });
    const outcomes: string[] = [];
    send(sim, retry, 0, outcomes);
    sim.run();
    expect(outcomes[0]).toMatch(/^error@/);
    expect(retry.attempts.count).toBe(3);
    const delays = Array.from({ length: 10_000 }, () => retry.backoffMs(3));
    expect(Math.max(...delays)).toBeLessThanOrEqual(400);
    expect(delays.reduce((a, b) => a + b) / delays.length).toBeCloseTo(200, -1);
    expect(() => new Retry(sim, { target, random: new Random(1), maxRetries: -1, baseDelayMs: 1 })).toThrow(
      'Retry: maxRetries must be an integer >= 0 (got -1)',
    );
  });
});

describe('CircuitBreaker', () => {
  it('opens after failures, fails fast, tries again after openMs and closes on success', () => {
    const sim = new Simulation();
    let healthy = false;
    const { target, calls } = scripted(sim, () => [healthy ? 'ok' : 'error', 1]);
    const breaker = new CircuitBreaker(sim, { target, failureThreshold: 0.5, windowSize: 4, openMs: 1000 });
    const outcomes: string[] = [];
    for (let t = 0; t < 100; t += 10) send(sim, breaker, t, outcomes);
    sim.run({ until: 500 });
    expect(calls()).toBe(4); // four failures opened it; the other six were refused
    expect(breaker.state).toBe('open');
    expect(breaker.shortCircuited.count).toBe(6);
    healthy = true;
    send(sim, breaker, 1100, outcomes); // half-open trial
    send(sim, breaker, 1200, outcomes);
    sim.run();
    expect(breaker.state).toBe('closed');
    expect(breaker.transitions.map(([t, s]) => `${s}@${t}`)).toEqual(['open@31', 'half-open@1031', 'closed@1101']);
    expect(outcomes.slice(-2)).toEqual(['ok@1101', 'ok@1201']);
  });

  it('goes back to open when the half-open trial fails', () => {
    const sim = new Simulation();
    const { target } = scripted(sim, () => ['error', 1]);
    const breaker = new CircuitBreaker(sim, { target, failureThreshold: 1, windowSize: 1, openMs: 100 });
    send(sim, breaker, 0, []);
    send(sim, breaker, 200, []);
    sim.run({ until: 250 });
    expect(breaker.transitions.map(([, s]) => s)).toEqual(['open', 'half-open', 'open']);
    expect(() => new CircuitBreaker(sim, { target, failureThreshold: 2, windowSize: 1, openMs: 1 })).toThrow(
      'failureThreshold must be a probability in 0..1 (got 2)',
    );
  });
});

describe('Bulkhead', () => {
  it('limits requests in flight, queues a few and rejects the rest', () => {
    const sim = new Simulation();
    const { target } = scripted(sim, () => ['ok', 100]);
    const bulkhead = new Bulkhead(sim, { target, maxConcurrent: 2, maxWaiting: 1 });
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) send(sim, bulkhead, 0, outcomes);
    sim.run();
    expect(outcomes).toEqual(['rejected@0', 'rejected@0', 'ok@100', 'ok@100', 'ok@200']);
  });
});

describe('rate limiters', () => {
  it('token bucket: long-run rate equals the refill rate (within 0.5%), bursts up to capacity', () => {
    const sim = new Simulation();
    const random = new Random(3);
    const server = new Server(sim, { workers: 100, serviceTime: () => 1 });
    const bucket = new TokenBucket(sim, { target: server, ratePerSecond: 100, capacity: 20 });
    new OpenLoad(sim, { target: bucket, random, ratePerSecond: 300, stopAtMs: 1_000_000 });
    sim.run();
    const rate = bucket.allowed.count / 1000;
    expect(Math.abs(rate / 100 - 1)).toBeLessThan(0.005);
    const burst = new TokenBucket(new Simulation(), { target: server, ratePerSecond: 1, capacity: 20 });
    let passed = 0;
    for (let i = 0; i < 50; i++) if (burst.tryTake()) passed++;
    expect(passed).toBe(20);
    expect(() => new TokenBucket(sim, { target: server, ratePerSecond: -1, capacity: 1 })).toThrow(
      'TokenBucket: ratePerSecond must be a number > 0 (got -1)',
    );
  });

  it('sliding window: never more than `limit` in any window', () => {
    const sim = new Simulation();
    const random = new Random(4);
    const accepted: number[] = [];
    const sink: Target = { name: 'sink', handle: (r, reply) => (accepted.push(sim.now), reply(r, 'ok')) };
    const limiter = new SlidingWindowLimiter(sim, { target: sink, limit: 10, windowMs: 1000 });
    new OpenLoad(sim, { target: limiter, random, ratePerSecond: 50, stopAtMs: 100_000 });
    sim.run();
    for (let i = 10; i < accepted.length; i++) expect(accepted[i] - accepted[i - 10]).toBeGreaterThan(1000 - 1e-9);
    expect(Math.abs(accepted.length / 1000 - 1)).toBeLessThan(0.05); // about limit per window
  });
});
