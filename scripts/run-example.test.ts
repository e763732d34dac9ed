import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, resolveExample } from './example-path';

const run = promisify(execFile);

describe('npm run example: which file may run', () => {
  let outside: string;
  let examples: string;
  beforeAll(() => {
    // A tree of its own, with a link out of it and a module whose top level leaves a mark.
    outside = mkdtempSync(join(tmpdir(), 'outside-'));
    examples = mkdtempSync(join(tmpdir(), 'examples-'));
    mkdirSync(join(examples, '02-cluster'));
    mkdirSync(join(examples, 'sim'));
    writeFileSync(join(examples, '02-cluster', 'nines.ts'), 'export default function main() {}\n');
    writeFileSync(join(examples, '02-cluster', 'nines.test.ts'), 'export default 1;\n');
    writeFileSync(join(examples, '02-cluster', 'helper.ts'), "export const x = 1;\n");
    writeFileSync(join(examples, 'sim', 'engine.ts'), 'export default class Simulation {}\n');
    writeFileSync(join(outside, 'evil.ts'), `require('node:fs').writeFileSync(${JSON.stringify(join(outside, 'ran'))}, 'x');\nexport default function main() {}\n`);
    symlinkSync(join(outside, 'evil.ts'), join(examples, '02-cluster', 'linked.ts'));
  });
  afterAll(() => {
    rmSync(outside, { recursive: true, force: true });
    rmSync(examples, { recursive: true, force: true });
  });

  it('accepts a path or the Playground id, with or without .ts', () => {
    const nines = join(examples, '02-cluster', 'nines.ts');
    expect(resolveExample('02-cluster/nines', '/', examples)).toBe(nines);
    expect(resolveExample('02-cluster/nines.ts', '/', examples)).toBe(nines);
    expect(resolveExample(nines, '/', examples)).toBe(nines);
    expect(resolveExample('nines', join(examples, '02-cluster'), examples)).toBe(nines);
  });

  it.each([
    ['a file outside examples/', () => join(outside, 'evil.ts'), /evil\.ts is not under examples\/ \(it is .*evil\.ts\); only the book's examples run here/],
    ['a path that climbs out', () => '02-cluster/../../' , /no such example|is not under examples/],
    ['a symlink out of examples/', () => '02-cluster/linked.ts', /02-cluster\/linked\.ts is not under examples\/ \(it is .*evil\.ts\)/],
    ['a test', () => '02-cluster/nines.test.ts', /is a test; run it with npx vitest run/],
    ['a kit module', () => 'sim/engine', /is part of the simulation kit, not an example/],
    ['a module with no default export', () => '02-cluster/helper', /has no default export\. An example must end with: export default function main/],
    ['nothing', () => '02-cluster/none', /no such example: 02-cluster\/none/],
    ['no argument', () => undefined, /no example given/],
  ])('refuses %s, naming it and saying what to do', (_what, argument, message) => {
    expect(() => resolveExample(argument(), '/', examples)).toThrow(message);
  });

  it('end to end: the command refuses before running anything', async () => {
    const refused = await run('npx', ['tsx', 'scripts/run-example.ts', join(outside, 'evil.ts')]).catch((error) => error);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^run-example: .*evil\.ts is not under examples\//);
    expect(existsSync(join(outside, 'ran'))).toBe(false); // its top level never ran
    expect(EXAMPLES_DIR).toMatch(/examples$/);
  }, 60_000);
});
