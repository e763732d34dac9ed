import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import main, { CRITERIA, OPTIONS, WEIGHT_RANGE, facts, rank, sensitivity, sweep } from './decision-matrix';

const weights = () => CRITERIA.map((c) => c.weight);
const withWeight = (name: string, weight: number) => CRITERIA.map((c) => (c.name === name ? weight : c.weight));

describe('a weighted decision matrix', () => {
  it('ranks by the weighted mean of the scores', () => {
    const [first] = rank();
    // (3·5 + 4·5 + 3·4 + 3·5 + 4·2) / 17 = 70 / 17
    expect(first.name).toBe('bigger PostgreSQL, partitioned');
    expect(first.score).toBeCloseTo(70 / 17, 12);
  });

  it('is unchanged when every weight is multiplied by the same factor', () => {
    const doubled = weights().map((w) => w * 2);
    expect(rank(doubled).map((r) => r.name)).toEqual(rank().map((r) => r.name));
  });

  it('refuses weights that are all zero and an option with a missing score, saying what to fix', () => {
    expect(() => rank(CRITERIA.map(() => 0))).toThrow(/at least one criterion/);
    expect(() => rank(weights(), [{ name: 'half-scored', scores: [1, 2] }])).toThrow(/'half-scored' needs 5 scores/);
  });

  it('names as the new winner whoever leads just past the flip, when several options tie there', () => {
    // At headroom 8 these three tie: 62 + 2w = 38 + 5w = 46 + 4w; past it DynamoDB, the steepest, leads.
    const tied = [
      { name: 'bigger PostgreSQL, partitioned', scores: [5, 5, 4, 5, 2] },
      { name: 'sharded PostgreSQL (Citus)', scores: [4, 4, 3, 3, 4] },
      { name: 'key-value store (DynamoDB)', scores: [5, 2, 4, 1, 5] },
    ];
    const headroom = sensitivity(weights(), tied).find((f) => f.criterion === 'headroom')!;
    expect(headroom.flipsAt).toBeCloseTo(8, 9);
    expect(headroom.newWinner).toBe('key-value store (DynamoDB)');
  });

  it('finds the weight at which the choice flips, and the choice does flip just past it', () => {
    const headroom = sensitivity().find((f) => f.criterion === 'headroom')!;
    expect(headroom.flipsAt).toBeCloseTo(6.5, 9);
    expect(rank(withWeight('headroom', headroom.flipsAt! - 0.01))[0].name).toBe('bigger PostgreSQL, partitioned');
    expect(rank(withWeight('headroom', headroom.flipsAt! + 0.01))[0].name).toBe(headroom.newWinner);
  });

  it('reports "never" only for criteria that no weight in the range can flip', () => {
    for (const flip of sensitivity()) {
      if (flip.flipsAt !== undefined) continue;
      for (let w = WEIGHT_RANGE[0]; w <= WEIGHT_RANGE[1]; w += 0.25) {
        expect(rank(withWeight(flip.criterion, w))[0].name, `${flip.criterion} at ${w}`).toBe('bigger PostgreSQL, partitioned');
      }
    }
  });

  it('draws the sweep relative to today\'s choice: its own line is zero, a rival above zero wins', () => {
    const lines = sweep(CRITERIA.findIndex((c) => c.name === 'headroom'));
    const today = lines.find((l) => l.name === 'bigger PostgreSQL, partitioned')!;
    expect(today.points.every(([, y]) => y === 0)).toBe(true);
    const citus = lines.find((l) => l.name.startsWith('sharded'))!;
    expect(citus.points.find(([x]) => x === 6)![1]).toBeLessThan(0);
    expect(citus.points.find(([x]) => x === 7)![1]).toBeGreaterThan(0);
  });

  it('says the claims and answers the chapter gives', () => {
    const f = facts();
    expect(f.headroomIsTheHinge).toBe(true);
    expect(f.skillsNeverFlipsDown).toBe(true);
    expect(f.hiredStillBoring).toBe(true);
    expect(f.maxHeadroomWinner).toBe('sharded PostgreSQL (Citus)');
    expect(OPTIONS.every((o) => o.scores.every((s) => s >= 1 && s <= 5))).toBe(true);
  });

  it('shows the matrix, the flips and the sweep', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'table', 'chart']);
    expect(shown[0].rows).toHaveLength(OPTIONS.length);
    expect(shown[1].rows).toHaveLength(CRITERIA.length);
  });
});
