/**
 * Anomaly detection on a stream of logins: a risk score, and where to put its threshold.
 *
 * Limits count failures, and a botnet never trips them (see the previous
 * example). A risk score looks at each login attempt before the password is
 * checked and adds up what is unusual about it:
 *
 *   a device this account has never used            + NEW_DEVICE_POINTS
 *   a country this account does not sign in from    + NEW_COUNTRY_POINTS
 *   the address tried other accounts in 10 minutes  + FAN_OUT_POINTS for each, up to a cap
 *   the browser check looks automated (0 to 1)      × AUTOMATION_POINTS
 *
 * An attempt that scores at least the threshold gets a second factor or a
 * challenge instead of a session. Real users share addresses, travel, buy new
 * phones; bots rotate residential proxies in the victim's country and some
 * pass the browser check. So the two populations overlap, and every threshold
 * is a trade: lower catches more attacks and challenges more real users.
 *
 * The chart sweeps the threshold; the table shows what each setting does in
 * SIMULATED_MS of a stuffing attack. Change the points, the THRESHOLD, or the
 * attacker's skill (PROXY_IN_COUNTRY_SHARE, AUTOMATION_HIDDEN_SHARE).
 */
import { Simulation, Random, show, table, lineChart } from '../sim';

export const ACCOUNTS = 20_000;
export const SIMULATED_MS = 15 * 60_000;
// Real users
export const SIGN_INS_PER_SECOND = 4;
export const WRONG_PASSWORD_SHARE = 0.1; // a real attempt with a typo (counted as an attempt like any other)
export const NEW_DEVICE_SHARE = 0.05; // a new phone, a cleared browser
export const TRAVEL_SHARE = 0.02; // signing in from another country
export const SHARED_ADDRESS_SHARE = 0.3; // behind a carrier NAT or an office
export const SHARED_ADDRESSES = 15;
// The attacker: a botnet of residential proxies trying leaked pairs
export const ATTEMPTS_PER_SECOND = 10;
export const BOTNET_ADDRESSES = 5_000;
export const REUSE_SHARE = 0.01;
export const PROXY_IN_COUNTRY_SHARE = 0.6; // proxies rented in the victim's own country
export const AUTOMATION_HIDDEN_SHARE = 0.5; // bots that look human to the browser check
// The score
export const NEW_DEVICE_POINTS = 2;
export const NEW_COUNTRY_POINTS = 2;
export const FAN_OUT_POINTS = 1; // per other account the address tried in the last FAN_OUT_WINDOW_MS
export const FAN_OUT_CAP = 3;
export const FAN_OUT_WINDOW_MS = 10 * 60_000;
export const AUTOMATION_POINTS = 4;
/** Challenge an attempt that scores this much or more. */
export const THRESHOLD = 4;
export const THRESHOLDS = [1, 2, 3, 4, 5, 6, 7, 8];
export const SEED = 6;

export interface ScoredAttempt {
  time: number;
  attacker: boolean;
  /** Whether the password was right: a real user's usually, a bot's rarely. */
  passwordRight: boolean;
  score: number;
}

/** Remembers which accounts each address tried recently: the only signal that needs the stream's history. */
export class AddressFanOut {
  /** Per address, its recent attempts, oldest first. */
  private readonly recent = new Map<string, { time: number; account: number }[]>();
  private readonly others = new Set<number>(); // reused: this runs on every attempt

  constructor(readonly windowMs: number) {}

  /** Other accounts this address tried in the window, before this attempt; then records it. */
  observe(address: string, account: number, now: number): number {
    let attempts = this.recent.get(address);
    if (!attempts) this.recent.set(address, (attempts = []));
    while (attempts.length > 0 && attempts[0].time <= now - this.windowMs) attempts.shift(); // out of the window
    this.others.clear();
    for (const tried of attempts) if (tried.account !== account) this.others.add(tried.account);
    attempts.push({ time: now, account });
    return this.others.size;
  }
}

export interface Signals {
  newDevice: boolean;
  newCountry: boolean;
  otherAccountsFromAddress: number;
  /** The browser check's verdict, 0 (human) to 1 (automated). */
  automation: number;
}

