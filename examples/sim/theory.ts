/**
 * Closed-form results from queueing and reliability theory. The tests check the
 * simulator against them, and examples print them next to simulated values so
 * the reader sees where theory stops (bursts, timeouts, retries) and simulation
 * has to take over.
 *
 * Notation: λ arrival rate, μ service rate of one worker, c workers,
 * ρ = λ / (c μ) utilisation. Rates are per second, times in ms.
 */

function check(name: string, arrivalRatePerSecond: number, meanServiceMs: number, workers = 1): number {
  if (!(arrivalRatePerSecond > 0)) throw new Error(`${name}: arrivalRatePerSecond must be > 0 (got ${arrivalRatePerSecond})`);
  if (!(meanServiceMs > 0)) throw new Error(`${name}: meanServiceMs must be > 0 (got ${meanServiceMs})`);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`${name}: workers must be an integer >= 1 (got ${workers})`);
  const utilisation = (arrivalRatePerSecond * meanServiceMs) / 1000 / workers;
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

/**
 * Erlang C: the probability that an arrival has to wait in an M/M/c queue.
 * Computed with the Erlang B recurrence, which stays stable for large c.
 */
export function erlangC(workers: number, arrivalRatePerSecond: number, meanServiceMs: number): number {
  const rho = check('erlangC', arrivalRatePerSecond, meanServiceMs, workers);
  const offered = rho * workers; // A = λ/μ, in erlangs
  let erlangB = 1;
  for (let k = 1; k <= workers; k++) erlangB = (offered * erlangB) / (k + offered * erlangB);
  return erlangB / (1 - rho + rho * erlangB);
}

/** M/M/c: mean time waiting in the queue, ms. Wq = C(c, A) · S / (c (1 − ρ)). */
export function mmcMeanWaitMs(workers: number, arrivalRatePerSecond: number, meanServiceMs: number): number {
  const rho = check('mmcMeanWaitMs', arrivalRatePerSecond, meanServiceMs, workers);
  return (erlangC(workers, arrivalRatePerSecond, meanServiceMs) * meanServiceMs) / (workers * (1 - rho));
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
