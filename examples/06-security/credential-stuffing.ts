/**
 * Credential stuffing against login limits.
 *
 * An attacker bought a list of email and password pairs leaked by another
 * site and tries each pair once on your login form. A small share of your
 * users reused that password, so a small share of the tries succeed. The
 * usual defences count failed logins and block:
 *
 *   per address: an IP address with too many failures is blocked for a while;
 *   per account: an account with too many failures is locked for a while.
 *
 * Three attacks: from one address; from a botnet of residential proxies,
 * each address trying only a few pairs; and an attack that does not want to
 * get in at all, only to lock accounts by failing on purpose. Meanwhile real
 * users sign in, some mistype, some forget their password, and many share an
 * address (a mobile carrier's NAT, an office). Each row says how many accounts
 * were taken over and how many real users were turned away.
 *
 * Change the limits, BOTNET_ADDRESSES or SHARED_ADDRESSES and run again.
 */
import { Simulation, Random, show, table, barChart } from '../sim';

export const ACCOUNTS = 20_000;
export const SIMULATED_MS = 15 * 60_000; // a quarter of an hour
// Real users
export const SIGN_INS_PER_SECOND = 4;
export const TYPO_SHARE = 0.08; // one wrong password, then the right one
export const FORGETFUL_SHARE = 0.02; // several wrong passwords before the right one
export const FORGETFUL_MAX_TRIES = 8; // wrong tries of a forgetful user: 2 to this many
export const RETRY_MS = 8_000; // mean time before a user tries again
export const SHARED_ADDRESS_SHARE = 0.3; // users behind an address many others share
export const SHARED_ADDRESSES = 15; // how many such addresses (carrier NAT, offices)
// The attacker
export const ATTEMPTS_PER_SECOND = 10;
export const BOTNET_ADDRESSES = 5_000;
export const REUSE_SHARE = 0.01; // leaked pairs whose password also works here
export const LOCKOUT_TARGETS = 300; // accounts the lockout attack keeps locked
// The defences: failures counted in a sliding window; on reaching the limit, block
export const ADDRESS_FAILURE_LIMIT = 20;
export const ADDRESS_WINDOW_MS = 10 * 60_000;
export const ADDRESS_BLOCK_MS = 15 * 60_000;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_LOCK_MS = 15 * 60_000;
export const SEED = 6;

export const ATTACKS = ['one address', 'botnet', 'lockout'] as const;
export const DEFENCES = ['none', 'per address', 'per account', 'both'] as const;
export type Attack = (typeof ATTACKS)[number];
export type Defence = (typeof DEFENCES)[number];

/** Counts failures per key (an address, an account) in a sliding window; blocks a key that reaches the limit. */
export class FailureLimit<Key = string> {
  /** Each key's recent failure times, oldest first. */
  private readonly failures = new Map<Key, number[]>();
  private readonly blockedUntil = new Map<Key, number>();
  /** Keys blocked at least once. */
  readonly everBlocked = new Set<Key>();

  constructor(readonly limit: number, readonly windowMs: number, readonly blockMs: number) {}

  isBlocked(key: Key, now: number): boolean {
    return now < (this.blockedUntil.get(key) ?? -Infinity);
  }

  recordFailure(key: Key, now: number): void {
    let times = this.failures.get(key);
    if (!times) this.failures.set(key, (times = []));
    while (times.length > 0 && times[0] <= now - this.windowMs) times.shift(); // forget failures older than the window
    times.push(now);
    if (times.length >= this.limit) {
      this.blockedUntil.set(key, now + this.blockMs);
      this.everBlocked.add(key);
      this.failures.delete(key);
    }
  }

  /** A successful login clears an account's failures (not an address's). */
  reset(key: Key): void {
    this.failures.delete(key);
  }
}

export type Outcome = 'ok' | 'wrong password' | 'refused';

export interface StuffingResult {
  attack: Attack;
  defence: Defence;
  attackerAttempts: number;
  attackerRefusedShare: number;
  /** Accounts the attacker logged in to. */
  takeovers: number;
  /** Accounts locked at least once (per-account defence). */
  accountsLocked: number;
  realSignIns: number;
  /** Real users refused at least once. */
  realUsersTurnedAway: number;
}

