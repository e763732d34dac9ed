import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { FunctionPlatform } from './function-platform';
import { OpenLoad } from './open-load';
import { startTrace, TRACE_EVENTS, type Trace } from './trace';
import { ReplayModel, FIELDS, F_BUSY, F_QUEUED } from './replay';

/**
 * One provisioned instance, room for three: a burst of 3 (one provisioned, two cold starts),
 * then 3 while the two started instances are still warm, then 4: one too many, throttled.
 */
function burstScenario(traced = true): { trace?: Trace; platform: FunctionPlatform } {
  const sim = new Simulation();
  const trace = traced ? startTrace(sim, { label: 'burst', untilMs: 2_000 }) : undefined;
  const platform = new FunctionPlatform(sim, { name: 'fn', coldStart: () => 100, executionTime: () => 30, keepAliveMs: 1_000, maxInstances: 3, provisionedConcurrency: 1 });
  const bursts = [{ atMs: 10, count: 3 }, { atMs: 500, count: 3 }, { atMs: 600, count: 4 }];
  new OpenLoad(sim, { target: platform, random: new Random(1), ratePerSecond: 0, bursts, stopAtMs: 1_000 });
  sim.run();
  return { trace, platform };
}

function lines(trace: Trace): string[] {
  const { events, components } = trace.data();
  const out: string[] = [];
  for (let i = 0; i < events.length; i += 4) out.push(`${events[i]} ms #${events[i + 1]} ${components[events[i + 2]].name} ${TRACE_EVENTS[events[i + 3]]}`);
  return out;
}

describe('FunctionPlatform', () => {
  it('pays a cold start for the first request, reuses the warm instance, and scales to zero when idle', () => {
    const sim = new Simulation();
    const platform = new FunctionPlatform(sim, { coldStart: () => 300, executionTime: () => 20, keepAliveMs: 60_000 });
    const done: number[] = [];
    platform.handle({ id: 1, createdAt: 0 }, () => done.push(sim.now));
    sim.schedule(1000, () => platform.handle({ id: 2, createdAt: sim.now }, () => done.push(sim.now)));
    sim.run({ until: 50_000 });
    expect(done).toEqual([320, 1020]);
    expect(platform.coldStarts.count).toBe(1);
    expect(platform.liveInstances).toBe(1);
    sim.run();
    expect(platform.liveInstances).toBe(0);
    expect(sim.now).toBe(61_020);
  });

  it('cold starts become rare under steady traffic and common under sparse traffic', () => {
    const ratio = (ratePerSecond: number) => {
      const sim = new Simulation();
      const random = new Random(16);
      const platform = new FunctionPlatform(sim, { coldStart: () => 250, executionTime: () => random.exponential(50), keepAliveMs: 10_000 });
      new OpenLoad(sim, { target: platform, random, ratePerSecond, stopAtMs: 3_600_000 });
      sim.run();
      return platform.coldStartRatio;
    };
    expect(ratio(20)).toBeLessThan(0.05); // only when concurrency peaks above the warm pool
    expect(ratio(0.05)).toBeGreaterThan(0.5); // one request every 20 s, keep-alive 10 s
  });

  it('expires an instance keep-alive after its LAST idle moment: sparse Poisson traffic is cold e^(-K/G) of the time', () => {
    // One instance, requests every G on average, keep-alive K: a request is cold when the gap
    // since the last one exceeds K, which happens with probability e^(-K/G).
    const coldShare = (meanGapMs: number, keepAliveMs: number) => {
      const sim = new Simulation();
      const random = new Random(5);
      const platform = new FunctionPlatform(sim, { coldStart: () => 1, executionTime: () => 1, keepAliveMs });
      new OpenLoad(sim, { target: platform, random, ratePerSecond: 1000 / meanGapMs, stopAtMs: meanGapMs * 40_000 });
      sim.run();
      return platform.coldStartRatio;
    };
    expect(coldShare(900_000, 600_000)).toBeCloseTo(Math.exp(-600 / 900), 2); // 51.3%; the timer bug gave 60%
    expect(coldShare(300_000, 600_000)).toBeCloseTo(Math.exp(-2), 2); // 13.5%; the bug gave 33%
  });

  it('throttles beyond maxInstances', () => {
    const sim = new Simulation();
    const platform = new FunctionPlatform(sim, { coldStart: () => 10, executionTime: () => 10, keepAliveMs: 0, maxInstances: 2 });
    const outcomes: string[] = [];
    for (let id = 0; id < 3; id++) platform.handle({ id, createdAt: 0 }, (_, o) => outcomes.push(o));
    sim.run();
    expect(outcomes).toEqual(['rejected', 'ok', 'ok']);
    expect(() => new FunctionPlatform(sim, { coldStart: () => 1, executionTime: () => 1, keepAliveMs: -1 })).toThrow(
      "FunctionPlatform 'functions': keepAliveMs must be a number >= 0 (got -1)",
    );
  });
});

