/**
 * The kit fails loudly and names the culprit (issue 13): each mistake a new user made
 * with only the reference page to go on, planted here, must stop with a message that
 * names the component, the option and what to do.
 */
import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random, distributions } from './random';
import { Server } from './server';
import { OpenLoad } from './open-load';
import { ClosedLoad } from './closed-load';
import { FunctionPlatform } from './function-platform';
import { Link } from './network';
import { MessageQueue } from './message-queue';
import { mm1MeanWaitMs, mmcMeanWaitMs, erlangC } from './theory';
import type { Target } from './request';

function oneRequest(sim: Simulation, target: Target): void {
  target.handle({ id: 1, createdAt: 0 }, () => {});
  sim.run();
}

describe('a sampler that returns NaN or Infinity', () => {
  it('names the Server and its serviceTime, not the engine', () => {
    for (const bad of [NaN, Infinity, -1, undefined]) {
      const sim = new Simulation();
      const server = new Server(sim, { name: 'checkout', workers: 1, serviceTime: () => bad as number });
      expect(() => oneRequest(sim, server)).toThrow(
        `Server 'checkout': serviceTime returned ${String(bad)}, but it must return a finite number of ms >= 0; check the function given as serviceTime`,
      );
    }
  });

  it('names the option in every component that draws a duration', () => {
    const sim = new Simulation();
    const server = new Server(sim, { workers: 1, serviceTime: () => 1 });
    const nan = () => NaN;
    expect(() => oneRequest(sim, new FunctionPlatform(sim, { name: 'fn', coldStart: nan, executionTime: () => 1, keepAliveMs: 0 }))).toThrow(
      "FunctionPlatform 'fn': coldStart returned NaN",
    );
    expect(() => oneRequest(sim, new Link(sim, { name: 'wan', target: server, latency: nan }))).toThrow("Link 'wan': latency returned NaN");
    expect(() => oneRequest(sim, new MessageQueue(sim, { name: 'jobs', consumers: 1, processingTime: nan }))).toThrow(
      "MessageQueue 'jobs': processingTime returned NaN",
    );
    expect(() => new ClosedLoad(new Simulation(), { target: server, users: 1, thinkTime: nan })).toThrow('ClosedLoad: thinkTime returned NaN');
  });

  it('an Infinity delay is refused by the engine too: it used to run at t = ∞ and leave NaN statistics', () => {
    const sim = new Simulation();
    expect(() => sim.schedule(Infinity, () => {})).toThrow('Simulation.schedule: delay must be a finite number >= 0 ms (got Infinity)');
  });
});

describe('Random methods validate like distributions', () => {
  it.each([
    ['exponential(0)', (r: Random) => r.exponential(0), 'Random.exponential: mean must be a finite number > 0 (got 0)'],
    ['exponential(NaN)', (r: Random) => r.exponential(NaN), 'Random.exponential: mean must be a finite number > 0 (got NaN)'],
    ['exponential(Infinity)', (r: Random) => r.exponential(Infinity), 'Random.exponential: mean must be a finite number > 0 (got Infinity)'],
    ['normal(NaN, 1)', (r: Random) => r.normal(NaN, 1), 'Random.normal: mean must be a finite number (got NaN)'],
    ['normal(0, -1)', (r: Random) => r.normal(0, -1), 'Random.normal: standardDeviation must be a finite number >= 0 (got -1)'],
    ['lognormal(0, NaN)', (r: Random) => r.lognormal(0, NaN), 'Random.lognormal: sigma must be a finite number >= 0 (got NaN)'],
    ['uniform(0, Infinity)', (r: Random) => r.uniform(0, Infinity), 'Random.uniform: max must be a finite number >= min (0) (got Infinity)'],
    ['uniform(5, 1)', (r: Random) => r.uniform(5, 1), 'Random.uniform: max must be a finite number >= min (5) (got 1)'],
    ['chance(1.5)', (r: Random) => r.chance(1.5), 'Random.chance: p must be a probability in 0..1 (got 1.5)'],
    ['pareto(1, Infinity)', (r: Random) => r.pareto(1, Infinity), 'Random.pareto: shape must be a finite number > 0 (got Infinity)'],
    ['deterministic(NaN)', (r: Random) => r.deterministic(NaN), 'Random.deterministic: value must be a finite number (got NaN)'],
  ])('%s', (_name, call, message) => {
    expect(() => call(new Random(1))).toThrow(message);
  });

  it('distributions check their parameters when the sampler is made, not at the first draw', () => {
    const random = new Random(1);
    expect(() => distributions.normal(random, 10, -1)).toThrow('normal: standardDeviation must be a finite number >= 0 (got -1)');
    expect(() => distributions.lognormal(random, NaN, 1)).toThrow('lognormal: mu must be a finite number (got NaN)');
    expect(() => distributions.uniform(random, -1, 5)).toThrow('uniform: min must be a finite number >= 0 (got -1)');
    expect(() => distributions.deterministic(Infinity)).toThrow('deterministic: value must be a finite number >= 0 (got Infinity)');
  });
});

