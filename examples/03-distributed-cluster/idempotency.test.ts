import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { compare, expectedCrashDuplicates, facts, ORDERS } from './idempotency';

describe('at-least-once delivery and idempotency keys', () => {
  const [plain, keyed, short, shortKeyed] = compare();

  it('without a key, crashes charge about orders × p / (1 − p) cards twice', () => {
    expect(plain.duplicateCharges).toBeGreaterThan(0);
    expect(Math.abs(plain.duplicateCharges / expectedCrashDuplicates() - 1)).toBeLessThan(0.3);
    expect(plain.charges).toBe(ORDERS + plain.duplicateCharges);
  });

  it('a visibility timeout shorter than the slowest charges redelivers messages still in progress', () => {
    expect(short.duplicateCharges).toBeGreaterThan(2 * plain.duplicateCharges);
    expect(short.deliveries).toBeGreaterThan(plain.deliveries);
  });

  it('with an idempotency key every order is charged exactly once, whatever the deliveries', () => {
    for (const r of [keyed, shortKeyed]) {
      expect(r.charges).toBe(ORDERS);
      expect(r.duplicateCharges).toBe(0);
      expect(r.deliveries).toBeGreaterThan(ORDERS);
    }
  });

  it('every message is acknowledged in the end', () => {
    for (const r of [plain, keyed, short, shortKeyed]) expect(r.acknowledged).toBe(ORDERS);
  });

  it('states the claims the page makes', () => {
    const f = facts();
    expect(f.keyRemovesDuplicates).toBe(true);
    expect(f.shortTimeoutWorse).toBe(true);
    expect(f.everyOrderAcknowledged).toBe(true);
    // The exercise: five times the crashes, still near orders × p / (1 − p).
    expect(f.moreCrashNearTheory).toBe(true);
  });

  it('shows a table and the expected figure', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => (typeof v === 'string' ? 'line' : v.kind))).toEqual(['table', 'line']);
  });
});
