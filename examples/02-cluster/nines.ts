/**
 * Availability arithmetic, checked by breaking things.
 *
 * A request needs the load balancer, one application node and the database.
 * Parts that are all needed are "in series": multiply their availabilities.
 * Redundant copies where one is enough are "in parallel": 1 − (1 − A)^n.
 * The simulation crashes and repairs each part at random (mean time between
 * failures MTBF, mean time to repair MTTR) for a thousand simulated years and
 * measures how often the whole path was up.
 *
 * Change the MTBF/MTTR constants or APP_NODES and run again. Time here is in
 * hours.
 */
import { Simulation, Random, Component, FailureInjector, availability, seriesAvailability, parallelAvailability, show, table, barChart } from '../sim';

export const HOURS_PER_YEAR = 8_766; // 365.25 days
/** An application node: fails about every three weeks, back within five hours (a reboot, a replacement). */
export const NODE_MTBF_HOURS = 500;
export const NODE_MTTR_HOURS = 5;
/** The database server: fails about every three months, two hours to repair or restore. */
export const DATABASE_MTBF_HOURS = 2_000;
export const DATABASE_MTTR_HOURS = 2;
/** A managed load balancer: rarely fails, about an hour when it does. */
export const BALANCER_MTBF_HOURS = 10_000;
export const BALANCER_MTTR_HOURS = 1;
/** Application nodes behind the balancer in the largest design. */
export const APP_NODES = 3;
export const SIMULATED_YEARS = 1_000;
export const SEED = 2;

export interface Design {
  name: string;
  /** Availability by the series/parallel formulas. */
  formula: number;
  /** Fraction of simulated time the whole request path was up. */
  measured: number;
}

/** Mean time between failures and to repair of each kind of part, hours. */
export interface Parts {
  node: [mtbf: number, mttr: number];
  database: [mtbf: number, mttr: number];
  balancer: [mtbf: number, mttr: number];
}

export function defaultParts(): Parts {
  return {
    node: [NODE_MTBF_HOURS, NODE_MTTR_HOURS],
    database: [DATABASE_MTBF_HOURS, DATABASE_MTTR_HOURS],
    balancer: [BALANCER_MTBF_HOURS, BALANCER_MTTR_HOURS],
  };
}

/** Hours per year a system with this availability is down. */
export function downtimeHoursPerYear(a: number): number {
  return (1 - a) * HOURS_PER_YEAR;
}

export function simulate(parts: Parts = defaultParts(), seed = SEED): Design[] {
  const sim = new Simulation(); // one unit of virtual time is one hour here
  const random = new Random(seed);
  const failures = new FailureInjector(sim);
  const part = (name: string, [mtbf, mttr]: [number, number]) => {
    const component = new Component(name);
    // The kit names these ...Ms; in this example its time unit is the hour.
    failures.randomFailures(component, { random: random.split(), mtbfMs: mtbf, mttrMs: mttr });
    return component;
  };
  const balancer = part('load balancer', parts.balancer);
  const database = part('database', parts.database);
  const standby = part('database standby', parts.database);
  const nodes = Array.from({ length: APP_NODES }, (_, i) => part(`node-${i + 1}`, parts.node));

  const anyNodeUp = (count: number) => nodes.slice(0, count).some((node) => node.isUp);
  const node = availability(...parts.node), db = availability(...parts.database), lb = availability(...parts.balancer);
  const designs = [
    { name: 'one node alone', formula: node, isUp: () => nodes[0].isUp },
    { name: 'balancer + 1 node + database', formula: seriesAvailability([lb, node, db]), isUp: () => balancer.isUp && nodes[0].isUp && database.isUp },
    ...[2, APP_NODES].map((count) => ({
      name: `balancer + ${count} nodes + database`,
      formula: seriesAvailability([lb, parallelAvailability(Array(count).fill(node)), db]),
      isUp: () => balancer.isUp && anyNodeUp(count) && database.isUp,
    })),
    {
      name: `balancer + ${APP_NODES} nodes + database with standby`,
      formula: seriesAvailability([lb, parallelAvailability(Array(APP_NODES).fill(node)), parallelAvailability([db, db])]),
      // Idealised failover: the standby takes over the instant the primary fails.
      isUp: () => balancer.isUp && anyNodeUp(APP_NODES) && (database.isUp || standby.isUp),
    },
  ];
  const watchers = designs.map((design) => failures.watch(design.isUp));
  const end = SIMULATED_YEARS * HOURS_PER_YEAR;
  sim.run({ until: end }); // failures go on for ever: stop the clock
  return designs.map((design, i) => ({ name: design.name, formula: design.formula, measured: watchers[i].mean(end) }));
}

