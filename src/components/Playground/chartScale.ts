/**
 * The arithmetic of the Playground's charts, pure so it can be tested: the layout for
 * a container width, axis ticks (linear and log), scales, and `prepareChart`, which
 * turns whatever the worker posted into something safe and light enough to draw.
 * The reader's code can post anything: a title that is an object, 130,000 points,
 * NaN, zeros on a log axis. None of that may crash the page; what is left out is said.
 */
import type { Axis, Chart } from '../../../examples/sim/display';

// ---------------------------------------------------------------- layout

export interface ChartLayout {
  /** Bars run sideways, one category a row with its label above: how bar charts fit a phone. */
  horizontalBars: boolean;
  /** The SVG's width and height in CSS pixels, drawn 1:1 so that 12 px text renders at 12 px. */
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** About how many ticks each axis gets. */
  xTicks: number;
  yTicks: number;
  narrow: boolean;
}

/** Widest chart drawn; on a wider container the chart keeps this size. */
export const MAX_CHART_WIDTH = 704;
/** Below this container width, the narrow layout: smaller margins, fewer ticks. */
export const NARROW_BELOW = 520;
const MIN_CHART_WIDTH = 240;

/** The layout for a container `containerWidth` px wide. Text stays 12 px at every width. */
export function chartLayout(containerWidth: number): ChartLayout {
  const width = Math.round(Math.min(MAX_CHART_WIDTH, Math.max(MIN_CHART_WIDTH, Number.isFinite(containerWidth) ? containerWidth : MAX_CHART_WIDTH)));
  const narrow = width < NARROW_BELOW;
  // The y axis's title is written across the top, not turned on its side: it stays readable
  // at any length, and the left margin only holds tick labels (OutputChart widens it to fit them).
  const margin = narrow ? { top: 30, right: 12, bottom: 40, left: 44 } : { top: 32, right: 16, bottom: 46, left: 56 };
  const plotWidth = width - margin.left - margin.right;
  return {
    horizontalBars: narrow,
    width,
    height: narrow ? 260 : 300,
    margin,
    // A tick label such as "1,000" needs about 60 px to stay clear of its neighbours.
    xTicks: Math.max(2, Math.min(6, Math.floor(plotWidth / 75))),
    yTicks: narrow ? 4 : 5,
    narrow,
  };
}

// ---------------------------------------------------------------- ticks and scales

export function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = Math.floor(min / step) * step; value <= max + step * 1e-9; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

/**
 * Ticks for a log axis from `min` to `max` (both > 0), at most `maxTicks` of them: the
 * powers of ten that enclose the data, with 2 and 5 between when they fit (so the axis
 * can be read between its powers of ten), only every second or third power when even
 * those are too many. The first and last tick are the axis's ends.
 */
export function logTicks(min: number, max: number, maxTicks = 10): number[] {
  if (!(min > 0) || !(max > 0)) return [1, 10];
  const low = Math.floor(Math.log10(min));
  let high = Math.ceil(Math.log10(max));
  if (high === low) high++;
  const ticks: number[] = [];
  if (3 * (high - low) + 1 <= maxTicks) {
    for (let k = low; k < high; k++) for (const m of [1, 2, 5]) ticks.push(round12(m * 10 ** k));
    ticks.push(decade(high));
    return ticks;
  }
  const stride = Math.ceil((high - low) / Math.max(1, maxTicks - 1));
  high = low + stride * Math.ceil((high - low) / stride);
  for (let k = low; k <= high; k += stride) ticks.push(decade(k));
  return ticks;
}

function decade(k: number): number {
  return round12(10 ** k);
}

function round12(value: number): number {
  return Number(value.toPrecision(12));
}

export type ScaleFunction = (value: number) => number;

export function linearScale(domain: [number, number], range: [number, number]): ScaleFunction {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

export function logScale(domain: [number, number], range: [number, number]): ScaleFunction {
  const toLog = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return (value) => toLog(Math.log10(value));
}

/** The smallest and largest of `values`, by a loop (spreading 130,000 values into Math.min overflows the stack). */
export function extent(values: Iterable<number>): [number, number] {
  let min = Infinity, max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

const MAX_LABEL_LINES = 4;

/** Splits a label into lines of at most `maxChars` at spaces (a long word gets a line of its own); at most four lines. */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= Math.max(1, maxChars)) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length > MAX_LABEL_LINES) return [...lines.slice(0, MAX_LABEL_LINES - 1), `${lines.slice(MAX_LABEL_LINES - 1).join(' ').slice(0, Math.max(1, maxChars - 1))}…`];
  return lines.length ? lines : [''];
}

// ---------------------------------------------------------------- what the worker posted, made safe

/** Points drawn per series at most; beyond it a line keeps each column's lowest and highest point. */
export const MAX_DRAWN_POINTS = 2000;
/** Bars and histogram bins drawn at most; beyond it neighbouring bins are merged. */
export const MAX_DRAWN_BARS = 400;
/** Series drawn at most. */
export const MAX_SERIES = 12;
const MAX_TEXT = 300;

export interface SafeSeries {
  name: string;
  /** Every valid point, for the data table. */
  points: [number, number][];
  /** What is drawn: the valid points a log axis can show, thinned to at most MAX_DRAWN_POINTS. */
  drawn: [number, number][];
}

