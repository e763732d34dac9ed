/**
 * The orders service commits an order, then an OrderPlaced event must reach the event log.
 *
 * The dual write: commit, then publish from the same process. If the process dies between
 * the two (a deploy, an out-of-memory kill), or the broker stays unreachable longer than the
 * publish retries last, the order exists and the event is lost: nobody ships it.
 *
 * The transactional outbox: the event is written to an outbox table in the same transaction
 * as the order, so both exist or neither does. A relay polls the outbox, publishes what it
 * finds, then marks it sent. A relay that dies between publishing and marking publishes the
 * same rows again after it restarts: nothing is lost, some events arrive twice, and a
 * consumer that remembers the event ids it has applied ignores the second copy.
 *
 * Change CRASH_AFTER_COMMIT, BROKER_DOWN_FOR_S or RELAY_CRASH and run again.
 */
import { Simulation, Random, Stats, TimeSeries, show, table, lineChart } from '../sim';

export const ORDERS_PER_SECOND = 200;
export const SIMULATED_S = 120;
/** Chance the service dies after committing an order and before publishing its event. */
export const CRASH_AFTER_COMMIT = 0.002;
/** The broker is unreachable from BROKER_DOWN_AT_S for BROKER_DOWN_FOR_S seconds. */
export const BROKER_DOWN_AT_S = 40;
export const BROKER_DOWN_FOR_S = 15;
/** The dual write retries a failed publish this many times, RETRY_DELAY_MS apart, then gives up. */
export const PUBLISH_RETRIES = 3;
export const RETRY_DELAY_MS = 200;
/** One publish to the broker, ms. */
export const PUBLISH_MS = 2;
/** The relay reads the outbox every RELAY_POLL_MS and publishes up to RELAY_BATCH rows at a time. */
export const RELAY_POLL_MS = 100;
export const RELAY_BATCH = 500;
/** Chance the relay dies after publishing a batch and before marking it sent; it is back RELAY_RESTART_MS later. */
export const RELAY_CRASH = 0.01;
export const RELAY_RESTART_MS = 1_000;
export const SEED = 5;

export interface DeliveryResult {
  approach: 'dual write' | 'outbox';
  orders: number;
  /** Orders whose event never reached the log. */
  lost: number;
  /** Events the log received more than once. */
  duplicates: number;
  /** Orders a consumer that skips seen event ids applied: each order at most once. */
  appliedByConsumer: number;
  /** From commit to the first publish of the event, ms. */
  delay: Stats;
  /** Events committed but not yet published, greatest in each second. */
  backlog: [number, number][];
}

const brokerIsUp = (timeMs: number) => timeMs < BROKER_DOWN_AT_S * 1000 || timeMs >= (BROKER_DOWN_AT_S + BROKER_DOWN_FOR_S) * 1000;

/** What the event log and its one idempotent consumer receive. */
class EventLog {
  readonly received = new Map<number, number>(); // order id -> copies received
  readonly delay = new Stats({ exact: true });
  publish(orderId: number, committedAt: number, now: number): void {
    const copies = this.received.get(orderId) ?? 0;
    if (copies === 0) this.delay.record(now - committedAt);
    this.received.set(orderId, copies + 1);
  }
  result(approach: DeliveryResult['approach'], orders: number, backlog: TimeSeries): DeliveryResult {
    let duplicates = 0;
    for (const copies of this.received.values()) duplicates += copies - 1;
    return {
      approach,
      orders,
      lost: orders - this.received.size,
      duplicates,
      appliedByConsumer: this.received.size, // the consumer applies each id once, whatever the copies
      delay: this.delay,
      backlog: backlog.points('max'),
    };
  }
}

/** Orders arrive at random; `commit` is called for each at its arrival time. */
function placeOrders(sim: Simulation, random: Random, commit: (orderId: number) => void): () => number {
  let next = 0;
  const arrive = () => {
    commit(next++);
    const gap = random.exponential(1000 / ORDERS_PER_SECOND);
    if (sim.now + gap < SIMULATED_S * 1000) sim.schedule(gap, arrive);
  };
  sim.schedule(random.exponential(1000 / ORDERS_PER_SECOND), arrive);
  return () => next;
}

/** Commit, then publish from the same process, retrying a few times while the broker is down. */
export function dualWrite(seed = SEED): DeliveryResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const crashes = random.split();
  const log = new EventLog();
  const unpublished = new TimeSeries({ bucketMs: 1000 });
  let waiting = 0;
  const attempt = (orderId: number, committedAt: number, retriesLeft: number) => {
    if (brokerIsUp(sim.now)) {
      sim.schedule(PUBLISH_MS, () => {
        log.publish(orderId, committedAt, sim.now);
        waiting--;
        unpublished.record(sim.now, waiting);
      });
    } else if (retriesLeft > 0) {
      sim.schedule(RETRY_DELAY_MS, () => attempt(orderId, committedAt, retriesLeft - 1));
    } else {
      waiting--; // the process gives up: the event is gone
      unpublished.record(sim.now, waiting);
    }
  };
  const orders = placeOrders(sim, random.split(), (orderId) => {
    if (crashes.chance(CRASH_AFTER_COMMIT)) return; // committed, then the process died: no event
    waiting++;
    unpublished.record(sim.now, waiting);
    attempt(orderId, sim.now, PUBLISH_RETRIES);
  });
  sim.run();
  unpublished.extendTo(SIMULATED_S * 1000 - 1);
  return log.result('dual write', orders(), unpublished);
}

