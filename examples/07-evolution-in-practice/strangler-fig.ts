/**
 * A strangler-fig migration: a façade in front of the old system sends one route at a time
 * to the new one, a small share of its traffic first, and rolls the route back when the new
 * side's error rate rises above the old side's. The new code has two defects nobody knows
 * about yet: one makes a route fail (an error the gate sees), the other makes a route answer
 * wrongly with a success status (a wrong total, which no error gate sees).
 *
 * Three ways to move the same routes, hour by hour:
 * - big bang: switch every route to the new system at once;
 * - strangler: route by route, through the STEPS of traffic, with the error gate;
 * - strangler with a parallel run: before its first step, each route runs in shadow for
 *   SHADOW_DAYS: the façade copies its requests to the new side, compares the answers and
 *   keeps serving the old side's. A difference is a defect found before any user sees it.
 *
 * A defect is fixed FIX_DAYS after someone notices it: the gate at once, the comparison of a
 * parallel run at once, customers only after WRONG_ANSWERS_NOTICED wrong answers.
 */
import { Random, show, table, lineChart } from '../sim';

export const DAILY_REQUESTS = 2_000_000; // requests a day through the façade
export const OLD_ERROR_RATE = 0.001; // share of requests that fail on the old system (and on the new, once fixed)

export interface Route {
  name: string;
  /** Share of the façade's traffic. */
  share: number;
  /** A defect in the new code for this route, if any: what it does and to what share of requests. */
  defect?: { kind: 'error' | 'wrong answer'; rate: number };
}
export const ROUTES: Route[] = [
  { name: 'catalogue', share: 0.5 },
  { name: 'search', share: 0.25, defect: { kind: 'error', rate: 0.04 } }, // times out on long queries
  { name: 'cart', share: 0.15 },
  { name: 'checkout', share: 0.1, defect: { kind: 'wrong answer', rate: 0.03 } }, // rounds tax differently
];

export const STEPS = [0.01, 0.1, 0.5, 1]; // share of a route's traffic on the new side, step by step
export const DAYS_PER_STEP = 2; // how long each step runs before the next
export const SHADOW_DAYS = 3; // parallel run: clean days in shadow before a route's first step
export const GATE_MARGIN = 0.005; // roll a route back when its new error rate exceeds the old by this
export const GATE_MIN_REQUESTS = 1_000; // the gate judges a step only after this many requests on the new side
export const FIX_DAYS = 3; // from noticing a defect to its fix in production
export const WRONG_ANSWERS_NOTICED = 5_000; // wrong answers before customers' complaints reach the team
export const MAX_DAYS = 90; // the simulation stops here
export const SEED = 11;
const BOLD_STEPS = [0.5, 1]; // the chapter's exercise: a strangler in a hurry

export type Way = 'big bang' | 'strangler' | 'strangler + parallel run';
export const WAYS: Way[] = ['big bang', 'strangler', 'strangler + parallel run'];

const HOURS_PER_DAY = 24;

interface RouteState {
  route: Route;
  /** -2 waiting, -1 in shadow, 0.. index into STEPS (or the whole switch for the big bang). */
  stage: number;
  hoursInStage: number;
  /** The defect is still in the code. */
  defective: boolean;
  /** Hour at which the fix reaches production, once someone has noticed the defect. */
  fixAt: number;
  wrongAnswersSeen: number;
  /** The gate's counts since the route entered its stage. */
  stageRequests: number;
  stageErrors: number;
}

export interface Migration {
  way: Way;
  /** The first day served wholly by the new system, defects fixed; Infinity if not by MAX_DAYS. */
  doneDay: number;
  /** Requests that failed because of a defect in the new code (on top of the old error rate). */
  defectErrors: number;
  /** Requests that succeeded with a wrong answer. */
  wrongAnswers: number;
  rollbacks: number;
  /** Requests the new side served twice over in shadow: the parallel run's extra load. */
  shadowRequests: number;
  /** Per day: the share of all traffic on the new system and the defects' bad answers. */
  days: { day: number; shareOnNew: number; badAnswers: number }[];
}

/** The share of a route's traffic the new side serves in a stage. */
function shareOnNew(way: Way, stage: number, steps = STEPS): number {
  if (stage < 0) return 0;
  return way === 'big bang' ? 1 : steps[stage];
}

/** Failed requests among `requests` at `errorRate`: a binomial draw, by its normal approximation. */
function failures(random: Random, requests: number, errorRate: number): number {
  const mean = requests * errorRate;
  return Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean * (1 - errorRate)))));
}

/** The gate: has the new side's error rate in this stage exceeded the old one's by the margin? */
function gateTrips(state: RouteState): boolean {
  return state.stageRequests >= GATE_MIN_REQUESTS && state.stageErrors / state.stageRequests > OLD_ERROR_RATE + GATE_MARGIN;
}

