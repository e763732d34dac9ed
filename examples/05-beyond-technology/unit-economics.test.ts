import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import { PHASES as BOOK_PHASES, REQUESTS_PER_USER_PER_DAY as BOOK_REQUESTS } from '../00-introduction/phases';
import main, { BUSINESS_MODELS, ENGINEER_COST_PER_MONTH_USD, PHASES, REQUESTS_PER_USER_PER_DAY, businessModels, facts, typical, unitCosts } from './unit-economics';

describe('unit economics at each phase', () => {
  const costs = PHASES.map(unitCosts);

  it("copies the book's phase table exactly", () => {
    expect(REQUESTS_PER_USER_PER_DAY).toBe(BOOK_REQUESTS);
    expect(PHASES.map(({ name, dailyUsers, engineers, monthlySpendUsd }) => ({ name, dailyUsers, engineers, monthlySpendUsd }))).toEqual(
      BOOK_PHASES.map(({ name, dailyUsers, engineers, monthlySpendUsd }) => ({ name, dailyUsers, engineers, monthlySpendUsd })),
    );
  });

  it('takes the geometric middle of a range: a tenfold range is centred at its square root', () => {
    expect(typical([1_000, 10_000])).toBeCloseTo(3162.28, 2);
    expect(typical([5, 30])).toBeCloseTo(Math.sqrt(150), 9);
  });

  it('divides the bill by the units it serves', () => {
    const single = costs[0];
    // $158 a month over 3,162 users × 20 requests × 30 days = 1.9M requests.
    expect(single.infraPerMillionRequests).toBeCloseTo(single.infraPerMonth / (single.users * 600 / 1e6), 9);
    expect(single.infraPerMillionRequests).toBeCloseTo(83.33, 2);
    expect(single.peoplePerUserMonth).toBeCloseTo((Math.sqrt(5) * ENGINEER_COST_PER_MONTH_USD) / single.users, 9);
    expect(single.infraPerOrder).toBeCloseTo(single.infraPerUserMonth * 2, 9); // one order every other month
  });

  it('says the claims the chapter makes', () => {
    const f = facts();
    expect(f.peopleCostMoreEverywhere).toBe(true);
    expect(f.infraPerUserFallsWithScale).toBe(true);
    expect(f.infraShareGrows).toBe(true);
    expect(f.billCutPaysOnlyAtScale).toBe(true);
    expect(f.adsMostExposed).toBe(true);
    expect(f.nobodyBreaksEvenOnOneBox).toBe(true);
    expect(f.singleInfraShare).toBe('0.5%');
    expect(f.cloudBillCutEngineerMonths).toBe('36 engineer-months');
  });

  it('finds the advertising model the most exposed to the bill, because it earns least per user', () => {
    const models = businessModels(costs);
    const least = [...BUSINESS_MODELS].sort((a, b) => a.revenuePerUserMonthUsd - b.revenuePerUserMonthUsd)[0];
    expect(least.name).toBe('advertising');
    for (const phase of PHASES) {
      const atPhase = models.filter((m) => m.phase === phase.name);
      const worst = atPhase.reduce((a, b) => (b.infraShareOfRevenue > a.infraShareOfRevenue ? b : a));
      expect(worst.model).toBe('advertising');
    }
  });

  it('shows two tables and a bar per phase', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'table', 'chart']);
    expect(shown[0].rows).toHaveLength(PHASES.length);
    expect(shown[1].rows).toHaveLength(PHASES.length * BUSINESS_MODELS.length);
    expect(shown[2].categories).toEqual(PHASES.map((p) => p.name));
  });
});
