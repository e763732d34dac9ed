/**
 * Unit economics: what one request, one user for a month and one order cost at each phase of
 * the book, split into the infrastructure bill and the engineers who build and run the system,
 * and how much of each business model's revenue that takes.
 *
 * The phases are the book's table (examples/00-introduction/phases.ts), copied here because a
 * Playground imports only the kit; the test checks the copy. Each phase is a range, so the
 * "typical company" of a phase sits at the geometric middle of each range (√(low × high)):
 * 3,162 users for a phase of 1,000 to 10,000.
 *
 * Watch two columns: the infrastructure's share of the cost, and what a 10% cut in the bill
 * is worth in engineer-months a year. They say when architecture for cost pays.
 */
import { show, table, barChart } from '../sim';

export interface PhaseRow {
  name: string;
  dailyUsers: [number, number];
  engineers: [number, number];
  /** Infrastructure bill, US dollars a month. */
  monthlySpendUsd: [number, number];
}

/** The book's phase table (examples/00-introduction/phases.ts): change it there, and here. */
export const PHASES: PhaseRow[] = [
  { name: 'Single node', dailyUsers: [1_000, 10_000], engineers: [1, 5], monthlySpendUsd: [50, 500] },
  { name: 'Cluster', dailyUsers: [100_000, 1_000_000], engineers: [5, 30], monthlySpendUsd: [2_000, 20_000] },
  { name: 'Distributed cluster', dailyUsers: [1_000_000, 30_000_000], engineers: [50, 500], monthlySpendUsd: [20_000, 500_000] },
  { name: 'Cloud native', dailyUsers: [1_000_000, 100_000_000], engineers: [100, 1_000], monthlySpendUsd: [100_000, 2_000_000] },
];
export const REQUESTS_PER_USER_PER_DAY = 20; // as in the phase table
export const DAYS_PER_MONTH = 30;

export const ENGINEER_COST_PER_MONTH_USD = 15_000; // salary, taxes, benefits, equipment: one engineer, fully loaded
export const ORDERS_PER_USER_PER_MONTH = 0.5; // a shop where each daily user orders every other month
export const ORDER_VALUE_USD = 40; // the average basket
export const COMMISSION = 0.1; // what a marketplace keeps of each order
export const BILL_CUT = 0.1; // a cost project that takes 10% off the infrastructure bill
const EXERCISE_CUT = 0.3; // the chapter's exercise: a deeper cut

/** What the business earns per daily user per month (US dollars), by how it makes money. */
export const BUSINESS_MODELS = [
  { name: 'subscription', revenuePerUserMonthUsd: 5 }, // a consumer plan; some users pay, many do not
  { name: 'marketplace', revenuePerUserMonthUsd: ORDERS_PER_USER_PER_MONTH * ORDER_VALUE_USD * COMMISSION }, // its commission on the orders
  { name: 'advertising', revenuePerUserMonthUsd: 1 }, // 10 pages a day at about $3.30 per 1,000 pages
];

export interface UnitCosts {
  phase: string;
  users: number;
  infraPerMonth: number;
  peoplePerMonth: number;
  requestsPerMonth: number;
  infraPerMillionRequests: number;
  infraPerUserMonth: number;
  peoplePerUserMonth: number;
  infraPerOrder: number;
  peoplePerOrder: number;
  /** Infrastructure ÷ (infrastructure + engineers). */
  infraShare: number;
  /** What BILL_CUT of the bill saves in a year, in engineer-months: what the cost project may cost. */
  billCutEngineerMonths: number;
}

/** The typical value of a range: its geometric middle, as a range spanning tenfold is read on a log scale. */
export function typical([low, high]: [number, number]): number {
  return Math.sqrt(low * high);
}

