import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, {
  simulate,
  facts,
  CAPACITY_PER_SECOND,
  NORMAL_RATE_PER_SECOND,
  SPIKE_RATE_PER_SECOND,
  SPIKE_FOR_MS,
  SIMULATED_MS,
  SPIKE_FROM_MS,
  DEADLINE_MS,
  POLICIES,
} from './load-shedding';
import type { Policy } from './load-shedding';

describe('load shedding: an overloaded box that queues everything against one that sheds early', () => {
  const queued = simulate('queue everything');
  const shed = simulate('bounded queue');

  it('queueing everything: goodput collapses during the spike, and the box works for callers who left', () => {
    expect(queued.goodputInSpike).toBeLessThan(0.1 * CAPACITY_PER_SECOND);
    expect(queued.wastedAnswers).toBeGreaterThan(1_000);
    expect(queued.refused).toBe(0);
  });

  it('queueing everything: the backlog takes as long to drain as theory says', () => {
    // The queue grows at (offered − capacity) for the spike and drains at (capacity − normal) after it.
    const backlog = ((SPIKE_RATE_PER_SECOND - CAPACITY_PER_SECOND) * SPIKE_FOR_MS) / 1000;
    const drainSeconds = backlog / (CAPACITY_PER_SECOND - NORMAL_RATE_PER_SECOND);
    expect(Math.abs(queued.recoverySeconds / drainSeconds - 1)).toBeLessThan(0.2);
  });

  it('a bounded queue: goodput stays near capacity, nobody waits past the deadline, recovery is immediate', () => {
    expect(shed.goodputInSpike).toBeGreaterThan(0.9 * CAPACITY_PER_SECOND);
    expect(shed.timedOut).toBeLessThan(0.001);
    expect(shed.wastedAnswers).toBeLessThan(10);
    expect(shed.recoverySeconds).toBe(0);
  });

  it('refuses about the excess: 1 − capacity/offered of the spike', () => {
    const spikeRequests = (SPIKE_RATE_PER_SECOND * SPIKE_FOR_MS) / 1000;
    const allRequests = spikeRequests + (NORMAL_RATE_PER_SECOND * (SIMULATED_MS - SPIKE_FOR_MS)) / 1000;
    const expected = (spikeRequests * (1 - CAPACITY_PER_SECOND / SPIKE_RATE_PER_SECOND)) / allRequests;
    expect(Math.abs(shed.refused - expected)).toBeLessThan(0.02);
  });

  it('without a spike the two policies are the same box', () => {
    const calm = (policy: Policy) => simulate(policy).goodputPerSecond.slice(0, SPIKE_FROM_MS / 1000);
    expect(calm('bounded queue')).toEqual(calm('queue everything'));
  });

  it('passing the deadline stops work for callers who left, but answers many just too late', () => {
    const deadline = simulate('pass the deadline');
    expect(deadline.goodputInSpike).toBeGreaterThan(2 * queued.goodputInSpike);
    expect(deadline.goodputInSpike).toBeLessThan(0.5 * shed.goodputInSpike);
    expect(deadline.wastedAnswers).toBeLessThan(queued.wastedAnswers);
    // Nobody it answers waited past the deadline: what it serves late is what started just before it.
    expect(deadline.p99Ms).toBeLessThanOrEqual(DEADLINE_MS);
  });

  it('CoDel keeps the goodput of a bounded queue with shorter waits', () => {
    const codel = simulate('CoDel');
    expect(codel.goodputInSpike).toBeGreaterThan(0.9 * CAPACITY_PER_SECOND);
    expect(codel.p99Ms).toBeLessThan(shed.p99Ms);
  });

  it('makes the claims the page states', () => {
    const f = facts();
    expect(f.shedKeepsGoodput).toBe(true);
    expect(f.queueingCollapses).toBe(true);
    expect(f.sheddingAnswersMore).toBe(true);
    expect(f.recoveryOutlastsSpike).toBe(true);
    expect(f.deadlineHelpsButNotEnough).toBe(true);
    expect(f.codelKeepsGoodputFaster).toBe(true);
    // Try this: a queue longer than the caller will wait collapses too, but drains quickly.
    expect(f.bigQueueCollapses).toBe(true);
    expect(f.bigQueueRecoversFaster).toBe(true);
  });

  it('prints a table, then a chart with one line per policy', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[1].series).toHaveLength(POLICIES.length);
  });
});
