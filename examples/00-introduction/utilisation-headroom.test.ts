import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { compareTargets, capacityPerServer, fleetFor, facts, MEAN_SERVICE_MS, PEAK_REQUESTS_PER_SECOND } from './utilisation-headroom';
import { estimate } from './capacity-estimator';

const ms = (x: number) => Math.round(x);

describe('utilisation headroom: the same peak on fleets sized for 50%, 70%, 90% and 100%', () => {
  const planned = compareTargets(1);
  const [at50, at70, at90, at100] = planned;

  it('sizes the fleets as the capacity estimator does', () => {
    expect(capacityPerServer()).toBe(100);
    expect([0.5, 0.7, 0.9, 1].map((t) => fleetFor(t))).toEqual([14, 10, 8, 7]);
    expect(planned.map((r) => r.allUp.servers)).toEqual([14, 10, 8, 7]);
  });

  it('gives the p99 figures the prose quotes, all servers up', () => {
    expect(planned.map((r) => ms(r.allUp.p99Ms))).toEqual([183, 191, 262, 907]);
    expect(ms(at100.allUp.medianMs)).toBe(262);
  });

  it('gives the p99 figures the prose quotes, one server down', () => {
    expect(ms(at50.oneDown.p99Ms)).toBe(183);
    expect(ms(at70.oneDown.p99Ms)).toBe(206);
    expect(ms(at90.oneDown.p99Ms)).toBe(907);
    expect(Math.round(at100.oneDown.p99Ms / 100) / 10).toBe(9.8); // seconds
    expect(Math.round(at100.oneDown.utilisation * 100)).toBe(116);
  });

  it('explains the floor: with exponential 40 ms service times, 1 request in 100 takes over 180 ms with no queue', () => {
    const p99ServiceMs = -MEAN_SERVICE_MS * Math.log(0.01);
    expect(p99ServiceMs).toBeGreaterThan(180);
    expect(Math.abs(at50.allUp.p99Ms / p99ServiceMs - 1)).toBeLessThan(0.03); // the 50% fleet barely queues
  });

  it('shows the claim: 70% costs little latency over 50%; 90% and 100% break when one server is lost', () => {
    expect(at70.oneDown.p99Ms / at50.allUp.p99Ms).toBeLessThan(1.2);
    expect(at90.oneDown.p99Ms / at70.oneDown.p99Ms).toBeGreaterThan(4);
    expect(at100.oneDown.p99Ms).toBeGreaterThan(5000);
    // p99 never falls as the fleet shrinks
    const p99s = planned.flatMap((r) => [r.allUp.p99Ms, r.oneDown.p99Ms]);
    for (let i = 1; i < p99s.length; i++) expect(p99s[i]).toBeGreaterThanOrEqual(p99s[i - 1] * 0.98);
  });

  it('answers "Try this": 20% more traffic than planned', () => {
    const [, surge70, surge90] = compareTargets(1.2);
    expect(Math.round(surge70.allUp.utilisation * 100)).toBe(83);
    expect(ms(surge70.allUp.p99Ms)).toBe(257);
    expect(ms(surge70.oneDown.p99Ms)).toBe(369);
    expect(Math.round(surge90.allUp.utilisation * 100)).toBe(104);
    expect(Math.round(surge90.allUp.p99Ms / 1000)).toBe(3); // seconds
  });

  it('prints a table and a bar chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(4);
    expect(shown[1].type).toBe('bar');
  });

  it('starts from the capacity estimator\'s peak', () => {
    expect(PEAK_REQUESTS_PER_SECOND).toBe(Math.round(estimate().peakRequestsPerSecond));
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.at70BarelySlower).toBe(true);
    expect(f.oneDownAt90IsAt100).toBe(true);
    expect(f.at70SurvivesOneDown).toBe(true);
    expect(f.surge70StillServes).toBe(true);
  });
});