export function unitCosts(phase: PhaseRow): UnitCosts {
  const users = typical(phase.dailyUsers);
  const infraPerMonth = typical(phase.monthlySpendUsd);
  const peoplePerMonth = typical(phase.engineers) * ENGINEER_COST_PER_MONTH_USD;
  const requestsPerMonth = users * REQUESTS_PER_USER_PER_DAY * DAYS_PER_MONTH;
  const orders = users * ORDERS_PER_USER_PER_MONTH;
  return {
    phase: phase.name,
    users,
    infraPerMonth,
    peoplePerMonth,
    requestsPerMonth,
    infraPerMillionRequests: infraPerMonth / (requestsPerMonth / 1e6),
    infraPerUserMonth: infraPerMonth / users,
    peoplePerUserMonth: peoplePerMonth / users,
    infraPerOrder: infraPerMonth / orders,
    peoplePerOrder: peoplePerMonth / orders,
    infraShare: infraPerMonth / (infraPerMonth + peoplePerMonth),
    billCutEngineerMonths: billCutWorth(infraPerMonth, BILL_CUT),
  };
}

/** What cutting `cut` of a monthly bill saves in a year, in engineer-months. */
export function billCutWorth(infraPerMonth: number, cut: number): number {
  return (cut * infraPerMonth * 12) / ENGINEER_COST_PER_MONTH_USD;
}

export interface ModelAtPhase {
  model: string;
  phase: string;
  revenuePerMonth: number;
  /** Share of revenue the infrastructure bill takes. */
  infraShareOfRevenue: number;
  /** Share of revenue left after engineers and infrastructure (negative: they cost more than it earns). */
  leftAfterEngineering: number;
}

export function businessModels(costs: UnitCosts[] = PHASES.map(unitCosts)): ModelAtPhase[] {
  return BUSINESS_MODELS.flatMap((model) =>
    costs.map((c) => {
      const revenuePerMonth = c.users * model.revenuePerUserMonthUsd;
      return {
        model: model.name,
        phase: c.phase,
        revenuePerMonth,
        infraShareOfRevenue: c.infraPerMonth / revenuePerMonth,
        leftAfterEngineering: (revenuePerMonth - c.infraPerMonth - c.peoplePerMonth) / revenuePerMonth,
      };
    }),
  );
}

const usd = (value: number) => (value >= 100 ? `$${Math.round(value).toLocaleString('en-US')}` : value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(3)}`);
const percent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)}%`;
const roundTo = (value: number, significant = 2) => Number(value.toPrecision(significant)).toLocaleString('en-US');

