/**
 * The simulation kit's `show()` values (examples/sim/display.ts) as the Playground receives
 * them from the worker. Checked here, since a reader's code can post anything.
 */
// One contract for both sides: the kit defines the shapes, the Playground checks them.
import type { Chart, Table } from '../../../examples/sim/display';

export type { Chart, Series, Table } from '../../../examples/sim/display';

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null;
const isCell = (value: unknown) => typeof value === 'string' || typeof value === 'number';
const isAxis = (value: unknown) => isObject(value) && typeof value.label === 'string';

export function isTable(value: unknown): value is Table {
  return (
    isObject(value) &&
    value.kind === 'table' &&
    Array.isArray(value.columns) &&
    value.columns.every((column: unknown) => typeof column === 'string') &&
    Array.isArray(value.rows) &&
    value.rows.every((row: unknown) => Array.isArray(row) && row.every(isCell))
  );
}

export function isChart(value: unknown): value is Chart {
  return (
    isObject(value) &&
    value.kind === 'chart' &&
    ['line', 'bar', 'histogram'].includes(value.type) &&
    isAxis(value.x) &&
    isAxis(value.y) &&
    Array.isArray(value.series) &&
    value.series.every(
      (series: unknown) =>
        isObject(series) &&
        Array.isArray(series.points) &&
        series.points.every(
          (point: unknown) => Array.isArray(point) && point.length === 2 && point.every((n) => typeof n === 'number' && Number.isFinite(n)),
        ),
    )
  );
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
