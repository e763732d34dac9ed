import { describe, it, expect } from 'vitest';
import { layoutBoxes, CHAIN_CELL_MIN, type Box } from './replayLayout';

type Shape = Parameters<typeof layoutBoxes>[0];

/** users → 3 layers of retries and timeouts → database: the retry storm's chain of 8. */
function chain(length = 8): Shape {
  const components = Array.from({ length }, (_, i) => ({ name: `box ${i}`, kind: i === 0 ? 'client' : i === length - 1 ? 'server' : 'retry', workers: i === length - 1 ? 1 : 0 }));
  const links = Array.from({ length: length - 1 }, (_, i) => [i, i + 1] as [number, number]);
  return { components, links };
}

/** Clients → balancer → six nodes. */
function cluster(): Shape {
  const components = [
    { name: 'clients', kind: 'client', workers: 0 },
    { name: 'balancer', kind: 'balancer', workers: 0 },
    ...Array.from({ length: 6 }, (_, i) => ({ name: `node-${i + 1}`, kind: 'server', workers: 4 })),
  ];
  const links: [number, number][] = [[0, 1], ...Array.from({ length: 6 }, (_, i) => [1, i + 2] as [number, number])];
  return { components, links };
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function expectReadable(boxes: Box[], width: number, height: number): void {
  for (const box of boxes) {
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.w).toBeLessThanOrEqual(width);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.h).toBeLessThanOrEqual(height);
  }
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(overlaps(a, b), `boxes ${i} and another overlap`).toBe(false)));
}

describe('replay layout', () => {
  it('wraps a long chain on a phone into rows of two that snake, each box wide enough for its name', () => {
    const width = 340;
    const { boxes, height } = layoutBoxes(chain(), width);
    expectReadable(boxes, width, height);
    for (const box of boxes) expect(box.w).toBeGreaterThanOrEqual(CHAIN_CELL_MIN - 30);
    const rows = [...new Set(boxes.map((b) => b.y + b.h / 2))];
    expect(rows).toHaveLength(4);
    // Left to right, down, right to left, down...: every link is short, none crosses the canvas.
    expect(boxes[1].x).toBeGreaterThan(boxes[0].x);
    expect(boxes[2].x).toBe(boxes[1].x);
    expect(boxes[2].y).toBeGreaterThan(boxes[1].y + boxes[1].h);
    expect(boxes[3].x).toBeLessThan(boxes[2].x);
    expect(boxes[4].x).toBe(boxes[3].x);
    expect(boxes[5].x).toBeGreaterThan(boxes[4].x);
  });

  it('puts one box a row when even two do not fit, and keeps a chain that fits in one row', () => {
    const narrow = layoutBoxes(chain(), 2 * CHAIN_CELL_MIN - 10);
    expect(new Set(narrow.boxes.map((b) => b.x)).size).toBe(1);
    expectReadable(narrow.boxes, 2 * CHAIN_CELL_MIN - 10, narrow.height);
    const wide = layoutBoxes(chain(4), 4 * CHAIN_CELL_MIN + 16);
    expect(new Set(wide.boxes.map((b) => b.y + b.h / 2)).size).toBe(1);
  });

  it('leaves a balancer in front of six nodes in columns, however narrow', () => {
    for (const width of [340, 800]) {
      const { boxes, height } = layoutBoxes(cluster(), width);
      expectReadable(boxes, width, height);
      expect(new Set(boxes.map((b) => b.x)).size).toBe(3);
    }
  });
});
