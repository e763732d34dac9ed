/**
 * A decision guide: from your measured signals to the book's next step, and why.
 *
 * Put your own numbers in YOUR_SIGNALS and run. The guide checks each signal against a limit,
 * most urgent first (a system that breaks its promise to users comes before one that will be
 * too small next year), and names the chapter whose technique answers the signal that fired.
 * When nothing fires, the answer is to stay where you are and measure again: the phases are
 * not a ladder to climb.
 *
 * The limits on traffic, team size and spend come from the book's phase table
 * (examples/00-introduction/phases.ts), copied here because an example imports only the kit;
 * the test checks the copy.
 */
import { show, table } from '../sim';

export interface Signals {
  /** Requests a second at the busiest minute of the day. */
  peakRequestsPerSecond: number;
  /** Utilisation of the busiest resource (CPU, disk, connections) at that peak, 0 to 1. */
  peakUtilisation: number;
  /** Utilisation averaged over the whole day, 0 to 1. */
  averageUtilisation: number;
  /** Share of the error budget spent over the last 30 days: 1 means all of it. */
  errorBudgetSpent: number;
  /** Deployments to production a week. */
  deploysPerWeek: number;
  /** Days from a change committed to it running in production (the median). */
  leadTimeDays: number;
  /** Engineers who change the system. */
  engineers: number;
  /** Infrastructure bill, US dollars a month. */
  monthlySpendUsd: number;
}

/** Your numbers: measure them, then run. */
export const YOUR_SIGNALS: Signals = {
  peakRequestsPerSecond: 1_800,
  peakUtilisation: 0.55,
  averageUtilisation: 0.3,
  errorBudgetSpent: 0.6,
  deploysPerWeek: 1,
  leadTimeDays: 12,
  engineers: 45,
  monthlySpendUsd: 18_000,
};

// From the phase table (examples/00-introduction/phases.ts).
export const ONE_MACHINE_PEAK_RPS = 23; // the single-node phase's highest peak, requests a second
export const CLUSTER_MOST_ENGINEERS = 30; // the cluster phase's largest team: one codebase, one release
export const CLUSTER_PEAK_RPS = 2_300; // the cluster phase's highest peak
export const DISTRIBUTED_SPEND_FROM_USD = 20_000; // a month: where the distributed phase's bill starts

// Limits of the book's own making: change them if your system differs.
export const SATURATION = 0.7; // peak utilisation where queueing delay climbs steeply (chapter 01)
export const IDLE = 0.35; // average utilisation below which most of what you pay for sits idle (chapter 04)
export const BUDGET_LIMIT = 1; // all of the error budget spent: reliability work comes first
export const SLOW_LEAD_TIME_DAYS = 7; // a week from commit to production
export const RARE_DEPLOYS_PER_WEEK = 1; // fewer than this: releases are events, not routine

