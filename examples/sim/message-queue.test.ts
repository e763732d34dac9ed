import { describe, it, expect } from 'vitest';
import { Simulation } from './engine';
import { Random } from './random';
import { MessageQueue } from './message-queue';
import { OpenLoad } from './open-load';

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
    expect(() => new MessageQueue(sim, { consumers: 0, processingTime: () => 1 })).toThrow('workers must be an integer >= 1 (got 0)');
  });
});
