import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { Server } from './server';
import { LoadBalancer } from './load-balancer';
import { OpenLoad } from './open-load';
import { Retry } from './retry';
import { Timeout } from './timeout';
import { FailureInjector } from './failures';
import { HealthCheck } from './health-check';
import { startTrace, TRACE_EVENTS, type Trace, type TraceOptions } from './trace';
import { replay, ReplayModel, F_BUSY, F_QUEUED, F_SERVED, F_DOWN, FIELDS } from './replay';
import { formatReplay, show, captureShown } from './display';
import type { Request, Reply, Target } from './request';

/** Two servers behind round robin, one of them slow, 20 requests at 100/s. */
function smallScenario(options: TraceOptions = {}): Trace {
  const sim = new Simulation();
  const trace = startTrace(sim, { label: 'small', untilMs: 1_000, ...options });
  const random = new Random(11);
  const fast = new Server(sim, { name: 'fast', workers: 1, serviceTime: () => 5 });
  const slow = new Server(sim, { name: 'slow', workers: 1, queueLimit: 1, serviceTime: () => 30 });
  const balancer = new LoadBalancer(sim, { name: 'lb', targets: [fast, slow], strategy: 'roundRobin' });
  new OpenLoad(sim, { target: balancer, random, ratePerSecond: 100, arrivals: 'uniform', maxRequests: 20 });
  sim.run();
  return trace;
}

/** The events as readable lines: "10 ms #0 fast start". */
function lines(trace: Trace): string[] {
  const { events, components } = trace.data();
  const out: string[] = [];
  for (let i = 0; i < events.length; i += 4) {
    out.push(`${events[i]} ms #${events[i + 1]} ${components[events[i + 2]].name} ${TRACE_EVENTS[events[i + 3]]}`);
  }
  return out;
}

