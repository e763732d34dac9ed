import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, {
  dualWrite,
  outbox,
  expectedDualWriteLosses,
  facts,
  ORDERS_PER_SECOND,
  BROKER_DOWN_FOR_S,
  RELAY_RESTART_MS,
  RELAY_POLL_MS,
} from './outbox';

describe('dual write against the transactional outbox', () => {
  const dual = dualWrite();
  const box = outbox();

  it('the dual write loses what crashes and the outage predict: crashes, plus orders whose every retry fell in the outage', () => {
    const expected = expectedDualWriteLosses();
    expect(dual.lost).toBeGreaterThan(0);
    expect(dual.lost / (expected.byCrash + expected.byOutage)).toBeGreaterThan(0.9);
    expect(dual.lost / (expected.byCrash + expected.byOutage)).toBeLessThan(1.1);
    // It never publishes twice: it loses instead.
    expect(dual.duplicates).toBe(0);
  });

  it('the outbox loses no event, publishes some twice, and an idempotent consumer applies every order exactly once', () => {
    expect(box.orders).toBe(dual.orders); // same seed, same orders
    expect(box.lost).toBe(0);
    expect(box.duplicates).toBeGreaterThan(0);
    expect(box.appliedByConsumer).toBe(box.orders);
  });

  it('holds the outage in its backlog and publishes it once the broker is back', () => {
    const peak = Math.max(...box.backlog.map(([, waiting]) => waiting));
    expect(peak / (ORDERS_PER_SECOND * BROKER_DOWN_FOR_S)).toBeGreaterThan(0.85);
    expect(peak / (ORDERS_PER_SECOND * BROKER_DOWN_FOR_S)).toBeLessThan(1.15);
    // The longest wait is the outage itself, plus at most one relay restart and one poll.
    expect(box.delay.max).toBeGreaterThan(BROKER_DOWN_FOR_S * 1000 * 0.95);
    expect(box.delay.max).toBeLessThan(BROKER_DOWN_FOR_S * 1000 + RELAY_RESTART_MS + RELAY_POLL_MS + 10);
    // Outside the outage, an event waits for the next poll: the median is under one poll interval.
    expect(box.delay.percentile(50)).toBeLessThan(RELAY_POLL_MS);
  });

  it('states the claims the page makes', () => {
    const f = facts();
    expect(f.outboxLosesNothing).toBe(true);
    expect(f.consumerAppliesEachOnce).toBe(true);
    // The exercise: a relay that crashes ten times as often loses nothing and repeats more.
    expect(f.flakyRelayLost).toBe(0);
    expect(f.flakyRelayDuplicates as number).toBeGreaterThan(5 * (f.outboxDuplicates as number));
  });

  it('shows a table and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
  });
});
