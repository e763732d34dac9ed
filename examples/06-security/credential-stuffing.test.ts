import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, { simulate, simulateAll, facts, FailureLimit, ATTACKS, DEFENCES, REUSE_SHARE, LOCKOUT_TARGETS, type Attack, type Defence } from './credential-stuffing';

describe('credential stuffing against login limits', () => {
  const all = simulateAll();
  const r = (attack: Attack, defence: Defence) => all.find((x) => x.attack === attack && x.defence === defence)!;

  it('undefended, takes over about attempts × reuse share accounts (within 4 standard deviations)', () => {
    for (const attack of ['one address', 'botnet'] as const) {
      const { attackerAttempts, takeovers } = r(attack, 'none');
      const expected = attackerAttempts * REUSE_SHARE;
      expect(Math.abs(takeovers - expected)).toBeLessThan(4 * Math.sqrt(expected));
    }
  });

  it('a per-address limit stops an attack from one address and refuses almost all its tries', () => {
    expect(r('one address', 'per address').takeovers).toBeLessThan(r('one address', 'none').takeovers / 10);
    expect(r('one address', 'per address').attackerRefusedShare).toBeGreaterThan(0.99);
  });

  it('against a botnet, no limit refuses a single try or prevents more than a few takeovers', () => {
    for (const defence of DEFENCES) {
      expect(r('botnet', defence).attackerRefusedShare).toBeLessThan(0.01);
      expect(r('botnet', defence).takeovers).toBeGreaterThan(r('botnet', 'none').takeovers * 0.95);
    }
  });

  it('a per-address limit turns away real users behind shared addresses; no defence turns away none', () => {
    expect(r('botnet', 'none').realUsersTurnedAway).toBe(0);
    expect(r('botnet', 'per address').realUsersTurnedAway).toBeGreaterThan(0);
  });

  it('a lockout attack locks its targets without taking over one, and turns their owners away', () => {
    const lockout = r('lockout', 'per account');
    expect(lockout.takeovers).toBe(0);
    expect(lockout.accountsLocked).toBeGreaterThanOrEqual(LOCKOUT_TARGETS * 0.9);
    expect(lockout.realUsersTurnedAway).toBeGreaterThan(r('botnet', 'per account').realUsersTurnedAway);
    expect(r('lockout', 'none').realUsersTurnedAway).toBe(0);
  });

  it('FailureLimit blocks at the limit within the window, forgets old failures, and unblocks after the block', () => {
    const limit = new FailureLimit(3, 1_000, 5_000);
    limit.recordFailure('a', 0);
    limit.recordFailure('a', 500);
    limit.recordFailure('a', 1_100); // the first is out of the window: two in it
    expect(limit.isBlocked('a', 1_100)).toBe(false);
    limit.recordFailure('a', 1_200); // three within 1,000 ms
    expect(limit.isBlocked('a', 1_200)).toBe(true);
    expect(limit.isBlocked('a', 6_199)).toBe(true);
    expect(limit.isBlocked('a', 6_200)).toBe(false);
    limit.recordFailure('b', 0);
    limit.recordFailure('b', 1);
    limit.reset('b');
    limit.recordFailure('b', 2);
    expect(limit.isBlocked('b', 2)).toBe(false);
  });

  it('answers the exercise: a limit of 5 per address barely slows the botnet and turns away far more real users', () => {
    const tighter = simulate('botnet', 'per address', undefined, 5);
    expect(tighter.takeovers).toBeGreaterThan(r('botnet', 'per address').takeovers * 0.9);
    expect(tighter.realUsersTurnedAway).toBeGreaterThan(r('botnet', 'per address').realUsersTurnedAway * 2);
  });

  it('is deterministic', () => {
    expect(simulate('botnet', 'both')).toEqual(r('botnet', 'both'));
  });

  it('states every claim the page makes', () => {
    const f = facts();
    for (const claim of ['perAddressStopsOneAddress', 'botnetBeatsEveryLimit', 'perAccountUselessAgainstStuffing', 'perAddressTurnsAwaySharedUsers', 'lockoutLocksAccountsNotThieves'] as const) {
      expect(f[claim], claim).toBe(true);
    }
  });

  it('shows a table of every attack and defence, and a chart', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(ATTACKS.length * DEFENCES.length);
  });
});
