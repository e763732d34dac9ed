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
});
