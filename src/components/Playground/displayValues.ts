/**
 * The simulation kit's `show()` values (examples/sim/display.ts) as the Playground receives
 * them from the worker. A reader's code can post anything, so a table or chart is rebuilt
 * here field by field into the kit's shape, within limits, and says what it left out: the
 * components that draw them only ever see a value of that shape and size.
 */
// One contract for both sides: the kit defines the shapes, the Playground checks them.
import type { Chart, Series, Table } from '../../../examples/sim/display';
import { textOf } from './workerMessages';

export type { Chart, Series, Table } from '../../../examples/sim/display';

/** How much of a table or chart the page draws. */
export interface DisplayLimits {
  tableColumns: number;
  tableRows: number;
  /** cells of one table */
  tableCells: number;
  cellChars: number;
  chartSeries: number;
  /** points of one series */
  seriesPoints: number;
  /** points of one chart */
  chartPoints: number;
  categories: number;
  labelChars: number;
  summaryChars: number;
}

export interface Read<T> {
  value: T;
  /** What was left out, in a sentence for the reader; empty when nothing was. */
  cut: string[];
  /** Table cells or chart points drawn: what the value costs the page. */
  size: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const count = (n: number) => n.toLocaleString('en-US');

/** A `table(...)` value, or undefined when `value` is not one (show it as text then). */
export function readTable(value: unknown, limits: DisplayLimits): Read<Table> | undefined {
  if (!isObject(value) || value.kind !== 'table' || !Array.isArray(value.columns) || !Array.isArray(value.rows)) return undefined;
  const cut: string[] = [];
  let longCells = 0;
  const cell = (raw: unknown): string | number => {
    if (typeof raw === 'number') return raw;
    const text = textOf(raw, limits.cellChars + 1);
    if (text.length <= limits.cellChars) return text;
    longCells++;
    return `${text.slice(0, limits.cellChars)}…`;
  };
  const width = Math.min(value.columns.length, limits.tableColumns);
  const columns = value.columns.slice(0, width).map((column) => String(cell(column)));
  if (value.columns.length > width) cut.push(`${count(width)} of ${count(value.columns.length)} columns shown`);
  const rows: (string | number)[][] = [];
  let cells = 0;
  const rowLimit = Math.min(limits.tableRows, Math.max(1, Math.floor(limits.tableCells / Math.max(1, width))));
  for (let i = 0; i < value.rows.length && rows.length < rowLimit; i++) {
    const row: unknown = value.rows[i];
    const raw = Array.isArray(row) ? row.slice(0, width) : [row];
    rows.push(raw.map(cell));
    cells += raw.length;
  }
  if (value.rows.length > rows.length) cut.push(`${count(rows.length)} of ${count(value.rows.length)} rows shown`);
  if (longCells > 0) cut.push(`${count(longCells)} cells over ${count(limits.cellChars)} characters shortened`);
  const table: Table = { kind: 'table', columns, rows };
  if (value.title !== undefined) table.title = textOf(value.title, limits.labelChars);
  return { value: table, cut, size: cells };
}

const CHART_TYPES: readonly string[] = ['line', 'bar', 'histogram'];

/** A `chart(...)` value, or undefined when `value` is not one. `pointBudget` caps its points. */
export function readChart(value: unknown, limits: DisplayLimits, pointBudget = limits.chartPoints): Read<Chart> | undefined {
  if (!isObject(value) || value.kind !== 'chart' || !CHART_TYPES.includes(value.type as string) || !Array.isArray(value.series)) {
    return undefined;
  }
  const type = value.type as Chart['type'];
  const cut: string[] = [];
  const label = (raw: unknown) => textOf(raw, limits.labelChars);
  const axis = (raw: unknown): Chart['x'] => {
    if (!isObject(raw)) return { label: '' };
    const read: Chart['x'] = raw.unit === undefined ? { label: label(raw.label ?? '') } : { label: label(raw.label ?? ''), unit: label(raw.unit) };
    if (raw.scale === 'log') read.scale = 'log'; // the kit's log axes (the chart draws nothing else)
    return read;
  };
  let budget = Math.min(pointBudget, limits.chartPoints);
  let invalid = 0;
  const series: Series[] = [];
  const seriesCount = Math.min(value.series.length, limits.chartSeries);
  for (let s = 0; s < seriesCount; s++) {
    const raw: unknown = value.series[s];
    const name = isObject(raw) ? label(raw.name ?? '') : '';
    const source: unknown[] = isObject(raw) && Array.isArray(raw.points) ? raw.points : [];
    const take = Math.min(source.length, limits.seriesPoints, budget);
    // A line keeps its shape when thinned evenly; bars and bins are cut at the end.
    const pick = (i: number) => (type === 'line' && take > 1 && source.length > take ? Math.round((i * (source.length - 1)) / (take - 1)) : i);
    const points: [number, number][] = [];
    for (let i = 0; i < take; i++) {
      const point = source[pick(i)];
      if (Array.isArray(point) && typeof point[0] === 'number' && typeof point[1] === 'number' && Number.isFinite(point[0]) && Number.isFinite(point[1])) {
        points.push([point[0], point[1]]);
      } else {
        invalid++;
      }
    }
    budget -= take;
    if (source.length > take) {
      cut.push(
        type === 'line'
          ? `series “${name}”: ${count(take)} of ${count(source.length)} points drawn, evenly spaced`
          : `series “${name}”: the first ${count(take)} of ${count(source.length)} points drawn`,
      );
    }
    series.push({ name, points });
  }
  if (value.series.length > seriesCount) cut.push(`${count(seriesCount)} of ${count(value.series.length)} series drawn`);
  if (invalid > 0) cut.push(`${count(invalid)} points that were not two finite numbers left out`);
  const chart: Chart = { kind: 'chart', type, title: label(value.title ?? ''), x: axis(value.x), y: axis(value.y), series };
  if (type === 'bar') {
    const categories = Array.isArray(value.categories) ? value.categories : [];
    chart.categories = categories.slice(0, limits.categories).map(label);
    if (categories.length > limits.categories) cut.push(`${count(limits.categories)} of ${count(categories.length)} categories labelled`);
  }
  if (value.summary !== undefined) chart.summary = textOf(value.summary, limits.summaryChars);
  return { value: chart, cut, size: series.reduce((sum, line) => sum + line.points.length, 0) };
}

/** Numbers as a reader wants them in a table or on an axis: no float noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function axisTitle(axis: { label: string; unit?: string }): string {
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label;
}
