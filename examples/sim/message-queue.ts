/**
 * A message queue with consumers: the producer's request is accepted as soon
 * as it is stored, and consumers work through the backlog at their own pace.
 * Spikes become a growing queue instead of rejected requests; the cost is
 * delay, which `endToEndLatency` and the consumer lag (`lagMessages`, `lagMs`)
 * measure.
 *
 * Delivery is at least once, as with SQS, RabbitMQ or Kafka consumers: a message
 * is deleted only when a consumer acknowledges it. One that is not acknowledged
 * within `visibilityTimeoutMs` (the consumer crashed after doing the work, or is
 * slow) is delivered again, so its work can run twice: `duplicateExecutions`
 * counts it. Put an `IdempotencyStore` in the `handler` to make a duplicate harmless.
 */
import type { Simulation } from './engine';
import type { Random, Sampler } from './random';
import { Counter, Stats, TimeSeries } from './statistics';
import { drawMs, invalid, requireInteger, requireNonNegative, requirePositive, requireProbability, requireTarget } from './request';
import type { Outcome, Reply, Request, Target } from './request';

export interface MessageQueueOptions {
  name?: string;
  /** Consumers processing messages in parallel, one message each at a time. */
  consumers: number;
  /** Time for a consumer to process one message, ms. Default 0 when a `handler` does the work. */
  processingTime?: Sampler;
  /** After `processingTime`, the consumer calls this with the message; 'ok' acknowledges it, anything else returns it to the queue. */
  handler?: Target;
  /** Messages stored at most (not yet acknowledged); beyond it, publishing is rejected. Default unlimited. */
  maxDepth?: number;
  /** Bucket width for `depthSeries` and `lagSeries`, ms. Default 1000. */
  seriesBucketMs?: number;
  /** A delivered message not acknowledged this long after delivery is delivered again, ms. Default: never. */
  visibilityTimeoutMs?: number;
  /** Chance a consumer crashes after doing the work and before acknowledging. Needs `random` and `visibilityTimeoutMs`. */
  crashProbability?: number;
  random?: Random;
  /** After this many deliveries without an acknowledgement, a message goes to the dead-letter queue. Default unlimited. */
  maxReceives?: number;
}

/** One stored message and where it is in its life. */
interface Message {
  request: Request;
  publishedAt: number;
  receives: number; // deliveries so far
  executions: number; // processing runs that completed: effects applied
  delivery: number; // which delivery may acknowledge or expire it (a newer one supersedes an older one)
  visibilityTimer: number;
  settled: boolean; // acknowledged or dead-lettered: gone from the queue
}

/** One delivery of a message to a consumer, carried through its events. */
interface Delivery {
  queue: MessageQueue;
  message: Message;
  number: number;
}

export class MessageQueue implements Target {
  readonly name: string;
  readonly published = new Counter();
  readonly rejected = new Counter();
  /** Messages acknowledged: each counted once, however many times it was delivered. */
  readonly processed = new Counter();
  /** Deliveries to consumers, first ones and redeliveries. */
  readonly deliveries = new Counter();
  /** Deliveries after the first of a message: after a visibility timeout or a failed handler. */
  readonly redeliveries = new Counter();
  /** Processing runs that completed, so their effect happened, whether or not acknowledged afterwards. */
  readonly executions = new Counter();
  /** Executions of a message that had already been executed: what at-least-once costs without idempotency. */
  readonly duplicateExecutions = new Counter();
  /** Consumers that crashed between doing the work and acknowledging it. */
  readonly consumerCrashes = new Counter();
  /** Messages given up after `maxReceives` deliveries. */
  readonly deadLettered = new Counter();
  /** From publish to the first acknowledgement, ms. */
  readonly endToEndLatency = new Stats();
  /** Greatest depth seen in each bucket of virtual time, for a chart. */
  readonly depthSeries: TimeSeries;
  /** Greatest consumer lag in time (`lagMs`) seen in each bucket, for a chart. */
  readonly lagSeries: TimeSeries;
  private consumerCount: number;
  private busy = 0;
  private unsettled = 0;
  // Messages ready for delivery, oldest first; `readyHead` is the next one.
  private ready: Message[] = [];
  private readyHead = 0;
  // Every message in publish order, until settled: the head is the oldest unacknowledged one.
  private byAge: Message[] = [];
  private byAgeHead = 0;
  private readonly processingTime: Sampler | undefined;
  private readonly crashProbability: number;

  constructor(private readonly sim: Simulation, private readonly options: MessageQueueOptions) {
    this.name = options.name ?? 'queue';
    const component = `MessageQueue '${this.name}'`;
    requireInteger(component, 'consumers', options.consumers, 1);
    this.consumerCount = options.consumers;
    if (options.processingTime !== undefined && typeof options.processingTime !== 'function') {
      invalid(component, 'processingTime', 'a function returning ms', options.processingTime);
    }
    if (options.handler !== undefined) requireTarget(component, 'handler', options.handler);
    if (options.processingTime === undefined && options.handler === undefined) {
      invalid(component, 'processingTime', 'a function returning ms (or give a handler)', undefined);
    }
    this.processingTime = options.processingTime;
    requireNonNegative(component, 'maxDepth', options.maxDepth ?? Infinity);
    requirePositive(component, 'visibilityTimeoutMs', options.visibilityTimeoutMs ?? Infinity);
    this.crashProbability = options.crashProbability ?? 0;
    requireProbability(component, 'crashProbability', this.crashProbability);
    if (this.crashProbability > 0) {
      if (!options.random) invalid(component, 'random', 'a Random when crashProbability > 0', undefined);
      if (options.visibilityTimeoutMs === undefined) {
        invalid(component, 'visibilityTimeoutMs', 'set when crashProbability > 0 (without it a crashed delivery is never retried)', undefined);
      }
    }
    requireInteger(component, 'maxReceives', options.maxReceives ?? Number.MAX_SAFE_INTEGER, 1);
    this.depthSeries = new TimeSeries({ bucketMs: options.seriesBucketMs ?? 1000 });
    this.lagSeries = new TimeSeries({ bucketMs: options.seriesBucketMs ?? 1000 });
  }

