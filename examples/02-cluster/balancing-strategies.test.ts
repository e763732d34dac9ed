import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, clusters, arrivalRate, facts, STRATEGIES, NODES, SLOW_NODE_SPEED, UTILISATION } from './balancing-strategies';

const [identical, uneven] = clusters();
const same = Object.fromEntries(STRATEGIES.map((s) => [s, simulate(s, identical.speeds)]));
const slow = Object.fromEntries(STRATEGIES.map((s) => [s, simulate(s, uneven.speeds)]));

describe('balancing strategies on identical and uneven nodes', () => {
  it('offers the load the prose quotes', () => {
    expect(Math.round(arrivalRate(identical.speeds))).toBe(706);
    expect(Math.round(arrivalRate(uneven.speeds))).toBe(647);
  });

  it('identical nodes: least connections and two choices cut p99 to well under half of round robin', () => {
    expect(Math.round(same.roundRobin.p99Ms)).toBe(268);
    expect(Math.round(same.random.p99Ms)).toBe(334);
    expect(Math.round(same.leastConnections.p99Ms)).toBe(116);
    expect(Math.round(same.powerOfTwoChoices.p99Ms)).toBe(120);
    expect(same.roundRobin.maxAtOneNode).toBe(46);
    expect(same.leastConnections.maxAtOneNode).toBe(7);
    expect(same.powerOfTwoChoices.p99Ms).toBeLessThan(same.roundRobin.p99Ms / 2);
  });

  it('one slow node: round robin overloads it, load-aware strategies route around it', () => {
    // Round robin offers the slow node a sixth of the load; it has 0.5/5.5 of the capacity.
    const offered = (UTILISATION * (1 / NODES)) / (SLOW_NODE_SPEED / (NODES - 1 + SLOW_NODE_SPEED));
    expect(Math.round(offered * 100)).toBe(128);
    expect(Math.round((100 * SLOW_NODE_SPEED) / (NODES - 1 + SLOW_NODE_SPEED) * 10) / 10).toBe(9.1);
    expect((slow.roundRobin.p99Ms / 1000).toFixed(1)).toBe('7.0');
    expect(slow.roundRobin.maxAtOneNode).toBe(709);
    expect(Math.round(slow.leastConnections.p99Ms)).toBe(144);
    expect(Math.round(slow.powerOfTwoChoices.p99Ms)).toBe(153);
    expect((slow.roundRobin.lastNodeShare * 100).toFixed(1)).toBe('16.7');
    expect((slow.leastConnections.lastNodeShare * 100).toFixed(1)).toBe('10.2');
    for (const strategy of ['leastConnections', 'powerOfTwoChoices'] as const) {
      expect(slow[strategy].p99Ms).toBeLessThan(slow.roundRobin.p99Ms / 20);
    }
  });

  it('answers the exercise: at 50% load round robin no longer overloads the slow node, but its p99 is still three times higher', () => {
    const offered = (0.5 * (1 / NODES)) / (SLOW_NODE_SPEED / (NODES - 1 + SLOW_NODE_SPEED));
    expect(Math.round(offered * 100)).toBe(92);
    const roundRobin = simulate('roundRobin', uneven.speeds, 0.5);
    const least = simulate('leastConnections', uneven.speeds, 0.5);
    expect(Math.round(roundRobin.p99Ms)).toBe(469);
    expect(Math.round(least.p99Ms)).toBe(144);
    expect(roundRobin.p99Ms / least.p99Ms).toBeGreaterThan(3);
  });

  it('prints two tables and a chart, deterministically', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'table', 'chart']);
    expect(shown[0].title).toBe('identical nodes: 706 requests/s, 70% of capacity');
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.loadAwareHalvesP99).toBe(true);
    expect(f.loadAwareRouteAround).toBe(true);
    expect(f.calmerRoundRobinStillThreeTimes).toBe(true);
  });
});
