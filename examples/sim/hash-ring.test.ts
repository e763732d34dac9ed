import { describe, it, expect } from 'vitest';
import { HashRing, hash32 } from './hash-ring';
import { Simulation } from './engine';
import { Server } from './server';

const KEYS = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);
const node = (name: string) => ({ name });

describe('HashRing', () => {
  it('moves about 1/(n+1) of the keys when a node joins, all of them to the new node', () => {
    for (const n of [4, 9]) {
      const ring = new HashRing<{ name: string }>(new Simulation(), { virtualNodes: 200 });
      for (let i = 0; i < n; i++) ring.add(node(`node-${i}`));
      const before = KEYS.map((key) => ring.lookup(key)!.name);
      const joining = node('node-new');
      ring.add(joining);
      let moved = 0, movedElsewhere = 0;
      KEYS.forEach((key, i) => {
        const owner = ring.lookup(key)!.name;
        if (owner !== before[i]) {
          moved++;
          if (owner !== 'node-new') movedElsewhere++;
        }
      });
      expect(movedElsewhere).toBe(0);
      const expected = 1 / (n + 1);
      // Within 25% of 1/(n+1): the new node's share varies with where its points land.
      expect(Math.abs(moved / KEYS.length - expected) / expected).toBeLessThan(0.25);
    }
  });

  it('compared with hash mod n, which moves almost every key', () => {
    const moved = KEYS.filter((key) => hash32(key) % 4 !== hash32(key) % 5).length / KEYS.length;
    expect(moved).toBeGreaterThan(0.75); // theory: 1 − 1/5 = 0.8
  });

  it('spreads keys evenly with enough virtual nodes (every node within 15% of its fair share)', () => {
    const ring = new HashRing<{ name: string }>(new Simulation(), { virtualNodes: 200 });
    for (let i = 0; i < 5; i++) ring.add(node(`node-${i}`));
    const counts = new Map<string, number>();
    for (const key of KEYS) {
      const owner = ring.lookup(key)!.name;
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
    for (const count of counts.values()) expect(Math.abs(count / (KEYS.length / 5) - 1)).toBeLessThan(0.15);
  });

  it('gives keys back to a node that leaves and returns', () => {
    const ring = new HashRing<{ name: string }>(new Simulation(), { virtualNodes: 50 });
    const nodes = ['a', 'b', 'c'].map(node);
    nodes.forEach((n) => ring.add(n));
    const before = KEYS.slice(0, 1000).map((key) => ring.lookup(key));
    ring.remove(nodes[1]);
    expect(KEYS.slice(0, 1000).every((key) => ring.lookup(key) !== nodes[1])).toBe(true);
    ring.add(nodes[1]);
    expect(KEYS.slice(0, 1000).map((key) => ring.lookup(key))).toEqual(before);
    expect(() => new HashRing(new Simulation(), { virtualNodes: 0 })).toThrow("HashRing 'hash-ring': virtualNodes must be an integer >= 1 (got 0)");
  });

  it('takes the Simulation first and one options object, and says so when given the old (virtualNodes) form', () => {
    const sim = new Simulation();
    const servers = ['a', 'b', 'c'].map((name) => new Server(sim, { name, workers: 1, serviceTime: () => 1 }));
    const ring = new HashRing(sim, { virtualNodes: 50, nodes: servers });
    expect(ring.size).toBe(3);
    expect(servers).toContain(ring.lookup('user-1'));
    expect(() => new HashRing(100 as unknown as Simulation)).toThrow(
      'HashRing: the first argument must be the Simulation, as for every component: new HashRing(sim, { virtualNodes: 100 }) (got 100)',
    );
  });

  it('accepts plain string nodes and spreads keys over them (they used to all go to the first node)', () => {
    const ring = new HashRing<string>(new Simulation(), { virtualNodes: 200, nodes: ['node-0', 'node-1', 'node-2', 'node-3'] });
    const counts = new Map<string, number>();
    for (const key of KEYS) counts.set(ring.lookup(key)!, (counts.get(ring.lookup(key)!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['node-0', 'node-1', 'node-2', 'node-3']);
    for (const count of counts.values()) expect(Math.abs(count / (KEYS.length / 4) - 1)).toBeLessThan(0.15);
  });

  it('refuses a node with no name, and two nodes with one name', () => {
    const ring = new HashRing<any>(new Simulation());
    expect(() => ring.add({ id: 3 })).toThrow("HashRing 'hash-ring': node must be a non-empty string or an object with a string name, such as a Server (got {\"id\":3})");
    ring.add({ name: 'cache' });
    expect(() => ring.add({ name: 'cache' })).toThrow("HashRing 'hash-ring': node names must be different from one another (a name places a node on the ring) (got 'cache')");
  });
});
