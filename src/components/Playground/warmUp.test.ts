import { beforeEach, describe, expect, it } from 'vitest';
import { compileCache, compileInIdleTime, type IdleDeadline } from './warmUp';

/** Idle moments the test hands out by hand; each compile "takes" costMs of the moment. */
function idleMoments(costMs: number) {
  const queue: ((deadline: IdleDeadline) => void)[] = [];
  let left = 0;
  const compiled: string[][] = [];
  const compile = (path: string, source: string) => {
    left -= costMs;
    compiled[compiled.length - 1].push(path);
    if (source === 'broken') throw new SyntaxError('bad');
    return { code: `/* ${path} */`, map: undefined } as never;
  };
  const give = (ms: number) => {
    const work = queue.shift();
    if (!work) throw new Error('no idle moment was asked for');
    left = ms;
    compiled.push([]);
    work({ timeRemaining: () => Math.max(0, left) });
  };
  return { idle: (work: (deadline: IdleDeadline) => void) => queue.push(work), queue, compile, compiled, give };
}

const files = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`/sim/f${i}.ts`, `export const x${i} = ${i};`]));

describe('compileInIdleTime', () => {
  beforeEach(() => compileCache.clear());

  it('compiles several files in one idle moment while it lasts, and resolves when all are compiled', async () => {
    const moments = idleMoments(3);
    const done = compileInIdleTime(files(10), moments.compile, moments.idle);
    moments.give(20); // 20 -> 17 -> 14 -> 11 -> 8 -> 5 -> 2: six files, then less than 4 ms is left
    moments.give(50); // the other four
    await done;
    expect(moments.compiled.map((paths) => paths.length)).toEqual([6, 4]);
    expect(compileCache.size).toBe(10);
    expect(moments.queue).toHaveLength(0);
  });

  it('compiles one file even in a moment with no time left (a timed-out idle callback)', () => {
    const moments = idleMoments(3);
    void compileInIdleTime(files(3), moments.compile, moments.idle);
    moments.give(0);
    moments.give(0);
    expect(moments.compiled).toEqual([['/sim/f0.ts'], ['/sim/f1.ts']]);
  });

  it('skips files already compiled from the same source, recompiles edited ones, and survives a syntax error', async () => {
    const moments = idleMoments(1);
    compileCache.set('/sim/f0.ts', { source: 'export const x0 = 0;', compiled: { code: 'old' } as never });
    compileCache.set('/sim/f1.ts', { source: 'an older edit', compiled: { code: 'old' } as never });
    const done = compileInIdleTime({ ...files(2), '/sim/broken.ts': 'broken' }, moments.compile, moments.idle);
    moments.give(50);
    await done;
    expect(moments.compiled).toEqual([['/sim/f1.ts', '/sim/broken.ts']]);
    expect(compileCache.get('/sim/f0.ts')?.compiled.code).toBe('old');
    expect(compileCache.has('/sim/broken.ts')).toBe(false);
  });
});
