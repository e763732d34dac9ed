/**
 * Saturation, watched: the same box as saturation.ts (WORKERS workers, MEAN_SERVICE_MS mean
 * service, random arrivals) at 70% and at 95% of its capacity, replayed side by side on one
 * clock. At 70% the workers are often all lit but the queue stays short and empties; at 95%
 * it builds up and takes seconds to drain, so each new request waits behind it.
 *
 * The replay shows WINDOW_MS of virtual time after a warm-up of WARM_UP_MS (so the queue has
 * had time to form). Change LOADS (try 0.5 and 0.99) or WORKERS and run again.
 */
import { Simulation, Random, Server, OpenLoad, show, startTrace, replay } from '../sim';
import type { Trace } from '../sim';

// The box of saturation.ts (its test checks they agree).
export const WORKERS = 4;
export const MEAN_SERVICE_MS = 50;
export const SEED = 3;

export const LOADS = [0.7, 0.95]; // offered load as a fraction of capacity
export const WARM_UP_MS = 20_000;
export const WINDOW_MS = 6_000;

/** One box at `utilisation` of its capacity, traced over the window. */
export function traceAtLoad(utilisation: number, seed = SEED): Trace {
  const sim = new Simulation();
  const trace = startTrace(sim, { label: `${Math.round(utilisation * 100)}% busy`, fromMs: WARM_UP_MS, untilMs: WARM_UP_MS + WINDOW_MS, maxRequests: 2_000 });
  const random = new Random(seed);
  const box = new Server(sim, { name: 'the box', workers: WORKERS, serviceTime: () => random.exponential(MEAN_SERVICE_MS) });
  const ratePerSecond = (utilisation * WORKERS * 1000) / MEAN_SERVICE_MS;
  new OpenLoad(sim, { name: 'visitors', target: box, random, ratePerSecond, stopAtMs: WARM_UP_MS + WINDOW_MS });
  sim.run();
  return trace;
}

export default function main(): void {
  show(replay(LOADS.map((load) => traceAtLoad(load)), `One box with ${WORKERS} workers at ${LOADS.map((l) => `${l * 100}%`).join(' and ')} of capacity`));
}
