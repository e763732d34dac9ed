/**
 * Alerting on an error budget: which alert pages for the incidents that matter, quickly, and
 * stays quiet for the ones that do not?
 *
 * A service promises SLO (99.9% of requests succeed over WINDOW_DAYS days), so its error
 * budget is 0.1% of the month's requests. The burn rate is how fast it is being spent: the
 * error rate divided by that 0.1%. A burn rate of 1 spends the budget in exactly the month;
 * 14.4 spends 2% of it in an hour.
 *
 * One month, minute by minute, with three incidents: an outage (a bad deploy fails a fifth of
 * requests until it is rolled back), a slow leak (a dependency fails a few requests in a
 * thousand for two days) and a blip (a few minutes of errors during a failover). Three alert
 * policies watch it:
 * - threshold: page when the last 5 minutes' error rate is above the SLO's 0.1%;
 * - one window: page when the last hour burns faster than 14.4;
 * - multi-window, multi-burn-rate (the Google SRE workbook's recommendation): page when both
 *   the last hour and the last 5 minutes burn faster than 14.4, or both the last 6 hours and
 *   the last 30 minutes faster than 6; open a ticket when both the last 3 days and the last
 *   6 hours burn faster than 1. The short window makes the alert stop soon after the incident.
 */
import { Random, show, table, lineChart } from '../sim';

export const SLO = 0.999; // share of requests that must succeed over the window
export const WINDOW_DAYS = 30; // the SLO's window
export const REQUESTS_PER_MINUTE = 3_000;
export const NORMAL_ERROR_RATE = 0.0002; // errors on a good day: a fifth of the budget
export const RESTARTS_PER_DAY = 4; // a pod restarts or a cache node fails over: a minute of errors
export const RESTART_ERROR_RATE = 0.01; // share of requests failing during that minute
export interface Incident { name: string; startHour: number; minutes: number; errorRate: number }
export const INCIDENTS: Incident[] = [
  { name: 'outage', startHour: 100, minutes: 25, errorRate: 0.2 }, // a bad deploy, rolled back
  { name: 'slow leak', startHour: 300, minutes: 48 * 60, errorRate: 0.003 }, // a dependency failing now and then
  { name: 'blip', startHour: 500, minutes: 3, errorRate: 0.02 }, // a failover
];
export const SEED = 5;

const MINUTES = WINDOW_DAYS * 24 * 60;
const BUDGET_RATE = 1 - SLO;

export interface Rule { window: number; shortWindow?: number; burnRate: number; kind: 'page' | 'ticket' }
export type Policy = { name: string; rules: Rule[] };
/** Windows in minutes. */
export const POLICIES: Policy[] = [
  { name: 'threshold, 5 minutes', rules: [{ window: 5, burnRate: 1, kind: 'page' }] },
  { name: 'one window, 1 hour', rules: [{ window: 60, burnRate: 14.4, kind: 'page' }] },
  {
    name: 'multi-window, multi-burn-rate',
    rules: [
      { window: 60, shortWindow: 5, burnRate: 14.4, kind: 'page' },
      { window: 360, shortWindow: 30, burnRate: 6, kind: 'page' },
      { window: 3 * 24 * 60, shortWindow: 360, burnRate: 1, kind: 'ticket' },
    ],
  },
];

/** Errors each minute of the month. */
export function errorsPerMinute(seed = SEED): number[] {
  const random = new Random(seed);
  const rates = new Array<number>(MINUTES).fill(NORMAL_ERROR_RATE);
  for (let day = 0; day < WINDOW_DAYS; day++) {
    for (let r = 0; r < RESTARTS_PER_DAY; r++) rates[day * 24 * 60 + random.integer(0, 24 * 60 - 1)] = RESTART_ERROR_RATE;
  }
  for (const i of INCIDENTS) for (let m = i.startHour * 60; m < Math.min(MINUTES, i.startHour * 60 + i.minutes); m++) rates[m] = i.errorRate;
  const errors: number[] = [];
  for (let m = 0; m < MINUTES; m++) {
    const rate = rates[m];
    const mean = REQUESTS_PER_MINUTE * rate;
    errors.push(Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean * (1 - rate))))));
  }
  return errors;
}

/** The burn rate over the `window` minutes ending at minute m (fewer at the start). */
function burnRate(cumulative: Float64Array, m: number, window: number): number {
  const from = Math.max(0, m + 1 - window);
  return (cumulative[m + 1] - cumulative[from]) / ((m + 1 - from) * REQUESTS_PER_MINUTE) / BUDGET_RATE;
}

