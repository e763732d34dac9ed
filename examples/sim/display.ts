import type { TraceData } from './trace';

/**
 * What an example shows: tables and charts as plain data. In Node they print
 * as aligned text and Unicode charts; in the Playground the same values are
 * drawn as HTML and SVG. Values are plain JSON so they can cross a postMessage.
 */

export interface Table {
  kind: 'table';
  title?: string;
  columns: string[];
  rows: (string | number)[][];
}

/** One line, or one set of bars: `[x, y]` points. */
export interface Series {
  name: string;
  points: [number, number][];
}

/**
 * 'linear' (default) or 'log': a log axis gives each factor of ten the same room, so
 * 0.9 h and 96 h, or 116 ms and 6,976 ms, are both readable. It shows only values
 * above 0; both renderers leave out the others and say how many.
 */
export type AxisScale = 'linear' | 'log';

/** An axis: what it measures, in which unit, on which scale. */
export interface Axis {
  label: string;
  unit?: string;
  scale?: AxisScale;
}

export interface Chart {
  kind: 'chart';
  type: 'line' | 'bar' | 'histogram';
  title: string;
  /** A log x axis is for line charts only (bars stand on categories, histogram bins are even). */
  x: Axis;
  y: Axis;
  /** line: points; bar: points whose x is an index into `categories`; histogram: (bucketStart, count). */
  series: Series[];
  /** Bar charts only: the label of each bar group. */
  categories?: string[];
  /** One sentence describing what the chart shows, for screen readers. */
  summary?: string;
}

/** One trace of a replay: the trace's data and the table of what each component did. */
export interface ReplayTrace extends TraceData {
  /** One row per component: what it did over the window (replay.ts, SUMMARY_COLUMNS). */
  summary: Table;
}

/**
 * An animated replay of one or more traces (replay.ts builds it). Several traces play side
 * by side on one clock. In Node, and for screen readers, it is its summary tables.
 */
export interface Replay {
  kind: 'replay';
  title: string;
  traces: ReplayTrace[];
}

export type Displayable = Table | Chart | Replay;

export function table(columns: string[], rows: (string | number)[][], title?: string): Table {
  rows.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new Error(`table: row ${i} must have ${columns.length} cells like the columns (got ${row.length})`);
    }
  });
  const result: Table = { kind: 'table', columns: [...columns], rows: rows.map((row) => row.map(plainCell)) };
  if (title !== undefined) result.title = title;
  return result;
}

export function chart(spec: Omit<Chart, 'kind'>): Chart {
  const types = ['line', 'bar', 'histogram'];
  if (!types.includes(spec.type)) throw new Error(`chart: type must be one of ${types.join(', ')} (got '${spec.type}')`);
  requireText('chart', 'title', spec.title);
  const where = `chart '${spec.title}'`;
  if (!Array.isArray(spec.series)) throw new Error(`${where}: series must be a list`);
  if (spec.type === 'bar' && !spec.categories) throw new Error(`${where}: a bar chart needs categories`);
  const x = axis(where, 'x', spec.x);
  const y = axis(where, 'y', spec.y);
  if (x.scale === 'log' && spec.type !== 'line') {
    throw new Error(`${where}: x.scale 'log' is for line charts (a ${spec.type} chart's x axis is ${spec.type === 'bar' ? 'its categories' : 'even bins'})`);
  }
  spec.series.forEach((s, i) => requireText(where, `series[${i}].name`, s?.name));
  spec.categories?.forEach((category, i) => requireText(where, `categories[${i}]`, category));
  if (spec.summary !== undefined) requireText(where, 'summary', spec.summary);
  // Copy into fresh plain objects: the value must survive structured cloning and
  // must not change if the caller keeps mutating its arrays.
  const result: Chart = {
    kind: 'chart',
    type: spec.type,
    title: spec.title,
    x,
    y,
    series: spec.series.map((s) => ({
      name: s.name,
      // NaN and Infinity are not JSON: a point without a value is left out (a gap in the line).
      points: s.points
        .map(([x, y]) => [requireNumber(x), requireNumber(y)] as [number, number])
        .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
    })),
  };
  if (spec.categories) result.categories = [...spec.categories];
  if (spec.summary) result.summary = spec.summary;
  return result;
}

type AxisSpec = Axis;

function requireText(where: string, field: string, value: unknown): void {
  if (typeof value !== 'string') throw new Error(`${where}: ${field} must be a string (got ${typeof value})`);
}

