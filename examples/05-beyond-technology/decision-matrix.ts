/**
 * A weighted decision matrix for a technology choice, and how fragile its answer is.
 *
 * The decision: the cluster's one PostgreSQL primary will run out of write capacity within a
 * year. Score each option from 1 (poor) to 5 (good) on each criterion, weigh the criteria
 * from 0 to 10 by what matters to you, and the matrix ranks the options. Then it asks the
 * question a matrix usually hides: how much would one weight have to change for another
 * option to win? A choice that flips when a weight moves by one is a coin toss in a
 * spreadsheet; a choice that survives any single weight from 0 to 10 is robust.
 *
 * The scores below are one team's judgement, not facts about the products: a team that has
 * run CockroachDB for years would score "team skills" differently. Fill in your own.
 */
import { show, table, lineChart } from '../sim';

/** What matters, and how much (0 to 10). */
export const CRITERIA: { name: string; weight: number }[] = [
  { name: 'maturity', weight: 3 }, // years in production at many companies; known failure modes
  { name: 'team skills', weight: 4 }, // how well the team already knows it (and can hire for it)
  { name: 'operational cost', weight: 3 }, // people and money to run it, per month
  { name: 'reversibility', weight: 3 }, // cost of changing your mind later: data model, lock-in
  { name: 'headroom', weight: 4 }, // how far it carries the write load without another migration
];

/** Each option's score on each criterion, in the order of CRITERIA, from 1 (poor) to 5 (good). */
export const OPTIONS: { name: string; scores: number[] }[] = [
  { name: 'bigger PostgreSQL, partitioned', scores: [5, 5, 4, 5, 2] },
  { name: 'sharded PostgreSQL (Citus)', scores: [4, 4, 3, 4, 4] },
  { name: 'distributed SQL (CockroachDB)', scores: [3, 2, 3, 2, 5] },
  { name: 'key-value store (DynamoDB)', scores: [5, 2, 4, 1, 5] },
];

export const WEIGHT_RANGE: [number, number] = [0, 10];

export interface Ranked {
  name: string;
  /** Weighted mean score, 1 to 5. */
  score: number;
}

/** Options ranked by their weighted mean score, best first. */
export function rank(weights: number[] = CRITERIA.map((c) => c.weight), options = OPTIONS): Ranked[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error('decision matrix: give at least one criterion a weight above 0');
  options.forEach((option) => {
    if (option.scores.length !== weights.length) throw new Error(`decision matrix: '${option.name}' needs ${weights.length} scores, one per criterion (it has ${option.scores.length})`);
  });
  return options
    .map((option) => ({ name: option.name, score: option.scores.reduce((sum, s, i) => sum + s * weights[i], 0) / total }))
    .sort((a, b) => b.score - a.score);
}

export interface Flip {
  criterion: string;
  weight: number;
  /** The weight at which another option ties the winner, in the direction that flips it; undefined if no weight in WEIGHT_RANGE does. */
  flipsAt?: number;
  /** Who wins beyond that weight. */
  newWinner?: string;
}

/**
 * For each criterion, the nearest weight (others unchanged) at which another option catches up.
 * Weighted sums share a denominator, so option o catches winner w when
 * Σ weights·(w − o) + δ·(w_j − o_j) = 0: δ = −gap / (w_j − o_j).
 */
export function sensitivity(weights: number[] = CRITERIA.map((c) => c.weight), options = OPTIONS): Flip[] {
  const winner = options.find((o) => o.name === rank(weights, options)[0].name)!;
  return CRITERIA.map((criterion, j) => {
    let best: { delta: number; name: string } | undefined;
    for (const other of options) {
      if (other === winner) continue;
      const gap = winner.scores.reduce((sum, s, i) => sum + weights[i] * (s - other.scores[i]), 0);
      const slope = winner.scores[j] - other.scores[j];
      if (slope === 0) continue;
      const delta = -gap / slope;
      const weight = weights[j] + delta;
      // A tie at the end of the range is not a flip: no weight in the range puts the other ahead.
      if (weight <= WEIGHT_RANGE[0] || weight >= WEIGHT_RANGE[1]) continue;
      if (!best || Math.abs(delta) < Math.abs(best.delta)) best = { delta, name: other.name };
    }
    if (!best) return { criterion: criterion.name, weight: weights[j] };
    // Several options may tie at that weight: the new winner is whoever leads just past it.
    const flipsAt = weights[j] + best.delta;
    const past = weights.map((w, i) => (i === j ? flipsAt + Math.sign(best!.delta) * 1e-6 : w));
    return { criterion: criterion.name, weight: weights[j], flipsAt, newWinner: rank(past, options)[0].name };
  });
}

/**
 * Each option's score minus today's winner's, as one criterion's weight sweeps the whole range
 * in steps of a half: above zero, that option beats today's choice.
 */
