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

export interface Chart {
  kind: 'chart';
  type: 'line' | 'bar' | 'histogram';
  title: string;
  x: { label: string; unit?: string };
  y: { label: string; unit?: string };
  /** line: points; bar: points whose x is an index into `categories`; histogram: (bucketStart, count). */
  series: Series[];
  /** Bar charts only: the label of each bar group. */
  categories?: string[];
  /** One sentence describing what the chart shows, for screen readers. */
  summary?: string;
}

export type Displayable = Table | Chart;

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
  if (!Array.isArray(spec.series)) throw new Error('chart: series must be a list');
  if (spec.type === 'bar' && !spec.categories) throw new Error('chart: a bar chart needs categories');
  // Copy into fresh plain objects: the value must survive structured cloning and
  // must not change if the caller keeps mutating its arrays.
  const result: Chart = {
    kind: 'chart',
    type: spec.type,
    title: spec.title,
    x: { ...spec.x },
    y: { ...spec.y },
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

type AxisSpec = { label: string; unit?: string };

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
  if (isDisplayable(value)) return value.kind === 'table' ? formatTable(value) : formatChart(value);
  return JSON.stringify(value, null, 2);
}

export function isDisplayable(value: unknown): value is Displayable {
  const kind = (value as Displayable | null)?.kind;
  return typeof value === 'object' && value !== null && (kind === 'table' || kind === 'chart');
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
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label;
}

function finitePoints(series: Series): [number, number][] {
  return series.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
}

function formatLine(c: Chart): string[] {
  const all = c.series.flatMap(finitePoints);
  if (all.length === 0) return ['(no data)'];
  const xMin = Math.min(...all.map((p) => p[0])), xMax = Math.max(...all.map((p) => p[0]));
  const yMin = Math.min(0, ...all.map((p) => p[1])), yMax = Math.max(...all.map((p) => p[1]));
  const grid = Array.from({ length: CHART_HEIGHT }, () => new Array<string>(CHART_WIDTH).fill(' '));
  c.series.forEach((series, s) => {
    for (const [x, y] of finitePoints(series)) {
      const column = xMax === xMin ? 0 : Math.round(((x - xMin) / (xMax - xMin)) * (CHART_WIDTH - 1));
      const row = yMax === yMin ? CHART_HEIGHT - 1 : Math.round(((yMax - y) / (yMax - yMin)) * (CHART_HEIGHT - 1));
      grid[row][column] = MARKERS[s % MARKERS.length];
    }
  });
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
  return lines;
}

function bar(value: number, max: number, width: number): string {
  if (!(max > 0) || !(value > 0)) return '';
  const eighths = Math.round((value / max) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function formatBars(c: Chart): string[] {
  const categories = c.categories ?? [];
  const values = c.series.flatMap(finitePoints).map((p) => p[1]);
  const max = Math.max(0, ...values);
  const many = c.series.length > 1;
  const labels = categories.flatMap((category) => c.series.map((s) => (many ? `${category} ${s.name}` : category)));
  const labelWidth = Math.max(0, ...labels.map((l) => l.length));
  const lines: string[] = [];
  categories.forEach((category, i) => {
    for (const series of c.series) {
      const value = series.points.find((p) => p[0] === i)?.[1] ?? NaN;
      const label = many ? `${category} ${series.name}` : category;
      const shown = Number.isFinite(value) ? value : 0;
      lines.push(`${label.padEnd(labelWidth)} │${bar(shown, max, 40)} ${formatNumber(value)}`);
    }
  });
  lines.push(`${' '.repeat(labelWidth)}  ${axisName(c.y)}`);
  return lines;
}

function formatHistogram(c: Chart): string[] {
  const points = c.series.flatMap(finitePoints).sort((a, b) => a[0] - b[0]);
  if (points.length === 0) return ['(no data)'];
  // Merge neighbouring buckets until the histogram fits the width.
  const perColumn = Math.ceil(points.length / CHART_WIDTH);
  const columns: number[] = [];
  for (let i = 0; i < points.length; i += perColumn) {
    columns.push(points.slice(i, i + perColumn).reduce((sum, p) => sum + p[1], 0));
  }
  const max = Math.max(...columns);
  const height = 8;
  const lines: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    const cells = columns.map((count) => {
      const eighths = max > 0 ? Math.round((count / max) * height * 8) - row * 8 : 0;
      return VERTICAL_EIGHTHS[Math.max(0, Math.min(8, eighths))];
    });
    const label = row === height - 1 ? formatNumber(max) : row === 0 ? '0' : '';
    lines.push(`${label.padStart(formatNumber(max).length)} ┤${cells.join('')}`.trimEnd());
  }
  const labelWidth = formatNumber(max).length;
  const left = formatNumber(points[0][0]);
  const right = formatNumber(points[points.length - 1][0]);
  lines.push(`${' '.repeat(labelWidth)} └${'─'.repeat(columns.length)}`);
  lines.push(`${' '.repeat(labelWidth + 2)}${left}${right.padStart(Math.max(columns.length - left.length, right.length + 1))}`);
  lines.push(`${' '.repeat(labelWidth + 2)}${axisName(c.x)}, count per bucket`);
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