export function riskScore(s: Signals): number {
  return (
    (s.newDevice ? NEW_DEVICE_POINTS : 0) +
    (s.newCountry ? NEW_COUNTRY_POINTS : 0) +
    Math.min(s.otherAccountsFromAddress, FAN_OUT_CAP) * FAN_OUT_POINTS +
    s.automation * AUTOMATION_POINTS
  );
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** SIMULATED_MS of login attempts, each scored as it arrives. */
export function scoreStream(seed = SEED, automationHiddenShare = AUTOMATION_HIDDEN_SHARE): ScoredAttempt[] {
  const sim = new Simulation();
  const random = new Random(seed);
  const users = random.split();
  const bots = random.split();
  const fanOut = new AddressFanOut(FAN_OUT_WINDOW_MS);
  const attempts: ScoredAttempt[] = [];
  const record = (attacker: boolean, address: string, account: number, passwordRight: boolean, signals: Omit<Signals, 'otherAccountsFromAddress'>) => {
    const score = riskScore({ ...signals, otherAccountsFromAddress: fanOut.observe(address, account, sim.now) });
    attempts.push({ time: sim.now, attacker, passwordRight, score: Math.round(score * 100) / 100 });
  };

  const realAttempt = () => {
    if (sim.now >= SIMULATED_MS) return;
    const account = users.integer(0, ACCOUNTS - 1);
    const address = users.chance(SHARED_ADDRESS_SHARE) ? `shared-${users.integer(1, SHARED_ADDRESSES)}` : `home-${account}`;
    record(false, address, account, !users.chance(WRONG_PASSWORD_SHARE), {
      newDevice: users.chance(NEW_DEVICE_SHARE),
      newCountry: users.chance(TRAVEL_SHARE),
      automation: clamp01(users.normal(0.1, 0.08)), // people: low, a little noise
    });
    sim.schedule(users.exponential(1000 / SIGN_INS_PER_SECOND), realAttempt);
  };
  const botAttempt = () => {
    if (sim.now >= SIMULATED_MS) return;
    const hidden = bots.chance(automationHiddenShare);
    record(true, `proxy-${bots.integer(1, BOTNET_ADDRESSES)}`, bots.integer(0, ACCOUNTS - 1), bots.chance(REUSE_SHARE), {
      newDevice: true, // a fresh fingerprint each time: the account has never seen it
      newCountry: !bots.chance(PROXY_IN_COUNTRY_SHARE),
      automation: clamp01(hidden ? bots.normal(0.15, 0.1) : bots.normal(0.75, 0.15)),
    });
    sim.schedule(bots.exponential(1000 / ATTEMPTS_PER_SECOND), botAttempt);
  };
  sim.schedule(users.exponential(1000 / SIGN_INS_PER_SECOND), realAttempt);
  sim.schedule(bots.exponential(1000 / ATTEMPTS_PER_SECOND), botAttempt);
  sim.run();
  return attempts;
}

export interface ThresholdResult {
  threshold: number;
  /** Share of the attacker's attempts challenged. */
  detectionRate: number;
  /** Share of real attempts challenged. */
  falsePositiveRate: number;
  /** Attacker attempts with the right password that were not challenged: accounts taken over. */
  takeovers: number;
  /** Of the challenged attempts, the share that were the attacker's. */
  precision: number;
}

export function atThreshold(attempts: ScoredAttempt[], threshold: number): ThresholdResult {
  let bots = 0, caught = 0, real = 0, bothered = 0, takeovers = 0;
  for (const a of attempts) {
    const challenged = a.score >= threshold;
    if (a.attacker) {
      bots++;
      if (challenged) caught++;
      else if (a.passwordRight) takeovers++;
    } else {
      real++;
      if (challenged) bothered++;
    }
  }
  return { threshold, detectionRate: caught / bots, falsePositiveRate: bothered / real, takeovers, precision: caught / Math.max(1, caught + bothered) };
}

export function simulate(thresholds = THRESHOLDS, seed = SEED): { attempts: ScoredAttempt[]; results: ThresholdResult[] } {
  const attempts = scoreStream(seed);
  return { attempts, results: thresholds.map((t) => atThreshold(attempts, t)) };
}

const percent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)}%`;

/** The figures chapter 06 shows. */
export function facts() {
  const { attempts, results } = simulate();
  const at = (t: number) => results.find((r) => r.threshold === t)!;
  const chosen = atThreshold(attempts, THRESHOLD);
  const none = atThreshold(attempts, Infinity);
  const low = at(2), high = at(7);
  const realAttempts = attempts.filter((a) => !a.attacker).length;
  const betterBots = atThreshold(scoreStream(SEED, 0.9), THRESHOLD); // the exercise: 9 bots in 10 pass the browser check
  return {
    threshold: THRESHOLD,
    duration: `${SIMULATED_MS / 60_000} minutes`,
    detection: percent(chosen.detectionRate),
    falsePositives: percent(chosen.falsePositiveRate),
    precision: percent(chosen.precision, 0),
    takeoversWithout: none.takeovers,
    takeoversWith: chosen.takeovers,
    lowThreshold: 2,
    lowDetection: percent(low.detectionRate),
    lowFalsePositives: percent(low.falsePositiveRate),
    highThreshold: 7,
    highDetection: percent(high.detectionRate),
    highFalsePositives: percent(high.falsePositiveRate, 2),
    realAttempts: realAttempts.toLocaleString('en-US'),
    realChallenged: Math.round(chosen.falsePositiveRate * realAttempts),
    betterBotsDetection: percent(betterBots.detectionRate),
    betterBotsTakeovers: betterBots.takeovers,
    tradeOff: results.every((r, i) => i === 0 || (r.detectionRate <= results[i - 1].detectionRate && r.falsePositiveRate <= results[i - 1].falsePositiveRate)),
    scoreBeatsLimits: chosen.takeovers * 2 < none.takeovers,
  };
}

export default function main(): void {
  const { attempts, results } = simulate();
  const bots = attempts.filter((a) => a.attacker).length;
  show(
    lineChart(
      'What each threshold catches and costs',
      { label: 'threshold', unit: 'points' },
      { label: 'attempts challenged', unit: '%' },
      [
        { name: "attacker's attempts (detection)", points: results.map((r) => [r.threshold, r.detectionRate * 100]) },
        { name: 'real attempts (false positives)', points: results.map((r) => [r.threshold, r.falsePositiveRate * 100]) },
      ],
      'Raising the threshold lowers both lines: fewer real users are challenged, and more of the attack gets through.',
    ),
    table(
      ['threshold', 'detection %', 'false positives %', 'challenged that were attacks %', 'accounts taken over'],
      [...results, atThreshold(attempts, Infinity)].map((r) => [
        Number.isFinite(r.threshold) ? r.threshold : 'no score',
        r.detectionRate * 100,
        r.falsePositiveRate * 100,
        r.precision * 100,
        r.takeovers,
      ]),
      `${attempts.length - bots} real attempts and ${bots} from a ${BOTNET_ADDRESSES}-address botnet in ${SIMULATED_MS / 60_000} min`,
    ),
  );
}
