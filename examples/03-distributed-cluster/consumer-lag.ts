/**
 * Consumer lag: the search indexer reads OrderPlaced events from a topic with PARTITIONS
 * partitions. A flash sale triples the orders for BURST_FOR_S seconds.
 *
 * While events arrive faster than the consumers process them, the lag (events published and
 * not yet processed) grows by the difference every second; afterwards it shrinks by the
 * spare capacity. So the peak lag is (burst rate − capacity) × burst length, and draining it
 * takes peak ÷ (capacity − normal rate): the table prints both beside the simulation. A new
 * product is missing from search for as long as the lag in seconds.
 *
 * A consumer group can use at most one consumer per partition, so consumers beyond
 * PARTITIONS sit idle: the partition count, chosen when the topic was created, caps the
 * parallelism.
 *
 * Change CONSUMER_COUNTS, PARTITIONS or BURST_RATE and run again.
 */
import { Simulation, Random, OpenLoad, MessageQueue, show, table, lineChart } from '../sim';

export const NORMAL_RATE = 200;
export const BURST_RATE = 700;
export const BURST_FROM_S = 30;
export const BURST_FOR_S = 30;
export const SIMULATED_S = 200;
/** Time to index one event, ms (exponential): 100 events a second per consumer. */
export const MEAN_PROCESSING_MS = 10;
export const PARTITIONS = 6;
/** Consumer group sizes to compare. */
export const CONSUMER_COUNTS = [3, 6, 12];
export const SEED = 51;

export interface LagResult {
  consumers: number;
  /** Consumers that get a partition: min(consumers, PARTITIONS). */
  active: number;
  capacityPerSecond: number;
  peakLagMessages: number;
  peakLagSeconds: number;
  /** Seconds from the end of the burst until the lag is back under one second of normal traffic; NaN if not within the run. */
  drainSeconds: number;
  /** [second, greatest lag in seconds during it] */
  lagSeconds: [number, number][];
}

export const capacityOf = (consumers: number) => (Math.min(consumers, PARTITIONS) * 1000) / MEAN_PROCESSING_MS;

/** The fluid estimate: the backlog a burst leaves, and the time to work it off. */
export function theory(consumers: number): { peakLagMessages: number; drainSeconds: number } {
  const capacity = capacityOf(consumers);
  const peak = Math.max(0, (BURST_RATE - capacity) * BURST_FOR_S);
  return { peakLagMessages: peak, drainSeconds: capacity > NORMAL_RATE ? peak / (capacity - NORMAL_RATE) : Infinity };
}

/** What the exercise changes: the sale's rate and the topic's partitions. */
export interface Topic {
  burstRate: number;
  partitions: number;
}

export function simulate(consumers: number, topic: Topic = { burstRate: BURST_RATE, partitions: PARTITIONS }, seed = SEED): LagResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const work = random.split();
  const active = Math.min(consumers, topic.partitions); // the others are idle members of the group
  const queue = new MessageQueue(sim, { name: 'orders topic', consumers: active, processingTime: () => work.exponential(MEAN_PROCESSING_MS) });
  new OpenLoad(sim, {
    target: queue,
    random: random.split(),
    ratePerSecond: [
      { atMs: 0, ratePerSecond: NORMAL_RATE },
      { atMs: BURST_FROM_S * 1000, ratePerSecond: topic.burstRate },
      { atMs: (BURST_FROM_S + BURST_FOR_S) * 1000, ratePerSecond: NORMAL_RATE },
    ],
    stopAtMs: SIMULATED_S * 1000,
  });
  // Sample the lag once a second, as a monitoring system scrapes it.
  const lagMessages: number[] = [];
  const lagSeconds: [number, number][] = [];
  for (let s = 1; s <= SIMULATED_S; s++) {
    sim.at(s * 1000, () => {
      lagMessages.push(queue.lagMessages);
      lagSeconds.push([s, queue.lagMs / 1000]);
    });
  }
  sim.run({ until: SIMULATED_S * 1000 });
  const burstEnd = BURST_FROM_S + BURST_FOR_S;
  const drainedAt = lagMessages.findIndex((lag, i) => i + 1 > burstEnd && lag <= NORMAL_RATE);
  return {
    consumers,
    active,
    capacityPerSecond: (active * 1000) / MEAN_PROCESSING_MS,
    peakLagMessages: Math.max(...lagMessages),
    peakLagSeconds: Math.max(...lagSeconds.map(([, lag]) => lag)),
    drainSeconds: drainedAt < 0 ? NaN : drainedAt + 1 - burstEnd,
    lagSeconds,
  };
}

