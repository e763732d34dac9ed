import React, { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatNumber, type Chart } from './displayValues';
import {
  chartLayout,
  extent,
  linearScale,
  logScale,
  logTicks,
  MAX_CHART_WIDTH,
  niceTicks,
  prepareChart,
  wrapLabel,
  type ChartLayout,
  type SafeChart,
  type ScaleFunction,
} from './chartScale';
import styles from './styles.module.css';
import chartStyles from './OutputChart.module.css';

// Six styles: a chart of five or six series (the retry storm's goodput has five) keeps each apart.
const SERIES_COLOURS = ['var(--pg-series-1)', 'var(--pg-series-2)', 'var(--pg-series-3)', 'var(--pg-series-4)', 'var(--pg-series-5)', 'var(--pg-series-6)'];
// Series differ by dash pattern too, so they stay apart without colour.
const DASHES = ['none', '6 3', '2 3', '8 3 2 3', '12 4', '2 3 2 3 8 3'];
const MAX_MARKERS = 60;
const MAX_DATA_ROWS = 200;
// Width of a character of the 12 px labels (generous, so neighbours keep a gap), and the line step of wrapped ones.
const LABEL_CHAR_WIDTH = 7.5;
const LABEL_LINE_HEIGHT = 13;

/** The width of the element `ref` points at, kept up to date; undefined until measured. */
function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number | undefined] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState<number>();
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => setWidth(element.clientWidth || undefined);
    measure();
    if (typeof ResizeObserver !== 'function') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * A kit `chart(...)` value as an SVG that follows the site's theme, fits a phone, and can be
 * read without sight. Whatever the worker posted is checked first (prepareChart): a bad field
 * or a flood of points never crashes the page, and what is left out is said under the chart.
 */
export default function OutputChart({ chart }: { chart: Chart }): ReactNode {
  const id = useId();
  const [figureRef, measured] = useWidth<HTMLElement>();
  const safe = useMemo(() => prepareChart(chart), [chart]);
  const layout = chartLayout(measured ?? MAX_CHART_WIDTH);
  const hasData = safe.series.some((series) => series.drawn.length > 0);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure ref={figureRef} className={chartStyles.figure} data-output="chart" data-layout={layout.narrow ? 'narrow' : 'wide'}>
      <p className={chartStyles.title} aria-hidden="true">
        {safe.title}
      </p>
      {hasData ? (
        <Plot safe={safe} layout={layout} titleId={titleId} descId={descId} />
      ) : (
        <p className={styles.note}>{safe.title}: no data to chart.</p>
      )}
      {hasData && safe.series.length > 1 && <Legend safe={safe} />}
      {safe.notes.map((note) => (
        <p key={note} className={chartStyles.notes} data-chart-note>
          {note}
        </p>
      ))}
      <figcaption className={chartStyles.caption}>
        {safe.summary && <p>{safe.summary}</p>}
        <details>
          <summary>Data of “{safe.title}”</summary>
          <ChartData safe={safe} />
        </details>
      </figcaption>
    </figure>
  );
}

/** Ticks and a scale for a value axis (the y axis, or the x axis of sideways bars). */
function valueAxis(safe: SafeChart, axis: SafeChart['y'], values: number[], range: [number, number], ticks: number, logTicksAtMost: number) {
  const [low, high] = extent(values);
  if (axis.scale === 'log') {
    const tickValues = logTicks(low, high, logTicksAtMost);
    return { ticks: tickValues, scale: logScale([tickValues[0], tickValues[tickValues.length - 1]], range), baseline: tickValues[0] };
  }
  const tickValues = niceTicks(Math.min(0, low), Math.max(0, high, 1e-12), ticks);
  return { ticks: tickValues, scale: linearScale([tickValues[0], tickValues[tickValues.length - 1]], range), baseline: 0 };
}

// Width of one character of the 12 px tick labels, to leave room for the longest.
const TICK_CHAR_WIDTH = 7;

interface PlotProps {
  safe: SafeChart;
  layout: ChartLayout;
  titleId: string;
  descId: string;
}

