import { describe, expect, it } from 'vitest';
import { formatNumber } from './displayValues';
import { formatValue } from './formatValue';
import { OUTPUT_LIMITS, OutputBudget, type OutputItem } from './outputBudget';
import { readWorkerMessage } from './workerMessages';

const chart = (overrides: Record<string, unknown> = {}) => ({
  kind: 'chart',
  type: 'line',
  title: 't',
  x: { label: 'x' },
  y: { label: 'y', unit: 'ms' },
  series: [{ name: 's', points: [[0, 1]] }],
  ...overrides,
});

const texts = (items: OutputItem[]) => items.map((item) => (item.kind === 'line' || item.kind === 'note' ? item.text : item.kind));

describe('values a reader can show() or log, formatted without throwing', () => {
  it('formats cycles, BigInt, maps, typed arrays and errors like Node', () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    expect(formatValue(cyclic, 1000)).toBe('{ n: 1, self: [Circular *] }');
    expect(formatValue(12n, 1000)).toBe('12n');
    expect(formatValue([1, 'two', null, undefined], 1000)).toBe("[ 1, 'two', null, undefined ]");
    expect(formatValue(new Map([['k', 1]]), 1000)).toBe("Map(1) { 'k' => 1 }");
    expect(formatValue(new Float64Array([1, 2]), 1000)).toBe('Float64Array(2) [ 1, 2 ]');
    expect(formatValue({ e: new RangeError('bad') }, 1000)).toBe('{ e: [RangeError: bad] }');
  });

  it('survives values whose toString, constructor or getters are hostile', () => {
    expect(formatValue({ toString: 'not a function', constructor: { name: { toString: 1 } } }, 1000)).toBe(
      "{ toString: 'not a function', constructor: { name: { toString: 1 } } }",
    );
    const getter = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(formatValue(getter, 1000)).toBe('{ boom: undefined }');
  });

  it('stops at the limit however large or deeply repeated the value is', () => {
    const big = 'x'.repeat(5_000_000);
    const nested = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => Array(100).fill(big)));
    // Unbounded, this is a million strings of 5 million characters: no string can hold that.
    const text = formatValue(nested, 10_000);
    expect(text.length).toBeLessThan(10_100);
    expect(text).toMatch(/… \(cut at 10,000 characters\)$/);
  });
});

describe('messages from the worker, checked before the page uses them', () => {
  it('drops what the protocol does not have', () => {
    for (const data of [null, 7, 'done', { type: { toString: 'x' } }, { type: 'eval' }, { type: 'cut', count: 'all' }]) {
      expect(readWorkerMessage(data)).toBeUndefined();
    }
  });

  it('converts each field to its type', () => {
    expect(readWorkerMessage({ type: 'line', level: 'shout', text: 12n })).toEqual({ type: 'line', level: 'log', text: '12n' });
    expect(readWorkerMessage({ type: 'error', name: { n: 1 }, message: 5, stack: ['x'] })).toEqual({
      type: 'error',
      name: '{ n: 1 }',
      message: '5',
      stack: '',
    });
    expect(readWorkerMessage({ type: 'cut', count: 3.7 })).toEqual({ type: 'cut', count: 3 });
  });
});