export const compare = (): LagResult[] => CONSUMER_COUNTS.map((consumers) => simulate(consumers));

export function facts() {
  const [few, enough, more] = compare();
  return {
    normalRate: `${NORMAL_RATE} events a second`,
    burstRate: `${BURST_RATE} events a second`,
    burstFor: `${BURST_FOR_S} seconds`,
    partitions: PARTITIONS,
    fewConsumers: few.consumers,
    fewCapacity: `${few.capacityPerSecond} events a second`,
    fewPeakLag: few.peakLagMessages,
    fewPeakTheory: theory(few.consumers).peakLagMessages,
    fewPeakSeconds: `${Math.round(few.peakLagSeconds)} seconds`,
    fewDrain: `${Math.round(few.drainSeconds)} seconds`,
    fewDrainTheory: `${Math.round(theory(few.consumers).drainSeconds)} seconds`,
    enoughConsumers: enough.consumers,
    enoughPeakLag: enough.peakLagMessages,
    enoughPeakSeconds: `${enough.peakLagSeconds.toFixed(1)} seconds`,
    enoughDrain: `${Math.round(enough.drainSeconds)} seconds`,
    moreConsumers: more.consumers,
    moreIdle: more.consumers - more.active,
    moreChangesNothing: more.peakLagMessages === enough.peakLagMessages,
    ...biggerSale(),
    simulationMatchesTheory: [few, enough].every((r) => Math.abs(r.peakLagMessages / theory(r.consumers).peakLagMessages - 1) < 0.1),
  };
}

/** The exercise: a sale of BIG_SALE_RATE events a second, on the current and on more partitions. */
export const BIG_SALE_RATE = 1_000;
export const MORE_PARTITIONS = 9;
function biggerSale() {
  const now = simulate(PARTITIONS, { burstRate: BIG_SALE_RATE, partitions: PARTITIONS });
  const grown = simulate(MORE_PARTITIONS, { burstRate: BIG_SALE_RATE, partitions: MORE_PARTITIONS });
  return {
    bigSalePeakLag: now.peakLagMessages,
    bigSalePeakTheory: Math.max(0, (BIG_SALE_RATE - capacityOf(PARTITIONS)) * BURST_FOR_S),
    bigSalePeakSeconds: `${Math.round(now.peakLagSeconds)} seconds`,
    morePartitions: MORE_PARTITIONS,
    morePartitionsPeakSeconds: `${now.peakLagSeconds > 0 ? grown.peakLagSeconds.toFixed(1) : 0} seconds`,
    morePartitionsUnderFive: grown.peakLagSeconds < 5 && now.peakLagSeconds > 5,
  };
}

const seconds = (s: number) => (Number.isNaN(s) ? 'not within the run' : `${Math.round(s)} s`);

export default function main(): void {
  const results = compare();
  show(
    table(
      ['consumers', 'working', 'peak lag', 'theory', 'peak lag s', 'drained after', 'theory'],
      results.map((r) => {
        const t = theory(r.consumers);
        return [r.consumers, r.active, r.peakLagMessages, t.peakLagMessages, r.peakLagSeconds, seconds(r.drainSeconds), seconds(t.drainSeconds)];
      }),
      `${BURST_RATE} events/s for ${BURST_FOR_S} s, ${NORMAL_RATE}/s otherwise; ${PARTITIONS} partitions, ${1000 / MEAN_PROCESSING_MS}/s per consumer`,
    ),
    lineChart(
      'Consumer lag: age of the oldest unprocessed event',
      { label: 'time', unit: 's' },
      { label: 'lag', unit: 's' },
      results.map((r) => ({ name: `${r.consumers} consumers`, points: r.lagSeconds })),
      `With ${results[0].consumers} consumers the lag climbs through the burst to ${Math.round(results[0].peakLagSeconds)} s and takes ${seconds(results[0].drainSeconds)} to drain; ` +
        `with one consumer per partition it peaks at ${results[1].peakLagSeconds.toFixed(1)} s; consumers beyond the partition count change nothing.`,
    ),
  );
}
