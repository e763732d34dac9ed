import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, {
  simulate, scoreStream, facts, atThreshold, riskScore, AddressFanOut, THRESHOLD, THRESHOLDS, REUSE_SHARE,
  NEW_DEVICE_POINTS, NEW_COUNTRY_POINTS, FAN_OUT_CAP, AUTOMATION_POINTS,
} from './login-anomalies';

describe('anomaly detection on a stream of logins', () => {
  const { attempts, results } = simulate();
  const bots = attempts.filter((a) => a.attacker);

  it('without a score, the attack takes over about attempts × reuse share accounts', () => {
    const expected = bots.length * REUSE_SHARE;
    expect(Math.abs(atThreshold(attempts, Infinity).takeovers - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('trades detection for false positives: both fall as the threshold rises', () => {
    for (let i = 1; i < results.length; i++) {
      expect(results[i].detectionRate).toBeLessThanOrEqual(results[i - 1].detectionRate);
      expect(results[i].falsePositiveRate).toBeLessThanOrEqual(results[i - 1].falsePositiveRate);
    }
    expect(results[0].detectionRate).toBeGreaterThan(0.99);
    expect(results[results.length - 1].falsePositiveRate).toBeLessThan(0.001);
  });

  it('at the chosen threshold, catches most of the attack and challenges few real attempts', () => {
    const chosen = atThreshold(attempts, THRESHOLD);
    expect(chosen.detectionRate).toBeGreaterThan(0.7);
    expect(chosen.falsePositiveRate).toBeLessThan(0.05);
    expect(chosen.takeovers * 2).toBeLessThan(atThreshold(attempts, Infinity).takeovers);
  });

  it('a low threshold challenges every real user behind a shared address (the fan-out signal)', () => {
    expect(atThreshold(attempts, 3).falsePositiveRate).toBeGreaterThan(0.2);
  });

  it('adds the points as documented', () => {
    expect(riskScore({ newDevice: false, newCountry: false, otherAccountsFromAddress: 0, automation: 0 })).toBe(0);
    expect(riskScore({ newDevice: true, newCountry: true, otherAccountsFromAddress: 10, automation: 0.5 })).toBe(
      NEW_DEVICE_POINTS + NEW_COUNTRY_POINTS + FAN_OUT_CAP + AUTOMATION_POINTS / 2,
    );
  });

  it('counts other accounts from an address within the window only', () => {
    const fanOut = new AddressFanOut(1_000);
    expect(fanOut.observe('a', 1, 0)).toBe(0);
    expect(fanOut.observe('a', 1, 100)).toBe(0); // the same account again
    expect(fanOut.observe('a', 2, 200)).toBe(1);
    expect(fanOut.observe('a', 3, 300)).toBe(2);
    expect(fanOut.observe('b', 4, 300)).toBe(0);
    expect(fanOut.observe('a', 4, 1_250)).toBe(1); // only account 3 (at 300) is still in the window
  });

  it('answers the exercise: bots that pass the browser check are caught less and take over more', () => {
    const chosen = atThreshold(attempts, THRESHOLD);
    const better = atThreshold(scoreStream(undefined, 0.9), THRESHOLD);
    expect(better.detectionRate).toBeLessThan(chosen.detectionRate - 0.1);
    expect(better.takeovers).toBeGreaterThan(chosen.takeovers);
  });

  it('states every claim the page makes', () => {
    const f = facts();
    expect(f.tradeOff).toBe(true);
    expect(f.scoreBeatsLimits).toBe(true);
  });

  it('shows a chart and a table', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['chart', 'table']);
    expect(shown[1].rows).toHaveLength(THRESHOLDS.length + 1);
  });
});