describe('FunctionPlatform provisioned concurrency and cost', () => {
  /** Bursty traffic: 40 requests at once every 30 s, longer apart than the keep-alive, for an hour. */
  function bursts(provisionedConcurrency: number) {
    const sim = new Simulation();
    const random = new Random(17);
    const platform = new FunctionPlatform(sim, {
      coldStart: () => 800,
      executionTime: () => 100,
      keepAliveMs: 10_000,
      provisionedConcurrency,
    });
    const client = new OpenLoad(sim, {
      target: platform,
      random,
      ratePerSecond: 0,
      bursts: Array.from({ length: 120 }, (_, i) => ({ atMs: i * 30_000, count: 40 })),
    });
    sim.run({ until: 3_600_000 });
    return { platform, client };
  }

  it('every burst pays cold starts on demand; with enough provisioned concurrency none does', () => {
    const onDemand = bursts(0);
    expect(onDemand.platform.coldStartRatio).toBe(1);
    expect(onDemand.client.stats.latency.percentile(99)).toBe(900);
    const provisioned = bursts(40);
    expect(provisioned.platform.coldStarts.count).toBe(0);
    expect(provisioned.client.stats.latency.max).toBe(100);
    const half = bursts(20);
    expect(half.platform.coldStartRatio).toBe(0.5);
  });

  it('bills requests, duration (cold starts included) and provisioned time, GB-seconds at the given prices', () => {
    const prices = { memoryGb: 1, perMillionRequests: 0.2, perGbSecond: 0.0000166667, perProvisionedGbSecond: 0.0000041667, perProvisionedExecutionGbSecond: 0.0000097222 };
    const onDemand = bursts(0).platform.cost(prices);
    // 4,800 requests, each 800 ms of start-up and 100 ms of execution.
    expect(onDemand.requests).toBeCloseTo(4_800 / 1e6 * 0.2, 12);
    expect(onDemand.duration).toBeCloseTo(4_800 * 0.9 * 0.0000166667, 12);
    expect(onDemand.provisioned).toBe(0);
    const provisioned = bursts(40).platform.cost(prices);
    expect(provisioned.duration).toBeCloseTo(4_800 * 0.1 * 0.0000097222, 12);
    expect(provisioned.provisioned).toBeCloseTo(40 * 3_600 * 0.0000041667, 12); // paid every second of the hour
    expect(provisioned.total).toBeCloseTo(provisioned.requests + provisioned.duration + provisioned.provisioned, 12);
    expect(provisioned.total).toBeGreaterThan(onDemand.total); // idle provisioned capacity costs more here
  });

  it('changes provisioned concurrency while running, retiring busy instances when they finish', () => {
    const sim = new Simulation();
    const platform = new FunctionPlatform(sim, { coldStart: () => 500, executionTime: () => 100, keepAliveMs: 0, provisionedConcurrency: 2 });
    expect(platform.liveInstances).toBe(2);
    platform.handle({ id: 1, createdAt: 0 }, () => {});
    platform.setProvisionedConcurrency(0);
    expect(platform.liveInstances).toBe(1); // the idle one went at once
    sim.run();
    expect(platform.liveInstances).toBe(0);
    expect(platform.provisioned.integral(sim.now)).toBe(0);
    expect(() => platform.setProvisionedConcurrency(2000)).toThrow("provisionedConcurrency must be <= maxInstances (1000) (got 2000)");
  });

  describe('traced', () => {
    it('draws the platform passing requests to its provisioned and on-demand pools', () => {
      const data = burstScenario().trace!.data();
      expect(data.components).toEqual([
        { name: 'clients', kind: 'client', workers: 0 },
        { name: 'fn', kind: 'functions', workers: 0 },
        { name: 'provisioned', kind: 'server', workers: 1 },
        { name: 'on demand', kind: 'server', workers: 3 },
      ]);
      expect(data.links).toEqual([[0, 1], [1, 2], [1, 3]]);
    });

    it('records a provisioned instance serving at once, cold starts waiting, warm instances serving at once, and throttling', () => {
      const log = lines(burstScenario().trace!);
      // The first burst: the provisioned instance takes one; two wait 100 ms for their instances to start.
      expect(log.slice(0, 12)).toEqual([
        '10 ms #0 clients arrive', '10 ms #0 fn arrive', '10 ms #0 provisioned arrive', '10 ms #0 provisioned start',
        '10 ms #1 clients arrive', '10 ms #1 fn arrive', '10 ms #1 on demand arrive', '10 ms #1 on demand queue',
        '10 ms #2 clients arrive', '10 ms #2 fn arrive', '10 ms #2 on demand arrive', '10 ms #2 on demand queue',
      ]);
      expect(log).toContain('110 ms #1 on demand start');
      expect(log).toContain('140 ms #1 on demand finish');
      // Half a second later the two are still warm: no wait.
      expect(log).toContain('500 ms #4 on demand start');
      expect(log.filter((line) => / on demand queue$/.test(line))).toHaveLength(2);
      // The third burst is one more than three instances: the last is throttled at the platform.
      expect(log).toContain('600 ms #9 fn drop');
      expect(log).toContain('600 ms #9 clients drop');
      expect(log.filter((line) => / clients arrive$/.test(line))).toHaveLength(10);
    });

    it('is byte-identical across runs, and changes nothing the platform measures', () => {
      const first = burstScenario(), second = burstScenario(), untraced = burstScenario(false);
      expect(JSON.stringify(first.trace!.data()).length).toBeGreaterThan(500);
      expect(JSON.stringify(second.trace!.data())).toBe(JSON.stringify(first.trace!.data()));
      for (const { platform } of [first, untraced]) {
        expect([platform.coldStarts.count, platform.warmStarts.count, platform.throttled.count]).toEqual([2, 7, 1]);
      }
      expect(first.platform.latency.percentile(99)).toBe(untraced.platform.latency.percentile(99));
    });

    it('replays the requests waiting for a cold start as the on-demand queue, then as busy instances', () => {
      const model = new ReplayModel(burstScenario().trace!.data());
      const onDemand = 3 * FIELDS;
      expect(model.stateAt(50)[onDemand + F_QUEUED]).toBe(2);
      expect(model.stateAt(50)[onDemand + F_BUSY]).toBe(0);
      expect(model.stateAt(120)[onDemand + F_QUEUED]).toBe(0);
      expect(model.stateAt(120)[onDemand + F_BUSY]).toBe(2);
      expect(model.stateAt(20)[2 * FIELDS + F_BUSY]).toBe(1); // the provisioned instance
      expect(model.finalState[onDemand + F_BUSY]).toBe(0);
    });
  });
});
