/**
 * Why plan for 70% and not 100%: the peak from the capacity estimator, served
 * by fleets sized for different target utilisations, with every server up and
 * with one server down (a crash, a deploy, a noisy neighbour).
 *
 * Requests arrive at random, so even a fleet with spare capacity on average
 * forms queues; the closer to 100%, the longer they get. Change TARGETS,
 * TRAFFIC_MULTIPLIER (more traffic than planned) or MEAN_SERVICE_MS and run again.
 */
import { Simulation, Random, Server, OpenLoad, LoadBalancer, show, table, barChart } from '../sim';

// The peak from the capacity estimator: 1 million users, 20 requests each, ×3.
export const PEAK_REQUESTS_PER_SECOND = 694;
export const WORKERS_PER_SERVER = 4; // requests one server works on at once
// Work per request. 4 workers × 1000 ms / 40 ms = 100 requests/s per server.
export const MEAN_SERVICE_MS = 40;
export const TARGETS = [0.5, 0.7, 0.9, 1]; // utilisations to size fleets for
// Traffic that arrives ÷ the peak you planned for: 1.2 is a 20% surprise.
export const TRAFFIC_MULTIPLIER = 1;
export const PEAK_DURATION_MS = 60_000; // one minute of peak, virtual time
export const SEED = 7;

export interface Scenario {
  target: number;
  servers: number; // servers running
  utilisation: number; // load ÷ capacity of the servers running
  medianMs: number;
  p99Ms: number;
}

export function capacityPerServer(): number {
  return (WORKERS_PER_SERVER * 1000) / MEAN_SERVICE_MS;
}

/** Servers for a target utilisation at the peak, rounded up: nobody sells half a server. */
export function fleetFor(target: number, peak = PEAK_REQUESTS_PER_SECOND): number {
  return Math.ceil(peak / (capacityPerServer() * target));
}

/** One minute of traffic on `servers` servers behind a round-robin load balancer. */
export function simulatePeak(
  servers: number,
  target: number,
  requestsPerSecond = PEAK_REQUESTS_PER_SECOND,
  seed = SEED,
): Scenario {
  const sim = new Simulation();
  const random = new Random(seed);
  const fleet = Array.from({ length: servers }, (_, i) =>
    new Server(sim, {
      name: `server-${i + 1}`,
      workers: WORKERS_PER_SERVER,
      serviceTime: () => random.exponential(MEAN_SERVICE_MS),
    }),
  );
  const balancer = new LoadBalancer(sim, { targets: fleet, strategy: 'roundRobin' });
  const client = new OpenLoad(sim, {
    target: balancer,
    random,
    ratePerSecond: requestsPerSecond, // Poisson arrivals: many independent users
    stopAtMs: PEAK_DURATION_MS,
  });
  sim.run(); // until the last queued request is served
  return {
    target,
    servers,
    utilisation: requestsPerSecond / (servers * capacityPerServer()),
    medianMs: client.stats.latency.percentile(50),
    p99Ms: client.stats.latency.percentile(99),
  };
}

export interface Comparison {
  allUp: Scenario;
  oneDown: Scenario;
}

/**
 * Each target's fleet, sized for the planned peak, then hit by the traffic that
 * actually arrives: first with every server up, then with one down.
 */
