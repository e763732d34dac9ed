import { describe, expect, it } from 'vitest';
import { transform } from 'sucrase';
import { compileProgram, resolveImport } from './moduleLoader';
import { transpile } from './transpile';
import { runInNode } from './nodeRunner';
import { PlaygroundError } from './errors';

const compile = (path: string, source: string) => transpile(path, source, transform);

describe('resolveImport', () => {
  const paths = new Set(['/ch/a.ts', '/ch/b.ts', '/sim/index.ts', '/sim/engine.ts']);
  it.each([
    ['./b', '/ch/b.ts'],
    ['./b.ts', '/ch/b.ts'],
    ['../sim', '/sim/index.ts'],
    ['../sim/index', '/sim/index.ts'],
    ['../sim/engine', '/sim/engine.ts'],
    ['./../sim/./engine', '/sim/engine.ts'],
  ])('%s from /ch/a.ts is %s', (specifier, expected) => {
    expect(resolveImport('/ch/a.ts', specifier, paths)).toBe(expected);
  });
  it.each(['./missing', 'lodash', '../../sim', '/sim/index.ts'])('%s does not resolve', (specifier) => {
    expect(resolveImport('/ch/a.ts', specifier, paths)).toBeUndefined();
  });
});

describe('running a program', () => {
  it('runs imports between files, index resolution and an async default export', async () => {
    const result = await runInNode(
      {
        '/ch/main.ts': [
          "import { twice } from './util';",
          "import { NAME, type Kit } from '../sim';",
          'export default async function main(): Promise<void> {',
          '  await Promise.resolve();',
          '  console.log(NAME, twice(21), { a: [1, 2], b: "x" });',
          '}',
        ].join('\n'),
        '/ch/util.ts': 'export const twice = (n: number): number => n * 2;',
        '/sim/index.ts': "export * from './names';\nexport interface Kit { x: number }",
        '/sim/names.ts': "export const NAME: string = 'kit';",
      },
      '/ch/main.ts',
    );
    expect(result.error).toBeUndefined();
    expect(result.lines).toEqual(["kit 42 { a: [ 1, 2 ], b: 'x' }"]);
  });

  it('evaluates a module once however often it is imported', async () => {
    const result = await runInNode(
      {
        '/m.ts': "import './a';\nimport './b';\nexport default () => {};",
        '/a.ts': "import './c';",
        '/b.ts': "import './c';",
        '/c.ts': "console.log('c evaluated');",
      },
      '/m.ts',
    );
    expect(result.lines).toEqual(['c evaluated']);
  });

  it('formats objects, maps, errors and cycles readably', async () => {
    const result = await runInNode(
      {
        '/m.ts': [
          'export default function main() {',
          '  const o: any = { n: 1 }; o.self = o;',
          "  console.info(new Map([['k', 1]]), new Set([1]), [1, 'two', null, undefined], o);",
          "  console.warn('careful'); console.error(new RangeError('bad'));",
          '}',
        ].join('\n'),
      },
      '/m.ts',
    );
    expect(result.lines[0]).toBe("Map(1) { 'k' => 1 } Set(1) { 1 } [ 1, 'two', null, undefined ] { n: 1, self: [Circular *] }");
    expect(result.messages.filter((m) => m.type === 'line').map((m) => m.level)).toEqual(['info', 'warn', 'error']);
    expect(result.lines[2]).toMatch(/^RangeError: bad/);
  });

  it('posts values given to the show hook, for tables and charts', async () => {
    const table = { kind: 'table', columns: ['a'], rows: [[1]] };
    const result = await runInNode(
      { '/m.ts': `export default () => { (globalThis as any).__playgroundShow(${JSON.stringify(table)}); };` },
      '/m.ts',
    );
    expect(result.messages.filter((m) => m.type === 'show').map((m) => m.value)).toEqual([table]);
  });

  it('bounds the output and says how much was cut', async () => {
    const result = await runInNode(
      { '/m.ts': 'export default () => { for (let i = 0; i < 5000; i++) console.log(i); };' },
      '/m.ts',
      1000,
    );
    expect(result.lines).toHaveLength(1000);
    expect(result.lines[999]).toBe('999');
    expect(result.messages.find((m) => m.type === 'cut')).toEqual({ type: 'cut', count: 4000 });
    expect(result.messages.at(-1)).toEqual({ type: 'done' });
  });

  it('reports an entry without a default export', async () => {
    const result = await runInNode({ '/m.ts': 'export const x = 1;' }, '/m.ts');
    expect(result.error?.message).toMatch(/m\.ts has no default export/);
  });
});

