/**
 * Seeded random numbers: the same seed gives the same run, in Node and in the browser.
 *
 * The generator is xoshiro128** (Blackman and Vigna): 128 bits of state, 32-bit
 * integer arithmetic only (`Math.imul`, shifts), so every JavaScript engine
 * computes exactly the same sequence. `Math.random` is never used: its seed
 * cannot be set, so a run could not be repeated.
 */

import { invalid, requireInteger } from './request';

const TWO_POW_32 = 4294967296;

/** splitmix32 spreads a small seed (42) over the four state words, so nearby seeds give unrelated runs. */
function splitmix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = NaN;

  /** `seed` is any integer; the same seed always gives the same sequence. */
  constructor(readonly seed = 1) {
    if (!Number.isInteger(seed)) {
      throw new Error(`Random: seed must be an integer (got ${seed})`);
    }
    const state = { x: seed | 0 };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /**
   * A new generator whose sequence is independent of this one. Give each
   * component its own, so that adding a component does not change what the
   * others draw.
   */
  split(): Random {
    return new Random(this.nextUint32() | 0);
  }

  /** Uniform on [min, max). */
  uniform(min: number, max: number): number {
    requireFinite('Random.uniform', 'min', min);
    if (!(max >= min && max < Infinity)) invalid('Random.uniform', 'max', `a finite number >= min (${min})`, max);
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both ends included. */
  integer(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new Error(`Random.integer: min and max must be integers with max >= min (got ${min}, ${max})`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p` (0..1). */
  chance(p: number): boolean {
    if (!(p >= 0 && p <= 1)) invalid('Random.chance', 'p', 'a probability in 0..1', p);
    return this.next() < p;
  }

  /**
   * Exponential with the given mean: the time between arrivals of a Poisson
   * process, and the classic "memoryless" service time of M/M/1.
   */
  exponential(mean: number): number {
    if (!(mean > 0 && mean < Infinity)) invalid('Random.exponential', 'mean', 'a finite number > 0', mean);
    // 1 - next() is in (0, 1], so the logarithm is finite.
    return -mean * Math.log(1 - this.next());
  }

  /** Normal (Gaussian) by the Marsaglia polar method; the second value of each pair is kept for the next call. */
  normal(mean = 0, standardDeviation = 1): number {
    requireFinite('Random.normal', 'mean', mean);
    if (!(standardDeviation >= 0 && standardDeviation < Infinity)) {
      invalid('Random.normal', 'standardDeviation', 'a finite number >= 0', standardDeviation);
    }
    let z = this.spareNormal;
    if (z === z) {
      this.spareNormal = NaN;
    } else {
      let u: number, v: number, s: number;
      do {
        u = 2 * this.next() - 1;
        v = 2 * this.next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      z = u * factor;
      this.spareNormal = v * factor;
    }
    return mean + standardDeviation * z;
  }

  /**
   * Log-normal: `exp(normal(mu, sigma))`. Latencies often look like this: most
   * are near the median `exp(mu)`, a few are much slower. Mean is `exp(mu + sigma²/2)`.
   */
  lognormal(mu: number, sigma: number): number {
    requireFinite('Random.lognormal', 'mu', mu);
    if (!(sigma >= 0 && sigma < Infinity)) invalid('Random.lognormal', 'sigma', 'a finite number >= 0', sigma);
    return Math.exp(this.normal(mu, sigma));
  }

  /**
   * Pareto with minimum `scale` and tail index `shape` (> 0): heavy-tailed, for
   * file sizes and "a few requests are enormous". Mean is `shape*scale/(shape-1)` when shape > 1.
   */
  pareto(scale: number, shape: number): number {
    if (!(scale > 0 && scale < Infinity)) invalid('Random.pareto', 'scale', 'a finite number > 0', scale);
    if (!(shape > 0 && shape < Infinity)) invalid('Random.pareto', 'shape', 'a finite number > 0', shape);
    return scale / Math.pow(1 - this.next(), 1 / shape);
  }

  /** Always `value`: lets a deterministic service time be passed where a distribution is expected. */
  deterministic(value: number): number {
    requireFinite('Random.deterministic', 'value', value);
    return value;
  }

  /** One of `items`, all equally likely. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: items must not be empty');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `items`, chosen with probability proportional to `weights` (all >= 0, not all zero). */
  weightedChoice<T>(items: readonly T[], weights: readonly number[]): T {
    return weightedPicker(items, weights)(this);
  }
}

/**
 * Precompute cumulative weights once and choose by binary search: use this in a
 * loop instead of `weightedChoice`, which rebuilds the table on every call.
 */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new Error(
      `weightedChoice: items and weights must be non-empty and the same length (got ${items.length} and ${weights.length})`,
    );
  }
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => {
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new Error(`weightedChoice: weights must be finite numbers >= 0 (got ${weight} at index ${i})`);
    }
    total += weight;
    cumulative[i] = total;
  });
  if (total === 0) throw new Error('weightedChoice: at least one weight must be > 0');
  return (random) => {
    const target = random.next() * total;
    let low = 0, high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return items[low];
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A source of durations (ms), sizes or ranks: call it to draw the next value. */
export type Sampler = () => number;

/**
 * Named constructors for samplers, so a reader can write
 * `serviceTime: exponential(random, 10)` and a table can describe it.
 */
export const distributions = {
  exponential: (random: Random, mean: number): Sampler => {
    requirePositive('exponential', 'mean', mean);
    return () => random.exponential(mean);
  },
  uniform: (random: Random, min: number, max: number): Sampler => {
    requireFiniteNonNegative('uniform', 'min', min);
    if (!(max >= min && max < Infinity)) invalid('uniform', 'max', `a finite number >= min (${min})`, max);
    return () => random.uniform(min, max);
  },
  /**
   * Normal, with negative draws clamped to 0 (a duration cannot be negative). The
   * clamping piles the negative tail onto 0 and raises the mean: N(10, 10) comes out
   * with mean 10.83, not 10. Keep standardDeviation under a third of the mean, or
   * use `truncatedNormal`, which draws again instead.
   */
  normal: (random: Random, mean: number, standardDeviation: number): Sampler => {
    requireFinite('normal', 'mean', mean);
    requireFiniteNonNegative('normal', 'standardDeviation', standardDeviation);
    return () => Math.max(0, random.normal(mean, standardDeviation));
  },
  /**
   * Normal restricted to [min, max] (default [0, ∞)): a draw outside is drawn again,
   * so the shape inside the range is kept and nothing piles up at the edge. Its mean
   * is above `mean` when the range cuts more of the left tail (N(10, 10) on [0, ∞):
   * 12.88). The range must hold at least 0.1 % of the distribution.
   */
  truncatedNormal: (random: Random, mean: number, standardDeviation: number, min = 0, max = Infinity): Sampler => {
    requireFinite('truncatedNormal', 'mean', mean);
    requireFiniteNonNegative('truncatedNormal', 'standardDeviation', standardDeviation);
    if (!(min < max) || Number.isNaN(min)) invalid('truncatedNormal', 'max', `greater than min (${min})`, max);
    const inside = normalProbability(mean, standardDeviation, min, max);
    if (!(inside >= 0.001)) {
      invalid('truncatedNormal', 'range', `to hold at least 0.1 % of N(${mean}, ${standardDeviation})`, `[${min}, ${max}], which holds ${inside}`);
    }
    return () => {
      for (;;) {
        const x = random.normal(mean, standardDeviation);
        if (x >= min && x <= max) return x;
      }
    };
  },
  /** Log-normal by its parameters: `exp(normal(mu, sigma))`, median `exp(mu)`. */
  lognormal: (random: Random, mu: number, sigma: number): Sampler => {
    requireFinite('lognormal', 'mu', mu);
    requireFiniteNonNegative('lognormal', 'sigma', sigma);
    return () => random.lognormal(mu, sigma);
  },
  /**
   * Log-normal by what you measure: its mean and its coefficient of variation (standard
   * deviation / mean). cv = 1 has the spread of an exponential with a heavier tail;
   * sigma² = ln(1 + cv²), mu = ln(mean) − sigma²/2.
   */
  lognormalByMean: (random: Random, mean: number, coefficientOfVariation: number): Sampler => {
    requirePositive('lognormalByMean', 'mean', mean);
    requireFiniteNonNegative('lognormalByMean', 'coefficientOfVariation', coefficientOfVariation);
    const sigmaSquared = Math.log(1 + coefficientOfVariation ** 2);
    const mu = Math.log(mean) - sigmaSquared / 2;
    const sigma = Math.sqrt(sigmaSquared);
    return () => random.lognormal(mu, sigma);
  },
  pareto: (random: Random, scale: number, shape: number): Sampler => {
    requirePositive('pareto', 'scale', scale);
    requirePositive('pareto', 'shape', shape);
    return () => random.pareto(scale, shape);
  },
  /**
   * Ranks 1..n with P(k) proportional to 1/k^s (s = 0 is uniform): key popularity,
   * a few keys read often and most rarely. A sampler, not a `Random` method, so
   * the cumulative table is built once and each draw is a binary search, O(log n).
   */
  zipf: (random: Random, n: number, s: number): Sampler => {
    requireInteger('zipf', 'n', n, 1);
    if (!(s >= 0) || !Number.isFinite(s)) invalid('zipf', 's', 'a finite number >= 0', s);
    const ranks = Array.from({ length: n }, (_, k) => k + 1);
    const pick = weightedPicker(ranks, ranks.map((k) => k ** -s));
    return () => pick(random);
  },
  /**
   * Each draw comes from one of several samplers, chosen by weight: `[[0.99, fast],
   * [0.01, slow]]` is "1 % of calls are slow". Weights need not sum to 1.
   */
  mixture: (random: Random, parts: readonly (readonly [number, Sampler])[]): Sampler => {
    if (!Array.isArray(parts) || parts.length === 0) invalid('mixture', 'parts', 'a non-empty list of [weight, sampler]', parts);
    parts.forEach((part, i) => {
      if (!Array.isArray(part) || typeof part[1] !== 'function') invalid('mixture', `parts[${i}]`, 'a pair [weight, sampler]', part);
    });
    const pick = weightedPicker(parts.map((part) => part[1]), parts.map((part) => part[0]));
    return () => pick(random)();
  },
  deterministic: (value: number): Sampler => {
    requireFiniteNonNegative('deterministic', 'value', value);
    return () => value;
  },
};

function requirePositive(name: string, parameter: string, value: number): void {
  if (!(value > 0 && value < Infinity)) invalid(name, parameter, 'a finite number > 0', value);
}

function requireFinite(name: string, parameter: string, value: number): void {
  if (!(typeof value === 'number' && Number.isFinite(value))) invalid(name, parameter, 'a finite number', value);
}

function requireFiniteNonNegative(name: string, parameter: string, value: number): void {
  if (!(value >= 0 && value < Infinity)) invalid(name, parameter, 'a finite number >= 0', value);
}

/** P(min <= X <= max) for X ~ N(mean, sd), from the error function (Abramowitz and Stegun 7.1.26, error < 1.5e-7). */
function normalProbability(mean: number, sd: number, min: number, max: number): number {
  if (sd === 0) return mean >= min && mean <= max ? 1 : 0;
  const cdf = (x: number) => (x === Infinity ? 1 : x === -Infinity ? 0 : 0.5 * (1 + erf((x - mean) / (sd * Math.SQRT2))));
  return cdf(max) - cdf(min);
}

function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496735) * t + 0.254829592) * t * Math.exp(-x * x);
  return sign * y;
}
