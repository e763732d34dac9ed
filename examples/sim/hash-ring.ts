/**
 * Consistent hashing: nodes and keys are hashed onto a circle of 2^32 points; a
 * key belongs to the first node clockwise from it. Each node appears at many
 * points ("virtual nodes") so that the arcs, and therefore the load, are even.
 * When a node joins it takes over only the arcs just before its points: about
 * 1/(n+1) of the keys move, instead of almost all of them with `hash % n`.
 */
import type { Simulation } from './engine';
import { invalid, requireInteger } from './request';

/** FNV-1a followed by a murmur3 finaliser: fast, and well spread even for keys like 'user-1', 'user-2'. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A node on the ring: a name, or any object with a `name` (a Server, a Cache). */
export type RingNode = string | { readonly name: string };

export interface HashRingOptions<Node extends RingNode> {
  /** Points per node on the circle; more points, more even load. Default 100. */
  virtualNodes?: number;
  /** Nodes to start with. */
  nodes?: Node[];
  name?: string;
}

export class HashRing<Node extends RingNode = string> {
  readonly name: string;
  readonly virtualNodes: number;
  private points = new Uint32Array(0);
  private owners: Node[] = [];
  private readonly nodes: Node[] = [];

  constructor(sim: Simulation, options: HashRingOptions<Node> = {}) {
    if (typeof (sim as Partial<Simulation> | undefined)?.schedule !== 'function') {
      throw new Error(
        `HashRing: the first argument must be the Simulation, as for every component: new HashRing(sim, { virtualNodes: 100 }) (got ${String(sim)})`,
      );
    }
    this.name = options.name ?? 'hash-ring';
    this.virtualNodes = options.virtualNodes ?? 100;
    requireInteger(`HashRing '${this.name}'`, 'virtualNodes', this.virtualNodes, 1);
    for (const node of options.nodes ?? []) this.add(node);
  }

  get size(): number {
    return this.nodes.length;
  }

  has(node: Node): boolean {
    return this.nodes.includes(node);
  }

  add(node: Node): void {
    const name = this.nameOf(node);
    if (this.has(node)) return;
    if (this.nodes.some((other) => this.nameOf(other) === name)) {
      invalid(`HashRing '${this.name}'`, 'node names', 'different from one another (a name places a node on the ring)', name);
    }
    this.nodes.push(node);
    this.rebuild();
  }

  remove(node: Node): void {
    const index = this.nodes.indexOf(node);
    if (index < 0) return;
    this.nodes.splice(index, 1);
    this.rebuild();
  }

  /** The node that owns `key`, or undefined if the ring is empty. */
  lookup(key: string): Node | undefined {
    const points = this.points;
    if (points.length === 0) return undefined;
    const h = hash32(key);
    // Binary search for the first point >= h; past the last point, wrap to the first.
    let low = 0, high = points.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (points[middle] < h) low = middle + 1;
      else high = middle;
    }
    return this.owners[low === points.length ? 0 : low];
  }

  private nameOf(node: Node): string {
    const name = typeof node === 'string' ? node : (node as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name === '') {
      invalid(`HashRing '${this.name}'`, 'node', "a non-empty string or an object with a string name, such as a Server", node);
    }
    return name;
  }

  // Rebuilding sorts n × virtualNodes points: fine for membership changes,
  // which are rare next to lookups.
  private rebuild(): void {
    const entries: { point: number; node: Node; name: string }[] = [];
    for (const node of this.nodes) {
      const name = this.nameOf(node);
      for (let v = 0; v < this.virtualNodes; v++) entries.push({ point: hash32(`${name}#${v}`), node, name });
    }
    // Ties are broken by name so the ring does not depend on the order nodes joined.
    entries.sort((a, b) => a.point - b.point || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.points = Uint32Array.from(entries, (entry) => entry.point);
    this.owners = entries.map((entry) => entry.node);
  }
}
