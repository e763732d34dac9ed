import { describe, expect, it } from 'vitest';
import { Simulation, Random, Server, OpenLoad, startTrace, replay, ReplayModel } from '../../../examples/sim';
import { OUTPUT_LIMITS, OutputBudget } from './outputBudget';
import { readReplay } from './replayValues';

function smallReplay() {
  const sim = new Simulation();
  const trace = startTrace(sim, { label: 'small', untilMs: 500 });
  const server = new Server(sim, { name: 's', workers: 2, serviceTime: () => 20 });
  new OpenLoad(sim, { target: server, random: new Random(1), ratePerSecond: 100, maxRequests: 30 });
  sim.run();
  return replay(trace, 'A small replay');
}

const raw = (overrides: Record<string, unknown> = {}) => ({ ...JSON.parse(JSON.stringify(smallReplay())), ...overrides });

describe('a replay posted by the worker', () => {
  it('passes through unchanged when it is what the kit made', () => {
    const made = smallReplay();
    const read = readReplay(JSON.parse(JSON.stringify(made)), OUTPUT_LIMITS)!;
    expect(read.value).toEqual(made);
    expect(read.cut).toEqual([]);
    expect(read.size).toBe(made.traces[0].events.length / 4);
  });

  it('keeps only events the player can draw: times in order, known codes, components that exist', () => {
    const value = raw();
    const trace = value.traces[0];
    const good = trace.events.length / 4;
    trace.events.push(
      ...[1e9, 0, 99, 0], // no component 99
      ...[1, 0, 0, 0], // time goes back
      ...[1e9, 0, 0, 42], // no code 42
      ...['x', 0, 0, 0], // not a time
      ...[1e9, 0.5, 0, 0], // a request id that is not an integer
      ...[1e9, 7, 0, 10], // 'out' names a target component that does not exist
    );
    const read = readReplay(value, OUTPUT_LIMITS)!;
    expect(read.value.traces[0].events.length / 4).toBe(good);
    expect(read.cut).toEqual(['trace “small”: 6 events that were not [time in order, request, component, code] left out']);
    // The player's model runs on what is left without throwing.
    expect(() => new ReplayModel(read.value.traces[0]).stateAt(250)).not.toThrow();
  });

  it('drops links to nowhere, clamps workers, and cuts long names and floods of events', () => {
    const value = raw();
    const trace = value.traces[0];
    trace.links.push([0, 5], [0, 0], 'x', [1, 0]);
    trace.components[0].workers = -3;
    trace.components[1].name = 'n'.repeat(500);
    const read = readReplay(value, { ...OUTPUT_LIMITS, replayEvents: 10 })!;
    const out = read.value.traces[0];
    expect(out.links).toEqual([...smallReplay().traces[0].links, [1, 0]]);
    expect(out.components[0].workers).toBe(0);
    expect(out.components[1].name.length).toBeLessThanOrEqual(60);
    expect(out.events.length).toBe(40);
    expect(read.cut).toContain(`trace “small”: the first 10 of ${trace.events.length / 4} events replayed`);
  });

  it('is not a replay without traces, and odd fields never crash the reader', () => {
    expect(readReplay({ kind: 'replay' }, OUTPUT_LIMITS)).toBeUndefined();
    expect(readReplay({ kind: 'replay', traces: [{ components: [], events: [] }] }, OUTPUT_LIMITS)).toBeUndefined();
    const odd = readReplay({ kind: 'replay', title: { toString: 1 }, traces: [{ label: 5, components: [{}], events: [0, 0, 0, 0], summary: 'no', note: 7 }] }, OUTPUT_LIMITS)!;
    expect(odd.value.traces[0]).toMatchObject({ label: '5', components: [{ name: '', kind: '', workers: 0 }], events: [0, 0, 0, 0], note: '7' });
    expect(odd.value.traces[0].untilMs).toBeGreaterThan(odd.value.traces[0].fromMs);
  });

  it('counts against the run’s output: a replay past the event budget is left out with a note', () => {
    const budget = new OutputBudget({ ...OUTPUT_LIMITS, totalEvents: 50 });
    expect(budget.show(raw())[0].kind).toBe('replay');
    expect(budget.show(raw())).toEqual([{ kind: 'note', text: 'A replay was left out: the output holds at most 50 replay events.' }]);
  });
});