function axis(where: string, name: 'x' | 'y', spec: Axis): Axis {
  if (typeof spec !== 'object' || spec === null) throw new Error(`${where}: ${name} must be an axis { label, unit?, scale? }`);
  requireText(where, `${name}.label`, spec.label);
  if (spec.unit !== undefined) requireText(where, `${name}.unit`, spec.unit);
  if (spec.scale !== undefined && spec.scale !== 'linear' && spec.scale !== 'log') {
    throw new Error(`${where}: ${name}.scale must be 'linear' or 'log' (got ${typeof spec.scale === 'string' ? `'${spec.scale}'` : String(spec.scale)})`);
  }
  const result: Axis = { label: spec.label };
  if (spec.unit !== undefined) result.unit = spec.unit;
  if (spec.scale === 'log') result.scale = 'log';
  return result;
}

export function lineChart(title: string, x: AxisSpec, y: AxisSpec, series: Series[], summary?: string): Chart {
  return chart({ type: 'line', title, x, y, series, summary });
}

/** Bars for named categories: `values` maps a series name to one value per category. */
export function barChart(
  title: string,
  categories: string[],
  values: Record<string, number[]>,
  y: AxisSpec,
  summary?: string,
): Chart {
  const series = Object.entries(values).map(([name, ys]) => {
    if (ys.length !== categories.length) {
      throw new Error(`barChart: series '${name}' must have ${categories.length} values (got ${ys.length})`);
    }
    return { name, points: ys.map((value, i) => [i, value] as [number, number]) };
  });
  return chart({ type: 'bar', title, x: { label: '' }, y, series, categories, summary });
}

/** `buckets` are `[bucketStart, count]`, e.g. from `Stats.histogram(width)`. */
export function histogramChart(title: string, x: AxisSpec, buckets: [number, number][], summary?: string): Chart {
  return chart({ type: 'histogram', title, x, y: { label: 'count' }, series: [{ name: x.label, points: buckets }], summary });
}

/**
 * Print values in Node, or hand them to the Playground when it is listening.
 * Strings and numbers print as they are; other objects as JSON.
 */
export function show(...values: (Displayable | string | number | object)[]): void {
  const hook = (globalThis as any).__playgroundShow;
  for (const value of values) {
    if (typeof hook === 'function') hook(value);
    else console.log(formatValue(value));
  }
}

/**
 * Runs an example's entry point and returns what it handed to `show`, in order,
 * instead of printing it: how a test checks the tables and charts a reader sees.
 * Values are returned as posted (`any`), so a test can read `rows` or `series` directly.
 */
export async function captureShown(entry: () => unknown): Promise<any[]> {
  const shown: unknown[] = [];
  const previous = (globalThis as any).__playgroundShow;
  (globalThis as any).__playgroundShow = (value: unknown) => shown.push(value);
  try {
    await entry();
  } finally {
    (globalThis as any).__playgroundShow = previous;
    if (previous === undefined) delete (globalThis as any).__playgroundShow;
  }
  return shown;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (isDisplayable(value)) return value.kind === 'table' ? formatTable(value) : value.kind === 'chart' ? formatChart(value) : formatReplay(value);
  return JSON.stringify(value, null, 2);
}

export function isDisplayable(value: unknown): value is Displayable {
  const kind = (value as Displayable | null)?.kind;
  return typeof value === 'object' && value !== null && (kind === 'table' || kind === 'chart' || kind === 'replay');
}

/** A replay in words: per trace, its window, what cut it, and what each component did. */
export function formatReplay(r: Replay): string {
  const lines = [`${r.title} (a replay: run it in the Playground to watch it)`];
  for (const t of r.traces) {
    lines.push('', `${t.label}, ${formatNumber(t.fromMs)} to ${formatNumber(t.untilMs)} ms of virtual time:`);
    if (t.note) lines.push(t.note);
    lines.push(formatTable(t.summary));
  }
  return lines.join('\n');
}

/**
 * Numbers as a reader wants them in a table: integers whole, others with three
 * significant digits or one decimal, whichever says more; NaN as a dash.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  if (magnitude === 0) return '0';
  return value.toPrecision(3);
}

export function formatTable(t: Table): string {
  const decimals = t.columns.map((_, i) => columnDecimals(t.rows.map((row) => row[i])));
  const cells = t.rows.map((row) =>
    row.map((cell, i) => (typeof cell !== 'number' ? cell : decimals[i] < 0 ? formatNumber(cell) : cell.toFixed(decimals[i]))),
  );
  const widths = t.columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i].length)));
  // Numbers align right, text left, as in a printed table.
  const numeric = t.columns.map(
    (_, i) => t.rows.length > 0 && t.rows.every((row) => typeof row[i] === 'number' || /^(–|∞|-∞)$/.test(String(row[i]))),
  );
  const line = (row: string[]) =>
    row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const lines = [line(t.columns), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)];
  if (t.title) lines.unshift(t.title);
  return lines.join('\n');
}

/**
 * One number of decimals per column, so that the decimal points line up:
 * whole numbers stay whole, larger values get fewer decimals. -1 means "format
 * each number on its own" (all very small values).
 */