/** The figures chapter 05 shows. */
export function facts() {
  const costs = PHASES.map(unitCosts);
  const [single, cluster, distributed, cloud] = costs;
  const models = businessModels(costs);
  const at = (model: string, phase: string) => models.find((m) => m.model === model && m.phase === phase)!;
  const ads = BUSINESS_MODELS[2].name;
  const subscription = BUSINESS_MODELS[0].name;
  const hoursPerMonth = 160;
  return {
    engineerCost: usd(ENGINEER_COST_PER_MONTH_USD),
    singleUsers: roundTo(single.users),
    singleInfraPerMillion: usd(single.infraPerMillionRequests),
    clusterInfraPerMillion: usd(cluster.infraPerMillionRequests),
    distributedInfraPerMillion: usd(distributed.infraPerMillionRequests),
    cloudInfraPerMillion: usd(cloud.infraPerMillionRequests),
    singleInfraPerUser: usd(single.infraPerUserMonth),
    clusterInfraPerUser: usd(cluster.infraPerUserMonth),
    singlePeoplePerUser: usd(single.peoplePerUserMonth),
    clusterPeoplePerUser: usd(cluster.peoplePerUserMonth),
    cloudPeoplePerUser: usd(cloud.peoplePerUserMonth),
    clusterInfraPerOrder: usd(cluster.infraPerOrder),
    clusterPeoplePerOrder: usd(cluster.peoplePerOrder),
    singleInfraShare: percent(single.infraShare),
    cloudInfraShare: percent(cloud.infraShare),
    peopleCostMoreEverywhere: costs.every((c) => c.peoplePerMonth > c.infraPerMonth),
    infraPerUserFallsWithScale: cluster.infraPerUserMonth < single.infraPerUserMonth,
    infraShareGrows: costs.every((c, i) => i === 0 || c.infraShare > costs[i - 1].infraShare * 0.95) && cloud.infraShare > 5 * single.infraShare,
    billCut: percent(BILL_CUT, 0),
    singleBillCutHours: `${Math.round(single.billCutEngineerMonths * hoursPerMonth)} hours`,
    cloudBillCutEngineerMonths: `${Math.round(cloud.billCutEngineerMonths)} engineer-months`,
    billCutPaysOnlyAtScale: single.billCutEngineerMonths < 0.1 && cloud.billCutEngineerMonths > 12,
    // The exercise: a cut three times as deep, and the first phase where it pays a year of one engineer.
    deepCut: percent(EXERCISE_CUT, 0),
    deepCutFirstPhase: costs.find((c) => billCutWorth(c.infraPerMonth, EXERCISE_CUT) >= 12)!.phase,
    deepCutAtCluster: `${billCutWorth(cluster.infraPerMonth, EXERCISE_CUT).toFixed(1)} engineer-months`,
    deepCutAtDistributed: `${Math.round(billCutWorth(distributed.infraPerMonth, EXERCISE_CUT))} engineer-months`,
    adsRevenuePerUser: usd(BUSINESS_MODELS[2].revenuePerUserMonthUsd),
    subscriptionRevenuePerUser: usd(BUSINESS_MODELS[0].revenuePerUserMonthUsd),
    adsInfraShareCloud: percent(at(ads, 'Cloud native').infraShareOfRevenue),
    subscriptionInfraShareCloud: percent(at(subscription, 'Cloud native').infraShareOfRevenue),
    adsMostExposed: PHASES.every((p) => BUSINESS_MODELS.every((m) => at(ads, p.name).infraShareOfRevenue >= at(m.name, p.name).infraShareOfRevenue)),
    nobodyBreaksEvenOnOneBox: BUSINESS_MODELS.every((m) => at(m.name, 'Single node').leftAfterEngineering < 0),
    adsLeftAtCluster: percent(at(ads, 'Cluster').leftAfterEngineering, 0),
    subscriptionLeftAtCluster: percent(at(subscription, 'Cluster').leftAfterEngineering, 0),
  };
}

export default function main(): void {
  const costs = PHASES.map(unitCosts);
  const both = (infra: number, people: number) => `${usd(infra)} + ${usd(people)}`;
  show(
    table(
      ['phase', 'daily users', 'bill a month', 'engineers a month', 'per 1M requests', 'per user-month', 'per order', 'infra share', `${percent(BILL_CUT, 0)} of the bill a year`],
      costs.map((c) => [
        c.phase,
        roundTo(c.users),
        usd(c.infraPerMonth),
        usd(c.peoplePerMonth),
        both(c.infraPerMillionRequests, c.peoplePerMonth / (c.requestsPerMonth / 1e6)),
        both(c.infraPerUserMonth, c.peoplePerUserMonth),
        both(c.infraPerOrder, c.peoplePerOrder),
        percent(c.infraShare),
        `${c.billCutEngineerMonths.toFixed(2)} engineer-months`,
      ]),
      `Unit costs of the typical company at each phase: infrastructure + engineers (${usd(ENGINEER_COST_PER_MONTH_USD)} a month each)`,
    ),
    table(
      ['business model', 'phase', 'revenue a month', 'bill / revenue', 'left after engineers and bill'],
      businessModels(costs).map((m) => [m.model, m.phase, usd(m.revenuePerMonth), percent(m.infraShareOfRevenue), percent(m.leftAfterEngineering, 0)]),
      `What each business model keeps (revenue per daily user a month: ${BUSINESS_MODELS.map((m) => `${m.name} ${usd(m.revenuePerUserMonthUsd)}`).join(', ')})`,
    ),
    barChart(
      'Infrastructure as a share of engineering plus infrastructure',
      costs.map((c) => c.phase),
      { 'infrastructure share': costs.map((c) => Math.round(c.infraShare * 1000) / 10) },
      { label: 'share of cost', unit: '%' },
      'The infrastructure bill is under 1% of the cost of a one-machine company, which is almost all engineers, and grows to several percent at the cloud-native phase.',
    ),
  );
}