describe('trace', () => {
  it('records each request through client, balancer and server, and the diagram as wired', () => {
    const trace = smallScenario();
    const data = trace.data();
    expect(data.components).toEqual([
      { name: 'clients', kind: 'client', workers: 0 },
      { name: 'lb', kind: 'balancer', workers: 0 },
      { name: 'fast', kind: 'server', workers: 1 },
      { name: 'slow', kind: 'server', workers: 1 },
    ]);
    expect(data.links).toEqual([[1, 2], [1, 3], [0, 1]]);
    const log = lines(trace);
    // The first request: sent at 10 ms, through the balancer to 'fast', served in 5 ms, answered.
    expect(log.slice(0, 6)).toEqual([
      '10 ms #0 clients arrive',
      '10 ms #0 lb arrive',
      '10 ms #0 fast arrive',
      '10 ms #0 fast start',
      '15 ms #0 fast finish',
      '15 ms #0 clients finish',
    ]);
    // Every other request goes to 'slow' (30 ms of work, one place in its queue): some wait, some are turned away.
    expect(log).toContain('40 ms #3 slow queue');
    expect(log).toContain('100 ms #9 slow drop');
    expect(log.some((line) => / slow drop$/.test(line))).toBe(true);
    expect(log.filter((line) => / clients arrive$/.test(line))).toHaveLength(20);
    expect(trace.note).toBeUndefined();
  });

  it('is byte-identical across runs of the same scenario', () => {
    const first = JSON.stringify(smallScenario().data());
    const second = JSON.stringify(smallScenario().data());
    expect(first.length).toBeGreaterThan(1_000);
    expect(second).toBe(first);
  });

  it('says which bound cut it: requests, window, events', () => {
    const byRequests = smallScenario({ maxRequests: 5 });
    expect(byRequests.requests).toBe(5);
    expect(byRequests.note).toBe('Only the first 5 requests are followed (maxRequests): 15 later ones ran but are not shown.');
    expect(lines(byRequests).filter((line) => / clients arrive$/.test(line))).toHaveLength(5);

    const byWindow = smallScenario({ untilMs: 100 });
    expect(byWindow.note).toBe('The window ends at 100 ms (untilMs): what happened later is not shown.');
    expect(Math.max(...lines(byWindow).map((line) => parseFloat(line)))).toBeLessThanOrEqual(100);

    const byEvents = smallScenario({ maxEvents: 10 });
    expect(byEvents.data().events).toHaveLength(40);
    expect(byEvents.note).toMatch(/^The trace stopped at 10 events \(maxEvents\): \d+ later events are not in it\.$/);
  });

  it('costs nothing and records nothing when off', () => {
    const sim = new Simulation();
    expect(sim.tracer).toBeNull();
    const server = new Server(sim, { workers: 1, serviceTime: () => 1 });
    new OpenLoad(sim, { target: server, random: new Random(1), ratePerSecond: 10, maxRequests: 3 });
    sim.run();
    expect(sim.tracer).toBeNull();
  });

  it('refuses a second trace on one simulation, and bad bounds, with what to do', () => {
    const sim = new Simulation();
    startTrace(sim);
    expect(() => startTrace(sim)).toThrow(/already traced; use one Simulation per trace/);
    expect(() => startTrace(new Simulation(), { untilMs: -1 })).toThrow("startTrace: untilMs must be a finite time after fromMs (0 ms) (got -1)");
    expect(() => startTrace(new Simulation(), { maxRequests: 0 })).toThrow('startTrace: maxRequests must be an integer >= 1 (got 0)');
  });

  it('records retries, crashes and a health check taking a node out', () => {
    const sim = new Simulation();
    const trace = startTrace(sim, { untilMs: 3_000 });
    const nodes = [1, 2].map((i) => new Server(sim, { name: `node-${i}`, workers: 2, serviceTime: () => 10 }));
    const balancer = new LoadBalancer(sim, { name: 'lb', targets: nodes, strategy: 'roundRobin' });
    new HealthCheck(sim, { balancer, intervalMs: 200, timeoutMs: 100, unhealthyThreshold: 2 });
    new FailureInjector(sim).crashAt(nodes[0], 500);
    const retry = new Retry(sim, { name: 'retry', target: balancer, random: new Random(2), maxRetries: 2, baseDelayMs: 5 });
    new OpenLoad(sim, { target: retry, random: new Random(3), ratePerSecond: 50, arrivals: 'uniform', stopAtMs: 2_000 });
    sim.run({ until: 3_000 });
    const log = lines(trace);
    expect(log).toContain('500 ms node-1 down'.replace('ms', 'ms #-1'));
    expect(log.some((line) => / retry retry$/.test(line))).toBe(true);
    expect(log.some((line) => / lb out$/.test(line))).toBe(true);
    expect(trace.data().links).toContainEqual([0, 1]); // clients -> retry, learnt from the first request
    const model = new ReplayModel(trace.data());
    const lb = trace.data().components.findIndex((c) => c.name === 'lb');
    const out = trace.data().links.findIndex(([a, b]) => a === lb && trace.data().components[b].name === 'node-1');
    model.stateAt(400);
    expect(model.linksOut[out]).toBe(0);
    const node1 = trace.data().components.findIndex((c) => c.name === 'node-1');
    expect(model.stateAt(600)[node1 * FIELDS + F_DOWN]).toBe(1);
    model.stateAt(2_000);
    expect(model.linksOut[out]).toBe(1);
    // Retried requests come back from the retry component, not from the client.
    expect(model.forward.paths.some((path) => trace.data().components[path[0]].name === 'retry')).toBe(true);
  });

  it('leaves health-check probes out (they would drown the requests)', () => {
    const sim = new Simulation();
    const trace = startTrace(sim, { untilMs: 1_000 });
    const node = new Server(sim, { name: 'n', workers: 1, serviceTime: () => 1 });
    new HealthCheck(sim, { balancer: new LoadBalancer(sim, { targets: [node], strategy: 'roundRobin' }), intervalMs: 100, timeoutMs: 50 });
    sim.run({ until: 1_000 });
    expect(trace.data().events).toEqual([]);
  });

  it('follows a target of the reader\'s own, learning its links from the requests', () => {
    const sim = new Simulation();
    const trace = startTrace(sim, { untilMs: 100 });
    const server = new Server(sim, { name: 'db', workers: 1, serviceTime: () => 1 });
    const own: Target = { name: 'mine', handle: (request: Request, reply: Reply) => server.handle(request, reply) };
    new OpenLoad(sim, { target: own, random: new Random(1), ratePerSecond: 100, maxRequests: 2 });
    sim.run();
    expect(trace.data().links).toEqual([[0, 1]]);
    expect(trace.data().components.map((c) => c.name)).toEqual(['clients', 'db']);
  });
});