function columnDecimals(cells: (string | number)[]): number {
  const numbers = cells.filter((cell): cell is number => typeof cell === 'number' && Number.isFinite(cell));
  if (numbers.every((n) => Number.isInteger(n))) return 0;
  const largest = Math.max(...numbers.map(Math.abs));
  return largest >= 100 ? 1 : largest >= 1 ? 2 : -1;
}

const CHART_WIDTH = 60;
const CHART_HEIGHT = 10;
const MARKERS = ['•', '×', '○', '+', '◆', '▲'];
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const VERTICAL_EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function formatChart(c: Chart): string {
  const body = c.type === 'line' ? formatLine(c) : c.type === 'bar' ? formatBars(c) : formatHistogram(c);
  return [c.title, ...body].join('\n');
}

function axisName(axis: AxisSpec): string {
  const notes = [axis.unit, axis.scale === 'log' ? 'log scale' : undefined].filter(Boolean);
  return notes.length ? `${axis.label} (${notes.join(', ')})` : axis.label;
}

/** The smallest and largest of `values`, by a loop: spreading 130,000 values into Math.min overflows the stack. */
function extent(values: number[]): [number, number] {
  let min = Infinity, max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

/** Where a value sits between min (0) and max (1) on a linear or a log axis. */
function fraction(value: number, min: number, max: number, log: boolean): number {
  if (log) return (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
  return (value - min) / (max - min);
}

/** A log axis starts at the power of ten below its smallest value, so the smallest bar still shows. */
function logBase(smallest: number): number {
  return Number((10 ** (Math.ceil(Math.log10(smallest)) - 1)).toPrecision(12));
}

/** A power of ten as a reader writes it: 0.1, 1, 1000 (formatNumber would say 0.100). */
function formatDecade(value: number): string {
  return value === 0 ? '0' : String(value);
}

function leftOutNote(count: number): string[] {
  if (count === 0) return [];
  return [`(${count} ${count === 1 ? 'value' : 'values'} <= 0 left out: a log scale cannot show ${count === 1 ? 'it' : 'them'})`];
}

function formatLine(c: Chart): string[] {
  const xLog = c.x.scale === 'log', yLog = c.y.scale === 'log';
  const plotted: [number, number, number][] = []; // x, y, series index
  let leftOut = 0;
  c.series.forEach((series, s) => {
    for (const [x, y] of series.points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if ((xLog && x <= 0) || (yLog && y <= 0)) leftOut++;
      else plotted.push([x, y, s]);
    }
  });
  if (plotted.length === 0) return ['(no data)', ...leftOutNote(leftOut)];
  const [xMin, xMax] = extent(plotted.map((p) => p[0]));
  const [yLow, yMax] = extent(plotted.map((p) => p[1]));
  const yMin = yLog ? yLow : Math.min(0, yLow);
  const grid = Array.from({ length: CHART_HEIGHT }, () => new Array<string>(CHART_WIDTH).fill(' '));
  const ty = yLog ? Math.log10 : (value: number) => value;
  for (const [x, y, s] of plotted) {
    const column = xMax === xMin ? 0 : Math.round(fraction(x, xMin, xMax, xLog) * (CHART_WIDTH - 1));
    const row = yMax === yMin ? CHART_HEIGHT - 1 : Math.round(((ty(yMax) - ty(y)) / (ty(yMax) - ty(yMin))) * (CHART_HEIGHT - 1));
    grid[row][column] = MARKERS[s % MARKERS.length];
  }
  const top = formatNumber(yMax), bottom = formatNumber(yMin);
  const labelWidth = Math.max(top.length, bottom.length);
  const lines = grid.map((row, i) => {
    const label = i === 0 ? top : i === CHART_HEIGHT - 1 ? bottom : '';
    return `${label.padStart(labelWidth)} ┤${row.join('')}`.trimEnd();
  });
  lines.push(`${' '.repeat(labelWidth)} └${'─'.repeat(CHART_WIDTH)}`);
  const left = formatNumber(xMin), right = formatNumber(xMax);
  lines.push(`${' '.repeat(labelWidth + 2)}${left}${right.padStart(CHART_WIDTH - left.length)}`);
  lines.push(`${' '.repeat(labelWidth + 2)}x: ${axisName(c.x)}   y: ${axisName(c.y)}`);
  if (c.series.length > 1) {
    lines.push(`${' '.repeat(labelWidth + 2)}${c.series.map((s, i) => `${MARKERS[i % MARKERS.length]} ${s.name}`).join('   ')}`);
  }
  return [...lines, ...leftOutNote(leftOut).map((note) => `${' '.repeat(labelWidth + 2)}${note}`)];
}

function finitePoints(series: Series): [number, number][] {
  return series.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
}

/** A bar of `share` (0..1) of `width` characters, in eighths of a character. */
function bar(share: number, width: number): string {
  if (!(share > 0)) return '';
  const eighths = Math.round(Math.min(1, share) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function formatBars(c: Chart): string[] {
  const log = c.y.scale === 'log';
  const categories = c.categories ?? [];
  const values = c.series.flatMap(finitePoints).map((p) => p[1]);
  const [smallestPositive] = extent(values.filter((v) => v > 0));
  const max = Math.max(0, extent(values)[1]);
  const base = log && smallestPositive < Infinity ? logBase(smallestPositive) : 0;
  const many = c.series.length > 1;
  const labels = categories.flatMap((category) => c.series.map((s) => (many ? `${category} ${s.name}` : category)));
  const labelWidth = labels.reduce((widest, label) => Math.max(widest, label.length), 0);
  const lines: string[] = [];
  let leftOut = 0;
  categories.forEach((category, i) => {
    for (const series of c.series) {
      const value = series.points.find((p) => p[0] === i)?.[1] ?? NaN;
      const label = many ? `${category} ${series.name}` : category;
      if (log && value <= 0) leftOut++;
      const share = !Number.isFinite(value) || !(max > 0) ? 0 : log ? (value > 0 ? fraction(value, base, max, true) : 0) : value / max;
      lines.push(`${label.padEnd(labelWidth)} │${bar(share, 40)} ${formatNumber(value)}`);
    }
  });
  lines.push(`${' '.repeat(labelWidth)}  ${axisName(c.y)}${log && base > 0 ? `, bars from ${formatDecade(base)}` : ''}`);
  return [...lines, ...leftOutNote(leftOut).map((note) => `${' '.repeat(labelWidth)}  ${note}`)];
}

function formatHistogram(c: Chart): string[] {
  const log = c.y.scale === 'log';
  const points = c.series.flatMap(finitePoints).sort((a, b) => a[0] - b[0]);
  if (points.length === 0) return ['(no data)'];
  // Merge neighbouring buckets until the histogram fits the width.
  const perColumn = Math.ceil(points.length / CHART_WIDTH);
  const columns: number[] = [];
  for (let i = 0; i < points.length; i += perColumn) {
    columns.push(points.slice(i, i + perColumn).reduce((sum, p) => sum + p[1], 0));
  }
  const [smallest, max] = extent(columns.filter((count) => !log || count > 0));
  const base = log && smallest < Infinity ? logBase(smallest) : 0;
  const height = 8;
  const lines: string[] = [];
  const maxLabel = formatNumber(max);
  for (let row = height - 1; row >= 0; row--) {
    const cells = columns.map((count) => {
      const share = !(max > 0) || !(count > 0) ? 0 : log ? fraction(count, base, max, true) : count / max;
      const eighths = Math.round(share * height * 8) - row * 8;
      return VERTICAL_EIGHTHS[Math.max(0, Math.min(8, eighths))];
    });
    const label = row === height - 1 ? maxLabel : row === 0 ? formatDecade(base) : '';
    lines.push(`${label.padStart(maxLabel.length)} ┤${cells.join('')}`.trimEnd());
  }
  const labelWidth = maxLabel.length;
  const left = formatNumber(points[0][0]);
  const right = formatNumber(points[points.length - 1][0]);
  lines.push(`${' '.repeat(labelWidth)} └${'─'.repeat(columns.length)}`);
  lines.push(`${' '.repeat(labelWidth + 2)}${left}${right.padStart(Math.max(columns.length - left.length, right.length + 1))}`);
  lines.push(`${' '.repeat(labelWidth + 2)}${axisName(c.x)}, count per bucket${log ? ' (log scale)' : ''}`);
  return lines;
}

function plainCell(cell: string | number): string | number {
  if (typeof cell !== 'number' && typeof cell !== 'string') {
    throw new Error(`table: cells must be strings or numbers (got ${typeof cell})`);
  }
  // NaN and Infinity are not JSON; show them as text so both renderers agree.
  return typeof cell === 'number' && !Number.isFinite(cell) ? formatNumber(cell) : cell;
}

function requireNumber(value: number): number {
  if (typeof value !== 'number') throw new Error(`chart: point coordinates must be numbers (got ${typeof value})`);
  return value;
}
