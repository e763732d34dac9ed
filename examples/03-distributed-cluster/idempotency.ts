/**
 * At-least-once delivery meets "charge the card".
 *
 * Each order puts a "charge" message on a queue; a consumer takes it, calls the payment
 * provider, and acknowledges the message. A consumer that crashes after the charge and
 * before the acknowledgement (CRASH_CHANCE) leaves the message unacknowledged, so the queue
 * delivers it again once its visibility timeout expires, and the card is charged twice.
 * With a crash chance p per delivery, a message is delivered 1 / (1 − p) times on average:
 * about p / (1 − p) duplicate charges per order.
 *
 * A visibility timeout shorter than the slowest charges causes duplicates without any crash:
 * the message becomes visible again while the first consumer is still waiting for the provider.
 *
 * The idempotency key fixes both: the order id travels with every delivery, and an
 * idempotency store in front of the provider charges each key once and answers repeats from
 * what it remembered (a repeat that arrives while the first charge is running waits for it).
 *
 * Change CRASH_CHANCE or SHORT_VISIBILITY_MS and run again.
 */
import { Simulation, Random, Server, OpenLoad, MessageQueue, IdempotencyStore, distributions, show, table } from '../sim';
import type { Target } from '../sim';

export const ORDERS = 10_000;
export const ORDERS_PER_SECOND = 200;
/** A charge at the payment provider: lognormal, median CHARGE_MEDIAN_MS, with a long tail. */
export const CHARGE_MEDIAN_MS = 200;
export const CHARGE_SIGMA = 0.8;
/** Chance that a consumer crashes after a charge and before acknowledging the message. */
export const CRASH_CHANCE = 0.01;
/** Visibility timeouts: one longer than any charge, one shorter than the slowest charges, ms. */
export const SAFE_VISIBILITY_MS = 30_000;
export const SHORT_VISIBILITY_MS = 1_000;
export const CONSUMERS = 100;
/** The average order, for the money charged twice. */
export const AVERAGE_ORDER_EUR = 40;
export const SEED = 61;

export interface Setup {
  name: string;
  visibilityMs: number;
  idempotencyKey: boolean;
}

export const SETUPS: Setup[] = [
  { name: 'no key', visibilityMs: SAFE_VISIBILITY_MS, idempotencyKey: false },
  { name: 'idempotency key', visibilityMs: SAFE_VISIBILITY_MS, idempotencyKey: true },
  { name: 'short visibility timeout, no key', visibilityMs: SHORT_VISIBILITY_MS, idempotencyKey: false },
  { name: 'short visibility timeout, idempotency key', visibilityMs: SHORT_VISIBILITY_MS, idempotencyKey: true },
];

export interface ChargeResult {
  setup: string;
  orders: number;
  deliveries: number;
  /** Charges the provider made. */
  charges: number;
  /** Orders charged more than once count once per extra charge. */
  duplicateCharges: number;
  /** Orders whose message was processed and acknowledged. */
  acknowledged: number;
}

/** Expected duplicate charges without a key, from crashes alone: each delivery crashes with probability p. */
export function expectedCrashDuplicates(orders = ORDERS, p = CRASH_CHANCE): number {
  return (orders * p) / (1 - p);
}

export function simulate(setup: Setup, crashChance = CRASH_CHANCE, seed = SEED): ChargeResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const provider = new Server(sim, {
    name: 'payment provider',
    workers: 1_000, // the provider is not the bottleneck here
    serviceTime: distributions.lognormal(random.split(), Math.log(CHARGE_MEDIAN_MS), CHARGE_SIGMA),
  });
  const charge: Target = setup.idempotencyKey
    ? new IdempotencyStore(sim, { target: provider, key: (request) => `order-${request.id}` })
    : provider;
  const queue = new MessageQueue(sim, {
    name: 'charges',
    consumers: CONSUMERS,
    handler: charge,
    visibilityTimeoutMs: setup.visibilityMs,
    crashProbability: crashChance,
    random: random.split(),
  });
  new OpenLoad(sim, { target: queue, random: random.split(), ratePerSecond: ORDERS_PER_SECOND, maxRequests: ORDERS });
  sim.run();
  const charges = provider.completed.count;
  const ordersCharged = setup.idempotencyKey ? (charge as IdempotencyStore).executed.count : ORDERS;
  return {
    setup: setup.name,
    orders: ORDERS,
    deliveries: queue.deliveries.count,
    charges,
    duplicateCharges: charges - Math.min(ordersCharged, ORDERS),
    acknowledged: queue.processed.count,
  };
}

export const compare = (): ChargeResult[] => SETUPS.map((setup) => simulate(setup));

/** The exercise: consumers that crash five times as often. */
export const MORE_CRASHES = 0.05;
function moreCrashes() {
  const r = simulate(SETUPS[0], MORE_CRASHES);
  return {
    moreCrashDuplicates: r.duplicateCharges,
    moreCrashExpected: Math.round(expectedCrashDuplicates(ORDERS, MORE_CRASHES)),
    moreCrashNearTheory: Math.abs(r.duplicateCharges / expectedCrashDuplicates(ORDERS, MORE_CRASHES) - 1) < 0.2,
  };
}

const euros = (n: number) => `€${Math.round(n * AVERAGE_ORDER_EUR).toLocaleString('en-US')}`;

export function facts() {
  const [plain, keyed, short, shortKeyed] = compare();
  return {
    orders: ORDERS,
    crashChance: `${CRASH_CHANCE * 100}%`,
    plainDuplicates: plain.duplicateCharges,
    expectedDuplicates: Math.round(expectedCrashDuplicates()),
    plainEuros: euros(plain.duplicateCharges),
    shortVisibility: `${SHORT_VISIBILITY_MS / 1000} second`,
    shortDuplicates: short.duplicateCharges,
    shortEuros: euros(short.duplicateCharges),
    keyRemovesDuplicates: keyed.duplicateCharges === 0 && shortKeyed.duplicateCharges === 0 && plain.duplicateCharges > 0,
    shortTimeoutWorse: short.duplicateCharges > 2 * plain.duplicateCharges,
    ...moreCrashes(),
    everyOrderAcknowledged: [plain, keyed, short, shortKeyed].every((r) => r.acknowledged === ORDERS),
  };
}

export default function main(): void {
  const results = compare();
  show(
    table(
      ['setup', 'deliveries', 'charges', 'charged twice', 'money charged twice'],
      results.map((r) => [r.setup, r.deliveries, r.charges, r.duplicateCharges, euros(r.duplicateCharges)]),
      `${ORDERS} orders; ${CRASH_CHANCE * 100}% of deliveries crash after charging, before acknowledging`,
    ),
    `Without a key, crashes alone should charge about ${Math.round(expectedCrashDuplicates())} orders twice: orders × p / (1 − p).`,
  );
}
