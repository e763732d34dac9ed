import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { MessageQueue } from './message-queue';
import { OpenLoad } from './open-load';
import { Server } from './server';
import { IdempotencyStore } from './idempotency-store';

describe('MessageQueue', () => {
  it('accepts at once, absorbs a burst as depth, and drains it with its consumers', () => {
    const sim = new Simulation();
    const random = new Random(14);
    const queue = new MessageQueue(sim, { consumers: 2, processingTime: () => 10 });
    const producer = new OpenLoad(sim, { target: queue, random, ratePerSecond: 0, bursts: [{ atMs: 0, count: 1000 }] });
    sim.run();
    expect(producer.stats.ok.count).toBe(1000);
    expect(producer.stats.latency.max).toBe(0); // the producer never waits
    expect(queue.processed.count).toBe(1000);
    expect(sim.now).toBe(5000); // 1,000 messages × 10 ms / 2 consumers
    expect(queue.endToEndLatency.max).toBe(5000);
    expect(queue.depth).toBe(0);
  });

  it('rejects publishing beyond maxDepth', () => {
    const sim = new Simulation();
    const queue = new MessageQueue(sim, { consumers: 1, processingTime: () => 10, maxDepth: 5 });
    const outcomes: string[] = [];
    for (let id = 0; id < 7; id++) queue.handle({ id, createdAt: 0 }, (_, o) => outcomes.push(o));
    expect(outcomes.filter((o) => o === 'rejected')).toHaveLength(2);
    expect(() => new MessageQueue(sim, { consumers: 0, processingTime: () => 1 })).toThrow("MessageQueue 'queue': consumers must be an integer >= 1 (got 0)");
  });
});

describe('MessageQueue consumer lag', () => {
  it('reports the lag in messages and in time, and charts it', () => {
    const sim = new Simulation();
    const queue = new MessageQueue(sim, { consumers: 2, processingTime: () => 10, seriesBucketMs: 500 });
    for (let id = 0; id < 1000; id++) queue.handle({ id, createdAt: 0 }, () => {});
    sim.run({ until: 2500 });
    expect(queue.processed.count).toBe(500);
    expect(queue.lagMessages).toBe(500);
    expect(queue.lagMs).toBe(2500); // every message waiting was published at 0
    sim.run();
    expect(queue.lagMessages).toBe(0);
    expect(queue.lagMs).toBe(0);
    // The lag in time grows by 500 ms every 500 ms while the backlog drains: every message waits since 0.
    const lags = queue.lagSeries.points('max').map(([, lag]) => lag);
    expect(lags).toEqual([490, 990, 1490, 1990, 2490, 2990, 3490, 3990, 4490, 4990, 5000]);
  });
});

describe('MessageQueue at-least-once delivery', () => {
  it('redelivers after a consumer crash: deliveries per message are 1/(1 − p), and the extra ones run the work twice', () => {
    const sim = new Simulation();
    const random = new Random(91);
    const crashProbability = 0.2;
    const queue = new MessageQueue(sim, {
      consumers: 4,
      processingTime: () => 10,
      visibilityTimeoutMs: 1000,
      crashProbability,
      random,
    });
    new OpenLoad(sim, { target: queue, random, ratePerSecond: 100, maxRequests: 20_000 });
    sim.run();
    expect(queue.processed.count).toBe(20_000); // nothing lost
    expect(queue.deliveries.count / 20_000).toBeCloseTo(1 / (1 - crashProbability), 1); // 1.25
    expect(queue.duplicateExecutions.count).toBe(queue.executions.count - 20_000);
    expect(queue.duplicateExecutions.count).toBe(queue.consumerCrashes.count);
    // A crashed delivery waits out the visibility timeout before it is seen again.
    expect(queue.endToEndLatency.max).toBeGreaterThanOrEqual(1000);
  });

  it('an IdempotencyStore in the handler applies each message once despite redeliveries', () => {
    const sim = new Simulation();
    const random = new Random(92);
    const effects = new Server(sim, { name: 'payments', workers: 8, serviceTime: () => 5 });
    const store = new IdempotencyStore(sim, { target: effects, key: (request) => `payment-${request.id}` });
    const queue = new MessageQueue(sim, { consumers: 4, handler: store, visibilityTimeoutMs: 500, crashProbability: 0.1, random });
    new OpenLoad(sim, { target: queue, random, ratePerSecond: 200, maxRequests: 5_000 });
    sim.run();
    expect(queue.processed.count).toBe(5_000);
    expect(queue.duplicateExecutions.count).toBeGreaterThan(300);
    expect(store.executed.count).toBe(5_000);
    expect(effects.completed.count).toBe(5_000);
    expect(store.duplicatesSuppressed.count).toBe(queue.deliveries.count - 5_000);
  });

  it('a visibility timeout shorter than the work redelivers a message still being processed', () => {
    const sim = new Simulation();
    const queue = new MessageQueue(sim, { consumers: 2, processingTime: () => 150, visibilityTimeoutMs: 100 });
    queue.handle({ id: 1, createdAt: 0 }, () => {});
    sim.run();
    // Delivered at 0, again at 100 (to the second consumer); the first acknowledges at 150.
    expect(queue.deliveries.count).toBe(2);
    expect(queue.executions.count).toBe(2);
    expect(queue.duplicateExecutions.count).toBe(1);
    expect(queue.processed.count).toBe(1);
    expect(queue.endToEndLatency.max).toBe(150);
  });

  it('returns a message whose handler failed, and dead-letters it after maxReceives', () => {
    const sim = new Simulation();
    const broken = new Server(sim, { name: 'broken', workers: 1, serviceTime: () => 1 });
    broken.crash();
    const queue = new MessageQueue(sim, { consumers: 1, handler: broken, maxReceives: 3 });
    queue.handle({ id: 1, createdAt: 0 }, () => {});
    sim.run();
    expect(queue.deliveries.count).toBe(3);
    expect(queue.deadLettered.count).toBe(1);
    expect(queue.depth).toBe(0);
    expect(() => new MessageQueue(sim, { consumers: 1, processingTime: () => 1, crashProbability: 0.1, random: new Random(1) })).toThrow(
      "MessageQueue 'queue': visibilityTimeoutMs must be set when crashProbability > 0",
    );
  });
});
