/**
 * Closed-form results from queueing and reliability theory. The tests check the
 * simulator against them, and examples print them next to simulated values so
 * the reader sees where theory stops (bursts, timeouts, retries) and simulation
 * has to take over.
 *
 * Notation: λ arrival rate, μ service rate of one worker, c workers,
 * ρ = λ / (c μ) utilisation. Rates are per second, times in ms.
 *
 * Every helper takes its arguments in one order: arrival rate (per second), mean
 * service time (ms), then what else the model needs (workers, Cs², a percentile).
 */

const ORDER =
  'the arguments are (arrivalRatePerSecond, meanServiceMs, workers), workers last as in every theory helper ' +
  '(before, mmcMeanWaitMs and erlangC took workers first)';

/** Validate the common arguments; returns the offered load A = λ·S in erlangs (busy workers on average). */
function offeredLoad(name: string, arrivalRatePerSecond: number, meanServiceMs: number, workers: number): number {
  if (!(arrivalRatePerSecond > 0 && arrivalRatePerSecond < Infinity)) {
    throw new Error(`${name}: arrivalRatePerSecond must be a finite number > 0 (got ${arrivalRatePerSecond})`);
  }
  if (!(meanServiceMs > 0 && meanServiceMs < Infinity)) throw new Error(`${name}: meanServiceMs must be a finite number > 0 (got ${meanServiceMs})`);
  if (!Number.isInteger(workers) || workers < 1) {
    // A fractional "workers" is most likely a service time in the old argument order.
    throw new Error(`${name}: workers must be an integer >= 1 (got ${workers}); ${ORDER}`);
  }
  return (arrivalRatePerSecond * meanServiceMs) / 1000;
}

function check(name: string, arrivalRatePerSecond: number, meanServiceMs: number, workers = 1): number {
  const utilisation = offeredLoad(name, arrivalRatePerSecond, meanServiceMs, workers) / workers;
  if (!(utilisation < 1)) throw new Error(`${name}: utilisation λ·S/c must be < 1 for a steady state (got ${utilisation})`);
  return utilisation;
}

/** M/M/1: mean time waiting in the queue, ms. Wq = ρ S / (1 − ρ). */
export function mm1MeanWaitMs(arrivalRatePerSecond: number, meanServiceMs: number): number {
  const rho = check('mm1MeanWaitMs', arrivalRatePerSecond, meanServiceMs);
  return (rho * meanServiceMs) / (1 - rho);
}

/** M/M/1: mean time in the system (wait + service), ms. W = S / (1 − ρ). */
export function mm1MeanResponseMs(arrivalRatePerSecond: number, meanServiceMs: number): number {
  const rho = check('mm1MeanResponseMs', arrivalRatePerSecond, meanServiceMs);
  return meanServiceMs / (1 - rho);
}

/** M/M/1: the p-th percentile of response time, ms; response time is exponential with mean W. */
export function mm1ResponsePercentileMs(arrivalRatePerSecond: number, meanServiceMs: number, p: number): number {
  return -mm1MeanResponseMs(arrivalRatePerSecond, meanServiceMs) * Math.log(1 - p / 100);
}

/** B(c, A) by the recurrence B(k) = A·B(k−1) / (k + A·B(k−1)), which stays stable for large c. */
function erlangBRecurrence(workers: number, offered: number): number {
  let blocking = 1;
  for (let k = 1; k <= workers; k++) blocking = (offered * blocking) / (k + offered * blocking);
  return blocking;
}

/**
 * Erlang B: the probability that an arrival finds all c workers busy and is turned
 * away, when there is no waiting room (M/M/c/c: telephone lines, connection pools
 * that refuse rather than queue). A `Server` with `queueLimit: 0` is this model:
 * its `rejected / arrivals` tends to erlangB. Any utilisation is allowed.
 */
export function erlangB(arrivalRatePerSecond: number, meanServiceMs: number, workers: number): number {
  return erlangBRecurrence(workers, offeredLoad('erlangB', arrivalRatePerSecond, meanServiceMs, workers));
}

/** Erlang C: the probability that an arrival has to wait in an M/M/c queue. */
export function erlangC(arrivalRatePerSecond: number, meanServiceMs: number, workers: number): number {
  const rho = check('erlangC', arrivalRatePerSecond, meanServiceMs, workers);
  const blocking = erlangBRecurrence(workers, rho * workers);
  return blocking / (1 - rho + rho * blocking);
}

/** M/M/c: mean time waiting in the queue, ms. Wq = C(c, A) · S / (c (1 − ρ)). */
export function mmcMeanWaitMs(arrivalRatePerSecond: number, meanServiceMs: number, workers: number): number {
  const rho = check('mmcMeanWaitMs', arrivalRatePerSecond, meanServiceMs, workers);
  return (erlangC(arrivalRatePerSecond, meanServiceMs, workers) * meanServiceMs) / (workers * (1 - rho));
}

/** M/M/1: mean number waiting in the queue (not in service), time-averaged. Lq = ρ² / (1 − ρ) = λ·Wq. */
export function mm1MeanQueueLength(arrivalRatePerSecond: number, meanServiceMs: number): number {
  const rho = check('mm1MeanQueueLength', arrivalRatePerSecond, meanServiceMs);
  return (rho * rho) / (1 - rho);
}

/**
 * M/G/1 (Pollaczek–Khinchine): mean wait, ms. Wq = ρ S (1 + Cs²) / (2 (1 − ρ)),
 * where Cs² is the squared coefficient of variation of service time:
 * 1 for exponential, 0 for deterministic (M/D/1: half the M/M/1 wait).
 */
export function mg1MeanWaitMs(arrivalRatePerSecond: number, meanServiceMs: number, serviceCv2: number): number {
  const rho = check('mg1MeanWaitMs', arrivalRatePerSecond, meanServiceMs);
  if (!(serviceCv2 >= 0)) throw new Error(`mg1MeanWaitMs: serviceCv2 must be >= 0 (got ${serviceCv2})`);
  return (rho * meanServiceMs * (1 + serviceCv2)) / (2 * (1 - rho));
}

/** Availability of one component from its mean time between failures and mean time to repair. */
export function availability(mtbf: number, mttr: number): number {
  if (!(mtbf > 0) || !(mttr >= 0)) throw new Error(`availability: need mtbf > 0 and mttr >= 0 (got ${mtbf}, ${mttr})`);
  return mtbf / (mtbf + mttr);
}

/** Components in series (all must be up): the product of availabilities. */
export function seriesAvailability(availabilities: number[]): number {
  return availabilities.reduce((product, a) => product * a, 1);
}

/** Redundant components in parallel (one up is enough): 1 − ∏(1 − A). */
export function parallelAvailability(availabilities: number[]): number {
  return 1 - availabilities.reduce((product, a) => product * (1 - a), 1);
}