/** The SVG shell every plot shares: its accessible name and description, 12 px text in the theme's colour. */
function PlotFrame({ safe, layout, height, titleId, descId, children }: Omit<PlotProps, 'layout'> & { layout: ChartLayout; height: number; children: ReactNode }) {
  return (
    <svg className={chartStyles.plot} width={layout.width} height={height} viewBox={`0 0 ${layout.width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{safe.title}</title>
      <desc id={descId}>{safe.summary ?? describe(safe)}</desc>
      <g aria-hidden="true" fontSize="12" fill="currentColor">
        {/* The value axis's title, across the top where it has the whole width. */}
        <text x={0} y={14} fontWeight="600">
          {axisTitle(safe.y)}
        </text>
        {children}
      </g>
    </svg>
  );
}

function Plot(props: PlotProps) {
  return props.safe.type === 'bar' && props.layout.horizontalBars ? <SidewaysBars {...props} /> : <UprightPlot {...props} />;
}

/** Lines, histograms and bars on a vertical value axis. */
function UprightPlot({ safe, layout, titleId, descId }: PlotProps) {
  const { width, height, margin } = layout;
  const isBar = safe.type === 'bar';
  const drawn = safe.series.flatMap((series) => series.drawn);
  // Bar labels wrap to the width of their band; the plot gives up height for the extra lines.
  const bandWidth = (width - margin.left - margin.right) / Math.max(1, safe.categories.length);
  const labelLines = isBar ? safe.categories.map((category) => wrapLabel(category, Math.floor(bandWidth / LABEL_CHAR_WIDTH))) : [];
  const extraLines = labelLines.reduce((most, lines) => Math.max(most, lines.length - 1), 0);
  const bottom = height - margin.bottom - extraLines * LABEL_LINE_HEIGHT;
  const yAxis = valueAxis(safe, safe.y, drawn.map(([, py]) => py), [bottom, margin.top], layout.yTicks, layout.yTicks * 2);
  const binWidth = safe.type === 'histogram' ? histogramBinWidth(drawn.map(([px]) => px)) : 0;
  const [xLow, xHigh] = extent(drawn.map(([px]) => px));
  let xTicks: number[] = [];
  let xDomain: [number, number];
  if (isBar) {
    xDomain = [-0.5, Math.max(safe.categories.length, xHigh + 1) - 0.5];
  } else if (safe.x.scale === 'log') {
    xTicks = logTicks(xLow, xHigh, layout.xTicks + 1);
    xDomain = [xTicks[0], xTicks[xTicks.length - 1]];
  } else {
    xTicks = niceTicks(xLow, xHigh + binWidth, layout.xTicks);
    xDomain = [Math.min(xLow, xTicks[0]), Math.max(xHigh + binWidth, xTicks[xTicks.length - 1])];
  }
  // Room for the longest y tick label on the left, and for half the last x tick label (centred on the end) on the right.
  const longestTick = yAxis.ticks.reduce((most, tick) => Math.max(most, formatNumber(tick).length), 0);
  const lastXTick = xTicks.length ? formatNumber(xTicks[xTicks.length - 1]).length : 0;
  const plot = {
    left: Math.max(margin.left, longestTick * TICK_CHAR_WIDTH + 12),
    right: width - Math.max(margin.right, (lastXTick * TICK_CHAR_WIDTH) / 2 + 2),
    top: margin.top,
    bottom,
  };
  const y = yAxis.scale;
  const x = safe.x.scale === 'log' && !isBar ? logScale(xDomain, [plot.left, plot.right]) : linearScale(xDomain, [plot.left, plot.right]);
  const band = isBar ? x(1) - x(0) : 0;
  const barWidth = isBar ? (band * 0.8) / Math.max(1, safe.series.length) : 0;
  return (
    <PlotFrame safe={safe} layout={layout} height={height} titleId={titleId} descId={descId}>
      {yAxis.ticks.map((tick) => (
        <g key={`y${tick}`}>
          <line x1={plot.left} x2={plot.right} y1={y(tick)} y2={y(tick)} style={{ stroke: 'var(--pg-grid)' }} />
          <text x={plot.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      {xTicks.map((tick) => (
        <text key={`x${tick}`} x={x(tick)} y={plot.bottom + 16} textAnchor="middle">
          {formatNumber(tick)}
        </text>
      ))}
      {labelLines.map((lines, index) => (
        <text key={`c${index}`} x={x(index)} y={plot.bottom + 16} textAnchor="middle">
          {lines.map((line, n) => (
            <tspan key={n} x={x(index)} dy={n === 0 ? 0 : LABEL_LINE_HEIGHT}>
              {line}
            </tspan>
          ))}
        </text>
      ))}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke="currentColor" />
      <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke="currentColor" />
      {!isBar && (
        <text x={(plot.left + plot.right) / 2} y={height - 8} textAnchor="middle" fontWeight="600">
          {axisTitle(safe.x)}
        </text>
      )}
      {safe.series.map((series, index) => {
        const colour = SERIES_COLOURS[index % SERIES_COLOURS.length];
        if (safe.type === 'line') {
          const path = series.drawn.map(([px, py], i) => `${i ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join('');
          return (
            <g key={index} style={{ stroke: colour, fill: colour }}>
              <path d={path} fill="none" strokeWidth="2.5" strokeDasharray={DASHES[index % DASHES.length]} />
              {series.drawn.length <= MAX_MARKERS && series.drawn.map(([px, py], i) => <circle key={i} cx={x(px)} cy={y(py)} r="3" />)}
            </g>
          );
        }
        return (
          <g key={index} style={{ fill: colour }} fillOpacity={safe.type === 'histogram' ? 0.85 : 1}>
            {series.drawn.map(([px, py], i) => {
              const left = isBar ? x(px) - (band * 0.8) / 2 + index * barWidth : x(px);
              const span = isBar ? barWidth : Math.max(1, x(px + binWidth) - x(px) - 1);
              const top = Math.min(y(py), y(yAxis.baseline));
              return <rect key={i} x={left} y={top} width={span} height={Math.abs(y(yAxis.baseline) - y(py))} />;
            })}
          </g>
        );
      })}
    </PlotFrame>
  );
}