describe('OpenLoad that would never end', () => {
  const sim = new Simulation();
  const server = new Server(sim, { workers: 1, serviceTime: () => 1 });
  const random = new Random(1);

  it('refuses ratePerSecond: Infinity, which hung at t = 0', () => {
    expect(() => new OpenLoad(sim, { target: server, random, ratePerSecond: Infinity, maxRequests: 10 })).toThrow(
      'OpenLoad: ratePerSecond must be a finite number >= 0 (got Infinity)',
    );
    expect(() => new OpenLoad(sim, { target: server, random, ratePerSecond: [{ atMs: 0, ratePerSecond: 5 }, { atMs: 10, ratePerSecond: Infinity }], maxRequests: 10 })).toThrow(
      'OpenLoad: ratePerSecond (step 1) must be a finite number >= 0 (got Infinity)',
    );
  });

  it('refuses neither stopAtMs nor maxRequests, which never returned, and says how to mean it', () => {
    expect(() => new OpenLoad(sim, { target: server, random, ratePerSecond: 10 })).toThrow(
      'OpenLoad: give stopAtMs or maxRequests. With neither, requests arrive forever and sim.run() never returns; if you stop the run yourself with sim.run({ until }), say so with stopAtMs: Infinity',
    );
    const own = new Simulation();
    const endless = new OpenLoad(own, { target: new Server(own, { workers: 1, serviceTime: () => 1 }), random, ratePerSecond: 10, stopAtMs: Infinity });
    own.run({ until: 10_000 });
    expect(endless.stats.sent.count).toBeGreaterThan(50);
    // Bursts alone, or a last step at rate 0, end by themselves.
    expect(() => new OpenLoad(sim, { target: server, random, ratePerSecond: 0, bursts: [{ atMs: 0, count: 5 }] })).not.toThrow();
    expect(() => new OpenLoad(sim, { target: server, random, ratePerSecond: [{ atMs: 0, ratePerSecond: 5 }, { atMs: 100, ratePerSecond: 0 }] })).not.toThrow();
  });

  it('names a missing target or random instead of failing at the first arrival', () => {
    expect(() => new OpenLoad(sim, { target: undefined as unknown as Target, random, ratePerSecond: 1, maxRequests: 1 })).toThrow(
      'OpenLoad: target must be a target (something with handle(request, reply)) (got undefined)',
    );
    expect(() => new OpenLoad(sim, { target: server, random: 42 as unknown as Random, ratePerSecond: 1, maxRequests: 1 })).toThrow(
      'OpenLoad: random must be a Random (new Random(seed)) (got 42)',
    );
  });
});

describe('theory helpers take their arguments in one order', () => {
  it('mmcMeanWaitMs(λ, S, c) with c = 1 is mm1MeanWaitMs(λ, S)', () => {
    expect(mmcMeanWaitMs(70, 10, 1)).toBeCloseTo(mm1MeanWaitMs(70, 10), 12);
    expect(erlangC(70, 10, 1)).toBeCloseTo(0.7, 12); // an M/M/1 arrival waits with probability ρ
  });

  it('says so when a call still uses the old order and workers comes out fractional', () => {
    // Old order: mmcMeanWaitMs(workers, λ, S) = mmcMeanWaitMs(4, 320, 12.5).
    expect(() => mmcMeanWaitMs(4, 320, 12.5)).toThrow(
      'mmcMeanWaitMs: workers must be an integer >= 1 (got 12.5); the arguments are (arrivalRatePerSecond, meanServiceMs, workers), workers last',
    );
  });
});