export function simulate(attack: Attack, defence: Defence, seed = SEED, addressFailureLimit = ADDRESS_FAILURE_LIMIT): StuffingResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const users = random.split();
  const attacker = random.split();
  const byAddress = defence === 'per address' || defence === 'both' ? new FailureLimit(addressFailureLimit, ADDRESS_WINDOW_MS, ADDRESS_BLOCK_MS) : undefined;
  const byAccount = defence === 'per account' || defence === 'both' ? new FailureLimit<number>(ACCOUNT_FAILURE_LIMIT, ACCOUNT_WINDOW_MS, ACCOUNT_LOCK_MS) : undefined;

  /** The login service: refuse if blocked, else check the password and count a failure. */
  const login = (address: string, account: number, passwordRight: boolean): Outcome => {
    if (byAddress?.isBlocked(address, sim.now) || byAccount?.isBlocked(account, sim.now)) return 'refused';
    if (passwordRight) {
      byAccount?.reset(account);
      return 'ok';
    }
    byAddress?.recordFailure(address, sim.now);
    byAccount?.recordFailure(account, sim.now);
    return 'wrong password';
  };

  // Real users: each sign-in is a few tries, the last one right, until one is refused.
  let realSignIns = 0;
  const turnedAway = new Set<number>();
  const signIn = () => {
    if (sim.now >= SIMULATED_MS) return;
    realSignIns++;
    const account = users.integer(0, ACCOUNTS - 1);
    const address = users.chance(SHARED_ADDRESS_SHARE) ? `shared-${users.integer(1, SHARED_ADDRESSES)}` : `home-${account}`;
    const roll = users.next();
    const wrongTries = roll < FORGETFUL_SHARE ? users.integer(2, FORGETFUL_MAX_TRIES) : roll < FORGETFUL_SHARE + TYPO_SHARE ? 1 : 0;
    const attempt = (wrongLeft: number) => {
      if (login(address, account, wrongLeft === 0) === 'refused') turnedAway.add(account);
      else if (wrongLeft > 0) sim.schedule(users.exponential(RETRY_MS), attempt, wrongLeft - 1);
    };
    attempt(wrongTries);
    sim.schedule(users.exponential(1000 / SIGN_INS_PER_SECOND), signIn);
  };
  sim.schedule(users.exponential(1000 / SIGN_INS_PER_SECOND), signIn);

  // The attacker: one try per leaked pair, or (lockout) wrong passwords for a few targets, over and over.
  let attempts = 0, refused = 0;
  const takenOver = new Set<number>();
  const targets = Array.from({ length: LOCKOUT_TARGETS }, () => attacker.integer(0, ACCOUNTS - 1));
  let nextTarget = 0;
  const proxies = Array.from({ length: BOTNET_ADDRESSES }, (_, n) => `proxy-${n + 1}`);
  const attackOnce = () => {
    if (sim.now >= SIMULATED_MS) return;
    attempts++;
    const address = attack === 'one address' ? 'attacker-1' : proxies[attacker.integer(1, BOTNET_ADDRESSES) - 1];
    const lockout = attack === 'lockout';
    const account = lockout ? targets[nextTarget++ % targets.length] : attacker.integer(0, ACCOUNTS - 1);
    const outcome = login(address, account, !lockout && attacker.chance(REUSE_SHARE));
    if (outcome === 'refused') refused++;
    if (outcome === 'ok') takenOver.add(account);
    sim.schedule(attacker.exponential(1000 / ATTEMPTS_PER_SECOND), attackOnce);
  };
  sim.schedule(attacker.exponential(1000 / ATTEMPTS_PER_SECOND), attackOnce);

  sim.run();
  return {
    attack,
    defence,
    attackerAttempts: attempts,
    attackerRefusedShare: refused / attempts,
    takeovers: takenOver.size,
    accountsLocked: byAccount?.everBlocked.size ?? 0,
    realSignIns,
    realUsersTurnedAway: turnedAway.size,
  };
}

export function simulateAll(): StuffingResult[] {
  return ATTACKS.flatMap((attack) => DEFENCES.map((defence) => simulate(attack, defence)));
}

