/**
 * Downtime of one box: the single point of failure, over simulated years.
 *
 * The box fails at random, on average once every MTBF (mean time between
 * failures), and each time it stays down for a random time averaging MTTR
 * (mean time to repair). While it is down, every request fails: there is no
 * second box to take over. Each scenario is run for YEARS years, and the
 * measured availability is compared with the formula MTBF / (MTBF + MTTR).
 *
 * Watch the "worst year" column: a single year is luck, the formula is the
 * long-run average. And compare the first two rows: the same crashes, but a
 * repair in minutes instead of hours.
 *
 * Try: give 'engineer repairs' an MTBF of 365 days (better hardware) and
 * compare with cutting its MTTR to 1 hour (a runbook and a tested restore).
 */
import { Simulation, Random, FailureInjector, Component, availability, show, table, lineChart } from '../sim';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
export const YEAR_MS = 365 * DAY_MS;
export const MINUTES_PER_YEAR = YEAR_MS / MINUTE_MS;

export interface Scenario {
  name: string;
  mtbfMs: number;
  mttrMs: number;
}

export const SCENARIOS: Scenario[] = [
  // The machine or the process dies; someone is paged, logs in and fixes it.
  { name: 'engineer repairs', mtbfMs: 60 * DAY_MS, mttrMs: 4 * HOUR_MS },
  // The same crashes, but a supervisor (systemd, the cloud's auto-recovery) restarts it.
  { name: 'automatic restart', mtbfMs: 60 * DAY_MS, mttrMs: 10 * MINUTE_MS },
  // Planned downtime: about ten deploys a week, each restarting the only box for a minute.
  { name: 'deploys restart it', mtbfMs: 7 * DAY_MS / 10, mttrMs: MINUTE_MS },
];
export const YEARS = 200; // simulated years per scenario
export const DAILY_REQUESTS = 100_000; // a few thousand users, 20 requests each
export const SEED = 5;

export interface ScenarioResult {
  name: string;
  formulaAvailability: number;
  measuredAvailability: number;
  /** Mean over all simulated years. */
  minutesDownPerYear: number;
  worstYearMinutesDown: number;
  failuresPerYear: number;
  /** Requests that arrive while the box is down, at the day's average rate. */
  requestsLostPerYear: number;
  /** Cumulative minutes down at the end of each week of the first year. */
  firstYearByWeek: [number, number][];
}

export function simulateScenario(scenario: Scenario, seed = SEED): ScenarioResult {
  const sim = new Simulation();
  const box = new Component(scenario.name);
  const injector = new FailureInjector(sim);
  const uptime = injector.watch(() => box.isUp);
  injector.randomFailures(box, { random: new Random(seed), mtbfMs: scenario.mtbfMs, mttrMs: scenario.mttrMs });

  const firstYearByWeek: [number, number][] = [];
  for (let week = 1; week <= 52; week++) {
    sim.run({ until: week * 7 * DAY_MS });
    firstYearByWeek.push([week, (sim.now - uptime.integral(sim.now)) / MINUTE_MS]);
  }
  const downPerYear: number[] = [];
  let upBefore = 0;
  for (let year = 1; year <= YEARS; year++) {
    sim.run({ until: year * YEAR_MS });
    const up = uptime.integral(sim.now);
    downPerYear.push((YEAR_MS - (up - upBefore)) / MINUTE_MS);
    upBefore = up;
  }
  const totalDownMinutes = downPerYear.reduce((a, b) => a + b, 0);
  const crashes = injector.log.filter((e) => e.event === 'crash' && e.time <= YEARS * YEAR_MS).length;
  const minutesDownPerYear = totalDownMinutes / YEARS;
  return {
    name: scenario.name,
    formulaAvailability: availability(scenario.mtbfMs, scenario.mttrMs),
    measuredAvailability: uptime.integral(sim.now) / sim.now,
    minutesDownPerYear,
    worstYearMinutesDown: Math.max(...downPerYear),
    failuresPerYear: crashes / YEARS,
    requestsLostPerYear: minutesDownPerYear * 60 * (DAILY_REQUESTS / 86_400),
    firstYearByWeek,
  };
}

export function simulate(): ScenarioResult[] {
  return SCENARIOS.map((s) => simulateScenario(s));
}

const percent = (a: number) => `${(a * 100).toFixed(3)}%`;
const duration = (ms: number) => (ms >= HOUR_MS ? `${ms / HOUR_MS} h` : ms >= DAY_MS ? `${ms / DAY_MS} d` : `${ms / MINUTE_MS} min`);

