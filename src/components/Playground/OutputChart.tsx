import React, { useId, type ReactNode } from 'react';
import { axisTitle, formatNumber, type Chart } from './displayValues';
import { linearScale, niceTicks, wrapLabel } from './chartScale';
import styles from './styles.module.css';

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { top: 12, right: 16, bottom: 52, left: 68 };
const SERIES_COLOURS = ['var(--pg-series-1)', 'var(--pg-series-2)', 'var(--pg-series-3)', 'var(--pg-series-4)'];
// Series differ by dash pattern too, so they stay apart without colour.
const DASHES = ['none', '6 3', '2 3', '8 3 2 3'];
const MAX_MARKERS = 60;
const MAX_DATA_ROWS = 200;
// Width of a character of the 12 px labels (generous, so neighbours keep a gap), and the line step of wrapped ones.
const LABEL_CHAR_WIDTH = 7.5;
const LABEL_LINE_HEIGHT = 13;

/** A kit `chart(...)` value as an SVG that follows the site's theme and can be read without sight. */
export default function OutputChart({ chart }: { chart: Chart }): ReactNode {
  const id = useId();
  if (chart.series.every((series) => series.points.length === 0)) {
    return <p className={styles.note} data-output="chart">{chart.title}: no data to chart.</p>;
  }
  const isBar = chart.type === 'bar';
  const categories = chart.categories ?? [];
  // Bar labels wrap to the width of their band; the plot gives up height for the extra lines.
  const labelLines = categories.map((category) =>
    wrapLabel(category, Math.floor((WIDTH - MARGIN.left - MARGIN.right) / Math.max(1, categories.length) / LABEL_CHAR_WIDTH)),
  );
  const extraLines = Math.max(0, ...labelLines.map((lines) => lines.length - 1));
  const plot = { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom - extraLines * LABEL_LINE_HEIGHT };
  const points = chart.series.flatMap((series) => series.points);
  const histogramWidth = chart.type === 'histogram' ? binWidth(points.map(([x]) => x)) : 0;

  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const yTicks = niceTicks(Math.min(0, ...ys), Math.max(0, ...ys, 1e-12));
  const y = linearScale([yTicks[0], yTicks[yTicks.length - 1]], [plot.bottom, plot.top]);

  const xMin = isBar ? -0.5 : Math.min(...xs);
  const xMax = isBar ? Math.max(categories.length, ...xs.map((x) => x + 1)) - 0.5 : Math.max(...xs) + histogramWidth;
  const xTicks = isBar ? [] : niceTicks(xMin, xMax);
  const xDomain: [number, number] = isBar ? [xMin, xMax] : [Math.min(xMin, xTicks[0]), Math.max(xMax, xTicks[xTicks.length - 1])];
  const x = linearScale(xDomain, [plot.left, plot.right]);

  const summary = chart.summary ?? describe(chart);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const band = isBar ? x(1) - x(0) : 0;
  const barWidth = isBar ? (band * 0.8) / Math.max(1, chart.series.length) : 0;

  return (
    <figure className={styles.chart} data-output="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{chart.title}</title>
        <desc id={descId}>{summary}</desc>
        <g aria-hidden="true" fontSize="12" fill="currentColor">
          {yTicks.map((tick) => (
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
          {isBar &&
            labelLines.map((lines, index) => (
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
          <text x={(plot.left + plot.right) / 2} y={HEIGHT - 10} textAnchor="middle" fontWeight="600">
            {axisTitle(chart.x)}
          </text>
          <text transform={`translate(16 ${(plot.top + plot.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontWeight="600">
            {axisTitle(chart.y)}
          </text>
          {chart.series.map((series, index) => {
            const colour = SERIES_COLOURS[index % SERIES_COLOURS.length];
            if (chart.type === 'line') {
              const path = series.points.map(([px, py], i) => `${i ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join('');
              return (
                <g key={index} style={{ stroke: colour, fill: colour }}>
                  <path d={path} fill="none" strokeWidth="2.5" strokeDasharray={DASHES[index % DASHES.length]} />
                  {series.points.length <= MAX_MARKERS &&
                    series.points.map(([px, py], i) => <circle key={i} cx={x(px)} cy={y(py)} r="3" />)}
                </g>
              );
            }
            return (
              <g key={index} style={{ fill: colour }} fillOpacity={chart.type === 'histogram' ? 0.85 : 1}>
                {series.points.map(([px, py], i) => {
                  const left = isBar ? x(px) - (band * 0.8) / 2 + index * barWidth : x(px);
                  const width = isBar ? barWidth : Math.max(1, x(px + histogramWidth) - x(px) - 1);
                  const top = Math.min(y(py), y(0));
                  return <rect key={i} x={left} y={top} width={width} height={Math.abs(y(0) - y(py))} />;
                })}
              </g>
            );
          })}
        </g>
      </svg>
      {chart.series.length > 1 && (
        <ul className={styles.legend} aria-label="Series">
          {chart.series.map((series, index) => (
            <li key={index}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" strokeWidth="3" strokeDasharray={chart.type === 'line' ? DASHES[index % DASHES.length] : 'none'} style={{ stroke: SERIES_COLOURS[index % SERIES_COLOURS.length] }} />
              </svg>
              {series.name}
            </li>
          ))}
        </ul>
      )}
      <figcaption>
        {chart.summary && <p>{chart.summary}</p>}
        <details>
          <summary>Data of “{chart.title}”</summary>
          <ChartData chart={chart} />
        </details>
      </figcaption>
    </figure>
  );
}

function ChartData({ chart }: { chart: Chart }) {
  const label = (px: number) => (chart.type === 'bar' ? (chart.categories?.[px] ?? String(px)) : formatNumber(px));
  return (
    <>
      {chart.series.map((series, index) => (
        <table key={index} className={styles.table}>
          <caption>{series.name}</caption>
          <thead>
            <tr>
              <th scope="col">{axisTitle(chart.x)}</th>
              <th scope="col">{axisTitle(chart.y)}</th>
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
                <td colSpan={2}>… {series.points.length - MAX_DATA_ROWS} more points</td>
              </tr>
            </tfoot>
          )}
        </table>
      ))}
    </>
  );
}

/** Histogram bins are as wide as the smallest gap between their starts. */
function binWidth(starts: number[]): number {
  const sorted = [...new Set(starts)].sort((a, b) => a - b);
  let width = Infinity;
  for (let i = 1; i < sorted.length; i++) width = Math.min(width, sorted[i] - sorted[i - 1]);
  return Number.isFinite(width) ? width : 1;
}

function describe(chart: Chart): string {
  const kind = { line: 'Line chart', bar: 'Bar chart', histogram: 'Histogram' }[chart.type];
  const parts = chart.series.map((series) => {
    const ys = series.points.map(([, py]) => py);
    if (ys.length === 0) return `${series.name}: no points`;
    return `${series.name}: ${ys.length} points, ${chart.y.label} from ${formatNumber(Math.min(...ys))} to ${formatNumber(Math.max(...ys))}${chart.y.unit ? ` ${chart.y.unit}` : ''}`;
  });
  return `${kind} of ${axisTitle(chart.y)} against ${axisTitle(chart.x)}. ${parts.join('; ')}.`;
}
