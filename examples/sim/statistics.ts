/**
 * Statistics: what a run measured. Counts and rates, mean, percentiles,
 * histograms, levels averaged over time, and series bucketed over virtual time.
 */

/** Relative error of percentiles estimated from the log-bucketed histogram. */
export const PERCENTILE_RELATIVE_ERROR = 0.01;

// Buckets grow by GAMMA, so every value in a bucket is within 1% of the bucket's
// representative value (the DDSketch construction). 1,400 buckets cover
// 1 microsecond to more than 11 days: constant memory, however long the run.
const GAMMA = (1 + PERCENTILE_RELATIVE_ERROR) / (1 - PERCENTILE_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
const MIN_TRACKED = 1e-3;
const MIN_INDEX = Math.ceil(Math.log(MIN_TRACKED) / LOG_GAMMA);
const BUCKETS = 1400;

export interface StatsOptions {
  /**
   * Keep every value to compute exact percentiles (8 bytes a value). The
   * default keeps a histogram: percentiles within 1% relative error in 11 KB.
   */
  exact?: boolean;
}

/** A summary a table row or a test can use. Times in the unit that was recorded (ms for latencies). */
export interface StatsSummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
}

/** Records values (latencies, sizes) and answers count, mean, standard deviation, percentiles. */
export class Stats {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private meanSoFar = 0;
  private squaredDeviations = 0; // Welford's running variance: stable over millions of values
  private readonly buckets: Float64Array | undefined;
  private zeroOrTiny = 0; // values below MIN_TRACKED, reported as 0
  private values: Float64Array | undefined;
  private sorted = true;

  constructor(options: StatsOptions = {}) {
    if (options.exact) this.values = new Float64Array(1024);
    else this.buckets = new Float64Array(BUCKETS);
  }

  get exact(): boolean {
    return this.values !== undefined;
  }

  /** Forget everything recorded: after a warm-up, so the steady state is measured alone. */
  reset(): void {
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.meanSoFar = 0;
    this.squaredDeviations = 0;
    this.zeroOrTiny = 0;
    this.buckets?.fill(0);
    this.sorted = true;
  }

  record(value: number): void {
    if (!(value >= 0) && !(value < 0)) throw new Error(`Stats.record: value must be a number (got ${value})`);
    const n = ++this.count;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const delta = value - this.meanSoFar;
    this.meanSoFar += delta / n;
    this.squaredDeviations += delta * (value - this.meanSoFar);
    if (this.buckets !== undefined) {
      if (value < MIN_TRACKED) this.zeroOrTiny++;
      else {
        let index = Math.ceil(Math.log(value) / LOG_GAMMA) - MIN_INDEX;
        if (index >= BUCKETS) index = BUCKETS - 1;
        this.buckets[index]++;
      }
    } else {
      let values = this.values!;
      if (n > values.length) {
        const larger = new Float64Array(values.length * 2);
        larger.set(values);
        this.values = values = larger;
      }
      values[n - 1] = value;
      this.sorted = false;
    }
  }

  get mean(): number {
    return this.count === 0 ? NaN : this.meanSoFar;
  }

  get variance(): number {
    return this.count < 2 ? 0 : this.squaredDeviations / (this.count - 1);
  }

  get standardDeviation(): number {
    return Math.sqrt(this.variance);
  }

  /**
   * The value below which `p` percent of recorded values fall (p in 0..100),
   * by the nearest-rank method. NaN when nothing was recorded.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new Error(`Stats.percentile: p must be in 0..100 (got ${p})`);
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    if (this.values !== undefined) {
      const values = this.values.subarray(0, this.count);
      if (!this.sorted) {
        values.sort();
        this.sorted = true;
      }
      return values[rank - 1];
    }
    let seen = this.zeroOrTiny;
    if (seen >= rank) return 0;
    const buckets = this.buckets!;
    for (let i = 0; i < BUCKETS; i++) {
      seen += buckets[i];
      if (seen >= rank) {
        // Bucket i holds (GAMMA^(k-1), GAMMA^k]; this point is within 1% of all of them.
        const estimate = (2 * Math.pow(GAMMA, i + MIN_INDEX)) / (GAMMA + 1);
        return Math.min(Math.max(estimate, this.min), this.max);
      }
    }
    return this.max;
  }

  summary(): StatsSummary {
    return {
      count: this.count,
      mean: this.mean,
      min: this.count ? this.min : NaN,
      max: this.count ? this.max : NaN,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
    };
  }

  /**
   * Counts in equal-width buckets from 0 (or `from`): `[bucketStart, count]`
   * pairs, ready for `histogramChart`. Exact mode only counts exactly; the
   * default mode spreads its log buckets by their representative values.
   */
  histogram(bucketWidth: number, from = 0): [number, number][] {
    if (!(bucketWidth > 0)) throw new Error(`Stats.histogram: bucketWidth must be > 0 (got ${bucketWidth})`);
    const counts = new Map<number, number>();
    const add = (value: number, count: number) => {
      if (value < from) return;
      const start = from + Math.floor((value - from) / bucketWidth) * bucketWidth;
      counts.set(start, (counts.get(start) ?? 0) + count);
    };
    if (this.values !== undefined) {
      for (let i = 0; i < this.count; i++) add(this.values[i], 1);
    } else {
      add(0, this.zeroOrTiny);
      const buckets = this.buckets!;
      for (let i = 0; i < BUCKETS; i++) {
        if (buckets[i] > 0) add((2 * Math.pow(GAMMA, i + MIN_INDEX)) / (GAMMA + 1), buckets[i]);
      }
    }
    if (counts.size === 0) return [];
    const starts = [...counts.keys()];
    const first = Math.min(...starts), last = Math.max(...starts);
    const result: [number, number][] = [];
    // Fill the empty buckets in between so the chart's x axis is even.
    for (let start = first; start <= last + bucketWidth / 2; start += bucketWidth) {
      const key = from + Math.round((start - from) / bucketWidth) * bucketWidth;
      result.push([key, counts.get(key) ?? 0]);
    }
    return result;
  }
}