  /** Messages stored: waiting plus being processed, not yet acknowledged. */
  get depth(): number {
    return this.unsettled;
  }

  /** Consumer lag in messages: published and not yet acknowledged (the same as `depth`). */
  get lagMessages(): number {
    return this.unsettled;
  }

  /** Consumer lag in time: how long the oldest unacknowledged message has waited, ms (0 when none). */
  get lagMs(): number {
    while (this.byAgeHead < this.byAge.length && this.byAge[this.byAgeHead].settled) this.byAgeHead++;
    if (this.byAgeHead > 1024 && this.byAgeHead * 2 > this.byAge.length) {
      this.byAge = this.byAge.slice(this.byAgeHead);
      this.byAgeHead = 0;
    }
    return this.byAgeHead < this.byAge.length ? this.sim.now - this.byAge[this.byAgeHead].publishedAt : 0;
  }

  get consumers(): number {
    return this.consumerCount;
  }

  /** Change the number of consumers; a busy consumer being removed finishes its message first. */
  setConsumers(count: number): void {
    requireInteger(`MessageQueue '${this.name}'`, 'consumers', count, 1);
    this.consumerCount = count;
    this.dispatch();
  }

  handle(request: Request, reply: Reply): void {
    if (this.unsettled >= (this.options.maxDepth ?? Infinity)) {
      this.rejected.increment();
      reply(request, 'rejected');
      return;
    }
    this.published.increment();
    const message: Message = { request, publishedAt: this.sim.now, receives: 0, executions: 0, delivery: 0, visibilityTimer: -1, settled: false };
    this.unsettled++;
    this.byAge.push(message);
    this.ready.push(message);
    this.dispatch();
    this.depthSeries.record(this.sim.now, this.unsettled);
    this.lagSeries.record(this.sim.now, this.lagMs);
    reply(request, 'ok');
  }

  /** @internal a consumer finished `processingTime` on a delivery. */
  afterProcessing(delivery: Delivery): void {
    const handler = this.options.handler;
    if (handler === undefined) this.finish(delivery, 'ok');
    else handler.handle(delivery.message.request, (_answered, outcome) => this.finish(delivery, outcome));
  }

  /** @internal the visibility timeout of a delivery ran out before an acknowledgement. */
  expire(delivery: Delivery): void {
    const message = delivery.message;
    if (message.settled || message.delivery !== delivery.number) return;
    message.visibilityTimer = -1;
    this.returnToQueue(message);
  }

  private dispatch(): void {
    while (this.busy < this.consumerCount && this.readyHead < this.ready.length) {
      const message = this.ready[this.readyHead++];
      if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
        this.ready = this.ready.slice(this.readyHead);
        this.readyHead = 0;
      }
      if (message.settled) continue; // acknowledged by a slow earlier delivery while it waited here
      this.deliver(message);
    }
  }

  private deliver(message: Message): void {
    this.busy++;
    this.deliveries.increment();
    if (message.receives++ > 0) this.redeliveries.increment();
    const delivery: Delivery = { queue: this, message, number: ++message.delivery };
    const visibility = this.options.visibilityTimeoutMs;
    if (visibility !== undefined) message.visibilityTimer = this.sim.schedule(visibility, expireDelivery, delivery);
    if (this.processingTime === undefined) this.afterProcessing(delivery);
    else this.sim.schedule(drawMs(`MessageQueue '${this.name}'`, 'processingTime', this.processingTime), finishProcessing, delivery);
  }

  private finish(delivery: Delivery, outcome: Outcome): void {
    this.busy--;
    const message = delivery.message;
    if (outcome === 'ok') {
      this.executions.increment();
      if (message.executions++ > 0) this.duplicateExecutions.increment();
      if (this.crashProbability > 0 && this.options.random!.next() < this.crashProbability) {
        // The work is done but never acknowledged: the message waits out its visibility timeout.
        this.consumerCrashes.increment();
      } else if (!message.settled) {
        this.acknowledge(message);
      }
    } else if (!message.settled && message.delivery === delivery.number) {
      // A failed handler is a negative acknowledgement: the message is ready again at once.
      if (message.visibilityTimer >= 0) this.sim.cancel(message.visibilityTimer);
      message.visibilityTimer = -1;
      this.returnToQueue(message);
    }
    this.dispatch();
  }

  private acknowledge(message: Message): void {
    if (message.visibilityTimer >= 0) this.sim.cancel(message.visibilityTimer);
    message.visibilityTimer = -1;
    this.settle(message);
    this.processed.increment();
    this.endToEndLatency.record(this.sim.now - message.publishedAt);
    this.lagSeries.record(this.sim.now, this.lagMs);
  }

  private returnToQueue(message: Message): void {
    if (message.receives >= (this.options.maxReceives ?? Infinity)) {
      this.settle(message);
      this.deadLettered.increment();
      return;
    }
    this.ready.push(message);
    this.dispatch();
  }

  private settle(message: Message): void {
    message.settled = true;
    this.unsettled--;
  }
}

function finishProcessing(delivery: Delivery): void {
  delivery.queue.afterProcessing(delivery);
}

function expireDelivery(delivery: Delivery): void {
  delivery.queue.expire(delivery);
}
