/**
 * A back-of-the-envelope capacity estimate: from daily active users to peak
 * requests per second, bandwidth, storage growth, servers and their cost.
 *
 * Every input is a named constant below. Change one (double the users, make
 * the traffic spikier, shrink the responses) and run again: the estimate is
 * arithmetic, not simulation, so it is only as good as these guesses. Its job
 * is to tell you the order of magnitude: 2 servers or 200?
 */
import { show, table } from '../sim';

// The business
export const DAILY_ACTIVE_USERS = 1_000_000; // people who use the product on a day
export const REQUESTS_PER_USER_PER_DAY = 20; // requests that reach your servers
// Busiest second of the day ÷ the daily average: about 3 for a product used in
// one region's evenings, 10 or more on the day of a sale or a TV advert.
export const PEAK_TO_AVERAGE = 3;

// The data
export const BYTES_PER_RESPONSE = 50_000; // 50 kB: a page or a JSON answer
export const WRITES_PER_USER_PER_DAY = 2; // posts, orders: requests that store
export const BYTES_PER_WRITE = 5_000; // 5 kB stored per write, indexes included
export const REPLICAS = 3; // copies of every byte kept, for durability

// The servers
// One server's throughput at 100% busy: measure yours with a load test.
export const REQUESTS_PER_SECOND_PER_SERVER = 100;
export const TARGET_UTILISATION = 0.7; // plan for 70% busy at the peak
export const SPARE_SERVERS = 1; // N+1: survive losing one server at the peak
// Dollars per server per month: an assumption, use your provider's price.
export const SERVER_COST_PER_MONTH = 200;

const SECONDS_PER_DAY = 86_400;
const DAYS_PER_YEAR = 365;

export interface Inputs {
  dailyActiveUsers: number;
  requestsPerUserPerDay: number;
  peakToAverage: number;
  bytesPerResponse: number;
  writesPerUserPerDay: number;
  bytesPerWrite: number;
  replicas: number;
  requestsPerSecondPerServer: number;
  targetUtilisation: number;
  spareServers: number;
  serverCostPerMonth: number;
}

export const DEFAULT_INPUTS: Inputs = {
  dailyActiveUsers: DAILY_ACTIVE_USERS,
  requestsPerUserPerDay: REQUESTS_PER_USER_PER_DAY,
  peakToAverage: PEAK_TO_AVERAGE,
  bytesPerResponse: BYTES_PER_RESPONSE,
  writesPerUserPerDay: WRITES_PER_USER_PER_DAY,
  bytesPerWrite: BYTES_PER_WRITE,
  replicas: REPLICAS,
  requestsPerSecondPerServer: REQUESTS_PER_SECOND_PER_SERVER,
  targetUtilisation: TARGET_UTILISATION,
  spareServers: SPARE_SERVERS,
  serverCostPerMonth: SERVER_COST_PER_MONTH,
};

export interface Estimate {
  requestsPerDay: number;
  averageRequestsPerSecond: number;
  peakRequestsPerSecond: number;
  peakBandwidthMbitPerSecond: number;
  egressGbPerDay: number;
  newDataGbPerDay: number; // one copy
  storedTbPerYear: number; // all replicas
  serversForPeak: number; // at the target utilisation
  serversWithSpare: number;
  costPerMonth: number;
}

/** Servers that keep each one at or below the target utilisation at the peak. */
export function serversNeeded(peak: number, perServer: number, targetUtilisation: number): number {
  return Math.ceil(peak / (perServer * targetUtilisation)); // nobody sells half a server
}

export function estimate(inputs: Inputs = DEFAULT_INPUTS): Estimate {
  const requestsPerDay = inputs.dailyActiveUsers * inputs.requestsPerUserPerDay;
  const averageRequestsPerSecond = requestsPerDay / SECONDS_PER_DAY;
  // Capacity is sized for the busiest moment, not the average one.
  const peakRequestsPerSecond = averageRequestsPerSecond * inputs.peakToAverage;
  const writesPerDay = inputs.dailyActiveUsers * inputs.writesPerUserPerDay;
  const newBytesPerDay = writesPerDay * inputs.bytesPerWrite;
  const serversForPeak = serversNeeded(
    peakRequestsPerSecond,
    inputs.requestsPerSecondPerServer,
    inputs.targetUtilisation,
  );
  const serversWithSpare = serversForPeak + inputs.spareServers;
  return {
    requestsPerDay,
    averageRequestsPerSecond,
    peakRequestsPerSecond,
    peakBandwidthMbitPerSecond: (peakRequestsPerSecond * inputs.bytesPerResponse * 8) / 1e6,
    egressGbPerDay: (requestsPerDay * inputs.bytesPerResponse) / 1e9,
    newDataGbPerDay: newBytesPerDay / 1e9,
    storedTbPerYear: (newBytesPerDay * inputs.replicas * DAYS_PER_YEAR) / 1e12,
    serversForPeak,
    serversWithSpare,
    costPerMonth: serversWithSpare * inputs.serverCostPerMonth,
  };
}

/** Servers needed at the peak for each of these targets: what running hotter saves. */
export const TARGETS = [0.5, 0.7, 0.9, 1];

const round1 = (x: number) => Math.round(x * 10) / 10;
// Thousands separators and at most one decimal: the column mixes magnitudes.
const readable = (x: number) => round1(x).toLocaleString('en-US', { maximumFractionDigits: 1 });

