/**
 * Serverless or always-on servers: which is cheaper, at how many requests a month?
 *
 * A function is billed per request and per GB-second of memory while it runs,
 * waiting included, and costs nothing when idle. A server is billed per hour
 * whether busy or not, but serves many requests at once while each waits on its
 * database. So functions win at low volume and servers at high volume; the
 * crossover depends on a handful of inputs, all at the top of this file.
 *
 * Prices are the published on-demand list prices (AWS, us-east-1, x86 Lambda,
 * Graviton instance), before free tiers, discounts and savings plans. Change
 * them, or the workload, and run again.
 */
import { show, table, lineChart } from '../sim';

// ---- Prices (published list prices; see Further reading) ----
/** AWS Lambda: per million requests, and per GB-second of duration (x86, us-east-1). */
export const FUNCTION_USD_PER_MILLION_REQUESTS = 0.2;
export const FUNCTION_USD_PER_GB_SECOND = 0.0000166667;
/** An m7g.large (2 vCPU, 8 GiB), on demand, us-east-1, per hour. */
export const INSTANCE_USD_PER_HOUR = 0.0816;
export const INSTANCE_VCPUS = 2;

// ---- The workload (assumed: change them) ----
/** Memory given to the function, GB: it also buys CPU, in proportion. */
export const FUNCTION_MEMORY_GB = 0.5;
/** Billed time per request, ms: the whole handler, waiting on the database included. */
export const FUNCTION_MS_PER_REQUEST = 50;
/** CPU time per request on a server, ms: the waiting overlaps with other requests. */
export const CPU_MS_PER_REQUEST = 5;
/** Servers run at most this busy, to keep latency low. */
export const TARGET_UTILISATION = 0.6;
/** Always at least this many servers: one per availability zone, two zones. */
export const MIN_INSTANCES = 2;
/** Traffic of each hour of the day relative to the day's average (quiet night, evening peak). */
export const HOURLY_SHAPE = [0.3, 0.2, 0.15, 0.15, 0.2, 0.35, 0.6, 0.9, 1.1, 1.2, 1.25, 1.3, 1.4, 1.3, 1.25, 1.2, 1.25, 1.4, 1.7, 2.1, 2.3, 2.0, 1.2, 0.6];

const HOURS_PER_MONTH = 730;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** Requests per second one server can take at TARGET_UTILISATION. */
export function requestsPerSecondPerInstance(): number {
  return ((INSTANCE_VCPUS * 1000) / CPU_MS_PER_REQUEST) * TARGET_UTILISATION;
}

/** Functions: requests plus GB-seconds. No traffic, no bill. */
export function functionsUsd(requestsPerMonth: number, msPerRequest = FUNCTION_MS_PER_REQUEST): number {
  const requests = (requestsPerMonth / 1e6) * FUNCTION_USD_PER_MILLION_REQUESTS;
  const gbSeconds = requestsPerMonth * (msPerRequest / 1000) * FUNCTION_MEMORY_GB;
  return requests + gbSeconds * FUNCTION_USD_PER_GB_SECOND;
}

const shapeMean = HOURLY_SHAPE.reduce((a, b) => a + b, 0) / HOURLY_SHAPE.length;
/** Average requests per second in each hour of the day. */
function hourlyRates(requestsPerMonth: number): number[] {
  const average = requestsPerMonth / SECONDS_PER_MONTH;
  return HOURLY_SHAPE.map((relative) => (average * relative) / shapeMean);
}

const instancesFor = (requestsPerSecond: number) => Math.max(MIN_INSTANCES, Math.ceil(requestsPerSecond / requestsPerSecondPerInstance()));

/** A fixed fleet sized for the busiest hour, running all month. */
export function fixedFleetUsd(requestsPerMonth: number): number {
  return instancesFor(Math.max(...hourlyRates(requestsPerMonth))) * INSTANCE_USD_PER_HOUR * HOURS_PER_MONTH;
}

/** A fleet that an autoscaler resizes every hour to that hour's traffic (a perfect one: no lag). */
export function autoscaledFleetUsd(requestsPerMonth: number): number {
  const instanceHoursPerDay = hourlyRates(requestsPerMonth).reduce((sum, rate) => sum + instancesFor(rate), 0);
  return (instanceHoursPerDay / 24) * INSTANCE_USD_PER_HOUR * HOURS_PER_MONTH;
}

/** Requests a month from 10^4 to 10^10, `perDecade` points a decade. */
export function volumes(perDecade = 4, from = 4, to = 10): number[] {
  return Array.from({ length: (to - from) * perDecade + 1 }, (_, i) => 10 ** (from + i / perDecade));
}

/** The smallest volume at which `fleet` costs less than functions (scanning finely upwards). */
export function crossover(fleet: (requestsPerMonth: number) => number, msPerRequest = FUNCTION_MS_PER_REQUEST): number {
  for (const volume of volumes(200, 3, 12)) if (fleet(volume) < functionsUsd(volume, msPerRequest)) return volume;
  return Infinity;
}

