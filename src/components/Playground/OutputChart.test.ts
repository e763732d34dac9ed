import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { barChart, lineChart } from '../../../examples/sim/display';
import OutputChart from './OutputChart';
import type { Chart } from './displayValues';

const render = (chart: unknown) => renderToStaticMarkup(createElement(OutputChart, { chart: chart as Chart }));

describe('OutputChart renders what the reader’s code posts, and never crashes the page', () => {
  it('draws a chart of 130,000 points (Math.min(...points) threw RangeError) and says it was thinned', () => {
    const points = Array.from({ length: 130_000 }, (_, i) => [i, 1 + (i % 100)] as [number, number]);
    const html = render(lineChart('Many', { label: 'x' }, { label: 'y' }, [{ name: 's', points }]));
    expect(html).toContain('<path d="M');
    expect(html).toContain('Drawn from at most 2,000 of 130,000 points per line');
    expect(html).toContain('… 129,800 more points');
  });

  it('renders titles, names, categories and summaries that are not strings', () => {
    const html = render({
      kind: 'chart',
      type: 'bar',
      title: { nested: true },
      x: { label: 5 },
      y: { label: null, unit: {} },
      series: [{ name: ['x'], points: [[0, 3]] }, { name: 2, points: [[0, 4]] }],
      categories: [{ a: 1 }],
      summary: { text: 'no' },
    });
    expect(html).toContain('<title');
    expect(html).toContain('series 1');
    expect(html).toContain('>2<');
  });

  it('draws a log axis with decade ticks and leaves out what it cannot show', () => {
    const chart = barChart('Downtime', ['a', 'b', 'c'], { hours: [96, 0.9, 0] }, { label: 'downtime', unit: 'h', scale: 'log' });
    const html = render(chart);
    for (const tick of ['0.1', '>1<', '>10<', '>100<']) expect(html).toContain(tick);
    expect(html).toContain('downtime (h, log scale)');
    expect(html).toContain('1 value at or below 0 not drawn: a log scale cannot show them.');
  });

  it('keeps each legend swatch in the same item as its label', () => {
    const html = render(lineChart('Two', { label: 'x' }, { label: 'y' }, [{ name: 'first', points: [[0, 1]] }, { name: 'second', points: [[0, 2]] }]));
    expect(html).toMatch(/<li><svg[^>]*aria-hidden="true"[^>]*>.*?<\/svg><span>first<\/span><\/li>/);
  });
});
