import { describe, expect, it } from 'vitest';
import { transform } from 'sucrase';
import { compileProgram } from './moduleLoader';
import { runInNode } from './nodeRunner';
import { PACKAGES, PGLITE } from './packages';
import { PlaygroundError } from './errors';
import { transpile } from './transpile';
import { installedVersion } from '../../plugins/playground-packages';

const compile = (path: string, source: string) => transpile(path, source, transform);

// Stands in for the package's bundled code: records what its constructor was given.
const FAKE_PGLITE = `
class PGlite {
  constructor(a, b) { this.args = [a, b]; }
  static async create(a, b) { return new PGlite(a, b); }
}
Object.defineProperty(exports, 'PGlite', { enumerable: true, get: () => PGlite });
exports.types = { TEXT: 25 };
`;

describe('allowlisted packages', () => {
  it('links an allowlisted import to the package, and lists it for the page to load', () => {
    const { program } = compileProgram(
      { '/ch/m.ts': "import { PGlite } from '@electric-sql/pglite';\nexport default () => new PGlite();" },
      '/ch/m.ts',
      compile,
    );
    expect(program.packages.map((entry) => entry.name)).toEqual(['@electric-sql/pglite']);
    expect(program.modules[0].deps).toEqual({ '@electric-sql/pglite': 'package:@electric-sql/pglite' });
  });

  it('refuses any other package, naming the file, the line and what may be imported', () => {
    let error: unknown;
    try {
      compileProgram({ '/ch/m.ts': "const x = 1;\nimport pg from 'pg';\nexport default () => pg;" }, '/ch/m.ts', compile);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlaygroundError);
    expect((error as PlaygroundError).message).toBe(
      "Cannot import 'pg' in ch/m.ts: the Playground runs the kit ('../sim') and these packages only: '@electric-sql/pglite'.",
    );
    expect((error as PlaygroundError).location).toMatchObject({ file: '/ch/m.ts', line: 2 });
  });

  it("fills in the page's prepared options the reader did not give, and keeps the reader's own", async () => {
    const result = await runInNode(
      {
        '/m.ts': [
          "import { PGlite, types } from '@electric-sql/pglite';",
          'export default async function main() {',
          '  const plain: any = new PGlite();',
          "  const own: any = new PGlite({ debug: 1, pgliteWasmModule: 'mine' });",
          "  const named: any = new PGlite('memory://x');",
          "  const created: any = await PGlite.create({ loadDataDir: 'own dump' });",
          '  console.log(JSON.stringify([plain.args, own.args, named.args, created.args]));',
          '  console.log(plain instanceof PGlite, created instanceof PGlite, types.TEXT);',
          '}',
        ].join('\n'),
      },
      '/m.ts',
      1000,
      { '@electric-sql/pglite': { code: FAKE_PGLITE, options: { pgliteWasmModule: 'page wasm', loadDataDir: 'template' } } },
    );
    expect(result.error).toBeUndefined();
    expect(JSON.parse(result.lines[0])).toEqual([
      [{ pgliteWasmModule: 'page wasm', loadDataDir: 'template' }, null],
      [{ debug: 1, pgliteWasmModule: 'mine', loadDataDir: 'template' }, null],
      // A data directory of the reader's own: no template copied over it.
      ['memory://x', { pgliteWasmModule: 'page wasm' }],
      [{ loadDataDir: 'own dump', pgliteWasmModule: 'page wasm' }, null],
    ]);
    expect(result.lines[1]).toBe('true true 25');
  });

  it('serves the version that is installed (package-lock.json), in a folder named by it', () => {
    for (const entry of PACKAGES) {
      expect(installedVersion(process.cwd(), entry.name)).toBe(entry.version);
      expect(entry.folder).toContain(entry.version);
    }
    expect(PGLITE.label).toContain(PGLITE.version);
  });
});

describe("a package's own timers", () => {
  it("do not keep a run going: it ends when the reader's code is done", async () => {
    // A package that re-arms a timer while it is open, as PostgreSQL's do (here 200 times).
    const ticking = `
      globalThis.__ticks = 0;
      function tick() { if (globalThis.__ticks !== undefined && ++globalThis.__ticks < 200) setTimeout(tick, 5); }
      exports.PGlite = class PGlite { constructor() { tick(); } };
    `;
    try {
      const result = await runInNode(
        { '/m.ts': "import { PGlite } from '@electric-sql/pglite';\nexport default function main() { new PGlite(); console.log('opened'); }" },
        '/m.ts',
        1000,
        { '@electric-sql/pglite': { code: ticking, options: {} } },
      );
      expect(result.lines).toEqual(['opened']);
      expect(result.messages.at(-1)).toEqual({ type: 'done' });
      // Done while the package was still ticking, not after its last tick.
      expect((globalThis as any).__ticks).toBeLessThan(200);
    } finally {
      // The timer still pending sees it gone and stops (the next test file may share this worker).
      delete (globalThis as any).__ticks;
    }
  });
});

describe('a package started ahead by the spare worker', () => {
  // Records whether each instance was made before the reader's main began.
  const COUNTING = `
    class PGlite {
      constructor(options) { this.early = !globalThis.__mainBegan; this.options = options; this.waitReady = Promise.resolve(); }
      static async create(options) { return new PGlite(options); }
    }
    exports.PGlite = PGlite;
  `;
  const program = {
    '/m.ts': [
      "import { PGlite } from '@electric-sql/pglite';",
      'export default async function main() {',
      '  (globalThis as any).__mainBegan = true;',
      '  const first: any = new PGlite();',
      '  const second: any = new PGlite();',
      '  const withOptions: any = new PGlite({ debug: 1 });',
      '  console.log(first.early, second.early, withOptions.early, first.options.pgliteWasmModule);',
      '}',
    ].join('\n'),
  };
  const run = (prestart: boolean) =>
    runInNode(program, '/m.ts', 1000, { '@electric-sql/pglite': { code: COUNTING, options: { pgliteWasmModule: 'page wasm' } } }, prestart);

  it("hands the started instance to the reader's first construction with no options, and only that one", async () => {
    try {
      const result = await run(true);
      expect(result.error).toBeUndefined();
      expect(result.lines).toEqual(['true false false page wasm']);
    } finally {
      delete (globalThis as any).__mainBegan;
    }
  });

  it('without it, every instance is made by the run', async () => {
    try {
      expect((await run(false)).lines).toEqual(['false false false page wasm']);
    } finally {
      delete (globalThis as any).__mainBegan;
    }
  });
});