/** 1e7 as "10 million": the table's volumes, in words. */
function volumeInWords(volume: number): string {
  const units: [number, string][] = [[1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']];
  const [size, word] = units.find(([unit]) => volume >= unit) ?? [1, ''];
  return `${+(volume / size).toPrecision(3)} ${word}`.trim();
}

const usd = (n: number) => (n < 10 ? `$${n.toFixed(2)}` : `$${Math.round(n).toLocaleString('en-US')}`);
const millions = (n: number) => `${Math.round(n / 1e6).toLocaleString('en-US')} million`;
const perSecond = (requestsPerMonth: number) => Math.round(requestsPerMonth / SECONDS_PER_MONTH);

/** The figures chapter 04 shows ({cost.crossoverAutoscaled} in the page). */
export function facts() {
  const autoscaled = crossover(autoscaledFleetUsd);
  const fixed = crossover(fixedFleetUsd);
  const big = 1e10;
  // The exercise: functions that wait twice as long per request.
  const slower = crossover(autoscaledFleetUsd, FUNCTION_MS_PER_REQUEST * 2);
  return {
    functionUsdPerMillion: usd(functionsUsd(1e6)),
    fleetFloorUsd: usd(MIN_INSTANCES * INSTANCE_USD_PER_HOUR * HOURS_PER_MONTH),
    perInstanceRps: `${Math.round(requestsPerSecondPerInstance())}`,
    functionMs: `${FUNCTION_MS_PER_REQUEST} ms`,
    cpuMs: `${CPU_MS_PER_REQUEST} ms`,
    targetUtilisation: `${Math.round(TARGET_UTILISATION * 100)}%`,
    memoryMb: `${FUNCTION_MEMORY_GB * 1024} MB`,
    crossoverAutoscaled: millions(autoscaled),
    crossoverAutoscaledRps: `${perSecond(autoscaled)}`,
    crossoverFixed: millions(fixed),
    crossoverFixedRps: `${perSecond(fixed)}`,
    functionsAtTenBillion: usd(functionsUsd(big)),
    autoscaledAtTenBillion: usd(autoscaledFleetUsd(big)),
    fixedAtTenBillion: usd(fixedFleetUsd(big)),
    serversCheaperAtScale: `${(functionsUsd(big) / autoscaledFleetUsd(big)).toFixed(1)}×`,
    functionsAtOneMillion: usd(functionsUsd(1e6)),
    // Below the crossover functions cost less; above it the autoscaled fleet does.
    functionsWinSmall: functionsUsd(1e6) < autoscaledFleetUsd(1e6) && functionsUsd(1e6) < fixedFleetUsd(1e6),
    serversWinLarge: autoscaledFleetUsd(big) < functionsUsd(big) && fixedFleetUsd(big) < functionsUsd(big),
    // Both fleets cross where the functions' bill passes the two servers you would run anyway.
    crossoverIsTheFloor: autoscaled === fixed,
    slowerCrossover: millions(slower),
    slowerCrossoverRps: `${perSecond(slower)}`,
    slowerMovesCrossoverDown: slower < autoscaled * 0.7,
    autoscalingHalvesTheBillAtScale: autoscaledFleetUsd(big) < fixedFleetUsd(big) / 2,
  };
}

export default function main(): void {
  const points = volumes();
  show(
    lineChart(
      'Monthly bill against requests a month',
      { label: 'requests a month', scale: 'log' },
      { label: 'bill', unit: 'USD a month', scale: 'log' },
      [
        { name: 'functions', points: points.map((v) => [v, functionsUsd(v)] as [number, number]) },
        { name: 'fixed fleet (sized for the peak)', points: points.map((v) => [v, fixedFleetUsd(v)] as [number, number]) },
        { name: 'autoscaled fleet', points: points.map((v) => [v, autoscaledFleetUsd(v)] as [number, number]) },
      ],
      'Functions cost almost nothing at low volume and grow in proportion to it; the fleets start at the price of two servers and grow more slowly, so they cross the functions’ line and end cheaper at high volume.',
    ),
    table(
      ['requests a month', 'average req/s', 'functions', 'fixed fleet', 'autoscaled fleet', 'cheapest'],
      volumes(1).map((v) => {
        const bills = { functions: functionsUsd(v), 'fixed fleet': fixedFleetUsd(v), 'autoscaled fleet': autoscaledFleetUsd(v) };
        const cheapest = Object.entries(bills).sort((a, b) => a[1] - b[1])[0][0];
        return [volumeInWords(v), +(v / SECONDS_PER_MONTH).toPrecision(2), usd(bills.functions), usd(bills['fixed fleet']), usd(bills['autoscaled fleet']), cheapest];
      }),
      `Bill a month: ${FUNCTION_MS_PER_REQUEST} ms at ${FUNCTION_MEMORY_GB * 1024} MB per function call; ${CPU_MS_PER_REQUEST} ms of CPU per request on ${INSTANCE_VCPUS}-vCPU servers`,
    ),
    table(
      ['fleet', 'cheaper than functions above', 'average req/s'],
      [
        ['fixed fleet (sized for the peak)', millions(crossover(fixedFleetUsd)), perSecond(crossover(fixedFleetUsd))],
        ['autoscaled fleet', millions(crossover(autoscaledFleetUsd)), perSecond(crossover(autoscaledFleetUsd))],
      ],
      'Where the lines cross (requests a month)',
    ),
  );
}
