/**
 * A sharded store: keys are spread over `shards` servers, by a hash of the key
 * (even spread, no range scans) or by ranges of keys (range scans, but a popular
 * range lands on one shard). Each shard is a `Server` with its own queue, so a
 * hot key's shard saturates while the others idle: with Zipf-popular keys the
 * hottest shard's load is far above the mean, and adding shards does not help.
 *
 * `splitHotKeys` spreads each named key over several sub-keys (`key#0`, `key#1`,
 * ...), taken in turn: a counter split into sub-counters, or a hot row copied to
 * several shards. What the split costs the other side (a read that sums every
 * sub-counter, a write to every copy) is not modelled here.
 */
import type { Simulation } from './engine';
import type { Sampler } from './random';
import { hash32 } from './hash-ring';
import { Server } from './server';
import { invalid, requireInteger } from './request';
import type { Reply, Request, Target } from './request';

export interface ShardedStoreOptions {
  name?: string;
  shards: number;
  workersPerShard: number;
  /** Service time of one request on a shard, ms. */
  serviceTime: Sampler;
  /** Requests allowed to wait per shard. Default unlimited. */
  queueLimit?: number;
  /** 'hash' (default): shard = hash(key) mod shards. 'range': by `splitPoints`. */
  partitioning?: 'hash' | 'range';
  /**
   * With 'range': shards − 1 keys in ascending order; shard i holds the keys from
   * splitPoints[i − 1] (included) up to splitPoints[i] (excluded), compared as strings.
   */
  splitPoints?: string[];
  /** Keys to spread over several sub-keys, and into how many: `{ 'user-1': 8 }`. */
  splitHotKeys?: Record<string, number>;
}

export class ShardedStore implements Target {
  readonly name: string;
  /** One server per shard: read each one's `arrivals`, `utilisation()`, `waitTime`, `queueLength`. */
  readonly shards: Server[];
  private readonly splitPoints: string[] | undefined;
  private readonly splitWays = new Map<string, number>();
  private readonly splitTurn = new Map<string, number>();

  constructor(sim: Simulation, options: ShardedStoreOptions) {
    this.name = options.name ?? 'store';
    const component = `ShardedStore '${this.name}'`;
    requireInteger(component, 'shards', options.shards, 1);
    const partitioning = options.partitioning ?? 'hash';
    if (partitioning !== 'hash' && partitioning !== 'range') invalid(component, 'partitioning', "'hash' or 'range'", partitioning);
    if (partitioning === 'range') {
      const points = options.splitPoints;
      if (!Array.isArray(points) || points.length !== options.shards - 1) {
        invalid(component, 'splitPoints', `a list of ${options.shards - 1} keys (shards − 1) with partitioning 'range'`, points);
      }
      points.forEach((point, i) => {
        if (typeof point !== 'string' || (i > 0 && !(points[i - 1] < point))) {
          invalid(component, `splitPoints[${i}]`, 'a string greater than the one before it', point);
        }
      });
      this.splitPoints = [...points];
    }
    for (const [key, ways] of Object.entries(options.splitHotKeys ?? {})) {
      requireInteger(component, `splitHotKeys['${key}']`, ways, 1);
      this.splitWays.set(key, ways);
      this.splitTurn.set(key, 0);
    }
    this.shards = Array.from(
      { length: options.shards },
      (_, i) =>
        new Server(sim, {
          name: `${this.name}-shard-${i}`,
          workers: options.workersPerShard,
          serviceTime: options.serviceTime,
          queueLimit: options.queueLimit,
        }),
    );
  }

  /** The shard index a key is stored on (a split key: its first sub-key). */
  shardOf(key: string): number {
    const points = this.splitPoints;
    if (points === undefined) return hash32(key) % this.shards.length;
    // The number of split points <= key is the shard's index.
    let low = 0, high = points.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (points[middle] <= key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Requests each shard received so far. */
  requestsPerShard(): number[] {
    return this.shards.map((shard) => shard.arrivals.count);
  }

  /** The busiest shard's requests over the mean per shard: 1 is perfectly even. NaN before any request. */
  hottestToMean(): number {
    const counts = this.requestsPerShard();
    let total = 0, hottest = 0;
    for (const count of counts) {
      total += count;
      if (count > hottest) hottest = count;
    }
    return total === 0 ? NaN : hottest / (total / counts.length);
  }

  handle(request: Request, reply: Reply): void {
    let key = request.key;
    if (key === undefined) {
      throw new Error(`ShardedStore '${this.name}': request ${request.id} has no key, so it has no shard; give the client a key(id) option`);
    }
    const ways = this.splitWays.get(key);
    if (ways !== undefined && ways > 1) {
      const turn = this.splitTurn.get(key)!;
      this.splitTurn.set(key, (turn + 1) % ways);
      key = `${key}#${turn}`;
    }
    this.shards[this.shardOf(key)].handle(request, reply);
  }
}