/** Commit the order and its outbox row together; a relay publishes the outbox, then marks rows sent. */
export function outbox(relayCrash = RELAY_CRASH, seed = SEED): DeliveryResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const relayCrashes = random.split();
  const log = new EventLog();
  const pending: { orderId: number; committedAt: number }[] = []; // the outbox table, oldest first
  const unpublished = new TimeSeries({ bucketMs: 1000 });
  // The service may still die after its commit, but the outbox row was committed with the order.
  const orders = placeOrders(sim, random.split(), (orderId) => {
    pending.push({ orderId, committedAt: sim.now });
    unpublished.record(sim.now, pending.length);
  });
  const poll = () => {
    let next = RELAY_POLL_MS;
    if (brokerIsUp(sim.now) && pending.length > 0) {
      const batch = pending.slice(0, RELAY_BATCH);
      const publishedAt = sim.now + PUBLISH_MS;
      for (const row of batch) log.publish(row.orderId, row.committedAt, publishedAt);
      if (relayCrashes.chance(relayCrash)) {
        next = RELAY_RESTART_MS; // died before marking the batch sent: it stays in the outbox
      } else {
        pending.splice(0, batch.length);
      }
      unpublished.record(sim.now, pending.length);
    }
    // Poll until the last order has been published.
    if (sim.now < SIMULATED_S * 1000 || pending.length > 0) sim.schedule(next, poll);
  };
  sim.schedule(RELAY_POLL_MS, poll);
  sim.run();
  return log.result('outbox', orders(), unpublished);
}

/** Lost events the dual write should show: crashes, plus orders whose every publish attempt fell in the outage. */
export function expectedDualWriteLosses(): { byCrash: number; byOutage: number } {
  const orders = ORDERS_PER_SECOND * SIMULATED_S;
  const retryWindowS = (PUBLISH_RETRIES * RETRY_DELAY_MS) / 1000;
  return {
    byCrash: orders * CRASH_AFTER_COMMIT,
    byOutage: ORDERS_PER_SECOND * (1 - CRASH_AFTER_COMMIT) * Math.max(0, BROKER_DOWN_FOR_S - retryWindowS),
  };
}

/** The exercise: a relay that crashes ten times as often. */
function flakyRelay() {
  const r = outbox(RELAY_CRASH * 10);
  return {
    flakyRelayLost: r.lost,
    flakyRelayDuplicates: r.duplicates,
    flakyRelayApplied: r.appliedByConsumer,
  };
}

export function facts() {
  const dual = dualWrite();
  const box = outbox();
  const expected = expectedDualWriteLosses();
  return {
    ordersPerSecond: `${ORDERS_PER_SECOND} orders a second`,
    duration: `${SIMULATED_S / 60} minutes`,
    crashChance: `${CRASH_AFTER_COMMIT * 100}%`,
    outage: `${BROKER_DOWN_FOR_S} seconds`,
    retryWindow: `${(PUBLISH_RETRIES * RETRY_DELAY_MS) / 1000} seconds`,
    orders: dual.orders,
    dualLost: dual.lost,
    dualLostShare: `${((100 * dual.lost) / dual.orders).toFixed(1)}%`,
    dualLostExpected: Math.round(expected.byCrash + expected.byOutage),
    outboxDuplicates: box.duplicates,
    outboxApplied: box.appliedByConsumer,
    outboxMaxDelay: `${(box.delay.max / 1000).toFixed(1)} seconds`,
    outboxPeakBacklog: Math.max(...box.backlog.map(([, v]) => v)),
    ...flakyRelay(),
    outboxLosesNothing: box.lost === 0 && dual.lost > 0,
    consumerAppliesEachOnce: box.appliedByConsumer === box.orders,
  };
}

export default function main(): void {
  const results = [dualWrite(), outbox()];
  show(
    table(
      ['approach', 'events lost', 'published twice', 'applied by the consumer', 'p50 delay ms', 'p99 delay ms'],
      results.map((r) => [r.approach, r.lost, r.duplicates, r.appliedByConsumer, r.delay.percentile(50), r.delay.percentile(99)]),
      `${results[0].orders} orders in ${SIMULATED_S} s; the broker is down for ${BROKER_DOWN_FOR_S} s from ${BROKER_DOWN_AT_S} s`,
    ),
    lineChart(
      'Events committed but not yet published',
      { label: 'time', unit: 's' },
      { label: 'events waiting', unit: 'events' },
      results.map((r) => ({ name: r.approach, points: r.backlog.map(([t, v]) => [t / 1000, v] as [number, number]) })),
      'While the broker is down, the outbox holds every event and publishes the backlog within a second of the broker returning; the dual write holds only the few events still being retried and drops the rest.',
    ),
  );
}
