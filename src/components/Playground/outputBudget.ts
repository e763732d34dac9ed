/**
 * The output of one run, held to limits in the page. The worker cuts its output too, but the
 * worker runs the reader's code, which can post to the page directly: 3,000 lines of 20,000
 * characters, or one line of 50 million, once froze the page for over a minute. Everything
 * the output panel draws passes through here first, and the reader is told what was cut.
 */
import { readChart, readTable, type Chart, type DisplayLimits, type Table } from './displayValues';
import { formatValue } from './formatValue';
import { readReplay, REPLAY_LIMITS, type Replay, type ReplayLimits } from './replayValues';
import type { LineLevel } from './workerMessages';

export interface OutputLimits extends DisplayLimits, ReplayLimits {
  /** Lines, tables and charts of one run. */
  items: number;
  lineChars: number;
  /** Characters of all text lines of one run. */
  totalChars: number;
  /** Table cells of one run. */
  totalCells: number;
  /** Chart points of one run. */
  totalPoints: number;
  /** Replay events of one run. */
  totalEvents: number;
}

export const OUTPUT_LIMITS: OutputLimits = {
  items: 1_000,
  lineChars: 10_000,
  totalChars: 200_000,
  totalCells: 20_000,
  totalPoints: 50_000,
  tableColumns: 30,
  tableRows: 1_000,
  tableCells: 10_000,
  cellChars: 200,
  chartSeries: 12,
  seriesPoints: 5_000,
  chartPoints: 20_000,
  categories: 100,
  labelChars: 200,
  summaryChars: 1_000,
  ...REPLAY_LIMITS,
  totalEvents: 200_000,
};

/** What the output panel draws: nothing here is the reader's raw value. */
export type OutputItem =
  | { kind: 'line'; level: LineLevel; text: string }
  | { kind: 'table'; table: Table; cut: string[] }
  | { kind: 'chart'; chart: Chart; cut: string[] }
  | { kind: 'replay'; replay: Replay; cut: string[] }
  | { kind: 'note'; text: string };

const count = (n: number) => n.toLocaleString('en-US');

export class OutputBudget {
  private items = 0;
  private chars = 0;
  private cells = 0;
  private points = 0;
  private events = 0;
  /** Items the page dropped, and lines the worker says it dropped. */
  private dropped = 0;
  private workerCut = 0;
  private full: 'items' | 'chars' | undefined;

  constructor(private readonly limits: OutputLimits = OUTPUT_LIMITS) {}

  /** A console line, as an item to draw (cut to the limits), or nothing once the output is full. */
  line(level: LineLevel, text: string): OutputItem[] {
    if (!this.admit()) return [];
    const { lineChars, totalChars } = this.limits;
    let shown = text;
    if (shown.length > lineChars) {
      shown = `${shown.slice(0, lineChars)} … (${count(text.length - lineChars)} more characters cut: a line shows at most ${count(lineChars)})`;
    }
    if (this.chars + shown.length > totalChars) {
      shown = `${shown.slice(0, Math.max(0, totalChars - this.chars))} …`;
      this.full = 'chars';
    }
    this.chars += shown.length;
    return [{ kind: 'line', level, text: shown }];
  }

  /** A value given to `show()`: a table, a chart, or anything else as a line of text. */
  show(value: unknown): OutputItem[] {
    const { limits } = this;
    const table = readTable(value, { ...limits, tableCells: Math.max(1, Math.min(limits.tableCells, limits.totalCells - this.cells)) });
    if (table) {
      if (!this.admit()) return [];
      if (this.cells >= limits.totalCells) return [this.leftOut('A table', `${count(limits.totalCells)} table cells`)];
      this.cells += table.size;
      return [{ kind: 'table', table: table.value, cut: table.cut }];
    }
    const chart = readChart(value, limits, limits.totalPoints - this.points);
    if (chart) {
      if (!this.admit()) return [];
      if (this.points >= limits.totalPoints) return [this.leftOut('A chart', `${count(limits.totalPoints)} chart points`)];
      this.points += chart.size;
      return [{ kind: 'chart', chart: chart.value, cut: chart.cut }];
    }
    const replay = readReplay(value, limits, Math.max(0, limits.totalEvents - this.events));
    if (replay) {
      if (!this.admit()) return [];
      if (this.events >= limits.totalEvents) return [this.leftOut('A replay', `${count(limits.totalEvents)} replay events`)];
      this.events += replay.size;
      return [{ kind: 'replay', replay: replay.value, cut: replay.cut }];
    }
    // Like the kit's show() in Node: a string as it is, anything else formatted.
    return this.line('log', typeof value === 'string' ? value : formatValue(value, this.limits.lineChars + 1));
  }

  /** The worker's own count of lines it did not send. */
  cutByWorker(lines: number): void {
    this.workerCut += lines;
  }

  /** At the end of a run: a note saying what was cut, if anything was. */
  summary(): OutputItem[] {
    const lines = this.dropped + this.workerCut;
    if (lines === 0 && !this.full) return [];
    const limit = this.full === 'chars' ? `${count(this.limits.totalChars)} characters` : `${count(this.limits.items)} lines`;
    if (lines === 0) return [{ kind: 'note', text: `… the output stops at ${limit}.` }];
    return [{ kind: 'note', text: `… ${count(lines)} more lines were cut: output stops at ${limit}.` }];
  }

  private admit(): boolean {
    if (this.full || this.items >= this.limits.items) {
      this.full ??= 'items';
      this.dropped++;
      return false;
    }
    this.items++;
    return true;
  }

  private leftOut(what: string, limit: string): OutputItem {
    return { kind: 'note', text: `${what} was left out: the output holds at most ${limit}.` };
  }
}