describe('errors the reader can act on', () => {
  it.each([
    ['export const A = 0, B = 1;', 2],
    ['export let first, second = 2;', 2],
  ])('refuses `%s`, which the compiler would leave half-declared, naming the line', (declaration, line) => {
    const source = `// two exports in one declaration\n${declaration}\nexport default () => {};\n`;
    let error: unknown;
    try {
      compile('/ch/a.ts', source);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(PlaygroundError);
    expect((error as PlaygroundError).message).toMatch(/one name per declaration/);
    expect((error as PlaygroundError).location).toMatchObject({ file: '/ch/a.ts', line });
  });

  it('accepts one export per declaration, and commas elsewhere', () => {
    const source = 'export const A = 0;\nexport const B = [1, 2];\nconst x = 1, y = 2;\nexport default () => Math.max(A, B[0], x, y);\n';
    expect(() => compile('/ch/a.ts', source)).not.toThrow();
  });

  it('rejects an unknown import, naming it, its file and line', () => {
    const files = { '/ch/m.ts': "import { a } from './a';\n\nimport { b } from './nope';\nexport default () => a + b;", '/ch/a.ts': 'export const a = 1;' };
    const error = catchError(() => compileProgram(files, '/ch/m.ts', compile));
    expect(error.kind).toBe('ImportError');
    expect(error.message).toContain("Cannot find './nope' imported by ch/m.ts");
    expect(error.location).toEqual({ file: '/ch/m.ts', line: 3 });
  });

  it('rejects an import cycle, naming the whole cycle', () => {
    const files = {
      '/m.ts': "import './a';\nexport default () => {};",
      '/a.ts': "import { b } from './b';\nexport const a = () => b;",
      '/b.ts': "import { a } from './a';\nexport const b = a;",
    };
    const error = catchError(() => compileProgram(files, '/m.ts', compile));
    expect(error.kind).toBe('ImportCycle');
    expect(error.message).toContain('Import cycle: a.ts → b.ts → a.ts');
  });

  it('allows type-only imports in both directions (they vanish)', async () => {
    const result = await runInNode(
      {
        '/m.ts': "import type { B } from './b';\nimport { make } from './b';\nexport interface A { b?: B }\nexport default () => console.log(make().n);",
        '/b.ts': "import type { A } from './m';\nexport interface B { a?: A; n: number }\nexport const make = (): B => ({ n: 7 });",
      },
      '/m.ts',
    );
    expect(result.error).toBeUndefined();
    expect(result.lines).toEqual(['7']);
  });

  it('gives a syntax error its line and column in the TypeScript source', () => {
    const files = { '/m.ts': 'const rate: number = 10;\n\nexport default function main() {\n  const x = ;\n}' };
    const error = catchError(() => compileProgram(files, '/m.ts', compile));
    expect(error.kind).toBe('SyntaxError');
    expect(error.message).toBe('Unexpected token');
    expect(error.location).toEqual({ file: '/m.ts', line: 4, column: 13 });
  });

  it('maps a thrown error back to the line and column of the TypeScript source', async () => {
    const result = await runInNode(
      {
        '/ch/m.ts': [
          "import { check } from '../sim';",
          'interface Options { rate: number }',
          'const options: Options = { rate: 3 };',
          '',
          'export default function main(): void {',
          '  const limit: number = 2;',
          '  check(options.rate, limit);',
          '}',
        ].join('\n'),
        '/sim/index.ts': [
          'export function check(value: number, limit: number): void {',
          '  if (value > limit) throw new RangeError(`rate ${value} is above ${limit}`);',
          '}',
        ].join('\n'),
      },
      '/ch/m.ts',
    );
    expect(result.error?.name).toBe('RangeError');
    expect(result.error?.message).toBe('rate 3 is above 2');
    expect(result.error?.location).toEqual({ file: '/ch/m.ts', line: 7, column: 3 });
    expect(result.error?.frames[0]).toBe('check (sim/index.ts:2:28)');
  });

  it('maps an error thrown on the first line, where the wrapper shifts columns', async () => {
    const result = await runInNode({ '/m.ts': "export default () => { null!.x; };" }, '/m.ts');
    expect(result.error?.name).toBe('TypeError');
    expect(result.error?.location).toMatchObject({ file: '/m.ts', line: 1 });
    expect(result.error?.location?.column).toBeGreaterThanOrEqual(24);
    expect(result.error?.location?.column).toBeLessThanOrEqual(30);
  });

  it('reports a rejected promise from an async entry point', async () => {
    const result = await runInNode(
      { '/m.ts': "export default async function main() {\n  await null;\n  throw new Error('late');\n}" },
      '/m.ts',
    );
    expect(result.error?.message).toBe('late');
    expect(result.error?.location).toMatchObject({ file: '/m.ts', line: 3 });
  });
});

function catchError(action: () => unknown): PlaygroundError {
  try {
    action();
  } catch (error) {
    if (error instanceof PlaygroundError) return error;
    throw error;
  }
  throw new Error('expected an error');
}
