import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import { PHASES, peakRange } from '../00-introduction/phases';
import main, {
  CLUSTER_MOST_ENGINEERS, CLUSTER_PEAK_RPS, DISTRIBUTED_SPEND_FROM_USD, ONE_MACHINE_PEAK_RPS, PHASE_COMPANIES, YOUR_SIGNALS,
  facts, nextStep, nextSteps, verdicts,
} from './decision-guide';

const phase = (key: string) => PHASES.find((p) => p.key === key)!;
const twoFigures = (n: number) => Number(n.toPrecision(2));

describe('the decision guide', () => {
  it("takes its traffic, team and spend limits from the book's phase table", () => {
    expect(ONE_MACHINE_PEAK_RPS).toBe(twoFigures(peakRange(phase('singleNode'))[1]));
    expect(CLUSTER_PEAK_RPS).toBe(twoFigures(peakRange(phase('cluster'))[1]));
    expect(CLUSTER_MOST_ENGINEERS).toBe(phase('cluster').engineers[1]);
    expect(DISTRIBUTED_SPEND_FROM_USD).toBe(phase('distributed').monthlySpendUsd[0]);
  });

  it('puts a spent error budget before everything else', () => {
    const burning = { ...PHASE_COMPANIES['a start-up on one machine, busy days are slow'], errorBudgetSpent: 1.2 };
    expect(nextSteps(burning).length).toBeGreaterThan(1); // saturation fires too
    expect(nextStep(burning).signal).toMatch(/error budget/);
  });

  it('sends a saturated single machine to the first splits, and a saturated cluster to more nodes', () => {
    const oneBox = PHASE_COMPANIES['a start-up on one machine, busy days are slow'];
    expect(nextStep(oneBox).chapter).toMatch(/^01/);
    expect(nextStep({ ...oneBox, peakRequestsPerSecond: 500 }).chapter).toMatch(/^02/);
  });

  it('splits into services only when slow delivery comes with more engineers than one codebase holds', () => {
    const slowCluster = PHASE_COMPANIES['a cluster whose release train is slow'];
    expect(nextStep(slowCluster).chapter).toMatch(/^03/);
    expect(nextStep({ ...slowCluster, engineers: CLUSTER_MOST_ENGINEERS }).chapter).toMatch(/^05/);
    expect(nextStep({ ...slowCluster, leadTimeDays: 2, deploysPerWeek: 5 }).step).toMatch(/^Stay/);
  });

  it('looks at idle capacity only once the bill is large enough to matter', () => {
    const idle = PHASE_COMPANIES['a large bill for idle machines'];
    expect(nextStep(idle).chapter).toMatch(/^04/);
    expect(nextStep({ ...idle, monthlySpendUsd: DISTRIBUTED_SPEND_FROM_USD - 1 }).step).toMatch(/^Stay/);
  });

  it('marks exactly the signals that fire in its table', () => {
    const fired = verdicts(YOUR_SIGNALS).filter(([, , , verdict]) => verdict !== 'fine').length;
    expect(fired).toBeGreaterThanOrEqual(nextSteps(YOUR_SIGNALS).length);
  });

  it('says the claims the chapter makes', () => {
    const f = facts();
    expect(f.budgetFirst).toBe(true);
    expect(f.healthyStays).toBe(true);
    expect(f.smallTeamFixesPipeline).toBe(true);
    expect(f.bigTeamSplits).toBe(true);
    expect(f.yourChapter).toMatch(/^03/);
  });

  it('shows its verdicts, its steps and the typical companies', async () => {
    const shown = await captureShown(main);
    expect(shown.map((d) => d.kind)).toEqual(['table', 'table', 'table']);
    expect(shown[2].rows).toHaveLength(Object.keys(PHASE_COMPANIES).length);
  });
});
