import { describe, it, expect, vi, afterEach } from 'vitest';
import { table, chart, lineChart, barChart, histogramChart, show, formatTable, formatChart, formatNumber } from './display';

afterEach(() => {
  delete (globalThis as any).__playgroundShow;
  vi.restoreAllMocks();
});

describe('display', () => {
  it('makes plain JSON values that survive a round trip (they cross a postMessage)', () => {
    const t = table(['a', 'b'], [['x', 1.5], ['y', NaN]], 'T');
    const c = lineChart('L', { label: 'time', unit: 's' }, { label: 'p99', unit: 'ms' }, [{ name: 's', points: [[0, 1], [1, NaN], [2, 3]] }]);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    expect(t).toEqual({ kind: 'table', title: 'T', columns: ['a', 'b'], rows: [['x', 1.5], ['y', '–']] });
    expect(c.series[0].points).toEqual([[0, 1], [2, 3]]); // the NaN point is a gap
    expect(c.kind).toBe('chart');
  });

  it('prints tables with aligned columns, numbers to the right', () => {
    const text = formatTable(table(['name', 'ms'], [['short', 1.5], ['a longer name', 120.25]], 'Latency'));
    expect(text.split('\n')).toEqual([
      'Latency',
      'name              ms',
      '─────────────  ─────',
      'short            1.5',
      'a longer name  120.3',
    ]);
  });

  it('prints line, bar and histogram charts as compact Unicode text', () => {
    const line = formatChart(lineChart('Rise', { label: 'x' }, { label: 'y' }, [{ name: 'a', points: [[0, 0], [10, 100]] }]));
    expect(line).toContain('Rise');
    expect(line).toContain('•');
    expect(line.split('\n').length).toBeLessThanOrEqual(15);
    const bars = formatChart(barChart('Share', ['n1', 'n2'], { requests: [10, 5] }, { label: 'requests' }));
    expect(bars).toContain('n1 │████████████████████████████████████████ 10');
    expect(bars).toContain('n2 │████████████████████ 5');
    const histogram = formatChart(histogramChart('Latency', { label: 'ms' }, [[0, 1], [10, 8], [20, 4]]));
    expect(histogram).toContain('█');
    expect(histogram.split('\n')[1]).toMatch(/^8 ┤/);
  });

  it('show prints text in Node, or hands every value to the Playground hook', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const t = table(['a'], [[1]]);
    show('hello', t);
    expect(log.mock.calls.map((call) => call[0])).toEqual(['hello', formatTable(t)]);
    const seen: unknown[] = [];
    (globalThis as any).__playgroundShow = (value: unknown) => seen.push(value);
    show('hi', 3, t);
    expect(seen).toEqual(['hi', 3, t]);
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('formats numbers for readers and rejects malformed values', () => {
    expect(formatNumber(1234.567)).toBe('1234.6');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(() => table(['a', 'b'], [[1]])).toThrow('table: row 0 must have 2 cells like the columns (got 1)');
    expect(() => chart({ type: 'pie' as never, title: '', x: { label: '' }, y: { label: '' }, series: [] })).toThrow(
      "chart: type must be one of line, bar, histogram (got 'pie')",
    );
  });

  it('a log axis gives each factor of ten the same room, in the text renderer too', () => {
    const downtime = barChart('Downtime', ['one box', 'two boxes', 'two zones'], { hours: [96, 8.8, 0.9] }, { label: 'downtime', unit: 'h', scale: 'log' });
    expect(downtime.y).toEqual({ label: 'downtime', unit: 'h', scale: 'log' });
    const lines = formatChart(downtime).split('\n');
    const blocks = (line: string) => (line.match(/█/g) ?? []).length;
    // Linear, 0.9 h next to 96 h is a sliver (0.4 of a character); on the log scale from 0.1 it is a third of the bar.
    expect(blocks(lines[3])).toBeGreaterThanOrEqual(12);
    expect(blocks(lines[2]) - blocks(lines[3])).toBeCloseTo(blocks(lines[1]) - blocks(lines[2]), -1); // equal steps for equal ratios
    expect(lines[4]).toBe('           downtime (h, log scale), bars from 0.1');
    const line = formatChart(lineChart('Decades', { label: 'x' }, { label: 'y', scale: 'log' }, [{ name: 'a', points: [[0, 1], [1, 10], [2, 100]] }]));
    const rowOf = (column: number) => line.split('\n').slice(1, 11).findIndex((row) => row.split('┤')[1]?.[column] === '•');
    expect([rowOf(0), rowOf(30), rowOf(59)]).toEqual([9, 5, 0]);
    expect(line).toContain('y: y (log scale)');
  });

  it('a log axis leaves out values <= 0 and says how many', () => {
    const text = formatChart(lineChart('With zeros', { label: 'x' }, { label: 'y', scale: 'log' }, [{ name: 'a', points: [[0, 0], [1, 10], [2, -5], [3, 100]] }]));
    expect(text).toContain('(2 values <= 0 left out: a log scale cannot show them)');
    const bars = formatChart(barChart('Zero', ['a', 'b'], { v: [0, 10] }, { label: 'v', scale: 'log' }));
    expect(bars).toContain('(1 value <= 0 left out: a log scale cannot show it)');
  });

  it('checks the axes and texts a chart is made of, naming the chart', () => {
    const series = [{ name: 's', points: [[0, 1]] as [number, number][] }];
    expect(() => lineChart('T', { label: 'x' }, { label: 'y', scale: 'logarithmic' as 'log' }, series)).toThrow(
      "chart 'T': y.scale must be 'linear' or 'log' (got 'logarithmic')",
    );
    expect(() => barChart('B', ['a'], { v: [1] }, { label: 'y' }) && chart({ type: 'bar', title: 'B', x: { label: '', scale: 'log' }, y: { label: 'y' }, series, categories: ['a'] })).toThrow(
      "chart 'B': x.scale 'log' is for line charts",
    );
    expect(() => lineChart(42 as unknown as string, { label: 'x' }, { label: 'y' }, series)).toThrow('chart: title must be a string (got number)');
    expect(() => lineChart('T', { label: 'x' }, { label: 'y' }, [{ name: { a: 1 } as unknown as string, points: [] }])).toThrow(
      "chart 'T': series[0].name must be a string (got object)",
    );
    expect(() => barChart('B', [1 as unknown as string], { v: [1] }, { label: 'y' })).toThrow("chart 'B': categories[0] must be a string (got number)");
  });

  it('prints a chart of 130,000 points (Math.min(...points) overflowed the stack)', () => {
    const points = Array.from({ length: 130_000 }, (_, i) => [i, Math.sin(i / 1000) + 2] as [number, number]);
    const text = formatChart(lineChart('Many', { label: 'x' }, { label: 'y', scale: 'log' }, [{ name: 's', points }]));
    expect(text.split('\n')[1]).toMatch(/^3(\.00)? ┤/);
    expect(formatChart(histogramChart('Many', { label: 'ms' }, points))).toContain('█');
  });
});
