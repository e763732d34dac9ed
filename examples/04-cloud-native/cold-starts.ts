/**
 * Cold starts on a function platform, and what provisioned concurrency buys.
 *
 * A request that finds no idle instance starts one and waits for it (the cold
 * start); an idle instance is removed after KEEP_ALIVE_MINUTES. Three traffic
 * patterns meet the same function: quiet (a request now and then), bursty
 * (quiet, then a crowd at once) and steady. Provisioned concurrency keeps
 * instances initialised all the time, billed whether or not they serve.
 *
 * Bills use AWS Lambda's published prices (us-east-1, x86) and are scaled to a
 * 730-hour month. Change the constants and run again.
 */
import { Simulation, Random, OpenLoad, FunctionPlatform, show, table, barChart } from '../sim';
import type { FunctionPrices } from '../sim';

/** Starting an instance: the runtime boots, the code loads, initialisation runs (median, ms). */
export const COLD_START_MS = 800;
/** Running the function once (median, ms). */
export const EXECUTION_MS = 50;
/** An idle instance is removed after this long. */
export const KEEP_ALIVE_MINUTES = 10;
export const MEMORY_GB = 0.5;
/** Quiet: one request every QUIET_GAP_MINUTES on average (a webhook, an internal tool). */
export const QUIET_GAP_MINUTES = 15;
/** Bursty: BURST_SIZE requests within BURST_SPREAD_MS, every BURST_EVERY_MINUTES (a push notification). */
export const BURST_SIZE = 200;
export const BURST_SPREAD_MS = 500;
export const BURST_EVERY_MINUTES = 30;
/** Steady: this many requests per second, all day. */
export const STEADY_RPS = 10;
/** Provisioned concurrency: instances kept initialised. */
export const PROVISIONED = 5;
export const SEED = 7;

/** AWS Lambda, us-east-1, x86, per the pricing page. */
export const PRICES: FunctionPrices = {
  memoryGb: MEMORY_GB,
  perMillionRequests: 0.2,
  perGbSecond: 0.0000166667,
  perProvisionedGbSecond: 0.0000041667,
  perProvisionedExecutionGbSecond: 0.0000097222,
};

export type Pattern = 'quiet' | 'bursty' | 'steady';
export const PATTERNS: Pattern[] = ['quiet', 'bursty', 'steady'];

export interface ColdStartResult {
  pattern: Pattern;
  provisioned: number;
  requests: number;
  coldShare: number;
  p50Ms: number;
  p99Ms: number;
  /** The bill scaled to a 730-hour month, US dollars. */
  monthlyUsd: number;
}

const HOUR_MS = 3_600_000;
/** How long each pattern is simulated: long enough for a stable p99, short enough to run in a moment. */
const SIMULATED_MS: Record<Pattern, number> = { quiet: 30 * 24 * HOUR_MS, bursty: 24 * HOUR_MS, steady: HOUR_MS / 2 };

/** What a run may change from the constants above (the exercise does). */
export interface Options {
  provisioned?: number;
  quietGapMinutes?: number;
  seed?: number;
}

export function simulate(pattern: Pattern, options: Options = {}): ColdStartResult {
  const { provisioned = 0, quietGapMinutes = QUIET_GAP_MINUTES, seed = SEED } = options;
  const sim = new Simulation();
  const random = new Random(seed);
  const draw = random.split();
  const platform = new FunctionPlatform(sim, {
    coldStart: () => draw.lognormal(Math.log(COLD_START_MS), 0.3),
    executionTime: () => draw.lognormal(Math.log(EXECUTION_MS), 0.5),
    keepAliveMs: KEEP_ALIVE_MINUTES * 60_000,
    provisionedConcurrency: provisioned,
  });
  const duration = SIMULATED_MS[pattern];
  const arrivals = random.split();
  if (pattern === 'quiet') {
    new OpenLoad(sim, { target: platform, random: arrivals, ratePerSecond: 1 / (quietGapMinutes * 60), stopAtMs: duration });
  } else if (pattern === 'steady') {
    new OpenLoad(sim, { target: platform, random: arrivals, ratePerSecond: STEADY_RPS, stopAtMs: duration });
  } else {
    const every = BURST_EVERY_MINUTES * 60_000;
    const bursts = Array.from({ length: Math.floor(duration / every) }, (_, i) => ({ atMs: i * every + every / 2, count: BURST_SIZE, spreadMs: BURST_SPREAD_MS }));
    new OpenLoad(sim, { target: platform, random: arrivals, ratePerSecond: 0, bursts, stopAtMs: duration });
  }
  sim.run({ until: duration });
  const requests = platform.coldStarts.count + platform.warmStarts.count;
  return {
    pattern,
    provisioned,
    requests,
    coldShare: platform.coldStartRatio,
    p50Ms: platform.latency.percentile(50),
    p99Ms: platform.latency.percentile(99),
    monthlyUsd: platform.cost(PRICES).total * ((730 * HOUR_MS) / duration),
  };
}