export function compareTargets(multiplier = TRAFFIC_MULTIPLIER): Comparison[] {
  const arriving = PEAK_REQUESTS_PER_SECOND * multiplier;
  return TARGETS.map((target) => {
    const servers = fleetFor(target);
    return {
      allUp: simulatePeak(servers, target, arriving),
      oneDown: simulatePeak(servers - 1, target, arriving), // a crash or a deploy
    };
  });
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

export default function main(): void {
  const rows = compareTargets();
  const arriving = Math.round(PEAK_REQUESTS_PER_SECOND * TRAFFIC_MULTIPLIER);
  show(
    table(
      ['target', 'servers', 'busy', 'p50 ms', 'p99 ms', 'one down: busy', 'one down: p99 ms'],
      rows.map(({ allUp, oneDown }) => [
        percent(allUp.target),
        allUp.servers,
        percent(allUp.utilisation),
        Math.round(allUp.medianMs),
        Math.round(allUp.p99Ms),
        percent(oneDown.utilisation),
        Math.round(oneDown.p99Ms),
      ]),
      `${arriving} requests/s for a minute, ${MEAN_SERVICE_MS} ms of work each, ` +
        `${WORKERS_PER_SERVER} workers a server`,
    ),
    barChart(
      'p99 response time at the peak, by sizing target',
      rows.map(({ allUp }) => `${percent(allUp.target)} (${allUp.servers} servers)`),
      {
        'all servers up': rows.map((r) => Math.round(r.allUp.p99Ms)),
        'one server down': rows.map((r) => Math.round(r.oneDown.p99Ms)),
      },
      { label: 'p99 response time', unit: 'ms', scale: 'log' },
      'Sized for 50% or 70%, p99 stays low even with one server down; ' +
        'sized for 90% or 100%, losing one server overloads the fleet and p99 reaches seconds.',
    ),
  );
}

const ms = (x: number) => `${Math.round(x)} ms`;
/** Try this: a marketing email brings 20% more traffic than planned. */
const TRAFFIC_MULTIPLIER_IN_EXERCISE = 1.2;
const seconds = (x: number) => `${(x / 1000).toFixed(1)} seconds`;

/** The figures chapter 00 shows, formatted as it shows them ({utilisationHeadroom.p99At70} in the page). */
export function facts() {
  const [at50, at70, at90, at100] = compareTargets(1);
  const [, surge70, surge90] = compareTargets(TRAFFIC_MULTIPLIER_IN_EXERCISE);
  const p99ServiceMs = -MEAN_SERVICE_MS * Math.log(0.01); // 1 request in 100 takes longer than this with no queue
  const [loose, planned, tight, full] = TARGETS.map((t) => `${Math.round(t * 100)}%`);
  return {
    // the fleets, by the target each was sized for
    loose,
    planned,
    tight,
    full,
    surprise: `${Math.round((TRAFFIC_MULTIPLIER_IN_EXERCISE - 1) * 100)}%`,
    peak: `${PEAK_REQUESTS_PER_SECOND}`,
    workers: WORKERS_PER_SERVER,
    serviceMs: `${MEAN_SERVICE_MS} ms`,
    perServer: `${capacityPerServer()}`,
    fleets: TARGETS.map((t) => fleetFor(t)).join(', '),
    p99At50: ms(at50.allUp.p99Ms),
    p99At70: ms(at70.allUp.p99Ms),
    p99At90: ms(at90.allUp.p99Ms),
    p99At100: ms(at100.allUp.p99Ms),
    medianAt100: ms(at100.allUp.medianMs),
    noQueueP99: ms(Math.floor(p99ServiceMs / 10) * 10),
    at70BarelySlower: at70.allUp.p99Ms < at50.allUp.p99Ms * 1.1,
    oneDownAt70: ms(at70.oneDown.p99Ms),
    oneDownAt90IsAt100: at90.oneDown.servers === at100.allUp.servers,
    oneDownAt90: ms(at90.oneDown.p99Ms),
    oneDownAt100Busy: `${Math.round(at100.oneDown.utilisation * 100)}%`,
    oneDownAt100: seconds(at100.oneDown.p99Ms),
    sparesFor70Over90: at70.allUp.servers - at90.allUp.servers,
    at70SurvivesOneDown: at70.oneDown.p99Ms < 1.2 * at70.allUp.p99Ms,
    // Try this: 20% more traffic than planned
    surgeBusyAt70: `${Math.round(surge70.allUp.utilisation * 100)}%`,
    surgeP99At70: ms(surge70.allUp.p99Ms),
    surgeOneDownAt70: ms(surge70.oneDown.p99Ms),
    surgeBusyAt90: `${Math.round(surge90.allUp.utilisation * 100)}%`,
    surgeP99At90: `${Math.round(surge90.allUp.p99Ms / 1000)} seconds`,
    surge70StillServes: surge70.oneDown.p99Ms < 500,
  };
}
