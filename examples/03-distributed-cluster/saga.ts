/**
 * A saga places an order across three services without a distributed transaction: reserve
 * the stock, charge the card, book a courier. Booking fails for COURIER_FAILURE of the orders
 * (no courier free in that area), so the saga undoes what it did, newest first: refund the
 * card, release the stock.
 *
 * A compensation is a call like any other and can fail too: the refund service answers
 * errors for REFUND_ERRORS of the calls. A saga that gives up on a failed refund leaves a
 * customer charged for an order that does not exist. Retrying the compensation until it
 * succeeds closes that gap, at the price of a longer window in which the system is visibly
 * inconsistent (charged, not yet refunded).
 *
 * Change COURIER_FAILURE, REFUND_ERRORS or REFUND_RETRIES and run again.
 */
import { Simulation, Random, Server, OpenLoad, Retry, Saga, show, table } from '../sim';
import type { SagaStep, Target } from '../sim';

export const ORDERS = 5_000;
export const ORDERS_PER_SECOND = 100;
/** Share of courier bookings that fail: the third step. */
export const COURIER_FAILURE = 0.05;
/** Share of refund calls that fail (a timeout, the provider's 503). */
export const REFUND_ERRORS = 0.1;
/** Retries of a failed compensation, with backoff, in the saga that retries. */
export const REFUND_RETRIES = 5;
export const SEED = 71;

export interface SagaSetup {
  name: string;
  compensate: boolean;
  retryCompensations: boolean;
}

export const SETUPS: SagaSetup[] = [
  { name: 'no compensation', compensate: false, retryCompensations: false },
  { name: 'compensate once', compensate: true, retryCompensations: false },
  { name: 'compensate, retried', compensate: true, retryCompensations: true },
];

export interface SagaResult {
  setup: string;
  completed: number;
  failed: number;
  /** Failed orders whose customer is still charged at the end: the money the business owes back. */
  chargedWithoutOrder: number;
  /** Failed orders whose stock is still reserved at the end. */
  stockHeld: number;
  /** p99 of the time from the failure to the last compensation, ms; NaN without compensations. */
  inconsistentP99Ms: number;
  /** The steps of the first saga that failed. */
  exampleLog: string;
}

/** A service that takes `meanMs` per call and fails `errors` of them. */
function service(sim: Simulation, random: Random, name: string, meanMs: number, errors = 0): Server {
  const work = random.split();
  return new Server(sim, { name, workers: 50, serviceTime: () => work.exponential(meanMs), errorProbability: errors, random: random.split() });
}

export function simulate(setup: SagaSetup, refundRetries = REFUND_RETRIES, seed = SEED): SagaResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const reserve = service(sim, random, 'reserve stock', 20);
  const charge = service(sim, random, 'charge card', 150);
  const book = service(sim, random, 'book courier', 80, COURIER_FAILURE);
  const release = service(sim, random, 'release stock', 20);
  const refund = service(sim, random, 'refund card', 150, REFUND_ERRORS);
  const retried = (target: Target): Target =>
    setup.retryCompensations ? new Retry(sim, { target, random: random.split(), maxRetries: refundRetries, baseDelayMs: 200 }) : target;
  const steps: SagaStep[] = [
    { name: 'reserve stock', action: reserve, compensation: setup.compensate ? retried(release) : undefined },
    { name: 'charge card', action: charge, compensation: setup.compensate ? retried(refund) : undefined },
    { name: 'book courier', action: book },
  ];
  const saga = new Saga(sim, { name: 'place order', steps });
  new OpenLoad(sim, { target: saga, random: random.split(), ratePerSecond: ORDERS_PER_SECOND, maxRequests: ORDERS });
  sim.run();
  const failed = saga.started.count - saga.completed.count;
  // Every failed order was charged (the third step failed); each successful refund or release undid one.
  const chargedWithoutOrder = failed - refund.completed.count;
  const stockHeld = failed - release.completed.count;
  const firstFailure = saga.recentLogs.find((log) => log.some(([, outcome]) => outcome !== 'ok'));
  return {
    setup: setup.name,
    completed: saga.completed.count,
    failed,
    chargedWithoutOrder,
    stockHeld,
    // Without compensations nothing is ever put right: no window closes.
    inconsistentP99Ms: setup.compensate ? saga.inconsistentMs.percentile(99) : NaN,
    exampleLog: firstFailure ? firstFailure.map(([step, outcome]) => `${step}: ${outcome}`).join(' → ') : '',
  };
}

export const compare = (): SagaResult[] => SETUPS.map((setup) => simulate(setup));

/** The exercise: compensations retried once only. */
function oneRetry() {
  const r = simulate(SETUPS[2], 1);
  return {
    oneRetryCharged: r.chargedWithoutOrder,
    oneRetryExpected: (r.failed * REFUND_ERRORS ** 2).toFixed(1),
  };
}

export function facts() {
  const [none, once, retried] = compare();
  return {
    orders: ORDERS,
    courierFailure: `${COURIER_FAILURE * 100}%`,
    refundErrors: `${REFUND_ERRORS * 100}%`,
    failedOrders: once.failed,
    noneCharged: none.chargedWithoutOrder,
    onceCharged: once.chargedWithoutOrder,
    onceInconsistentP99: `${Math.round(once.inconsistentP99Ms)} ms`,
    retriedInconsistentP99: `${Math.round(retried.inconsistentP99Ms)} ms`,
    ...oneRetry(),
    retriesCloseTheGap: retried.chargedWithoutOrder === 0 && retried.stockHeld === 0 && once.chargedWithoutOrder > 0,
    retriesCostTime: retried.inconsistentP99Ms > once.inconsistentP99Ms,
  };
}

export default function main(): void {
  const results = compare();
  show(
    table(
      ['setup', 'completed', 'failed', 'charged, no order', 'stock held', 'p99 window ms'],
      results.map((r) => [r.setup, r.completed, r.failed, r.chargedWithoutOrder, r.stockHeld, r.inconsistentP99Ms]),
      `${ORDERS} orders; ${COURIER_FAILURE * 100}% of courier bookings fail, ${REFUND_ERRORS * 100}% of refund calls fail`,
    ),
    `One failed order, step by step: ${results[2].exampleLog}`,
  );
}