describe('replay', () => {
  it('knows the state of every component at any time of the window', () => {
    const data = smallScenario().data();
    const model = new ReplayModel(data);
    const slow = 3;
    // 'slow' serves #1 from 20 to 50 ms, #3 waits from 40 ms.
    expect(model.stateAt(45)[slow * FIELDS + F_BUSY]).toBe(1);
    expect(model.stateAt(45)[slow * FIELDS + F_QUEUED]).toBe(1);
    expect(model.stateAt(0)[slow * FIELDS + F_BUSY]).toBe(0);
    // Scrubbing back and forth gives the same answer as going straight there.
    const end = Array.from(model.stateAt(1_000));
    model.stateAt(100);
    expect(Array.from(model.stateAt(1_000))).toEqual(end);
    expect(Array.from(model.finalState)).toEqual(end);
    expect(end[2 * FIELDS + F_SERVED]).toBe(10);
    // Dots: one trip in per request, one back per outcome, along the links.
    expect(model.forward.times.length).toBe(20);
    expect(model.back.times.length).toBe(20);
    expect(model.forward.paths[0]).toEqual([0, 1, 2]);
    expect(model.back.paths[0]).toEqual([2, 1, 0]);
    expect(model.nextEventAfter(10)).toBe(15);
    expect(model.previousEventBefore(15)).toBe(10);
  });

  it('counts a retried request once per copy: the attempt a timeout gave up on still waits when the retry joins it', () => {
    const sim = new Simulation();
    const trace = startTrace(sim, { untilMs: 5_000 });
    const db = new Server(sim, { name: 'db', workers: 1, queueLimit: 3, serviceTime: () => 100 });
    const timeout = new Timeout(sim, { name: 'timeout', target: db, timeoutMs: 30 });
    const retry = new Retry(sim, { name: 'retries', target: timeout, random: new Random(1), maxRetries: 3, baseDelayMs: 0, jitter: 'none' });
    new OpenLoad(sim, { target: retry, random: new Random(2), ratePerSecond: 20, arrivals: 'uniform', maxRequests: 3 });
    sim.run();
    const data = trace.data();
    const at = data.components.findIndex((c) => c.name === 'db') * FIELDS;
    expect(data.components.map((c) => c.kind)).toEqual(['client', 'retry', 'timeout', 'server']); // the timeout's own word, not 'component'
    const model = new ReplayModel(data);
    let mostQueued = 0, mostBusy = 0;
    for (let time = 0; time <= 5_000; time += 5) {
      const state = model.stateAt(time);
      mostQueued = Math.max(mostQueued, state[at + F_QUEUED]);
      mostBusy = Math.max(mostBusy, state[at + F_BUSY]);
    }
    // Twelve attempts of three requests, the queue full at times: never more than the server holds.
    expect(db.arrivals.count).toBe(12);
    expect(mostQueued).toBe(3);
    expect(mostBusy).toBe(1);
    // Everything answered: nothing left waiting or in service.
    expect(model.finalState[at + F_QUEUED]).toBe(0);
    expect(model.finalState[at + F_BUSY]).toBe(0);
  });

  it('prints, in Node, what each component did: the same table the Playground shows', () => {
    const shown = replay(smallScenario(), 'Round robin, one slow node');
    expect(JSON.parse(JSON.stringify(shown))).toEqual(shown);
    const text = formatReplay(shown);
    expect(text.split('\n')).toEqual([
      'Round robin, one slow node (a replay: run it in the Playground to watch it)',
      '',
      'small, 0 to 1000 ms of virtual time:',
      'small: what each component did',
      'component         arrived  served  failed  dropped  timed out  retried  peak queue  busy %',
      '────────────────  ───────  ──────  ──────  ───────  ─────────  ───────  ──────────  ──────',
      'clients (client)       20      18       0        2          0        0           –       –',
      'lb (balancer)          20       –       0        0          0        0           –       –',
      'fast (server)          10      10       0        0          0        0           0       5',
      'slow (server)          10       8       0        2          0        0           1      24',
    ]);
  });

  it('travels through show() like tables and charts', async () => {
    const shown = await captureShown(() => show(replay([smallScenario({ label: 'a' }), smallScenario({ label: 'b' })])));
    expect(shown).toHaveLength(1);
    expect(shown[0].kind).toBe('replay');
    expect(shown[0].title).toBe('a and b');
    expect(shown[0].traces.map((t: { label: string }) => t.label)).toEqual(['a', 'b']);
    expect(() => replay([])).toThrow('replay: give 1 to 4 traces (got 0)');
    expect(() => replay({} as Trace)).toThrow(/replay: trace 0 must be what startTrace\(sim\) returned/);
  });
});

describe('trace window', () => {
  it('opens on the queues and busy workers as they are, not on empty boxes', () => {
    const sim = new Simulation();
    const trace = startTrace(sim, { fromMs: 100, untilMs: 200 });
    // One worker, 30 ms per request, a request every 10 ms: at 100 ms one is served and several wait.
    const server = new Server(sim, { name: 's', workers: 1, serviceTime: () => 30 });
    new FailureInjector(sim).crashAt(new Server(sim, { name: 'other', workers: 1, serviceTime: () => 1 }), 50);
    new OpenLoad(sim, { target: server, random: new Random(1), ratePerSecond: 100, arrivals: 'uniform', stopAtMs: 200 });
    sim.run();
    const data = trace.data();
    const model = new ReplayModel(data);
    const s = data.components.findIndex((c) => c.name === 's');
    const other = data.components.findIndex((c) => c.name === 'other');
    const at100 = model.stateAt(100);
    expect(at100[s * FIELDS + F_BUSY]).toBe(1);
    expect(at100[s * FIELDS + F_QUEUED]).toBe(6);
    expect(at100[other * FIELDS + F_DOWN]).toBe(1);
    expect(data.events[0]).toBe(100);
  });
});
