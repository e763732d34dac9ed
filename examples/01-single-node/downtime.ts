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
export const AVERAGE_REQUESTS_PER_SECOND = 2; // a few thousand daily users; peaks are ten times higher
export const SEED = 5;

export interface ScenarioResult {
  name: string;
  formulaAvailability: number;
  measuredAvailability: number;
  /** Mean over all simulated years. */
  minutesDownPerYear: number;
  worstYearMinutesDown: number;
  failuresPerYear: number;
  /** Requests that arrive while the box is down, at the average rate. */
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
    requestsLostPerYear: minutesDownPerYear * 60 * AVERAGE_REQUESTS_PER_SECOND,
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
