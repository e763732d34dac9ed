/**
 * A database with one primary and read replicas. Writes go to the primary and
 * reach each replica after a replication lag; reads go to the replicas in turn.
 * A read that reaches a replica before the latest write to its key is stale:
 * the price of scaling reads this way, counted in `staleReads` and marked on
 * the read (`request.stale`). A read with `consistency: 'primary'` skips the
 * replicas, so it sees every acknowledged write.
 */
import type { Simulation } from './engine';
import type { Sampler } from './random';
import { Server } from './server';
import { Counter } from './statistics';
import { drawMs, invalid, requireInteger } from './request';
import type { Reply, Request, Target } from './request';

export interface DatabaseOptions {
  name?: string;
  /** Read replicas. 0 means every read goes to the primary. */
  replicas: number;
  /** Workers (connections) per node. */
  workersPerNode: number;
  /** Service time of one query on any node, ms. */
  queryTime: Sampler;
  /** Delay between a write committing on the primary and applying on a replica, ms. */
  replicationLag: Sampler;
  queueLimit?: number;
}

export class Database implements Target {
  readonly name: string;
  readonly primary: Server;
  readonly replicas: Server[];
  readonly staleReads = new Counter();
  readonly reads = new Counter();
  readonly writes = new Counter();
  private readonly latestVersion = new Map<string, number>();
  private readonly replicaVersions: Map<string, number>[];
  private nextReplica = 0;

  constructor(private readonly sim: Simulation, private readonly options: DatabaseOptions) {
    this.name = options.name ?? 'database';
    requireInteger(`Database '${this.name}'`, 'replicas', options.replicas, 0);
    requireInteger(`Database '${this.name}'`, 'workersPerNode', options.workersPerNode, 1);
    if (typeof options.replicationLag !== 'function') {
      invalid(`Database '${this.name}'`, 'replicationLag', 'a function returning ms', options.replicationLag);
    }
    const node = (name: string) =>
      new Server(sim, { name, workers: options.workersPerNode, serviceTime: options.queryTime, queueLimit: options.queueLimit });
    this.primary = node(`${this.name}-primary`);
    this.replicas = Array.from({ length: options.replicas }, (_, i) => node(`${this.name}-replica-${i + 1}`));
    this.replicaVersions = this.replicas.map(() => new Map());
  }

  handle(request: Request, reply: Reply): void {
    if (request.kind === 'write') {
      this.writes.increment();
      this.primary.handle(request, (answered, outcome) => {
        if (outcome === 'ok' && answered.key !== undefined) this.replicate(answered.key);
        reply(answered, outcome);
      });
      return;
    }
    this.reads.increment();
    request.stale = false;
    if (this.replicas.length === 0 || request.consistency === 'primary') {
      this.primary.handle(request, reply);
      return;
    }
    const index = this.nextReplica++ % this.replicas.length;
    this.replicas[index].handle(request, (answered, outcome) => {
      // Judge staleness when the read executes, which is when it completes here.
      const key = answered.key;
      if (outcome === 'ok' && key !== undefined && (this.replicaVersions[index].get(key) ?? 0) < (this.latestVersion.get(key) ?? 0)) {
        this.staleReads.increment();
        answered.stale = true;
      }
      reply(answered, outcome);
    });
  }

  private replicate(key: string): void {
    const version = (this.latestVersion.get(key) ?? 0) + 1;
    this.latestVersion.set(key, version);
    this.replicaVersions.forEach((versions) => {
      this.sim.schedule(drawMs(`Database '${this.name}'`, 'replicationLag', this.options.replicationLag), () => {
        // Lags vary, so an older write may arrive after a newer one: keep the newest.
        if ((versions.get(key) ?? 0) < version) versions.set(key, version);
      });
    });
  }
}
