import { describe, expect, it } from 'vitest';
import {
  chartLayout,
  downsample,
  extent,
  logScale,
  logTicks,
  MAX_DRAWN_POINTS,
  mergeBins,
  prepareChart,
  toText,
  wrapLabel,
} from './chartScale';

describe('wrapLabel: bar chart labels fit their band', () => {
  it('fills lines up to the width, breaking at spaces', () => {
    expect(wrapLabel('balancer + 3 nodes + database with standby', 17)).toEqual(['balancer + 3', 'nodes + database', 'with standby']);
  });

  it('leaves a short label on one line and gives a long word a line of its own', () => {
    expect(wrapLabel('one node', 17)).toEqual(['one node']);
    expect(wrapLabel('a supercalifragilistic word', 10)).toEqual(['a', 'supercalifragilistic', 'word']);
  });

  it('stops at four lines, the last one cut with an ellipsis', () => {
    const lines = wrapLabel('one two three four five six seven', 5);
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3)).toEqual(['one', 'two', 'three']);
    expect(lines[3]).toBe('four…');
  });
});

describe('chartLayout: text stays 12 px from a phone to a laptop', () => {
  it('draws at the container width, 1:1, up to 704 px', () => {
    // A 390 px phone leaves about 358 px for the output; the old 640-wide viewBox scaled 12 px text to 6.7 px.
    const phone = chartLayout(358);
    expect(phone.width).toBe(358);
    expect(phone.narrow).toBe(true);
    expect(phone.horizontalBars).toBe(true); // bar labels get the whole width, above their bars
    expect(phone.xTicks).toBeLessThanOrEqual(4);
    expect(phone.yTicks).toBe(4);
    const laptop = chartLayout(900);
    expect(laptop.width).toBe(704);
    expect(laptop.narrow).toBe(false);
    expect(chartLayout(NaN).width).toBe(704);
    expect(chartLayout(100).width).toBe(240);
  });
});

describe('log axes', () => {
  it('ticks at powers of ten enclosing the data, with 2 and 5 between when they fit', () => {
    expect(logTicks(116, 6976)).toEqual([100, 200, 500, 1000, 2000, 5000, 10000]);
    expect(logTicks(0.89, 96)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks(0.89, 96, 5)).toEqual([0.1, 1, 10, 100]);
    expect(logTicks(20, 90)).toEqual([10, 20, 50, 100]);
    expect(logTicks(5, 5)).toEqual([1, 2, 5, 10]);
  });

  it('keeps only every second or third power of ten when even those are too many', () => {
    expect(logTicks(1, 1e9, 4)).toEqual([1, 1000, 1e6, 1e9]);
    expect(logTicks(1, 1e5, 4)).toEqual([1, 100, 10000, 1e6]);
  });

  it('gives each factor of ten the same distance', () => {
    const y = logScale([0.1, 100], [300, 0]);
    expect(y(0.1)).toBe(300);
    expect(y(100)).toBe(0);
    expect(y(1) - y(10)).toBeCloseTo(y(10) - y(100), 9);
  });
});

describe('many points', () => {
  it('finds the extent of 130,000 values without spreading them into Math.min', () => {
    const values = Array.from({ length: 130_000 }, (_, i) => i);
    expect(() => Math.min(...values.concat(values))).toThrow(RangeError); // what used to crash the page
    expect(extent(values)).toEqual([0, 129_999]);
  });

  it('thins a line to the limit, in order, keeping every spike', () => {
    const points = Array.from({ length: 130_000 }, (_, i) => [i, i === 77_777 ? 1000 : Math.sin(i / 500)] as [number, number]);
    const drawn = downsample(points);
    expect(drawn.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    expect(drawn).toContainEqual([77_777, 1000]);
    expect(drawn.every((point, i) => i === 0 || point[0] > drawn[i - 1][0])).toBe(true);
    expect(extent(drawn.map(([, y]) => y))[0]).toBeCloseTo(-1, 3);
  });

  it('merges histogram bins by summing their counts', () => {
    const bins = Array.from({ length: 1000 }, (_, i) => [i, 1] as [number, number]);
    const merged = mergeBins(bins, 400);
    expect(merged.length).toBeLessThanOrEqual(400);
    expect(merged.reduce((sum, [, count]) => sum + count, 0)).toBe(1000);
  });
});

describe('prepareChart: whatever the worker posted', () => {
  it('turns non-text titles, names, categories and summaries into text without throwing', () => {
    const hostile = {
      kind: 'chart',
      type: 'bar',
      title: { toString: () => { throw new Error('boom'); } },
      x: { label: 42 },
      y: { label: ['a'], unit: Symbol('ms'), scale: 'log' },
      series: [{ name: null, points: [[0, 5]] }, 'not a series'],
      categories: [{}, 7],
      summary: 123n,
    };
    const safe = prepareChart(hostile);
    expect(safe.title).toBe('Chart');
    expect(safe.x.label).toBe('42');
    expect(safe.y).toEqual({ label: '', scale: 'log' });
    expect(safe.series.map((s) => s.name)).toEqual(['series 1', 'series 2']);
    expect(safe.categories).toEqual(['#1', '7']);
    expect(safe.summary).toBe('123');
    expect(toText(Symbol('x'), 'fallback')).toBe('fallback');
    expect(prepareChart(null).series).toEqual([]);
    expect(prepareChart({ series: 'nope' }).type).toBe('line');
  });

  it('skips points without two finite numbers and values a log axis cannot show, and says so', () => {
    const safe = prepareChart({
      type: 'line',
      title: 'T',
      x: { label: 'x' },
      y: { label: 'y', scale: 'log' },
      series: [{ name: 's', points: [[0, 1], [1, NaN], [2, 0], [3, -1], ['4', 5], [5, 10], [6]] }],
    });
    expect(safe.series[0].points).toEqual([[0, 1], [2, 0], [3, -1], [5, 10]]);
    expect(safe.series[0].drawn).toEqual([[0, 1], [5, 10]]);
    expect(safe.notes).toEqual([
      '2 values at or below 0 not drawn: a log scale cannot show them.',
      '3 points without two finite numbers skipped.',
    ]);
  });

  it('says when a line was thinned to be drawn, and keeps every point for the data table', () => {
    const points = Array.from({ length: 130_000 }, (_, i) => [i, i % 7]);
    const safe = prepareChart({ type: 'line', title: 'T', x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 's', points }] });
    expect(safe.series[0].points).toHaveLength(130_000);
    expect(safe.series[0].drawn.length).toBeLessThanOrEqual(MAX_DRAWN_POINTS);
    expect(safe.notes).toEqual(['Drawn from at most 2,000 of 130,000 points per line, keeping the highs and lows.']);
  });

  it('ignores a log x axis on bars and histograms, as the kit refuses it', () => {
    expect(prepareChart({ type: 'bar', x: { label: '', scale: 'log' }, y: { label: 'v' }, series: [] }).x.scale).toBe('linear');
  });
});