describe('the output budget: what the page draws of a run', () => {
  it('draws the kit contract as it is', () => {
    const budget = new OutputBudget();
    const table = { kind: 'table', title: 'T', columns: ['a', 'b'], rows: [['x', 1]] };
    expect(budget.show(table)).toEqual([{ kind: 'table', table, cut: [] }]);
    expect(budget.show(chart())).toEqual([{ kind: 'chart', chart: chart(), cut: [] }]);
    expect(budget.summary()).toEqual([]);
  });

  it('turns non-string titles, names, labels, summaries and categories into text', () => {
    const [item] = new OutputBudget().show(
      chart({ type: 'bar', title: 12n, summary: { s: 1 }, categories: [{ c: 1 }, 2], series: [{ name: ['n'], points: [[0, 1]] }], x: 5 }),
    );
    expect(item).toMatchObject({
      kind: 'chart',
      chart: { title: '12n', summary: '{ s: 1 }', categories: ['{ c: 1 }', '2'], series: [{ name: "[ 'n' ]" }], x: { label: '' } },
    });
    const [table] = new OutputBudget().show({ kind: 'table', title: { t: 1 }, columns: [1n], rows: [[{ cell: true }, 2n], 'not a row'] });
    expect(table).toMatchObject({ kind: 'table', table: { title: '{ t: 1 }', columns: ['1n'], rows: [['{ cell: true }'], ['not a row']] } });
  });

  it('shows any other value as text, circular and BigInt included', () => {
    const cyclic: Record<string, unknown> = { a: 1n };
    cyclic.me = cyclic;
    expect(texts(new OutputBudget().show(cyclic))).toEqual(['{ a: 1n, me: [Circular *] }']);
    expect(texts(new OutputBudget().show('plain text'))).toEqual(['plain text']);
  });

  it('cuts one huge line and says by how much (show of 50 million characters froze the page for 85 s)', () => {
    const budget = new OutputBudget();
    const [line] = texts(budget.show('x'.repeat(50_000_000)));
    expect(line.length).toBeLessThan(OUTPUT_LIMITS.lineChars + 100);
    expect(line).toMatch(/… \(49,990,000 more characters cut: a line shows at most 10,000\)$/);
  });

  it('holds the whole run to its characters and lines (3,000 faked lines of 20,000 characters drew 60 M)', () => {
    const budget = new OutputBudget();
    let drawn = 0;
    for (let i = 0; i < 3_000; i++) {
      for (const item of budget.line('log', 'y'.repeat(20_000))) drawn += item.kind === 'line' ? item.text.length : 0;
    }
    expect(drawn).toBeLessThanOrEqual(OUTPUT_LIMITS.totalChars + 100);
    expect(texts(budget.summary())).toEqual(['… 2,980 more lines were cut: output stops at 200,000 characters.']);

    const lines = new OutputBudget();
    for (let i = 0; i < 1_500; i++) lines.line('log', String(i));
    lines.cutByWorker(10);
    expect(texts(lines.summary())).toEqual(['… 510 more lines were cut: output stops at 1,000 lines.']);
  });

  it('cuts tables to their rows, columns and cell lengths, and says so', () => {
    const columns = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const rows = Array.from({ length: 5_000 }, () => columns.map(() => 'z'.repeat(300)));
    const [item] = new OutputBudget().show({ kind: 'table', columns, rows });
    if (item.kind !== 'table') throw new Error(item.kind);
    expect(item.table.columns).toHaveLength(30);
    expect(item.table.rows.length * item.table.columns.length).toBeLessThanOrEqual(OUTPUT_LIMITS.tableCells);
    expect(String(item.table.rows[0][0]).length).toBe(OUTPUT_LIMITS.cellChars + 1);
    expect(item.cut).toEqual(['30 of 40 columns shown', '333 of 5,000 rows shown', '9,990 cells over 200 characters shortened']);
  });

  it('thins a long line series evenly (130,000 points crashed the page), keeps its ends, and leaves out bad points', () => {
    const points = Array.from({ length: 130_000 }, (_, i) => [i, i % 7]);
    points[0] = [0, Number.NaN];
    const [item] = new OutputBudget().show(chart({ series: [{ name: 'long', points }] }));
    if (item.kind !== 'chart') throw new Error(item.kind);
    const drawn = item.chart.series[0].points;
    expect(drawn).toHaveLength(OUTPUT_LIMITS.seriesPoints - 1);
    expect(drawn.at(-1)).toEqual([129_999, 129_999 % 7]);
    expect(item.cut).toEqual(['series “long”: 5,000 of 130,000 points drawn, evenly spaced', '1 points that were not two finite numbers left out']);
  });

  it("keeps an axis's log scale, and only the scales the charts know", () => {
    const [item] = new OutputBudget().show(chart({ y: { label: 'p99', unit: 'ms', scale: 'log' }, x: { label: 'n', scale: 'cubic' } }));
    if (item.kind !== 'chart') throw new Error(item.kind);
    expect(item.chart.y).toEqual({ label: 'p99', unit: 'ms', scale: 'log' });
    expect(item.chart.x).toEqual({ label: 'n' });
  });

  it('holds a run to its chart points and series, and tells what it left out', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `s${i}`, points: Array.from({ length: 3_000 }, (_, x) => [x, x]) }));
    const budget = new OutputBudget();
    const drawnPoints: number[] = [];
    const notes: string[] = [];
    for (let i = 0; i < 5; i++) {
      for (const item of budget.show(chart({ series: many }))) {
        if (item.kind === 'chart') drawnPoints.push(item.chart.series.reduce((sum, s) => sum + s.points.length, 0));
        if (item.kind === 'note') notes.push(item.text);
      }
    }
    expect(Math.max(...drawnPoints)).toBeLessThanOrEqual(OUTPUT_LIMITS.chartPoints);
    expect(drawnPoints.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(OUTPUT_LIMITS.totalPoints);
    expect(drawnPoints).toEqual([20_000, 20_000, 10_000]);
    expect(notes).toEqual(Array(2).fill('A chart was left out: the output holds at most 50,000 chart points.'));
  });

  it('formats numbers without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(123.456)).toBe('123.5');
  });
});