export interface SafeChart {
  type: 'line' | 'bar' | 'histogram';
  title: string;
  x: Required<Pick<Axis, 'label' | 'scale'>> & { unit?: string };
  y: Required<Pick<Axis, 'label' | 'scale'>> & { unit?: string };
  series: SafeSeries[];
  categories: string[];
  summary?: string;
  /** Sentences that say what was left out or thinned, shown with the chart. */
  notes: string[];
}

/** Any value as display text: strings as they are, numbers written out, anything else empty. Never throws. */
export function toText(value: unknown, fallback = ''): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else return fallback;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function safeAxis(value: unknown): SafeChart['x'] {
  const axis = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const unit = toText(axis.unit);
  return { label: toText(axis.label), ...(unit ? { unit } : {}), scale: axis.scale === 'log' ? 'log' : 'linear' };
}

function isFinitePoint(point: unknown): point is [number, number] {
  return Array.isArray(point) && point.length >= 2 && Number.isFinite(point[0]) && Number.isFinite(point[1]);
}

/**
 * Thin a line of many points to at most `limit`, keeping its shape: the points are cut
 * into limit/2 runs, in order, and each run keeps its lowest and its highest point.
 * A spike survives; a flat stretch costs two points.
 */
export function downsample(points: [number, number][], limit = MAX_DRAWN_POINTS): [number, number][] {
  if (points.length <= limit) return points;
  const runs = Math.max(1, Math.floor(limit / 2));
  const result: [number, number][] = [];
  for (let run = 0; run < runs; run++) {
    const start = Math.floor((run * points.length) / runs);
    const end = Math.floor(((run + 1) * points.length) / runs);
    let low = start, high = start;
    for (let i = start + 1; i < end; i++) {
      if (points[i][1] < points[low][1]) low = i;
      if (points[i][1] > points[high][1]) high = i;
    }
    if (low === high) result.push(points[low]);
    else result.push(points[Math.min(low, high)], points[Math.max(low, high)]);
  }
  return result;
}

/** Merge neighbouring histogram bins (sums of counts) until at most `limit` are left. */
export function mergeBins(points: [number, number][], limit = MAX_DRAWN_BARS): [number, number][] {
  if (points.length <= limit) return points;
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const per = Math.ceil(sorted.length / limit);
  const merged: [number, number][] = [];
  for (let i = 0; i < sorted.length; i += per) {
    let sum = 0;
    for (let j = i; j < Math.min(sorted.length, i + per); j++) sum += sorted[j][1];
    merged.push([sorted[i][0], sum]);
  }
  return merged;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** Whatever the worker posted as a chart, checked field by field and made light enough to draw. */
export function prepareChart(raw: Chart | unknown): SafeChart {
  const chart = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const type = chart.type === 'bar' || chart.type === 'histogram' ? chart.type : 'line';
  const x = safeAxis(chart.x);
  const y = safeAxis(chart.y);
  if (type !== 'line') x.scale = 'linear';
  const rawSeries = Array.isArray(chart.series) ? chart.series : [];
  const notes: string[] = [];
  let invalid = 0, notPositive = 0, thinned = 0, total = 0;
  const series: SafeSeries[] = rawSeries.slice(0, MAX_SERIES).map((entry: unknown, index: number) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const rawPoints = Array.isArray(record.points) ? record.points : [];
    const points: [number, number][] = [];
    const visible: [number, number][] = [];
    for (const point of rawPoints) {
      if (!isFinitePoint(point)) {
        invalid++;
        continue;
      }
      const pair: [number, number] = [point[0], point[1]];
      points.push(pair);
      if ((x.scale === 'log' && pair[0] <= 0) || (y.scale === 'log' && pair[1] <= 0)) notPositive++;
      else visible.push(pair);
    }
    const drawn = type === 'line' ? downsample(visible) : type === 'histogram' ? mergeBins(visible) : visible.slice(0, MAX_DRAWN_BARS);
    if (drawn.length < visible.length) {
      thinned++;
      total += visible.length;
    }
    return { name: toText(record.name, `series ${index + 1}`), points, drawn };
  });
  if (rawSeries.length > MAX_SERIES) notes.push(`Only the first ${MAX_SERIES} of ${rawSeries.length} series are drawn.`);
  if (thinned > 0) {
    notes.push(
      type === 'line'
        ? `Drawn from at most ${MAX_DRAWN_POINTS.toLocaleString('en-US')} of ${plural(total, 'point', 'points')} per line, keeping the highs and lows.`
        : `${plural(total, 'bar', 'bars')} merged into at most ${MAX_DRAWN_BARS} to draw them.`,
    );
  }
  if (notPositive > 0) notes.push(`${plural(notPositive, 'value', 'values')} at or below 0 not drawn: a log scale cannot show them.`);
  if (invalid > 0) notes.push(`${plural(invalid, 'point', 'points')} without two finite numbers skipped.`);
  const categories = Array.isArray(chart.categories) ? chart.categories.slice(0, MAX_DRAWN_BARS).map((category, i) => toText(category, `#${i + 1}`)) : [];
  const summary = toText(chart.summary) || undefined;
  return { type, title: toText(chart.title, 'Chart'), x, y, series, categories, summary, notes };
}