/** The figures chapter 06 shows. */
export function facts() {
  const all = simulateAll();
  const r = (attack: Attack, defence: Defence) => all.find((x) => x.attack === attack && x.defence === defence)!;
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const noDefenceBotnet = r('botnet', 'none');
  const tighter = simulate('botnet', 'per address', SEED, 5); // the exercise: a limit of 5 per address
  return {
    attemptsPerSecond: ATTEMPTS_PER_SECOND,
    duration: `${SIMULATED_MS / 60_000} minutes`,
    reuseShare: `${REUSE_SHARE * 100}%`,
    botnetAddresses: BOTNET_ADDRESSES.toLocaleString('en-US'),
    attemptsPerProxy: (noDefenceBotnet.attackerAttempts / BOTNET_ADDRESSES).toFixed(1),
    addressLimit: ADDRESS_FAILURE_LIMIT,
    addressWindow: `${ADDRESS_WINDOW_MS / 60_000} minutes`,
    accountLimit: ACCOUNT_FAILURE_LIMIT,
    accountWindow: `${ACCOUNT_WINDOW_MS / 60_000} minutes`,
    lockoutTargets: LOCKOUT_TARGETS,
    takeoversUndefended: r('one address', 'none').takeovers,
    takeoversOneAddressPerAddress: r('one address', 'per address').takeovers,
    oneAddressRefused: percent(r('one address', 'per address').attackerRefusedShare),
    takeoversBotnetPerAddress: r('botnet', 'per address').takeovers,
    takeoversBotnetBoth: r('botnet', 'both').takeovers,
    takeoversBotnetUndefended: noDefenceBotnet.takeovers,
    sharedUsersTurnedAway: r('botnet', 'per address').realUsersTurnedAway,
    sharedUsersTurnedAwayShare: percent(r('botnet', 'per address').realUsersTurnedAway / r('botnet', 'per address').realSignIns),
    selfLockedAccounts: r('botnet', 'per account').accountsLocked,
    sharedAddresses: SHARED_ADDRESSES,
    sharedAddressShare: percent(SHARED_ADDRESS_SHARE),
    tighterBotnetTakeovers: tighter.takeovers,
    tighterUsersTurnedAway: tighter.realUsersTurnedAway,
    lockoutAccountsLocked: r('lockout', 'per account').accountsLocked,
    lockoutUsersTurnedAway: r('lockout', 'per account').realUsersTurnedAway,
    realSignIns: r('botnet', 'none').realSignIns.toLocaleString('en-US'),
    perAddressStopsOneAddress: r('one address', 'per address').takeovers * 10 < r('one address', 'none').takeovers,
    botnetBeatsEveryLimit: DEFENCES.every((d) => r('botnet', d).takeovers > r('botnet', 'none').takeovers * 0.8),
    perAccountUselessAgainstStuffing: r('botnet', 'per account').takeovers >= r('botnet', 'none').takeovers * 0.95,
    perAddressTurnsAwaySharedUsers: r('botnet', 'per address').realUsersTurnedAway > 0 && r('botnet', 'none').realUsersTurnedAway === 0,
    lockoutLocksAccountsNotThieves: r('lockout', 'per account').accountsLocked >= LOCKOUT_TARGETS * 0.9 && r('lockout', 'per account').takeovers === 0,
  };
}

export default function main(): void {
  const all = simulateAll();
  show(
    table(
      ['attack', 'defence', 'attempts', 'refused %', 'taken over', 'accounts locked', 'real users turned away'],
      all.map((r) => [r.attack, r.defence, r.attackerAttempts, Math.round(r.attackerRefusedShare * 100), r.takeovers, r.accountsLocked, r.realUsersTurnedAway]),
      `${ATTEMPTS_PER_SECOND} tries/s for ${SIMULATED_MS / 60_000} min, ${REUSE_SHARE * 100}% of leaked pairs work; limits: ${ADDRESS_FAILURE_LIMIT} failures/${ADDRESS_WINDOW_MS / 60_000} min per address, ${ACCOUNT_FAILURE_LIMIT}/${ACCOUNT_WINDOW_MS / 60_000} min per account`,
    ),
    barChart(
      'Accounts taken over',
      ATTACKS.filter((a) => a !== 'lockout').map((a) => `from ${a}`),
      Object.fromEntries(DEFENCES.map((d) => [d, all.filter((r) => r.defence === d && r.attack !== 'lockout').map((r) => r.takeovers)])),
      { label: 'accounts', unit: 'taken over' },
      'From one address, a per-address limit stops almost every takeover; from a botnet, no limit helps: each address and each account sees too few failures to trip it.',
    ),
  );
}