// Sideways bars: each category is a label line, then one bar per series, then a gap.
const BAR_THICKNESS = 14;
const GROUP_GAP = 10;
const VALUE_LABEL_ROOM = 52;

/**
 * Bars running sideways, as on a phone: each category's label gets the whole width on a
 * line of its own above its bars, so nothing has to squeeze into a narrow column, and each
 * bar says its value at its end.
 */
function SidewaysBars({ safe, layout, titleId, descId }: PlotProps) {
  const { width, margin } = layout;
  // The first tick label is centred on the axis's start: leave it half a label of room.
  const plot = { left: 16, right: width - VALUE_LABEL_ROOM, top: margin.top };
  const seriesCount = Math.max(1, safe.series.length);
  const groups = safe.categories.map((category) => wrapLabel(category, Math.floor((width - 8) / LABEL_CHAR_WIDTH)));
  const groupTops: number[] = [];
  let cursor = plot.top;
  for (const lines of groups) {
    groupTops.push(cursor);
    cursor += lines.length * LABEL_LINE_HEIGHT + 4 + seriesCount * BAR_THICKNESS + GROUP_GAP;
  }
  const plotBottom = cursor;
  const height = plotBottom + 24;
  const values = safe.series.flatMap((series) => series.drawn.map(([, py]) => py));
  const xAxis = valueAxis(safe, safe.y, values, [plot.left, plot.right], layout.xTicks, layout.xTicks + 1);
  const x = xAxis.scale;
  const valueOf = (series: SafeChart['series'][number], category: number) => series.drawn.find(([px]) => px === category)?.[1];
  return (
    <PlotFrame safe={safe} layout={layout} height={height} titleId={titleId} descId={descId}>
      {xAxis.ticks.map((tick) => (
        <g key={`x${tick}`}>
          <line x1={x(tick)} x2={x(tick)} y1={plot.top} y2={plotBottom} style={{ stroke: 'var(--pg-grid)' }} />
          <text x={x(tick)} y={plotBottom + 16} textAnchor="middle">
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.right} y1={plotBottom} y2={plotBottom} stroke="currentColor" />
      {groups.map((lines, category) => {
        const top = groupTops[category];
        const barsTop = top + lines.length * LABEL_LINE_HEIGHT + 4;
        return (
          <g key={category}>
            <text x={0} y={top + 10}>
              {lines.map((line, n) => (
                <tspan key={n} x={0} dy={n === 0 ? 0 : LABEL_LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
            {safe.series.map((series, index) => {
              const value = valueOf(series, category);
              if (value === undefined) return null;
              const barTop = barsTop + index * BAR_THICKNESS;
              const end = x(value);
              const start = x(xAxis.baseline);
              return (
                <g key={index}>
                  <rect x={Math.min(start, end)} y={barTop + 1} width={Math.abs(end - start)} height={BAR_THICKNESS - 2} style={{ fill: SERIES_COLOURS[index % SERIES_COLOURS.length] }} />
                  <text x={Math.max(start, end) + 4} y={barTop + BAR_THICKNESS / 2} dominantBaseline="middle">
                    {formatNumber(value)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </PlotFrame>
  );
}

function Legend({ safe }: { safe: SafeChart }) {
  return (
    <ul className={chartStyles.legend} aria-label="Series">
      {safe.series.map((series, index) => (
        <li key={index}>
          <svg className={chartStyles.swatch} viewBox="0 0 28 10" aria-hidden="true">
            <line
              x1="0"
              x2="28"
              y1="5"
              y2="5"
              strokeWidth="3"
              strokeDasharray={safe.type === 'line' ? DASHES[index % DASHES.length] : 'none'}
              style={{ stroke: SERIES_COLOURS[index % SERIES_COLOURS.length] }}
            />
          </svg>
          <span>{series.name}</span>
        </li>
      ))}
    </ul>
  );
}

function ChartData({ safe }: { safe: SafeChart }) {
  const label = (px: number) => (safe.type === 'bar' ? (safe.categories[px] ?? String(px)) : formatNumber(px));
  return (
    <>
      {safe.series.map((series, index) => (
        <table key={index} className={styles.table}>
          <caption>{series.name}</caption>
          <thead>
            <tr>
              <th scope="col">{axisTitle(safe.x)}</th>
              <th scope="col">{axisTitle(safe.y)}</th>
            </tr>
          </thead>
          <tbody>
            {series.points.slice(0, MAX_DATA_ROWS).map(([px, py], i) => (
              <tr key={i}>
                <th scope="row">{label(px)}</th>
                <td className={styles.number}>{formatNumber(py)}</td>
              </tr>
            ))}
          </tbody>
          {series.points.length > MAX_DATA_ROWS && (
            <tfoot>
              <tr>
                <td colSpan={2}>… {(series.points.length - MAX_DATA_ROWS).toLocaleString('en-US')} more points</td>
              </tr>
            </tfoot>
          )}
        </table>
      ))}
    </>
  );
}

function axisTitle(axis: SafeChart['x']): string {
  const notes = [axis.unit, axis.scale === 'log' ? 'log scale' : undefined].filter(Boolean);
  return notes.length ? `${axis.label} (${notes.join(', ')})` : axis.label;
}

/** Histogram bins are as wide as the smallest gap between their starts. */
function histogramBinWidth(starts: number[]): number {
  const sorted = [...new Set(starts)].sort((a, b) => a - b);
  let width = Infinity;
  for (let i = 1; i < sorted.length; i++) width = Math.min(width, sorted[i] - sorted[i - 1]);
  return Number.isFinite(width) ? width : 1;
}

function describe(safe: SafeChart): string {
  const kind = { line: 'Line chart', bar: 'Bar chart', histogram: 'Histogram' }[safe.type];
  const parts = safe.series.map((series) => {
    if (series.points.length === 0) return `${series.name}: no points`;
    const [low, high] = extent(series.points.map(([, py]) => py));
    return `${series.name}: ${series.points.length} points, ${safe.y.label} from ${formatNumber(low)} to ${formatNumber(high)}${safe.y.unit ? ` ${safe.y.unit}` : ''}`;
  });
  return `${kind} of ${axisTitle(safe.y)} against ${axisTitle(safe.x)}. ${parts.join('; ')}.`;
}
