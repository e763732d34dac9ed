/**
 * The company at each phase of the book, in one table: users, peak traffic, engineers and
 * the monthly infrastructure bill. Every chapter's "Where you are" quotes this table (its
 * figures are bound to facts() below), so no two chapters can disagree about a phase.
 *
 * Users, engineers and the bill are typical ranges, orders of magnitude rather than
 * thresholds: assumed inputs. Peak traffic is derived from users the way the capacity
 * estimator derives it: users × requests per user a day ÷ 86,400 s × the peak-to-average
 * ratio. Change an input and every chapter's page changes with it.
 */
import { show, table } from '../sim';

export const REQUESTS_PER_USER_PER_DAY = 20; // requests that reach the servers, per user per day
/** Busiest second of the day ÷ the daily average (the capacity estimator's definition). */
export const PEAK_TO_AVERAGE: Range = [3, 10];
const SECONDS_PER_DAY = 86_400;

export type Range = [low: number, high: number];

export interface Phase {
  /** The chapter's name for it. */
  name: string;
  /** The fact names' prefix: `cluster` gives `clusterUsers`, `clusterPeak`... */
  key: string;
  dailyUsers: Range;
  engineers: Range;
  /** Infrastructure bill, US dollars a month. */
  monthlySpendUsd: Range;
}

export const PHASES: Phase[] = [
  { name: 'Single node', key: 'singleNode', dailyUsers: [1_000, 10_000], engineers: [1, 5], monthlySpendUsd: [50, 500] },
  { name: 'Cluster', key: 'cluster', dailyUsers: [100_000, 1_000_000], engineers: [5, 30], monthlySpendUsd: [2_000, 20_000] },
  { name: 'Distributed cluster', key: 'distributed', dailyUsers: [1_000_000, 30_000_000], engineers: [50, 500], monthlySpendUsd: [20_000, 500_000] },
  { name: 'Cloud native', key: 'cloudNative', dailyUsers: [1_000_000, 100_000_000], engineers: [100, 1_000], monthlySpendUsd: [100_000, 2_000_000] },
];

/** Peak requests per second for a number of daily users, at a peak-to-average ratio. */
export function peakRequestsPerSecond(dailyUsers: number, peakToAverage: number): number {
  return ((dailyUsers * REQUESTS_PER_USER_PER_DAY) / SECONDS_PER_DAY) * peakToAverage;
}

/** The range of peak traffic of a phase: its fewest users at the calmest peak, its most at the sharpest. */
export function peakRange(phase: Phase): Range {
  return [peakRequestsPerSecond(phase.dailyUsers[0], PEAK_TO_AVERAGE[0]), peakRequestsPerSecond(phase.dailyUsers[1], PEAK_TO_AVERAGE[1])];
}

/** Two significant figures, with separators: 0.694 -> "0.7", 2314.8 -> "2,300". */
export function roughly(value: number): string {
  const digits = Math.max(0, 1 - Math.floor(Math.log10(value)));
  const rounded = Number(value.toPrecision(2));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: digits });
}

const range = ([low, high]: Range, format: (n: number) => string = roughly) => `${format(low)}–${format(high)}`;
const dollars = (n: number) => `$${roughly(n)}`;

export function facts() {
  const values: Record<string, string> = {
    requestsPerUser: `${REQUESTS_PER_USER_PER_DAY}`,
    peakToAverage: range(PEAK_TO_AVERAGE, String),
  };
  for (const phase of PHASES) {
    values[`${phase.key}Users`] = range(phase.dailyUsers);
    values[`${phase.key}Peak`] = `${range(peakRange(phase))} requests per second`;
    values[`${phase.key}Engineers`] = range(phase.engineers);
    values[`${phase.key}Spend`] = `${range(phase.monthlySpendUsd, dollars)} a month`;
    // Bare ranges, for a table whose header carries the unit.
    values[`${phase.key}PeakRange`] = range(peakRange(phase));
    values[`${phase.key}SpendRange`] = range(phase.monthlySpendUsd, dollars);
  }
  return values;
}

export default function main(): void {
  show(
    table(
      ['phase', 'daily users', 'peak requests per second', 'engineers', 'infrastructure bill a month'],
      PHASES.map((phase) => [phase.name, range(phase.dailyUsers), range(peakRange(phase)), range(phase.engineers), range(phase.monthlySpendUsd, dollars)]),
      `The company at each phase (peak = users × ${REQUESTS_PER_USER_PER_DAY} requests ÷ 86,400 s × ${range(PEAK_TO_AVERAGE, String)})`,
    ),
  );
}
