/**
 * A burst, watched: the bursty traffic of cold-starts.ts (BURST_SIZE requests within
 * BURST_SPREAD_MS, a notification to many phones) meets the function with no provisioned
 * concurrency, with PROVISIONED instances, and with as many as the burst, side by side.
 * Requests waiting for their instance to start stack up as the queue of 'on demand'; the
 * lights are instances running the function. Provisioned instances serve at once, but only
 * as many at a time as there are: the rest of the burst still waits for cold starts.
 *
 * Change PROVISIONED_LEVELS or BURST_SIZE and run again.
 */
import { Simulation, Random, OpenLoad, FunctionPlatform, show, startTrace, replay } from '../sim';
import type { Trace } from '../sim';

// The function and the burst of cold-starts.ts (its test checks they agree).
export const COLD_START_MS = 800;
export const EXECUTION_MS = 50;
export const KEEP_ALIVE_MINUTES = 10;
export const BURST_SIZE = 200;
export const BURST_SPREAD_MS = 500;
export const PROVISIONED = 5;
export const SEED = 7;

/** Provisioned instances in each replay: none, the chapter's few, and one per request of the burst. */
export const PROVISIONED_LEVELS = [0, PROVISIONED, BURST_SIZE];
/** The burst comes at BURST_AT_MS; the replay runs until every request of it has been answered. */
export const BURST_AT_MS = 500;
export const UNTIL_MS = 3_000;

const label = (provisioned: number) => (provisioned === 0 ? 'on demand only' : `${provisioned} provisioned`);

/** The burst against the function with `provisioned` instances, traced. */
export function traceBurst(provisioned: number, seed = SEED): Trace {
  const sim = new Simulation();
  const trace = startTrace(sim, { label: label(provisioned), untilMs: UNTIL_MS });
  const random = new Random(seed);
  const draw = random.split();
  const platform = new FunctionPlatform(sim, {
    name: 'function',
    coldStart: () => draw.lognormal(Math.log(COLD_START_MS), 0.3),
    executionTime: () => draw.lognormal(Math.log(EXECUTION_MS), 0.5),
    keepAliveMs: KEEP_ALIVE_MINUTES * 60_000,
    provisionedConcurrency: provisioned,
  });
  const burst = { atMs: BURST_AT_MS, count: BURST_SIZE, spreadMs: BURST_SPREAD_MS };
  new OpenLoad(sim, { name: 'phones', target: platform, random: random.split(), ratePerSecond: 0, bursts: [burst], stopAtMs: UNTIL_MS });
  sim.run({ until: UNTIL_MS });
  return trace;
}

/** What one trace shows: requests that waited for a cold start, and the longest any request took. */
export function burstOutcome(trace: Trace): { cold: number; served: number; slowestMs: number } {
  const { events, components } = trace.data();
  const onDemand = components.findIndex((c) => c.name === 'on demand');
  const phones = components.findIndex((c) => c.kind === 'client');
  const sentAt = new Map<number, number>();
  let cold = 0, served = 0, slowestMs = 0;
  for (let i = 0; i < events.length; i += 4) {
    const [time, request, component, code] = [events[i], events[i + 1], events[i + 2], events[i + 3]];
    if (component === onDemand && code === 1) cold++; // queue: waits for its instance to start
    if (component === phones && code === 0) sentAt.set(request, time);
    if (component === phones && code === 3) {
      served++;
      slowestMs = Math.max(slowestMs, time - sentAt.get(request)!);
    }
  }
  return { cold, served, slowestMs };
}

export function facts() {
  const [none, few, all] = PROVISIONED_LEVELS.map((p) => burstOutcome(traceBurst(p)));
  return {
    noneCold: `${none.cold}`,
    fewCold: `${few.cold}`,
    fewWarm: `${BURST_SIZE - few.cold}`,
    allCold: `${all.cold}`,
    noneSlowest: `${Math.round(none.slowestMs).toLocaleString('en-US')} ms`,
    allSlowest: `${Math.round(all.slowestMs).toLocaleString('en-US')} ms`,
  };
}

export default function main(): void {
  show(replay(PROVISIONED_LEVELS.map((p) => traceBurst(p)), `${BURST_SIZE} requests within ${BURST_SPREAD_MS} ms, cold starts of about ${COLD_START_MS} ms`));
}
