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

const SERIES_COLOURS = ['var(--pg-series-1)', 'var(--pg-series-2)', 'var(--pg-series-3)', 'var(--pg-series-4)'];
// Series differ by dash pattern too, so they stay apart without colour.
const DASHES = ['none', '6 3', '2 3', '8 3 2 3'];
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

interface Axes {
  x: ScaleFunction;
  y: ScaleFunction;
  xTicks: number[];
  yTicks: number[];
  /** Where bars start: 0, or the bottom of a log axis. */
  baseline: number;
  binWidth: number;
  band: number;
}

function axesFor(safe: SafeChart, layout: ChartLayout, plot: { left: number; right: number; top: number; bottom: number }): Axes {
  const drawn = safe.series.flatMap((series) => series.drawn);
  const [yLow, yHigh] = extent(drawn.map(([, y]) => y));
  let yTicks: number[];
  let y: ScaleFunction;
  if (safe.y.scale === 'log') {
    yTicks = logTicks(yLow, yHigh, layout.yTicks);
    y = logScale([yTicks[0], yTicks[yTicks.length - 1]], [plot.bottom, plot.top]);
  } else {
    yTicks = niceTicks(Math.min(0, yLow), Math.max(0, yHigh, 1e-12), layout.yTicks);
    y = linearScale([yTicks[0], yTicks[yTicks.length - 1]], [plot.bottom, plot.top]);
  }
  const baseline = safe.y.scale === 'log' ? yTicks[0] : 0;

  if (safe.type === 'bar') {
    const [, xHigh] = extent(drawn.map(([x]) => x));
    const xMax = Math.max(safe.categories.length, xHigh + 1) - 0.5;
    const x = linearScale([-0.5, xMax], [plot.left, plot.right]);
    return { x, y, xTicks: [], yTicks, baseline, binWidth: 0, band: x(1) - x(0) };
  }
  const binWidth = safe.type === 'histogram' ? histogramBinWidth(drawn.map(([px]) => px)) : 0;
  const [xLow, xHigh] = extent(drawn.map(([px]) => px));
  if (safe.x.scale === 'log') {
    const xTicks = logTicks(xLow, xHigh, layout.xTicks);
    return { x: logScale([xTicks[0], xTicks[xTicks.length - 1]], [plot.left, plot.right]), y, xTicks, yTicks, baseline, binWidth, band: 0 };
  }
  const xTicks = niceTicks(xLow, xHigh + binWidth, layout.xTicks);
  const domain: [number, number] = [Math.min(xLow, xTicks[0]), Math.max(xHigh + binWidth, xTicks[xTicks.length - 1])];
  return { x: linearScale(domain, [plot.left, plot.right]), y, xTicks, yTicks, baseline, binWidth, band: 0 };
}

function Plot({ safe, layout, titleId, descId }: { safe: SafeChart; layout: ChartLayout; titleId: string; descId: string }) {
  const { width, height, margin } = layout;
  const isBar = safe.type === 'bar';
  // Bar labels wrap to the width of their band; the plot gives up height for the extra lines.
  const bandWidth = (width - margin.left - margin.right) / Math.max(1, safe.categories.length);
  const labelLines = isBar ? safe.categories.map((category) => wrapLabel(category, Math.floor(bandWidth / LABEL_CHAR_WIDTH))) : [];
  const extraLines = labelLines.reduce((most, lines) => Math.max(most, lines.length - 1), 0);
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom - extraLines * LABEL_LINE_HEIGHT };
  const axes = axesFor(safe, layout, plot);
  const { x, y } = axes;
  const barWidth = isBar ? (axes.band * 0.8) / Math.max(1, safe.series.length) : 0;
  return (
    <svg className={chartStyles.plot} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{safe.title}</title>
      <desc id={descId}>{safe.summary ?? describe(safe)}</desc>
      <g aria-hidden="true" fontSize="12" fill="currentColor">
        {axes.yTicks.map((tick) => (
          <g key={`y${tick}`}>
            <line x1={plot.left} x2={plot.right} y1={y(tick)} y2={y(tick)} style={{ stroke: 'var(--pg-grid)' }} />
            <text x={plot.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {axes.xTicks.map((tick) => (
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
        <text x={(plot.left + plot.right) / 2} y={height - 8} textAnchor="middle" fontWeight="600">
          {axisTitle(safe.x)}
        </text>
        <text transform={`translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontWeight="600">
          {axisTitle(safe.y)}
        </text>
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
                const left = isBar ? x(px) - (axes.band * 0.8) / 2 + index * barWidth : x(px);
                const barSpan = isBar ? barWidth : Math.max(1, x(px + axes.binWidth) - x(px) - 1);
                const top = Math.min(y(py), y(axes.baseline));
                return <rect key={i} x={left} y={top} width={barSpan} height={Math.abs(y(axes.baseline) - y(py))} />;
              })}
            </g>
          );
        })}
      </g>
    </svg>
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
