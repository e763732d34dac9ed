/**
 * A migration's cost and payback over time: when does moving to the new system pay for itself,
 * and how does the answer change when the project overruns, as projects do?
 *
 * Every month the old system costs OLD_RUN_COST (its bill and the engineers' time spent
 * nursing it) and the new one would cost NEW_RUN_COST. The migration takes a team for
 * PLANNED_MONTHS, and the new system's base cost is paid from the first month. Two ways to
 * migrate the same thing:
 *
 * - big bang: build the new system beside the old, switch everything over at the end; the
 *   savings start on the day of the switch;
 * - incremental: move it slice by slice (routes, tables, customers) behind a façade; each slice
 *   saves from the day it moves, but the façade, the dual running and the extra releases make
 *   the whole job INCREMENTAL_OVERHEAD longer.
 *
 * Then RUNS simulated projects draw an overrun factor for each way (a lognormal: most projects
 * run a little late, a few run very late) and report the payback month at the median and at
 * the 90th percentile: the bad case a budget must survive.
 */
import { Random, show, table, lineChart } from '../sim';

export const OLD_RUN_COST = 60_000; // a month: a $30,000 bill plus two engineers' worth of toil
export const NEW_RUN_COST = 25_000; // a month, once everything runs on the new system
export const TEAM = 4; // engineers on the migration
export const ENGINEER_COST = 15_000; // a month, fully loaded
export const PLANNED_MONTHS = 9; // the plan, for the big bang
export const NEW_BASE_SHARE = 0.3; // share of the new system's cost paid from month one (clusters, licences, on-call)
export const SLICES = 6; // the incremental way moves the system in this many equal slices
export const INCREMENTAL_OVERHEAD = 0.3; // façade, dual writes, parallel runs: the job takes 30% longer
/** Overrun factors: lognormal with this median and spread (σ of its logarithm). */
export const BIG_BANG_OVERRUN = { median: 1.3, sigma: 0.5 }; // one long bet: late feedback, long tail
export const INCREMENTAL_OVERRUN = { median: 1.1, sigma: 0.25 }; // each slice is feedback on the plan
export const HORIZON_MONTHS = 60; // how far the chart and the payback search look
export const CANCEL_AT_MONTH = 6; // what if the company cancels the project in this month?
export const RUNS = 2_000; // simulated projects per way
export const SEED = 7;

export type Way = 'big bang' | 'incremental';
export const WAYS: Way[] = ['big bang', 'incremental'];

/** Months the migration takes, before any overrun. */
export function plannedDuration(way: Way): number {
  return way === 'big bang' ? PLANNED_MONTHS : PLANNED_MONTHS * (1 + INCREMENTAL_OVERHEAD);
}

/** Share of the system on the new side at time t (months), for a migration lasting `duration`. */
export function movedShare(way: Way, t: number, duration: number, cancelAt = Infinity): number {
  const until = Math.min(t, cancelAt);
  if (way === 'big bang') return until >= duration ? 1 : 0;
  return Math.min(SLICES, Math.floor((until / duration) * SLICES + 1e-9)) / SLICES;
}

/**
 * Money gained (+) or spent (−) in month m (from m to m + 1) compared with staying on the old
 * system: the team and the new system's base while migrating, the saving on what has moved.
 */
export function monthlyNet(way: Way, month: number, duration: number, cancelAt = Infinity): number {
  const steps = 10; // the moved share changes mid-month: integrate over tenths of a month
  let net = 0;
  for (let i = 0; i < steps; i++) {
    const t = month + (i + 0.5) / steps;
    const migrating = t < Math.min(duration, cancelAt);
    const share = movedShare(way, t, duration, cancelAt);
    const baseCost = share < 1 && (migrating || share > 0) ? NEW_BASE_SHARE * NEW_RUN_COST * (1 - share) : 0;
    const teamCost = migrating ? TEAM * ENGINEER_COST : 0;
    net += (share * (OLD_RUN_COST - NEW_RUN_COST) - teamCost - baseCost) / steps;
  }
  return net;
}

/** Cumulative net at the end of each month, from month 0 to `months`. */
export function cumulative(way: Way, duration: number, months = HORIZON_MONTHS, cancelAt = Infinity): [number, number][] {
  const points: [number, number][] = [[0, 0]];
  let total = 0;
  for (let m = 0; m < months; m++) {
    total += monthlyNet(way, m, duration, cancelAt);
    points.push([m + 1, total]);
  }
  return points;
}

/** The first month (end) at which the cumulative net is back to zero or above; Infinity if never. */
export function paybackMonth(way: Way, duration: number): number {
  const saving = OLD_RUN_COST - NEW_RUN_COST;
  let total = 0;
  for (let m = 0; ; m++) {
    total += monthlyNet(way, m, duration);
    if (total >= 0) return m + 1;
    // Once everything has moved, every month saves the same: no need to walk the rest.
    if (m + 1 >= duration) return saving > 0 ? m + 1 + Math.ceil(-total / saving) : Infinity;
  }
}