export interface Step {
  /** What fired. */
  signal: string;
  /** The book's answer. */
  step: string;
  /** Where the book teaches it. */
  chapter: string;
  why: string;
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Every step the signals call for, most urgent first. */
export function nextSteps(s: Signals): Step[] {
  const steps: Step[] = [];
  if (s.errorBudgetSpent >= BUDGET_LIMIT) {
    steps.push({
      signal: `error budget ${percent(s.errorBudgetSpent)} spent`,
      step: 'Stop shipping features to the service that burns it; fix its top causes of failure',
      chapter: '07 Evolution in practice (error budgets); 02 Cluster (failover); 03 Distributed cluster (timeouts, retries, breakers)',
      why: 'users already feel the failures; every other step adds change, and change is what spends budget',
    });
  }
  if (s.peakUtilisation >= SATURATION) {
    const oneBox = s.peakRequestsPerSecond <= ONE_MACHINE_PEAK_RPS;
    steps.push({
      signal: `peak utilisation ${percent(s.peakUtilisation)}`,
      step: oneBox ? 'Split the database off, put a cache in front of it, then add a second machine' : 'Scale out: more identical nodes behind the load balancer, read replicas, a shared cache',
      chapter: oneBox ? '01 Single node; 02 Cluster' : '02 Cluster',
      why: `past ${percent(SATURATION)} at the peak, waiting time grows faster than load: the next busy day breaks the latency target`,
    });
  }
  if (s.peakRequestsPerSecond > CLUSTER_PEAK_RPS) {
    steps.push({
      signal: `peak ${count(s.peakRequestsPerSecond)} requests a second`,
      step: 'Shard the data and split the hottest domain into its own service',
      chapter: '03 Distributed cluster',
      why: `above the cluster phase's ${count(CLUSTER_PEAK_RPS)} requests a second, one primary database takes every write`,
    });
  }
  const slowDelivery = s.leadTimeDays > SLOW_LEAD_TIME_DAYS || s.deploysPerWeek < RARE_DEPLOYS_PER_WEEK;
  if (slowDelivery && s.engineers > CLUSTER_MOST_ENGINEERS) {
    steps.push({
      signal: `${count(s.engineers)} engineers, lead time ${s.leadTimeDays} days`,
      step: 'Split by business domain: stream-aligned teams, each owning a service it deploys alone',
      chapter: '03 Distributed cluster; 05 Beyond technology (teams)',
      why: `more than the cluster phase's ${CLUSTER_MOST_ENGINEERS} engineers queue for one release: coordination, not machines, is the bottleneck`,
    });
  } else if (slowDelivery) {
    steps.push({
      signal: `lead time ${s.leadTimeDays} days, ${s.deploysPerWeek} deploys a week`,
      step: 'Fix the delivery pipeline, not the architecture: automated tests, small changes, continuous delivery',
      chapter: '05 Beyond technology (DORA measures)',
      why: `${count(s.engineers)} engineers can share one codebase; services would add coordination without removing any`,
    });
  }
  if (s.monthlySpendUsd >= DISTRIBUTED_SPEND_FROM_USD && s.averageUtilisation < IDLE) {
    steps.push({
      signal: `$${count(s.monthlySpendUsd)} a month at ${percent(s.averageUtilisation)} average utilisation`,
      step: 'Autoscale, and move spiky or rare work to serverless functions',
      chapter: '04 Cloud native',
      why: `a bill past $${count(DISTRIBUTED_SPEND_FROM_USD)} a month, mostly idle, is a cost a team can win back`,
    });
  }
  return steps;
}

/** The guide's one answer: the most urgent step, or staying put. */
export function nextStep(s: Signals): Step {
  return (
    nextSteps(s)[0] ?? {
      signal: 'nothing past its limit',
      step: 'Stay where you are, and measure again next quarter',
      chapter: '07 Evolution in practice',
      why: 'every step costs months of a team; take one only when a signal says the current design is running out',
    }
  );
}

/** Each signal against its limit, for the table. */
export function verdicts(s: Signals): [string, string, string, string][] {
  const check = (fired: boolean) => (fired ? 'past the limit' : 'fine');
  return [
    ['error budget spent (30 days)', percent(s.errorBudgetSpent), `${percent(BUDGET_LIMIT)}`, check(s.errorBudgetSpent >= BUDGET_LIMIT)],
    ['peak utilisation', percent(s.peakUtilisation), percent(SATURATION), check(s.peakUtilisation >= SATURATION)],
    ['peak requests a second', count(s.peakRequestsPerSecond), count(CLUSTER_PEAK_RPS), check(s.peakRequestsPerSecond > CLUSTER_PEAK_RPS)],
    ['lead time, days', `${s.leadTimeDays}`, `${SLOW_LEAD_TIME_DAYS}`, check(s.leadTimeDays > SLOW_LEAD_TIME_DAYS)],
    ['deploys a week', `${s.deploysPerWeek}`, `${RARE_DEPLOYS_PER_WEEK}`, check(s.deploysPerWeek < RARE_DEPLOYS_PER_WEEK)],
    ['engineers', count(s.engineers), count(CLUSTER_MOST_ENGINEERS), check(s.engineers > CLUSTER_MOST_ENGINEERS)],
    ['average utilisation (if the bill is large)', percent(s.averageUtilisation), percent(IDLE), check(s.monthlySpendUsd >= DISTRIBUTED_SPEND_FROM_USD && s.averageUtilisation < IDLE)],
  ];
}

/** Typical companies of the book's phases, for the test and the chapter: where does the guide send each? */
export const PHASE_COMPANIES: Record<string, Signals> = {
  'a start-up on one machine, busy days are slow': { peakRequestsPerSecond: 20, peakUtilisation: 0.8, averageUtilisation: 0.3, errorBudgetSpent: 0.4, deploysPerWeek: 10, leadTimeDays: 1, engineers: 4, monthlySpendUsd: 300 },
  'a cluster whose release train is slow': { peakRequestsPerSecond: 900, peakUtilisation: 0.5, averageUtilisation: 0.3, errorBudgetSpent: 0.5, deploysPerWeek: 0.5, leadTimeDays: 14, engineers: 45, monthlySpendUsd: 15_000 },
  'services that break their promises': { peakRequestsPerSecond: 12_000, peakUtilisation: 0.6, averageUtilisation: 0.4, errorBudgetSpent: 1.8, deploysPerWeek: 40, leadTimeDays: 2, engineers: 200, monthlySpendUsd: 150_000 },
  'a large bill for idle machines': { peakRequestsPerSecond: 1_500, peakUtilisation: 0.5, averageUtilisation: 0.15, errorBudgetSpent: 0.3, deploysPerWeek: 30, leadTimeDays: 1, engineers: 60, monthlySpendUsd: 120_000 },
  'a healthy cluster': { peakRequestsPerSecond: 600, peakUtilisation: 0.45, averageUtilisation: 0.4, errorBudgetSpent: 0.3, deploysPerWeek: 15, leadTimeDays: 1, engineers: 12, monthlySpendUsd: 6_000 },
};

/** The figures chapter 07 shows. */
export function facts() {
  const yours = nextStep(YOUR_SIGNALS);
  const of = (name: string) => nextStep(PHASE_COMPANIES[name]);
  return {
    yourStep: yours.step,
    yourChapter: yours.chapter,
    yourEngineers: YOUR_SIGNALS.engineers,
    yourLeadTime: `${YOUR_SIGNALS.leadTimeDays} days`,
    yourStepCount: nextSteps(YOUR_SIGNALS).length,
    saturation: percent(SATURATION),
    slowLeadTime: `${SLOW_LEAD_TIME_DAYS} days`,
    clusterMostEngineers: CLUSTER_MOST_ENGINEERS,
    clusterPeak: `${count(CLUSTER_PEAK_RPS)} requests a second`,
    distributedSpendFrom: `$${count(DISTRIBUTED_SPEND_FROM_USD)} a month`,
    idle: percent(IDLE),
    budgetFirst: of('services that break their promises').chapter.startsWith('07'),
    healthyStays: of('a healthy cluster').step.startsWith('Stay'),
    smallTeamFixesPipeline: nextStep({ ...PHASE_COMPANIES['a healthy cluster'], leadTimeDays: 14 }).chapter.startsWith('05'),
    bigTeamSplits: of('a cluster whose release train is slow').chapter.startsWith('03'),
  };
}

export default function main(): void {
  const steps = nextSteps(YOUR_SIGNALS);
  const answer = nextStep(YOUR_SIGNALS);
  show(
    table(['signal', 'yours', 'limit', 'verdict'], verdicts(YOUR_SIGNALS), 'Your signals against the limits'),
    table(
      ['', 'signal', 'next step', 'chapter', 'why'],
      (steps.length > 0 ? steps : [answer]).map((s, i) => [i === 0 ? 'first' : 'then', s.signal, s.step, s.chapter, s.why]),
      'What the signals call for, most urgent first',
    ),
    table(
      ['company', 'next step', 'chapter'],
      Object.entries(PHASE_COMPANIES).map(([name, signals]) => [name, nextStep(signals).step, nextStep(signals).chapter]),
      'The same guide for typical companies of the book',
    ),
  );
}