export default function main(): void {
  const e = estimate();
  show(
    table(
      ['quantity', 'value', 'how'],
      [
        ['requests per day', e.requestsPerDay, 'users × requests per user'],
        ['average requests/s', e.averageRequestsPerSecond, '÷ 86,400 seconds'],
        ['peak requests/s', e.peakRequestsPerSecond, `× peak-to-average ${PEAK_TO_AVERAGE}`],
        ['peak bandwidth, Mbit/s', e.peakBandwidthMbitPerSecond, 'peak × bytes per response × 8'],
        ['data sent per day, GB', e.egressGbPerDay, 'requests × bytes per response'],
        ['new data per day, GB', e.newDataGbPerDay, 'users × writes × bytes per write'],
        ['storage per year, TB', e.storedTbPerYear, `× ${REPLICAS} replicas × 365 days`],
        ['servers for the peak', e.serversForPeak, `÷ (capacity × ${TARGET_UTILISATION * 100}%), round up`],
        ['servers with spare', e.serversWithSpare, `+ ${SPARE_SERVERS} so one can fail`],
        ['server cost per month, $', e.costPerMonth, `× $${SERVER_COST_PER_MONTH}`],
      ].map(([quantity, value, how]) => [quantity, readable(value as number), how]),
      `${DAILY_ACTIVE_USERS.toLocaleString('en-US')} daily active users, back of the envelope`,
    ),
  );
  // The same peak sized for other targets; the next example shows their latency.
  show(
    table(
      ['target utilisation', 'servers for the peak', 'utilisation at peak'],
      TARGETS.map((target) => {
        const perServer = REQUESTS_PER_SECOND_PER_SERVER;
        const servers = serversNeeded(e.peakRequestsPerSecond, perServer, target);
        const actual = e.peakRequestsPerSecond / (servers * perServer);
        return [`${target * 100}%`, servers, `${round1(actual * 100)}%`];
      }),
      'Servers needed at the peak for each target',
    ),
  );
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
const count = (x: number) => Math.round(x).toLocaleString('en-US');

/** The figures chapter 00 shows, formatted as it shows them ({capacityEstimator.peak} in the page). */
export function facts() {
  const e = estimate();
  const fleet = (target: number) => serversNeeded(e.peakRequestsPerSecond, REQUESTS_PER_SECOND_PER_SERVER, target);
  const doubled = estimate({ ...DEFAULT_INPUTS, dailyActiveUsers: DAILY_ACTIVE_USERS * 2 });
  const spiky = estimate({ ...DEFAULT_INPUTS, peakToAverage: 10 });
  // Code ten times faster: the peak fits on one server, and N+1 still asks for a second.
  const fasterCode = estimate({ ...DEFAULT_INPUTS, requestsPerSecondPerServer: REQUESTS_PER_SECOND_PER_SERVER * 10 });
  const millionADay = estimate({ ...DEFAULT_INPUTS, dailyActiveUsers: 1_000_000 / REQUESTS_PER_USER_PER_DAY });
  return {
    // inputs
    dailyUsers: count(DAILY_ACTIVE_USERS),
    requestsPerUser: count(REQUESTS_PER_USER_PER_DAY),
    peakToAverage: `${PEAK_TO_AVERAGE}`,
    responseSize: `${BYTES_PER_RESPONSE / 1000} kB`,
    perServer: `${REQUESTS_PER_SECOND_PER_SERVER} requests per second`,
    target: percent(TARGET_UTILISATION),
    serverCost: `$${SERVER_COST_PER_MONTH}`,
    replicas: count(REPLICAS),
    // the estimate
    requestsPerDay: count(e.requestsPerDay),
    average: readable(e.averageRequestsPerSecond),
    peak: readable(e.peakRequestsPerSecond),
    peakRounded: count(e.peakRequestsPerSecond),
    bandwidth: `${count(e.peakBandwidthMbitPerSecond)} Mbit/s`,
    egress: `${readable(e.egressGbPerDay / 1000)} TB`,
    newData: `${readable(e.newDataGbPerDay)} GB`,
    storedPerYear: `${count(e.storedTbPerYear)} TB`,
    servers: e.serversForPeak,
    serversWithSpare: e.serversWithSpare,
    cost: `$${count(e.costPerMonth)}`,
    millionADay: `${count(millionADay.averageRequestsPerSecond)} requests per second`,
    // the second table
    targets: `${TARGETS.slice(0, -1).map(percent).join(', ')} and ${percent(TARGETS[TARGETS.length - 1])}`,
    fleetAt50: fleet(0.5),
    fleetAt70: fleet(0.7),
    fleetAt90: fleet(0.9),
    fleetAt100: fleet(1),
    savedAt100: fleet(TARGET_UTILISATION) - fleet(1),
    // N+1 does not depend on the assumed speed of a server
    fasterServersForPeak: fasterCode.serversForPeak,
    fasterServersWithSpare: fasterCode.serversWithSpare,
    // Try this
    doubledPeak: count(doubled.peakRequestsPerSecond),
    doubledServers: doubled.serversForPeak,
    doubledWithSpare: doubled.serversWithSpare,
    doublingDoubles: doubled.serversForPeak === 2 * e.serversForPeak,
    spikyPeak: count(spiky.peakRequestsPerSecond),
    spikyServers: spiky.serversForPeak,
    spikyAverageBusy: percent(spiky.averageRequestsPerSecond / (spiky.serversForPeak * REQUESTS_PER_SECOND_PER_SERVER)),
    spikySameDailyTraffic: spiky.requestsPerDay === e.requestsPerDay && spiky.egressGbPerDay === e.egressGbPerDay,
  };
}