export interface Alerting {
  policy: string;
  /** Per incident: minutes from its start to the first page (or ticket), Infinity if none. */
  detection: Record<string, { minutes: number; kind: 'page' | 'ticket' | 'none'; budgetSpent: number; firingAfterEnd: number }>;
  /** Pages outside any incident, and pages for the blip: the ones that wake someone for nothing. */
  needlessPages: number;
}

export function watch(policy: Policy, errors = errorsPerMinute()): Alerting {
  const cumulative = new Float64Array(errors.length + 1);
  errors.forEach((e, m) => (cumulative[m + 1] = cumulative[m] + e));
  const budget = BUDGET_RATE * REQUESTS_PER_MINUTE * MINUTES;
  // For each rule, whether it fires at each minute: computed once, read many times below.
  const fires = policy.rules.map((r) => {
    const at = new Uint8Array(MINUTES);
    for (let m = 0; m < MINUTES; m++) {
      at[m] = burnRate(cumulative, m, r.window) > r.burnRate && (r.shortWindow === undefined || burnRate(cumulative, m, r.shortWindow) > r.burnRate) ? 1 : 0;
    }
    return at;
  });
  const firing = (m: number, kind?: 'page' | 'ticket') => policy.rules.find((r, k) => (!kind || r.kind === kind) && fires[k][m] === 1);
  // Whether any page rule fires, minute by minute.
  const paging = new Uint8Array(MINUTES);
  policy.rules.forEach((r, k) => {
    if (r.kind === 'page') for (let m = 0; m < MINUTES; m++) paging[m] |= fires[k][m];
  });
  const detection: Alerting['detection'] = {};
  for (const i of INCIDENTS) {
    const start = i.startHour * 60;
    const end = start + i.minutes;
    let found: Alerting['detection'][string] = { minutes: Infinity, kind: 'none', budgetSpent: 0, firingAfterEnd: 0 };
    // Look until a day after the incident: a slow rule may fire late.
    for (let m = start; m < Math.min(MINUTES, end + 24 * 60); m++) {
      const rule = firing(m, 'page') ?? firing(m, 'ticket');
      if (rule) {
        found = { minutes: m - start + 1, kind: rule.kind, budgetSpent: (cumulative[m + 1] - cumulative[start]) / budget, firingAfterEnd: 0 };
        break;
      }
    }
    // How long a page keeps firing once the incident is over.
    let after = 0;
    while (end + after < MINUTES && paging[end + after]) after++;
    found.firingAfterEnd = after;
    detection[i.name] = found;
  }
  // Count page episodes (a page that fires and later clears is one) outside the real incidents.
  const real = INCIDENTS.filter((i) => i.name !== 'blip').map((i) => [i.startHour * 60, i.startHour * 60 + i.minutes + 24 * 60]);
  let needlessPages = 0;
  let wasFiring = false;
  for (let m = 0; m < MINUTES; m++) {
    const now = paging[m] === 1;
    if (now && !wasFiring && !real.some(([a, b]) => m >= a && m < b)) needlessPages++;
    wasFiring = now;
  }
  return { policy: policy.name, detection, needlessPages };
}

const minutes = (d: { minutes: number; kind: string }) => (Number.isFinite(d.minutes) ? `${d.kind} after ${d.minutes < 120 ? `${d.minutes} min` : `${(d.minutes / 60).toFixed(1)} h`}` : 'missed');
const percent = (x: number) => `${x < 0.1 ? (x * 100).toFixed(1) : Math.round(x * 100)}%`;

