/**
 * Where each box of a replay goes on its canvas. Boxes stand in columns by how far from the
 * clients they sit, in rows in order: a balancer in front of six nodes is three columns. A
 * long chain (a request crossing layer after layer, as in a retry storm) would make columns
 * too narrow to read, so a chain that does not fit wraps into rows instead, snaking back and
 * forth so that each link stays short: left to right, then down, then right to left.
 */
import type { ReplayTrace } from './replayValues';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const PAD = 8;
export const SERVER_HEIGHT = 58;
export const OTHER_HEIGHT = 44;
export const ROW_GAP = 12;
/** A chain wraps when its columns would be narrower than this, CSS px: a name like 'DB client timeout' fits. */
export const CHAIN_CELL_MIN = 150;
/** Between rows of a wrapped chain: room for the link that goes down to the next row. */
const CHAIN_ROW_GAP = 26;

/** How far each component sits from the components nobody sends to (the clients): its column. */
export function depths(trace: Pick<ReplayTrace, 'components' | 'links'>): number[] {
  const count = trace.components.length;
  const depth = new Array<number>(count).fill(0);
  // Longest path from a component nobody sends to; `count` rounds are enough without cycles, and stop a cycle.
  for (let round = 0; round < count; round++) {
    let changed = false;
    for (const [a, b] of trace.links) {
      if (depth[b] < depth[a] + 1 && depth[a] + 1 < count) {
        depth[b] = depth[a] + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}

export function layoutBoxes(trace: Pick<ReplayTrace, 'components' | 'links'>, width: number): { boxes: Box[]; height: number } {
  const depth = depths(trace);
  const columns = Math.max(...depth) + 1;
  const heights = trace.components.map((c) => (c.workers > 0 ? SERVER_HEIGHT : OTHER_HEIGHT));
  // Three boxes in a row (clients, a balancer, a server) stay readable on a phone; longer chains wrap.
  const chain = columns === trace.components.length && columns > 3;
  if (chain && (width - 2 * PAD) / columns < CHAIN_CELL_MIN) return wrapChain(depth, heights, width);

  // Columns of servers get more room: their boxes hold names, lights and a queue.
  const weight = Array.from({ length: columns }, (_, column) => (trace.components.some((c, i) => depth[i] === column && c.workers > 0) ? 1.5 : 1));
  const unit = (width - 2 * PAD) / weight.reduce((sum, w) => sum + w, 0);
  const left = weight.map((_, column) => PAD + weight.slice(0, column).reduce((sum, w) => sum + w, 0) * unit);
  const columnHeight = new Array<number>(columns).fill(0);
  trace.components.forEach((_, c) => (columnHeight[depth[c]] += heights[c] + ROW_GAP));
  const height = Math.max(...columnHeight) - ROW_GAP + 2 * PAD;
  const nextY = columnHeight.map((h) => (height - (h - ROW_GAP)) / 2);
  const boxes = trace.components.map((_, c) => {
    const column = depth[c];
    const columnWidth = weight[column] * unit;
    const boxWidth = Math.max(40, Math.min(180, columnWidth - 20));
    const box = { x: left[column] + (columnWidth - boxWidth) / 2, y: nextY[column], w: boxWidth, h: heights[c] };
    nextY[column] += heights[c] + ROW_GAP;
    return box;
  });
  return { boxes, height };
}

/** A chain in rows of as many boxes as fit, every other row right to left; one box a row on a narrow phone. */
function wrapChain(depth: number[], heights: number[], width: number): { boxes: Box[]; height: number } {
  const inner = width - 2 * PAD;
  const perRow = Math.max(1, Math.floor(inner / CHAIN_CELL_MIN));
  const cell = inner / perRow;
  const boxWidth = Math.max(40, Math.min(180, cell - 20));
  const rows = Math.ceil(depth.length / perRow);
  const rowHeight = Array.from({ length: rows }, (_, row) => Math.max(...heights.filter((_, c) => Math.floor(depth[c] / perRow) === row)));
  const top = rowHeight.map((_, row) => PAD + rowHeight.slice(0, row).reduce((sum, h) => sum + h + CHAIN_ROW_GAP, 0));
  const boxes = depth.map((d, c) => {
    const row = Math.floor(d / perRow);
    const place = d % perRow;
    const column = row % 2 === 0 ? place : perRow - 1 - place;
    return { x: PAD + column * cell + (cell - boxWidth) / 2, y: top[row] + (rowHeight[row] - heights[c]) / 2, w: boxWidth, h: heights[c] };
  });
  const height = top[rows - 1] + rowHeight[rows - 1] + PAD;
  return { boxes, height };
}