export function sweep(criterionIndex: number, weights: number[] = CRITERIA.map((c) => c.weight)): { name: string; points: [number, number][] }[] {
  const today = rank(weights)[0].name;
  const steps = Array.from({ length: 2 * (WEIGHT_RANGE[1] - WEIGHT_RANGE[0]) + 1 }, (_, i) => WEIGHT_RANGE[0] + i / 2);
  return OPTIONS.map((option) => ({
    name: option.name,
    points: steps.map((w) => {
      const ranked = rank(weights.map((v, i) => (i === criterionIndex ? w : v)));
      const score = (name: string) => ranked.find((r) => r.name === name)!.score;
      return [w, Math.round((score(option.name) - score(today)) * 1000) / 1000] as [number, number];
    }),
  }));
}

const two = (n: number) => n.toFixed(2);

/** The figures chapter 05 shows. */
export function facts() {
  const ranked = rank();
  const flips = sensitivity();
  const nearest = flips.filter((f) => f.flipsAt !== undefined).sort((a, b) => Math.abs(a.flipsAt! - a.weight) - Math.abs(b.flipsAt! - b.weight))[0];
  const headroom = flips.find((f) => f.criterion === 'headroom')!;
  const skills = flips.find((f) => f.criterion === 'team skills')!;
  const skillsAt = CRITERIA.findIndex((c) => c.name === 'team skills');
  const headroomAt = CRITERIA.findIndex((c) => c.name === 'headroom');
  // The exercise: a team that has just hired people who ran distributed SQL elsewhere.
  const hired = OPTIONS.map((o) => (o.name.startsWith('distributed SQL') ? { ...o, scores: o.scores.map((s, i) => (i === skillsAt ? 4 : s)) } : o));
  const hiredRanked = rank(undefined, hired);
  const weightsOf = () => CRITERIA.map((c) => c.weight);
  const maxHeadroom = weightsOf().map((w, i) => (i === headroomAt ? WEIGHT_RANGE[1] : w));
  return {
    winner: ranked[0].name,
    winnerScore: two(ranked[0].score),
    runnerUp: ranked[1].name,
    runnerUpScore: two(ranked[1].score),
    headroomWeight: headroom.weight,
    headroomFlipsAt: headroom.flipsAt!.toFixed(1),
    headroomNewWinner: headroom.newWinner!,
    skillsWeight: skills.weight,
    skillsFlipsAt: skills.flipsAt === undefined ? 'never' : skills.flipsAt.toFixed(1),
    skillsNeverFlipsDown: skills.flipsAt === undefined || skills.flipsAt > skills.weight,
    nearestCriterion: nearest.criterion,
    headroomIsTheHinge: nearest.criterion === 'headroom',
    hiredWinner: hiredRanked[0].name,
    hiredDistributedScore: two(hiredRanked.find((r) => r.name.startsWith('distributed SQL'))!.score),
    hiredStillBoring: hiredRanked[0].name === ranked[0].name,
    maxHeadroomWinner: rank(maxHeadroom)[0].name,
  };
}

export default function main(): void {
  const weights = CRITERIA.map((c) => c.weight);
  const ranked = rank(weights);
  const flips = sensitivity(weights);
  show(
    table(
      ['option', ...CRITERIA.map((c) => `${c.name} (×${c.weight})`), 'weighted score'],
      ranked.map((r) => {
        const option = OPTIONS.find((o) => o.name === r.name)!;
        return [r.name, ...option.scores, two(r.score)];
      }),
      'The matrix: scores from 1 (poor) to 5 (good), weights from 0 to 10, best first',
    ),
    table(
      ['criterion', 'weight now', 'the choice flips at weight', 'and then wins'],
      flips.map((f) => [f.criterion, f.weight, f.flipsAt === undefined ? `never (${WEIGHT_RANGE[0]} to ${WEIGHT_RANGE[1]})` : f.flipsAt.toFixed(1), f.newWinner ?? ranked[0].name]),
      `How robust is "${ranked[0].name}"? Each weight moved alone`,
    ),
  );
  const hinge = flips
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.flipsAt !== undefined)
    .sort((a, b) => Math.abs(a.f.flipsAt! - a.f.weight) - Math.abs(b.f.flipsAt! - b.f.weight))[0];
  if (hinge) {
    show(
      lineChart(
        `Each option against today's choice, as the weight of ${hinge.f.criterion} goes from ${WEIGHT_RANGE[0]} to ${WEIGHT_RANGE[1]}`,
        { label: `weight of ${hinge.f.criterion}` },
        { label: `score minus ${ranked[0].name}'s` },
        sweep(hinge.i, weights),
        `Today's choice is the line at zero; a line above zero beats it. ${hinge.f.newWinner} crosses zero when ${hinge.f.criterion} weighs more than ${hinge.f.flipsAt!.toFixed(1)}.`,
      ),
    );
  }
}
