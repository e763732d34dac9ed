import { describe, it, expect, vi } from 'vitest';
import main from '../00-introduction/first-simulation';

/** Run an example's entry point and capture what it prints. */
async function capture(run: () => unknown): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

describe('determinism', () => {
  it('gives byte-identical output for the same seed, twice in one process', async () => {
    const first = await capture(main);
    const second = await capture(main);
    expect(first.length).toBeGreaterThan(100);
    expect(second).toBe(first);
  });
});
