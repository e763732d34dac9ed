/**
 * The Playground's test bench: one of each thing the output panel draws (a table, a line
 * chart with two series, a bar chart, a histogram), from one small simulation.
 */
import { Random, Stats, barChart, histogramChart, lineChart, show, table } from '../sim';

export const SEED = 11;
export const SAMPLES = 2_000;
export const MEAN_MS = 20;

export function latencies(seed = SEED): Stats {
  const random = new Random(seed);
  const stats = new Stats({ exact: true });
  for (let i = 0; i < SAMPLES; i++) stats.record(random.exponential(MEAN_MS));
  return stats;
}

export default function main(): void {
  const stats = latencies();
  console.log(`${SAMPLES} samples, mean ${stats.mean.toFixed(1)} ms`);
  const percentiles = [50, 90, 99];
  show(
    table(['percentile', 'ms'], percentiles.map((p) => [`p${p}`, stats.percentile(p)]), 'Latency percentiles'),
    lineChart(
      'Percentile against its rank',
      { label: 'percentile' },
      { label: 'latency', unit: 'ms' },
      [
        { name: 'simulated', points: [10, 25, 50, 75, 90, 95, 99].map((p) => [p, stats.percentile(p)]) },
        { name: 'theory', points: [10, 25, 50, 75, 90, 95, 99].map((p) => [p, -MEAN_MS * Math.log(1 - p / 100)]) },
      ],
    ),
    barChart('Percentiles', percentiles.map((p) => `p${p}`), { latency: percentiles.map((p) => stats.percentile(p)) }, { label: 'latency', unit: 'ms' }),
    histogramChart('Latency distribution', { label: 'latency', unit: 'ms' }, stats.histogram(10).slice(0, 12)),
  );
}
