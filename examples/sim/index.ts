/**
 * The simulation kit: everything an example imports, from one place.
 *
 *   import { Simulation, Random, Server, OpenLoad, show, table } from '../sim';
 *
 * Time is in milliseconds of virtual time; rates are per second.
 */
export { Simulation } from './engine';
export type { EventCallback, RunOptions } from './engine';
export { startProcess, Process, Resource } from './process';
export type { Waitable, Wait, ProcessBody } from './process';
export { Random, weightedPicker, distributions } from './random';
export type { Sampler } from './random';
export { Stats, TimeWeighted, Counter, TimeSeries, PERCENTILE_RELATIVE_ERROR } from './statistics';
export type { StatsOptions, StatsSummary, SeriesMeasure, TimeSeriesOptions } from './statistics';
export type { Request, Reply, Outcome, Target, Failable } from './request';
export { Server } from './server';
export type { ServerOptions } from './server';
export { ClientStats } from './client-stats';
export type { ClientStatsOptions } from './client-stats';
export { OpenLoad } from './open-load';
export type { OpenLoadOptions, RateStep, Burst } from './open-load';
export { ClosedLoad } from './closed-load';
export type { ClosedLoadOptions } from './closed-load';
export { LoadBalancer, BALANCING_STRATEGIES } from './load-balancer';
export type { LoadBalancerOptions, BalancingStrategy, Backend, WeightedTarget } from './load-balancer';
export { HashRing, hash32 } from './hash-ring';
export { table, chart, lineChart, barChart, histogramChart, show, captureShown, formatTable, formatChart, formatNumber, isDisplayable } from './display';
export type { Table, Chart, Series, Displayable } from './display';
export * from './theory';
export { Timeout } from './timeout';
export type { TimeoutOptions } from './timeout';
export { Retry } from './retry';
export type { RetryOptions } from './retry';
export { CircuitBreaker } from './circuit-breaker';
export type { CircuitBreakerOptions, BreakerState } from './circuit-breaker';
export { Bulkhead } from './bulkhead';
export type { BulkheadOptions } from './bulkhead';
export { RateLimiter } from './rate-limiter';
export { TokenBucket } from './token-bucket';
export type { TokenBucketOptions } from './token-bucket';
export { SlidingWindowLimiter } from './sliding-window';
export type { SlidingWindowOptions } from './sliding-window';
export { Cache } from './cache';
export type { CacheOptions } from './cache';
export { Database } from './database';
export type { DatabaseOptions } from './database';
export { Link } from './network';
export type { LinkOptions } from './network';
export { FailureInjector, Component } from './failures';
export type { FailureEvent } from './failures';
export { HealthCheck } from './health-check';
export type { HealthCheckOptions, HealthChange } from './health-check';
export { MessageQueue } from './message-queue';
export type { MessageQueueOptions } from './message-queue';
export { Autoscaler } from './autoscaler';
export type { AutoscalerOptions } from './autoscaler';
export { FunctionPlatform } from './function-platform';
export type { FunctionPlatformOptions } from './function-platform';
export { Sidecar } from './sidecar';
export type { SidecarOptions } from './sidecar';