export default function main(): void {
  const results = simulate();
  show(
    table(
      ['scenario', 'MTBF', 'MTTR', 'formula', 'measured', 'failures/yr', 'min down/yr', 'worst year min', 'requests lost/yr'],
      results.map((r, i) => [
        r.name,
        `${Number((SCENARIOS[i].mtbfMs / DAY_MS).toFixed(1))} d`,
        duration(SCENARIOS[i].mttrMs),
        percent(r.formulaAvailability),
        percent(r.measuredAvailability),
        r.failuresPerYear,
        Math.round(r.minutesDownPerYear),
        Math.round(r.worstYearMinutesDown),
        Math.round(r.requestsLostPerYear),
      ]),
      `One box over ${YEARS} simulated years: availability = MTBF / (MTBF + MTTR)`,
    ),
    lineChart(
      'Minutes down so far, first simulated year',
      { label: 'week' },
      { label: 'cumulative downtime', unit: 'min' },
      results.map((r) => ({ name: r.name, points: r.firstYearByWeek })),
      'Downtime accumulates in steps, one per failure; long repairs make tall steps, frequent short restarts make a steady slope.',
    ),
  );
}

const minutes = (x: number) => `${Math.round(x).toLocaleString('en-US')} minutes`;
/** Minutes down a year, by the formula, for a box failing every `mtbfDays` and repaired in `mttrHours`. */
export function formulaMinutesDown(mtbfDays: number, mttrHours: number): number {
  return (1 - availability(mtbfDays * 24, mttrHours)) * MINUTES_PER_YEAR;
}

/** The figures chapter 01 shows, formatted as it shows them ({downtime.engineerAvailability} in the page). */
export function facts() {
  const [engineer, automatic, deploys] = simulate();
  const [engineerScenario, automaticScenario] = SCENARIOS;
  const days = (ms: number) => ms / DAY_MS, hours = (ms: number) => ms / HOUR_MS;
  const betterHardware = formulaMinutesDown(365, hours(engineerScenario.mttrMs));
  const fasterRepair = formulaMinutesDown(days(engineerScenario.mtbfMs), 1);
  return {
    years: YEARS,
    minutesPerYear: MINUTES_PER_YEAR.toLocaleString('en-US'),
    threeNinesMinutes: minutes(0.001 * MINUTES_PER_YEAR),
    threeNinesHours: `${((0.001 * MINUTES_PER_YEAR) / 60).toFixed(1)} hours`,
    fourNinesMinutes: minutes(0.0001 * MINUTES_PER_YEAR),
    mtbfDays: `${days(engineerScenario.mtbfMs)} days`,
    engineerMttr: `${hours(engineerScenario.mttrMs)} hours`,
    automaticMttr: `${automaticScenario.mttrMs / MINUTE_MS} minutes`,
    engineerAvailability: `${(engineer.formulaAvailability * 100).toFixed(3)}%`,
    engineerFormulaMinutes: minutes((1 - engineer.formulaAvailability) * MINUTES_PER_YEAR),
    engineerMeasuredMinutes: minutes(engineer.minutesDownPerYear),
    engineerFailures: Math.round(engineer.failuresPerYear),
    engineerWorstYear: minutes(engineer.worstYearMinutesDown),
    worstOverAverage: `${Math.floor(engineer.worstYearMinutesDown / engineer.minutesDownPerYear)}`,
    averageRate: `${(DAILY_REQUESTS / 86_400).toFixed(2)} requests per second`,
    engineerRequestsLost: `${(Math.round(engineer.requestsLostPerYear / 1000) * 1000).toLocaleString('en-US')}`,
    automaticMinutes: minutes(automatic.minutesDownPerYear),
    automaticWorstYear: minutes(automatic.worstYearMinutesDown),
    repairRatio: `${Math.round(engineer.minutesDownPerYear / automatic.minutesDownPerYear)}`,
    repairSpeedup: `${Math.round(engineerScenario.mttrMs / automaticScenario.mttrMs)}`,
    deploysPerWeek: `${Math.round(7 / days(SCENARIOS[2].mtbfMs))}`,
    deployMinutes: minutes(deploys.minutesDownPerYear),
    deployRestarts: Math.round(deploys.failuresPerYear),
    deployAvailability: `${(deploys.measuredAvailability * 100).toFixed(2)}%`,
    // Try this #5
    betterHardwareMinutes: minutes(betterHardware),
    fasterRepairMinutes: minutes(fasterRepair),
    betterHardwareRemovesMore: betterHardware < fasterRepair,
  };
}
