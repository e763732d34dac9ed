/**
 * The Playground's test bench: a tiny example that prints at once, so that the browser tests
 * and the benchmark measure the Playground, not a long simulation.
 */
import { Random, show, table } from '../sim';

export const GREETING = 'Hello from the simulation kit';
export const SEED = 7;
export const DRAWS = 5;

export function draws(seed = SEED): number[] {
  const random = new Random(seed);
  return Array.from({ length: DRAWS }, () => Math.round(random.exponential(10) * 100) / 100);
}

export default function main(): void {
  console.log(GREETING);
  const values = draws();
  console.log('draws', values);
  show(table(['draw', 'ms'], values.map((value, index) => [`#${index + 1}`, value]), 'Exponential draws, mean 10 ms'));
}