export interface Outlook {
  way: Way;
  plannedMonths: number;
  planPayback: number;
  medianPayback: number;
  p90Payback: number;
  /** Share of simulated projects that have not paid back within HORIZON_MONTHS. */
  notPaidBackShare: number;
  /** The duration of the median and 90th-percentile projects, months. */
  medianDuration: number;
  p90Duration: number;
  /** The lowest point of the cumulative net as planned: the money at risk. */
  planDeepest: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export function outlook(way: Way, runs = RUNS, seed = SEED): Outlook {
  const random = new Random(seed);
  const spread = way === 'big bang' ? BIG_BANG_OVERRUN : INCREMENTAL_OVERRUN;
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) durations.push(plannedDuration(way) * random.lognormal(Math.log(spread.median), spread.sigma));
  durations.sort((a, b) => a - b);
  const paybacks = durations.map((d) => paybackMonth(way, d)); // payback grows with duration: already sorted
  const planned = plannedDuration(way);
  return {
    way,
    plannedMonths: planned,
    planPayback: paybackMonth(way, planned),
    medianPayback: percentile(paybacks, 0.5),
    p90Payback: percentile(paybacks, 0.9),
    notPaidBackShare: paybacks.filter((m) => m > HORIZON_MONTHS).length / runs,
    medianDuration: percentile(durations, 0.5),
    p90Duration: percentile(durations, 0.9),
    planDeepest: Math.min(...cumulative(way, planned).map(([, v]) => v)),
  };
}

const usd = (n: number) => `${n < 0 ? '−' : ''}$${Math.round(Math.abs(n)).toLocaleString('en-US')}`;
const months = (m: number) => (Number.isFinite(m) ? `month ${m}` : 'never');
const oneDecimal = (n: number) => n.toFixed(1);

/** The figures chapter 05 shows. */
export function facts() {
  const [bigBang, incremental] = WAYS.map((w) => outlook(w));
  const keptAfterCancel = (way: Way) => cumulative(way, plannedDuration(way), HORIZON_MONTHS, CANCEL_AT_MONTH);
  const atHorizon = (points: [number, number][]) => points[points.length - 1][1];
  return {
    saving: usd(OLD_RUN_COST - NEW_RUN_COST),
    teamCost: usd(TEAM * ENGINEER_COST),
    bigBangPlanPayback: months(bigBang.planPayback),
    incrementalPlanPayback: months(incremental.planPayback),
    bigBangMedianPayback: months(bigBang.medianPayback),
    incrementalMedianPayback: months(incremental.medianPayback),
    bigBangP90Payback: months(bigBang.p90Payback),
    incrementalP90Payback: months(incremental.p90Payback),
    bigBangP90Duration: `${oneDecimal(bigBang.p90Duration)} months`,
    incrementalP90Duration: `${oneDecimal(incremental.p90Duration)} months`,
    bigBangNotPaidBack: `${Math.round(bigBang.notPaidBackShare * 100)}%`,
    incrementalNotPaidBack: `${Math.round(incremental.notPaidBackShare * 100)}%`,
    bigBangDeepest: usd(bigBang.planDeepest),
    incrementalDeepest: usd(incremental.planDeepest),
    horizon: HORIZON_MONTHS,
    planFavoursBigBang: bigBang.planPayback < incremental.planPayback,
    badCaseFavoursIncremental: incremental.p90Payback < bigBang.p90Payback,
    cancelAt: CANCEL_AT_MONTH,
    bigBangAfterCancel: usd(atHorizon(keptAfterCancel('big bang'))),
    incrementalAfterCancel: usd(atHorizon(keptAfterCancel('incremental'))),
    cancelledIncrementalRecovers: atHorizon(keptAfterCancel('incremental')) > 0 && atHorizon(keptAfterCancel('big bang')) < 0,
  };
}

export default function main(): void {
  const outlooks = WAYS.map((w) => outlook(w));
  show(
    table(
      ['way', 'planned months', 'payback as planned', 'median project', '90th percentile', `not paid back in ${HORIZON_MONTHS} months`, 'most money at risk (plan)', `cancelled at month ${CANCEL_AT_MONTH}: net at month ${HORIZON_MONTHS}`],
      outlooks.map((o) => [
        o.way,
        oneDecimal(o.plannedMonths),
        months(o.planPayback),
        months(o.medianPayback),
        months(o.p90Payback),
        `${Math.round(o.notPaidBackShare * 100)}%`,
        usd(o.planDeepest),
        usd(cumulative(o.way, o.plannedMonths, HORIZON_MONTHS, CANCEL_AT_MONTH)[HORIZON_MONTHS][1]),
      ]),
      `Saving ${usd(OLD_RUN_COST - NEW_RUN_COST)} a month once migrated; team ${usd(TEAM * ENGINEER_COST)} a month; ${RUNS} simulated projects per way`,
    ),
    lineChart(
      'Cumulative gain of migrating, against staying put',
      { label: 'month' },
      { label: 'cumulative net', unit: '$' },
      outlooks.flatMap((o) => [
        { name: `${o.way}, as planned`, points: cumulative(o.way, o.plannedMonths) },
        { name: `${o.way}, 90th percentile overrun`, points: cumulative(o.way, o.p90Duration) },
      ]),
      'Every line falls while the team migrates and rises once the savings flow. As planned, the big bang recovers first; in the bad case it falls longer and deeper, while the incremental migration starts saving with its first slice.',
    ),
  );
}
