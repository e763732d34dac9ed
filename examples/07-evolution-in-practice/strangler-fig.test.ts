import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import main, { DAILY_REQUESTS, DAYS_PER_STEP, FIX_DAYS, ROUTES, SHADOW_DAYS, STEPS, WRONG_ANSWERS_NOTICED, facts, migrate } from './strangler-fig';

describe('a strangler-fig migration with an error gate and a parallel run', () => {
  const [bigBang, strangler, parallel] = (['big bang', 'strangler', 'strangler + parallel run'] as const).map((w) => migrate(w));
  const hourly = (route: string) => (DAILY_REQUESTS * ROUTES.find((r) => r.name === route)!.share) / 24;

  it('ends with all traffic on the new side, each way, and the defects fixed', () => {
    for (const m of [bigBang, strangler, parallel]) {
      expect(Number.isFinite(m.doneDay)).toBe(true);
      expect(m.days.find((d) => d.day === m.doneDay)!.shareOnNew).toBeCloseTo(1, 9);
    }
  });

  it('takes as long as its schedule says when nothing goes wrong', () => {
    // Without defects, the strangler moves the routes one after the other through every step,
    // and the parallel run adds its days in shadow to each route.
    const clean = ROUTES.map((r) => ({ ...r, defect: undefined }));
    const saved = ROUTES.splice(0, ROUTES.length, ...clean);
    try {
      const perRoute = STEPS.length - 1; // the last step is the end state, not a timed step
      expect(migrate('strangler').doneDay).toBe(ROUTES.length * perRoute * DAYS_PER_STEP + 1);
      expect(migrate('strangler + parallel run').doneDay).toBe(ROUTES.length * (perRoute * DAYS_PER_STEP + SHADOW_DAYS) + 1);
      expect(migrate('big bang').doneDay).toBe(1);
    } finally {
      ROUTES.splice(0, ROUTES.length, ...saved);
    }
  });

  it('exposes as many requests to a defect as the gate needs to judge: a bolder first step exposes more', () => {
    const bold = migrate('strangler', undefined, [0.5, 1]);
    // Within the first hour at 50%, the gate has its 1,000 requests and trips.
    expect(bold.defectErrors).toBe(Math.round(hourly('search') * 0.5 * 0.04));
  });

  it('lets the big bang expose a whole route to a defect, and the strangler only its first step', () => {
    // The gate needs its minimum of requests: one hour at full traffic, a few hours at 1%.
    expect(bigBang.defectErrors).toBe(Math.round(hourly('search') * 0.04));
    expect(strangler.defectErrors).toBeLessThan(hourly('search') * STEPS[0] * 0.04 * 6);
    expect(strangler.defectErrors * 10).toBeLessThan(bigBang.defectErrors);
  });

  it('cannot see a wrong answer with an error gate: customers notice it, however slow the ramp', () => {
    expect(bigBang.wrongAnswers).toBeGreaterThanOrEqual(WRONG_ANSWERS_NOTICED);
    expect(strangler.wrongAnswers).toBeGreaterThanOrEqual(WRONG_ANSWERS_NOTICED);
  });

  it('finds both defects in shadow, so users see neither, for the cost of serving each route twice', () => {
    expect(parallel.defectErrors).toBe(0);
    expect(parallel.wrongAnswers).toBe(0);
    expect(parallel.rollbacks).toBe(0);
    // Every route is shadowed for SHADOW_DAYS, and each defective route once more after its fix.
    // A defect shows in the first hour of shadow, so each defective route adds one hour.
    expect(parallel.shadowRequests).toBe(Math.round(DAILY_REQUESTS * SHADOW_DAYS + hourly('search') + hourly('checkout')));
    expect(parallel.doneDay).toBeGreaterThan(strangler.doneDay);
  });

  it('says the claims the chapter makes', () => {
    const f = facts();
    expect(f.bigBangFinishesFirst).toBe(true);
    expect(f.stranglerCutsErrors).toBe(true);
    expect(f.gateMissesWrongAnswers).toBe(true);
    expect(f.parallelRunShowsUsersNoDefect).toBe(true);
    // The exercise: straight to 50% finishes sooner and exposes ten times the requests to the defect.
    expect(f.boldCostsMore).toBe(true);
    expect(f.fixDays).toBe(FIX_DAYS);
  });

  it('shows a table and two charts, each chart with a summary', async () => {
    const shown = await captureShown(main);
    expect(shown.filter((d) => d.kind === 'table')).toHaveLength(1);
    const charts = shown.filter((d) => d.kind === 'chart');
    expect(charts).toHaveLength(2);
    for (const c of charts) expect(c.summary).toBeTruthy();
  });
});