/** The figures chapter 07 shows. */
export function facts() {
  const errors = errorsPerMinute();
  const [threshold, oneWindow, multi] = POLICIES.map((p) => watch(p, errors));
  // The exercise: the threshold policy over an hour instead of five minutes.
  const hourThreshold = watch({ name: 'threshold, 1 hour', rules: [{ window: 60, burnRate: 1, kind: 'page' }] }, errors);
  const spentBy = (name: string) => {
    const i = INCIDENTS.find((x) => x.name === name)!;
    return errors.slice(i.startHour * 60, i.startHour * 60 + i.minutes).reduce((a, b) => a + b, 0);
  };
  const monthBudgetSpent = errors.reduce((a, b) => a + b, 0) / (BUDGET_RATE * REQUESTS_PER_MINUTE * MINUTES);
  return {
    slo: `${SLO * 100}%`,
    windowDays: `${WINDOW_DAYS} days`,
    fastBurn: `${POLICIES[2].rules[0].burnRate}`,
    slowBurn: `${POLICIES[2].rules[1].burnRate}`,
    leakCostsMoreThanOutage: spentBy('slow leak') > spentBy('outage'),
    budgetMinutes: `${Math.round(BUDGET_RATE * MINUTES)} minutes`,
    outageMinutes: `${INCIDENTS.find((i) => i.name === 'outage')!.minutes} minutes`,
    outageShare: `${Math.round(INCIDENTS.find((i) => i.name === 'outage')!.errorRate * 100)}%`,
    leakPerThousand: `${INCIDENTS.find((i) => i.name === 'slow leak')!.errorRate * 1000} in a thousand`,
    leakDays: `${INCIDENTS.find((i) => i.name === 'slow leak')!.minutes / 60 / 24} days`,
    blipMinutes: `${INCIDENTS.find((i) => i.name === 'blip')!.minutes}-minute`,
    restartsPerDay: RESTARTS_PER_DAY,
    budget: `${+(BUDGET_RATE * 100).toFixed(3)}%`,
    hourAt14: percent((14.4 * 60) / MINUTES),
    sixHoursAt6: percent((6 * 360) / MINUTES),
    threeDaysAt1: percent((3 * 24 * 60) / MINUTES),
    monthBudgetSpent: percent(monthBudgetSpent),
    thresholdNeedlessPages: threshold.needlessPages,
    multiNeedlessPages: multi.needlessPages,
    outageMulti: minutes(multi.detection.outage),
    outageOneWindow: minutes(oneWindow.detection.outage),
    outageOneWindowFiringAfter: `${oneWindow.detection.outage.firingAfterEnd} minutes`,
    outageMultiFiringAfter: `${multi.detection.outage.firingAfterEnd} minutes`,
    leakMulti: minutes(multi.detection['slow leak']),
    leakMultiBudget: percent(multi.detection['slow leak'].budgetSpent),
    leakOneWindow: minutes(oneWindow.detection['slow leak']),
    oneWindowMissesLeak: oneWindow.detection['slow leak'].kind === 'none' && multi.detection['slow leak'].kind !== 'none',
    thresholdIsNoisy: threshold.needlessPages > 10 && multi.needlessPages === 0,
    multiStopsSooner: multi.detection.outage.firingAfterEnd < oneWindow.detection.outage.firingAfterEnd,
    hourThresholdNeedlessPages: hourThreshold.needlessPages,
    hourThresholdBlip: minutes(hourThreshold.detection.blip),
    hourThresholdFiringAfter: `${hourThreshold.detection.outage.firingAfterEnd} minutes`,
    hourThresholdQuietsRestartsOnly: hourThreshold.needlessPages < threshold.needlessPages && hourThreshold.detection.blip.kind === 'page',
    blipPagesNobody: multi.detection.blip.kind === 'none' && oneWindow.detection.blip.kind === 'none',
  };
}

export default function main(): void {
  const errors = errorsPerMinute();
  const alertings = POLICIES.map((p) => watch(p, errors));
  show(
    table(
      ['policy', ...INCIDENTS.map((i) => i.name), 'outage: still paging after it ended', 'needless pages in the month'],
      alertings.map((a) => [a.policy, ...INCIDENTS.map((i) => minutes(a.detection[i.name])), `${a.detection.outage.firingAfterEnd} min`, a.needlessPages]),
      `SLO ${SLO * 100}% over ${WINDOW_DAYS} days, ${REQUESTS_PER_MINUTE.toLocaleString('en-US')} requests a minute`,
    ),
  );
  // The budget left over the month: what the incidents cost.
  const budget = BUDGET_RATE * REQUESTS_PER_MINUTE * MINUTES;
  let spent = 0;
  const points: [number, number][] = [[0, 100]];
  errors.forEach((e, m) => {
    spent += e;
    if ((m + 1) % 60 === 0) points.push([(m + 1) / 60 / 24, Math.round((1 - spent / budget) * 1000) / 10]);
  });
  show(
    lineChart(
      'Error budget left over the month',
      { label: 'day' },
      { label: 'budget left', unit: '%' },
      [{ name: 'budget left', points }],
      'The budget falls slowly on normal days, drops by a step at the outage, slides for two days during the slow leak, and barely moves at the blip.',
    ),
  );
}
