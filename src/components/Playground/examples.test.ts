/**
 * Every example in the repository links in the Playground as it will in the browser: the kit
 * and the example compile with sucrase, every import resolves to a file the Playground has,
 * and no import cycle exists. (Running them is the browser tests' and the examples' own job.)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transform } from 'sucrase';
import { compileProgram } from './moduleLoader';
import { transpile } from './transpile';
import { KIT_DIR } from './kitFiles';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const isSource = (name: string) => name.endsWith('.ts') && !name.endsWith('.test.ts');

const kit: Record<string, string> = {};
for (const name of readdirSync(join(EXAMPLES, 'sim')).filter(isSource)) {
  kit[`${KIT_DIR}${name}`] = readFileSync(join(EXAMPLES, 'sim', name), 'utf8');
}

const examples = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'sim')
  .flatMap((dir) => readdirSync(join(EXAMPLES, dir.name)).filter(isSource).map((name) => join(EXAMPLES, dir.name, name)));

describe('every example links in the Playground', () => {
  it('finds the examples', () => expect(examples.length).toBeGreaterThan(0));
  it.each(examples.map((file) => [relative(EXAMPLES, file), file]))('%s', (name, file) => {
    const entry = `/${name}`;
    const files = { ...kit, [entry]: readFileSync(file, 'utf8') };
    const { program } = compileProgram(files, entry, (path, source) => transpile(path, source, transform));
    expect(program.modules.map((module) => module.path)).toContain(entry);
  });
});
