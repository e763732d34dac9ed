/**
 * What a client saw: how many requests ended each way, and how long the
 * successful ones took. Shared by open and closed load.
 */
import type { Simulation } from './engine';
import { Stats, TimeSeries, Counter } from './statistics';
import { requirePositive } from './request';
import type { Outcome, Request } from './request';

export interface ClientStatsOptions {
  /** Keep every latency for exact percentiles (default: histogram within 1%). */
  exactPercentiles?: boolean;
  /** Also bucket latencies and outcomes over virtual time, for charts. Bucket width in ms. */
  seriesBucketMs?: number;
  /**
   * A request answered 'ok' within this many ms is "good": goodput counts only these.
   * An answer that comes after the user has given up is load without value.
   */
  sloMs?: number;
}

export class ClientStats {
  readonly sent = new Counter();
  readonly ok = new Counter();
  readonly rejected = new Counter();
  readonly timedOut = new Counter();
  readonly errors = new Counter();
  /** Latency of successful requests, ms, from first send to reply (retries included). */
  readonly latency: Stats;
  /** Per-bucket latency of successful requests (present when `seriesBucketMs` was given). */
  readonly latencySeries: TimeSeries | undefined;
  /**
   * Per-bucket count of failed requests: rejected, timed out or errors. Both
   * series run to the last completed request, whatever its outcome, so they
   * share one time axis; `extendTo(sim.now)` pads a quiet end.
   */
  readonly failureSeries: TimeSeries | undefined;
  /** With `sloMs`: successful requests answered within it. */
  readonly withinSlo = new Counter();
  /** With `sloMs` and `seriesBucketMs`: per-bucket count of requests answered within the SLO (goodput over time). */
  readonly goodputSeries: TimeSeries | undefined;
  private readonly sloMs: number;

  constructor(private readonly sim: Simulation, options: ClientStatsOptions = {}) {
    this.latency = new Stats({ exact: options.exactPercentiles });
    this.sloMs = options.sloMs ?? Infinity;
    requirePositive('ClientStats', 'sloMs', this.sloMs);
    if (options.seriesBucketMs !== undefined) {
      this.latencySeries = new TimeSeries({ bucketMs: options.seriesBucketMs, percentiles: true });
      this.failureSeries = new TimeSeries({ bucketMs: options.seriesBucketMs });
      if (options.sloMs !== undefined) this.goodputSeries = new TimeSeries({ bucketMs: options.seriesBucketMs });
    }
  }

  /**
   * Forget what was measured so far and measure from now (at the end of a warm-up).
   * The time series keep their buckets: they are already split by time.
   */
  resetStatistics(): void {
    const now = this.sim.now;
    for (const counter of [this.sent, this.ok, this.rejected, this.timedOut, this.errors, this.withinSlo]) counter.reset(now);
    this.latency.reset();
  }

  /** Requests that have ended, whatever the outcome. */
  get completed(): number {
    return this.ok.count + this.rejected.count + this.timedOut.count + this.errors.count;
  }

  /** Fraction of ended requests that succeeded. */
  get successRatio(): number {
    return this.completed === 0 ? NaN : this.ok.count / this.completed;
  }

  /** Successful requests per second of virtual time so far. */
  throughputPerSecond(): number {
    return this.ok.ratePerSecond(this.sim.now);
  }

  /** Requests answered 'ok' within `sloMs`, per second of virtual time so far (all successes without `sloMs`). */
  goodputPerSecond(): number {
    return this.sloMs === Infinity ? this.throughputPerSecond() : this.withinSlo.ratePerSecond(this.sim.now);
  }

  record(request: Request, outcome: Outcome): void {
    const now = this.sim.now;
    if (outcome === 'ok') {
      this.ok.increment();
      const latency = now - request.createdAt;
      this.latency.record(latency);
      this.latencySeries?.record(now, latency);
      this.failureSeries?.extendTo(now);
      if (latency <= this.sloMs) {
        this.withinSlo.increment();
        this.goodputSeries?.record(now, 1);
      } else this.goodputSeries?.extendTo(now);
      return;
    }
    if (outcome === 'rejected') this.rejected.increment();
    else if (outcome === 'timeout') this.timedOut.increment();
    else this.errors.increment();
    this.failureSeries?.record(now, 1);
    this.latencySeries?.extendTo(now);
    this.goodputSeries?.extendTo(now);
  }
}