/**
 * Theory for quiet traffic: with Poisson arrivals (mean gap G) and one instance at a time, a
 * request is cold when the gap since the last one exceeded the keep-alive K: e^(−K/G).
 */
export function quietColdShareTheory(quietGapMinutes = QUIET_GAP_MINUTES): number {
  return Math.exp(-KEEP_ALIVE_MINUTES / quietGapMinutes);
}

/** Every pattern on demand and with PROVISIONED instances, and the bursty one with enough for a whole burst. */
export function compare(): ColdStartResult[] {
  return PATTERNS.flatMap((pattern) => [
    simulate(pattern),
    simulate(pattern, { provisioned: PROVISIONED }),
    ...(pattern === 'bursty' ? [simulate(pattern, { provisioned: BURST_SIZE })] : []),
  ]);
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const usd = (value: number) => (value < 10 ? `$${value.toFixed(2)}` : `$${Math.round(value).toLocaleString('en-US')}`);
const share = (value: number) => (value >= 0.1 ? `${Math.round(value * 100)}%` : `${(value * 100).toFixed(2)}%`);

/** The figures chapter 04 shows ({coldStarts.quietP99} in the page). */
export function facts() {
  const rows = compare();
  const find = (pattern: Pattern, provisioned: number) => rows.find((r) => r.pattern === pattern && r.provisioned === provisioned)!;
  const quiet = find('quiet', 0);
  const quietProvisioned = find('quiet', PROVISIONED);
  const bursty = find('bursty', 0);
  const burstyProvisioned = find('bursty', PROVISIONED);
  const burstyCovered = find('bursty', BURST_SIZE);
  const steady = find('steady', 0);
  return {
    coldStartMs: `${COLD_START_MS} ms`,
    executionMs: `${EXECUTION_MS} ms`,
    keepAlive: `${KEEP_ALIVE_MINUTES} minutes`,
    quietGap: `${QUIET_GAP_MINUTES} minutes`,
    burstSize: `${BURST_SIZE}`,
    steadyRps: `${STEADY_RPS}`,
    provisioned: `${PROVISIONED}`,
    quietColdShare: share(quiet.coldShare),
    quietP99: ms(quiet.p99Ms),
    steadyColdShare: share(steady.coldShare),
    burstyColdShare: share(bursty.coldShare),
    burstyP99: ms(bursty.p99Ms),
    burstyP50: ms(bursty.p50Ms),
    quietProvisionedP99: ms(quietProvisioned.p99Ms),
    quietUsd: usd(quiet.monthlyUsd),
    quietProvisionedUsd: usd(quietProvisioned.monthlyUsd),
    burstyProvisionedP99: ms(burstyProvisioned.p99Ms),
    burstyCoveredP99: ms(burstyCovered.p99Ms),
    burstyUsd: usd(bursty.monthlyUsd),
    burstyCoveredUsd: usd(burstyCovered.monthlyUsd),
    steadyUsd: usd(steady.monthlyUsd),
    quietTheory: share(quietColdShareTheory()),
    steadyBelowOnePercent: steady.coldShare < 0.01,
    fiveMinuteGapColdShare: share(simulate('quiet', { quietGapMinutes: 5 }).coldShare),
    fiveMinuteGapTheory: share(quietColdShareTheory(5)),
    burstBeyondProvisionedStaysCold: burstyProvisioned.p99Ms > COLD_START_MS / 2 && burstyProvisioned.coldShare > 0.5,
    provisionedCostsMoreWhenQuiet: quietProvisioned.monthlyUsd > 10 * quiet.monthlyUsd,
  };
}

export default function main(): void {
  const rows = compare();
  show(
    table(
      ['traffic', 'provisioned', 'requests', 'cold starts %', 'p50 ms', 'p99 ms', 'bill a month USD'],
      rows.map((r) => [r.pattern, r.provisioned, r.requests, 100 * r.coldShare, r.p50Ms, r.p99Ms, +r.monthlyUsd.toFixed(2)]),
      `One function: ${COLD_START_MS} ms to start an instance, ${EXECUTION_MS} ms of work; idle instances kept ${KEEP_ALIVE_MINUTES} minutes`,
    ),
    barChart(
      'p99 latency by traffic and provisioned concurrency',
      rows.map((r) => `${r.pattern}, ${r.provisioned} provisioned`),
      { p99: rows.map((r) => r.p99Ms) },
      { label: 'p99', unit: 'ms' },
      'Quiet and bursty traffic pay the cold start at the p99 on demand; provisioned instances remove it for quiet traffic, and for bursts only when there are as many as the burst.',
    ),
  );
}