/** Enter a stage: the gate starts counting afresh. */
function enter(state: RouteState, stage: number): void {
  state.stage = stage;
  state.hoursInStage = 0;
  state.stageRequests = 0;
  state.stageErrors = 0;
}

/** A defect noticed: roll the route back (all routes, for a big bang) and start the fix. */
function notice(way: Way, states: RouteState[], state: RouteState, hour: number): number {
  if (state.fixAt === Infinity) state.fixAt = hour + FIX_DAYS * HOURS_PER_DAY;
  const rolledBack = way === 'big bang' ? states.filter((s) => s.stage >= 0) : state.stage >= 0 ? [state] : [];
  for (const s of rolledBack) enter(s, -2);
  return rolledBack.length > 0 ? 1 : 0;
}

export function migrate(way: Way, seed = SEED, steps = STEPS): Migration {
  const random = new Random(seed);
  const states: RouteState[] = ROUTES.map((route) => ({ route, stage: -2, hoursInStage: 0, defective: !!route.defect, fixAt: Infinity, wrongAnswersSeen: 0, stageRequests: 0, stageErrors: 0 }));
  const result: Migration = { way, doneDay: Infinity, defectErrors: 0, wrongAnswers: 0, rollbacks: 0, shadowRequests: 0, days: [] };
  const usesShadow = way === 'strangler + parallel run';
  let todayBad = 0;
  let todayOnNew = 0;

  for (let hour = 0; hour < MAX_DAYS * HOURS_PER_DAY; hour++) {
    for (const s of states) if (s.defective && hour >= s.fixAt) s.defective = false;

    // Start the next move: every route at once (big bang), else one route at a time, the next
    // one not waiting for a fix, once no other route is part-way through its steps.
    const ready = states.filter((s) => s.stage === -2 && !(s.defective && s.fixAt !== Infinity));
    if (way === 'big bang') {
      if (ready.length === states.length) for (const s of states) enter(s, 0);
    } else if (ready.length > 0 && !states.some((s) => s.stage >= -1 && s.stage < steps.length - 1)) {
      enter(ready[0], usesShadow ? -1 : 0);
    }

    for (const s of states) {
      const routeRequests = (DAILY_REQUESTS * s.route.share) / HOURS_PER_DAY;
      const errorDefect = s.defective && s.route.defect?.kind === 'error' ? s.route.defect.rate : 0;
      const wrongDefect = s.defective && s.route.defect?.kind === 'wrong answer' ? s.route.defect.rate : 0;

      if (s.stage === -1) {
        // Parallel run: the new side answers a copy of every request; the façade compares.
        result.shadowRequests += routeRequests;
        if (errorDefect > 0 || wrongDefect > 0) {
          enter(s, -2); // back to waiting until the fix, then in shadow again
          if (s.fixAt === Infinity) s.fixAt = hour + FIX_DAYS * HOURS_PER_DAY;
        } else if (++s.hoursInStage >= SHADOW_DAYS * HOURS_PER_DAY) {
          enter(s, 0);
        }
        continue;
      }
      if (s.stage < 0) continue;

      const onNew = routeRequests * shareOnNew(way, s.stage, steps);
      todayOnNew += onNew;
      const errors = onNew * errorDefect;
      const wrong = onNew * wrongDefect;
      result.defectErrors += errors;
      result.wrongAnswers += wrong;
      todayBad += errors + wrong;
      s.wrongAnswersSeen += wrong;
      s.stageRequests += onNew;
      s.stageErrors += failures(random, onNew, OLD_ERROR_RATE + errorDefect);

      if (gateTrips(s) || s.wrongAnswersSeen >= WRONG_ANSWERS_NOTICED) {
        s.wrongAnswersSeen = 0;
        result.rollbacks += notice(way, states, s, hour);
        continue;
      }
      if (way !== 'big bang' && s.stage < steps.length - 1 && ++s.hoursInStage >= DAYS_PER_STEP * HOURS_PER_DAY) {
        enter(s, s.stage + 1);
      }
    }

    if ((hour + 1) % HOURS_PER_DAY === 0) {
      const day = (hour + 1) / HOURS_PER_DAY;
      result.days.push({ day, shareOnNew: todayOnNew / DAILY_REQUESTS, badAnswers: todayBad });
      // Done: the first day served wholly by the new side, with every defect fixed.
      const allDay = todayOnNew >= DAILY_REQUESTS * (1 - 1e-9) && states.every((s) => !s.defective);
      if (allDay && result.doneDay === Infinity) result.doneDay = day;
      todayBad = 0;
      todayOnNew = 0;
    }
  }
  result.defectErrors = Math.round(result.defectErrors);
  result.wrongAnswers = Math.round(result.wrongAnswers);
  result.shadowRequests = Math.round(result.shadowRequests);
  return result;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const dayOf = (d: number) => (Number.isFinite(d) ? `day ${d}` : `not by day ${MAX_DAYS}`);
const percent = (x: number) => `${Number((x * 100).toPrecision(2))}%`;

/** The figures chapter 07 shows. */
export function facts() {
  const [bigBang, strangler, parallel] = WAYS.map((w) => migrate(w));
  const bold = migrate('strangler', SEED, BOLD_STEPS);
  return {
    dailyRequests: count(DAILY_REQUESTS),
    steps: STEPS.map(percent).join(', '),
    firstStep: percent(STEPS[0]),
    routes: ROUTES.length,
    daysPerStep: DAYS_PER_STEP,
    shadowDays: SHADOW_DAYS,
    fixDays: FIX_DAYS,
    wrongAnswersNoticed: count(WRONG_ANSWERS_NOTICED),
    searchErrorRate: percent(ROUTES.find((r) => r.name === 'search')!.defect!.rate),
    checkoutWrongRate: percent(ROUTES.find((r) => r.name === 'checkout')!.defect!.rate),
    bigBangDone: dayOf(bigBang.doneDay),
    stranglerDone: dayOf(strangler.doneDay),
    parallelDone: dayOf(parallel.doneDay),
    bigBangErrors: count(bigBang.defectErrors),
    stranglerErrors: count(strangler.defectErrors),
    parallelErrors: count(parallel.defectErrors),
    bigBangWrong: count(bigBang.wrongAnswers),
    stranglerWrong: count(strangler.wrongAnswers),
    parallelWrong: count(parallel.wrongAnswers),
    bigBangRollbacks: bigBang.rollbacks,
    stranglerRollbacks: strangler.rollbacks,
    shadowRequests: count(parallel.shadowRequests),
    shadowDaysOfTraffic: (parallel.shadowRequests / DAILY_REQUESTS).toFixed(1),
    bigBangFinishesFirst: bigBang.doneDay < strangler.doneDay && strangler.doneDay <= parallel.doneDay,
    stranglerCutsErrors: strangler.defectErrors * 10 < bigBang.defectErrors,
    gateMissesWrongAnswers: strangler.wrongAnswers >= WRONG_ANSWERS_NOTICED && strangler.wrongAnswers >= 0.5 * bigBang.wrongAnswers,
    // The exercise: skip the 1% and 10% steps.
    boldSteps: BOLD_STEPS.map(percent).join(', '),
    boldStranglerErrors: count(bold.defectErrors),
    boldStranglerDone: dayOf(bold.doneDay),
    boldCostsMore: bold.defectErrors > 5 * strangler.defectErrors && bold.doneDay < strangler.doneDay,
    parallelRunShowsUsersNoDefect: parallel.defectErrors === 0 && parallel.wrongAnswers === 0,
  };
}

export default function main(): void {
  const migrations = WAYS.map((w) => migrate(w));
  // Chart the days until the slowest way is done, and a few more.
  const lastDay = Math.min(MAX_DAYS, Math.max(...migrations.map((m) => (Number.isFinite(m.doneDay) ? m.doneDay : MAX_DAYS))) + 3);
  const shown = (m: Migration) => m.days.filter((d) => d.day <= lastDay);
  show(
    table(
      ['way', 'all traffic on the new side', 'failed requests (defects)', 'wrong answers', 'rollbacks', 'extra requests (shadow)'],
      migrations.map((m) => [m.way, dayOf(m.doneDay), count(m.defectErrors), count(m.wrongAnswers), m.rollbacks, count(m.shadowRequests)]),
      `${ROUTES.length} routes, ${count(DAILY_REQUESTS)} requests a day; steps ${STEPS.map(percent).join(' → ')}, ${DAYS_PER_STEP} days each`,
    ),
    lineChart(
      'Share of traffic on the new system',
      { label: 'day' },
      { label: 'share on the new system', unit: '%' },
      migrations.map((m) => ({ name: m.way, points: shown(m).map((d) => [d.day, Math.round(d.shareOnNew * 1000) / 10] as [number, number]) })),
      'The big bang jumps to all traffic at once and drops back to none at each rollback; the strangler climbs route by route in steps; with a parallel run each route first waits in shadow, so the climb starts later but never drops.',
    ),
    lineChart(
      'Bad answers users received each day, from the defects',
      { label: 'day' },
      { label: 'failed or wrong answers', unit: 'requests' },
      migrations.map((m) => ({ name: m.way, points: shown(m).map((d) => [d.day, Math.round(d.badAnswers)] as [number, number]) })),
      'The big bang serves thousands of bad answers in its first days; the strangler serves few errors but as many wrong answers as it takes customers to notice; the parallel run serves none.',
    ),
  );
}