/**
 * A level that changes over time (queue length, requests in the system, busy
 * workers), averaged over time rather than over changes: the L of Little's law.
 */
export class TimeWeighted {
  private area = 0;
  private lastChange: number;
  max: number;

  constructor(public level = 0, public startTime = 0) {
    this.lastChange = startTime;
    this.max = level;
  }

  /** Set the level at time `now`. */
  set(now: number, level: number): void {
    this.area += this.level * (now - this.lastChange);
    this.lastChange = now;
    this.level = level;
    if (level > this.max) this.max = level;
  }

  /** Add `delta` to the level at time `now`. */
  add(now: number, delta: number): void {
    this.set(now, this.level + delta);
  }

  /** Start averaging afresh from `now`, keeping the current level (after a warm-up). */
  reset(now: number): void {
    this.area = 0;
    this.lastChange = now;
    this.startTime = now;
    this.max = this.level;
  }

  /** The area under the level from the start until `now` (level × ms): busy worker-ms, for example. */
  integral(now: number): number {
    return this.area + this.level * (now - this.lastChange);
  }

  /** The time-average level from the start until `now`. */
  mean(now: number): number {
    const elapsed = now - this.startTime;
    if (elapsed <= 0) return this.level;
    return (this.area + this.level * (now - this.lastChange)) / elapsed;
  }
}

/** Counts events and turns them into a rate per second of virtual time. */
export class Counter {
  count = 0;
  constructor(public startTime = 0) {}

  /** Count from zero again, with rates measured from `now` (after a warm-up). */
  reset(now: number): void {
    this.count = 0;
    this.startTime = now;
  }

  increment(by = 1): void {
    this.count += by;
  }

  /** Events per second between the start and `now` (ms). */
  ratePerSecond(now: number): number {
    const elapsed = now - this.startTime;
    return elapsed <= 0 ? 0 : (this.count * 1000) / elapsed;
  }
}

/** What a `TimeSeries` can report per bucket. */
export type SeriesMeasure = 'count' | 'ratePerSecond' | 'sum' | 'mean' | 'max' | 'p50' | 'p90' | 'p99';

export interface TimeSeriesOptions {
  /** Bucket width in ms of virtual time. */
  bucketMs: number;
  /** Keep a histogram per bucket so that `points('p99')` works (11 KB per bucket). */
  percentiles?: boolean;
}

/** Values recorded at virtual times, grouped in fixed-width buckets: "p99 per second", "requests per minute". */
export class TimeSeries {
  readonly bucketMs: number;
  private readonly counts: number[] = [];
  private readonly sums: number[] = [];
  private readonly maxima: number[] = [];
  private readonly histograms: (Stats | undefined)[] | undefined;

  constructor(options: TimeSeriesOptions) {
    if (!(options.bucketMs > 0)) throw new Error(`TimeSeries: bucketMs must be > 0 (got ${options.bucketMs})`);
    this.bucketMs = options.bucketMs;
    if (options.percentiles) this.histograms = [];
  }

  record(time: number, value = 1): void {
    this.extendTo(time);
    const index = Math.floor(time / this.bucketMs);
    this.counts[index]++;
    this.sums[index] += value;
    if (value > this.maxima[index]) this.maxima[index] = value;
    if (this.histograms) (this.histograms[index] ??= new Stats()).record(value);
  }

  /** Add empty buckets up to the one holding `time`, so the series reaches a quiet end of the run. */
  extendTo(time: number): void {
    const index = Math.floor(time / this.bucketMs);
    while (this.counts.length <= index) {
      this.counts.push(0);
      this.sums.push(0);
      this.maxima.push(-Infinity);
    }
  }

  /** `[bucketStartMs, value]` pairs for a line chart; empty buckets give 0 (NaN for mean, max and percentiles). */
  points(measure: SeriesMeasure = 'count'): [number, number][] {
    const result: [number, number][] = [];
    for (let i = 0; i < this.counts.length; i++) {
      const count = this.counts[i];
      let value: number;
      switch (measure) {
        case 'count': value = count; break;
        case 'ratePerSecond': value = (count * 1000) / this.bucketMs; break;
        case 'sum': value = this.sums[i]; break;
        case 'mean': value = count ? this.sums[i] / count : NaN; break;
        case 'max': value = count ? this.maxima[i] : NaN; break;
        default: {
          if (!this.histograms) throw new Error(`TimeSeries.points: '${measure}' needs { percentiles: true }`);
          const p = measure === 'p50' ? 50 : measure === 'p90' ? 90 : 99;
          value = this.histograms[i]?.percentile(p) ?? NaN;
        }
      }
      result.push([i * this.bucketMs, value]);
    }
    return result;
  }
}
