/**
 * A message queue with consumers: the producer's request is accepted as soon
 * as it is stored, and consumers work through the backlog at their own pace.
 * Spikes become a growing queue instead of rejected requests; the cost is
 * delay, which `endToEndLatency` measures.
 */
import type { Simulation } from './engine';
import type { Sampler } from './random';
import { Server } from './server';
import { Counter, Stats, TimeSeries } from './statistics';
import { requireNonNegative } from './request';
import type { Reply, Request, Target } from './request';

export interface MessageQueueOptions {
  name?: string;
  /** Consumers processing messages in parallel. */
  consumers: number;
  /** Time for a consumer to process one message, ms. */
  processingTime: Sampler;
  /** Messages stored at most (waiting plus being processed); beyond it, publishing is rejected. Default unlimited. */
  maxDepth?: number;
  /** Bucket width for `depthSeries`, ms. Default 1000. */
  seriesBucketMs?: number;
}

export class MessageQueue implements Target {
  readonly name: string;
  readonly published = new Counter();
  readonly rejected = new Counter();
  readonly processed = new Counter();
  /** From publish to processed, ms. */
  readonly endToEndLatency = new Stats();
  /** Greatest depth seen in each bucket of virtual time, for a chart. */
  readonly depthSeries: TimeSeries;
  private readonly consumerPool: Server;
  private readonly onProcessed = (request: Request) => {
    this.processed.increment();
    this.endToEndLatency.record(this.sim.now - request.createdAt);
  };

  constructor(private readonly sim: Simulation, private readonly options: MessageQueueOptions) {
    this.name = options.name ?? 'queue';
    requireNonNegative(`MessageQueue '${this.name}'`, 'maxDepth', options.maxDepth ?? Infinity);
    // The consumers are a server whose replies go to the queue, not to the producer.
    this.consumerPool = new Server(sim, { name: `${this.name}-consumers`, workers: options.consumers, serviceTime: options.processingTime });
    this.depthSeries = new TimeSeries({ bucketMs: options.seriesBucketMs ?? 1000 });
  }

  /** Messages stored: waiting plus being processed. */
  get depth(): number {
    return this.consumerPool.load;
  }

  get consumers(): number {
    return this.consumerPool.workers;
  }

  setConsumers(count: number): void {
    this.consumerPool.setWorkers(count);
  }

  handle(request: Request, reply: Reply): void {
    if (this.depth >= (this.options.maxDepth ?? Infinity)) {
      this.rejected.increment();
      reply(request, 'rejected');
      return;
    }
    this.published.increment();
    this.consumerPool.handle(request, this.onProcessed);
    this.depthSeries.record(this.sim.now, this.depth);
    reply(request, 'ok');
  }
}
