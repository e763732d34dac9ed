import { describe, expect, it } from 'vitest';
import { runInNode } from './nodeRunner';

const run = (code: string) => runInNode({ '/m.ts': code }, '/m.ts');

describe('when a run ends, like a Node process', () => {
  it('waits for the timeouts main set, and shows what they print', async () => {
    const result = await run("export default () => { setTimeout(() => console.log('later'), 20); console.log('now'); };");
    expect(result.lines).toEqual(['now', 'later']);
    expect(result.messages.at(-1)).toEqual({ type: 'done' });
  });

  it('reports a throw in a timer after main has returned, instead of Finished', async () => {
    const result = await run("export default function main() {\n  setTimeout(() => {\n    throw new RangeError('late');\n  }, 10);\n}");
    expect(result.error?.name).toBe('RangeError');
    expect(result.error?.message).toBe('late');
    expect(result.error?.location).toMatchObject({ file: '/m.ts', line: 3 });
  });

  it('does not wait for a cleared timeout, nor for an interval', async () => {
    const result = await run(
      [
        'export default () => {',
        "  const id = setTimeout(() => console.log('never'), 60_000);",
        '  clearTimeout(id);',
        '  let ticks = 0;',
        "  const every = setInterval(() => { if (++ticks === 3) clearInterval(every); }, 5);",
        "  console.log('main returns');",
        '};',
      ].join('\n'),
    );
    expect(result.lines).toEqual(['main returns']);
    expect(result.error).toBeUndefined();
  });

  it('reports an error whose message getter throws as an error (it ended as a false "endless loop?" stop)', async () => {
    const result = await run(
      "export default () => {\n  const error = new Error('x');\n  Object.defineProperty(error, 'message', { get() { throw new Error('no'); } });\n  throw error;\n};",
    );
    expect(result.error?.name).toBe('Error');
    expect(result.error?.message).toBe('(message could not be read: reading it threw)');
    expect(result.messages.at(-1)).toEqual({ type: 'done' });
  });
});
