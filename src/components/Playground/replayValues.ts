/**
 * A kit `replay(...)` value (examples/sim/replay.ts) as the Playground receives it from the
 * worker: rebuilt field by field into the kit's shape, within limits, so that the replay's
 * drawing code only ever sees indexes that exist, times in order and codes it knows.
 */
import type { Replay, ReplayTrace, Table } from '../../../examples/sim/display';
import type { TraceComponent } from '../../../examples/sim/trace';
import { TRACE_EVENTS } from '../../../examples/sim/trace';
import { readTable, type DisplayLimits, type Read } from './displayValues';
import { textOf } from './workerMessages';

export type { Replay, ReplayTrace } from '../../../examples/sim/display';

export interface ReplayLimits {
  /** Traces side by side in one replay. */
  replayTraces: number;
  replayComponents: number;
  replayLinks: number;
  /** Events of one trace (the kit's own cap is 100,000). */
  replayEvents: number;
  /** Workers drawn as lights in one box (more are still counted). */
  replayWorkers: number;
}

export const REPLAY_LIMITS: ReplayLimits = {
  replayTraces: 4,
  replayComponents: 24,
  replayLinks: 64,
  replayEvents: 100_000,
  replayWorkers: 64,
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const count = (n: number) => n.toLocaleString('en-US');
const CODES = TRACE_EVENTS.length;
const OUT = TRACE_EVENTS.indexOf('out');
const IN = TRACE_EVENTS.indexOf('in');

/** A `replay(...)` value, or undefined when `value` is not one. `eventBudget` caps its events over all traces. */
export function readReplay(
  value: unknown,
  limits: DisplayLimits & ReplayLimits,
  eventBudget = limits.replayEvents * limits.replayTraces,
): Read<Replay> | undefined {
  if (!isObject(value) || value.kind !== 'replay' || !Array.isArray(value.traces)) return undefined;
  const cut: string[] = [];
  const traces: ReplayTrace[] = [];
  let budget = eventBudget;
  let size = 0;
  const taken = Math.min(value.traces.length, limits.replayTraces);
  for (let i = 0; i < taken; i++) {
    const trace = readTrace(value.traces[i], limits, Math.min(budget, limits.replayEvents), cut);
    if (trace === undefined) continue;
    budget -= trace.events.length / 4;
    size += trace.events.length / 4;
    traces.push(trace);
  }
  if (value.traces.length > taken) cut.push(`${count(taken)} of ${count(value.traces.length)} traces shown`);
  if (traces.length === 0) return undefined;
  return { value: { kind: 'replay', title: textOf(value.title ?? '', limits.labelChars), traces }, cut, size };
}

function readTrace(raw: unknown, limits: DisplayLimits & ReplayLimits, eventLimit: number, cut: string[]): ReplayTrace | undefined {
  if (!isObject(raw) || !Array.isArray(raw.components) || !Array.isArray(raw.events)) return undefined;
  const label = textOf(raw.label ?? '', limits.labelChars);
  const where = label ? `trace “${label}”` : 'a trace';
  const components: TraceComponent[] = raw.components.slice(0, limits.replayComponents).map((c: unknown) => {
    const entry = isObject(c) ? c : {};
    const workers = typeof entry.workers === 'number' && Number.isFinite(entry.workers) ? Math.max(0, Math.floor(entry.workers)) : 0;
    return { name: textOf(entry.name ?? '', 60), kind: textOf(entry.kind ?? '', 20), workers };
  });
  const n = components.length;
  if (n === 0) return undefined;
  if (raw.components.length > n) cut.push(`${where}: ${count(n)} of ${count(raw.components.length)} components drawn`);
  const index = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < n;
  const links: [number, number][] = [];
  const seen = new Set<number>();
  for (const link of Array.isArray(raw.links) ? raw.links : []) {
    if (links.length >= limits.replayLinks) break;
    if (!Array.isArray(link) || !index(link[0]) || !index(link[1]) || link[0] === link[1] || seen.has(link[0] * 65_536 + link[1])) continue;
    seen.add(link[0] * 65_536 + link[1]);
    links.push([link[0], link[1]]);
  }
  const source = raw.events as unknown[];
  const available = Math.floor(source.length / 4);
  const take = Math.min(available, Math.max(0, eventLimit));
  const events: number[] = [];
  let last = -Infinity;
  let bad = 0;
  for (let i = 0; i < take; i++) {
    const t = source[i * 4], r = source[i * 4 + 1], c = source[i * 4 + 2], code = source[i * 4 + 3];
    const known = typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < CODES;
    // A request is an integer id; for a balancer's 'out' and 'in' it is the target's index.
    const requestOk = typeof r === 'number' && Number.isInteger(r) && r >= -1 && r < 2 ** 31 && (!(code === OUT || code === IN) || index(r));
    if (typeof t !== 'number' || !Number.isFinite(t) || t < last || !requestOk || !index(c) || !known) {
      bad++;
      continue;
    }
    last = t;
    events.push(t, r as number, c, code as number);
  }
  if (available > take) cut.push(`${where}: the first ${count(take)} of ${count(available)} events replayed`);
  if (bad > 0) cut.push(`${where}: ${count(bad)} events that were not [time in order, request, component, code] left out`);
  const first = events.length > 0 ? events[0] : 0;
  const finite = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
  const fromMs = Math.min(finite(raw.fromMs, first), first);
  const untilMs = Math.max(finite(raw.untilMs, last), last, fromMs + 1);
  const summary: Table = readTable(raw.summary, limits)?.value ?? { kind: 'table', columns: [], rows: [] };
  const trace: ReplayTrace = { label, fromMs, untilMs, components, links, events, summary };
  if (raw.note !== undefined) trace.note = textOf(raw.note, limits.summaryChars);
  return trace;
}