/**
 * The figures chapter 02 shows, formatted as it shows them ({nines.singleNode} in the page).
 * Downtimes come from the formulas, which the measured run agrees with (the test checks it).
 */
export function facts() {
  const designs = simulate();
  const hours = (i: number) => downtimeHoursPerYear(designs[i].formula).toFixed(1);
  const sturdier = defaultParts();
  sturdier.balancer = [BALANCER_MTBF_HOURS * 10, BALANCER_MTTR_HOURS];
  const sturdierLast = simulate(sturdier)[4];
  const worstGap = Math.max(...designs.map((d) => Math.abs(downtimeHoursPerYear(d.measured) / downtimeHoursPerYear(d.formula) - 1)));
  return {
    nodeMtbfWeeks: `${Math.round(NODE_MTBF_HOURS / (24 * 7))} weeks`,
    nodeMttrHours: `${NODE_MTTR_HOURS} hours`,
    singleNode: percent(designs[0].formula),
    singleNodeDowntime: `${hours(0)} hours`,
    inSeriesDowntime: `${hours(1)} hours`,
    twoNodes: percent(designs[2].formula),
    twoNodesDowntime: `${hours(2)} hours`,
    threeNodesDowntime: `${hours(3)} hours`,
    withStandby: percent(designs[4].formula),
    withStandbyMinutes: `${Math.round(downtimeHoursPerYear(designs[4].formula) * 60)} minutes`,
    formulaAgreement: `${Math.ceil(worstGap * 100)}%`,
    sturdierBalancerMinutes: `${Math.round(downtimeHoursPerYear(sturdierLast.formula) * 60)} minutes`,
    sturdierBalancerHours: `${downtimeHoursPerYear(sturdierLast.formula).toFixed(2)} hours`,
  };
}

/** 0.99891 as "99.891%": three decimals show up to four nines. */
export function percent(a: number): string {
  return `${(a * 100).toFixed(3)}%`;
}

export default function main(): void {
  const designs = simulate();
  show(
    table(
      ['design', 'formula', 'measured', 'downtime h/year (formula)', 'downtime h/year (measured)'],
      designs.map((d) => [d.name, percent(d.formula), percent(d.measured), downtimeHoursPerYear(d.formula), downtimeHoursPerYear(d.measured)]),
      `Availability of the request path over ${SIMULATED_YEARS} simulated years`,
    ),
    barChart(
      'Downtime per year by design',
      designs.map((d) => d.name),
      { formula: designs.map((d) => downtimeHoursPerYear(d.formula)), measured: designs.map((d) => downtimeHoursPerYear(d.measured)) },
      { label: 'downtime', unit: 'hours per year', scale: 'log' },
      'Adding the balancer and database in series adds downtime; a second and third node remove almost all the nodes’ share, leaving the database as the largest part until it gets a standby.',
    ),
    table(
      ['availability', 'downtime per year', 'per 30-day month'],
      [0.99, 0.999, 0.9999, 0.99999].map((a) => [`${+(a * 100).toFixed(3)}%`, duration(downtimeHoursPerYear(a)), duration((1 - a) * 30 * 24)]),
      'What the nines allow',
    ),
  );
}

function duration(hours: number): string {
  if (hours >= 24) return `${(hours / 24).toFixed(1)} days`;
  if (hours >= 1) return `${hours.toFixed(1)} hours`;
  return `${(hours * 60).toFixed(1)} minutes`;
}
