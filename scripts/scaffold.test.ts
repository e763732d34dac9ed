import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../tests/content/markdown-files';
import { formatProblem, lintRepository, RULE_NAMES } from '../tests/content/lint-rules';
import { bookSidebar, type SidebarItem } from '../tests/content/sidebar';
import {
  type Chapter,
  categoryLabel,
  insertPlayground,
  nextChapterNumber,
  parseChapterFolder,
  renderCategory,
  renderChapterPage,
  toKebabCase,
  validateChapterArgs,
  validateExampleArgs,
} from './scaffold';

const run = promisify(execFile);
// Generous limits: these steps spawn tsx, Vitest and tsc, which take minutes on a busy 2-core machine.
const chapters = ['00-introduction', '01-single-node', '02-cluster', '07-evolution-in-practice'].map((f) => parseChapterFolder(f)!);

describe('new:chapter arguments', () => {
  it('takes a new kebab-case slug and a title', () => {
    expect(validateChapterArgs(['edge-computing', ' Edge computing '], chapters)).toEqual({ slug: 'edge-computing', title: 'Edge computing' });
  });

  it.each([
    [[], /no slug given/],
    [['cluster', 'Again'], /chapter "cluster" exists already: docs\/02-cluster\//],
    [['Edge_Computing', 'X'], /slug "Edge_Computing" is not kebab-case.*e\.g\. "edge-computing"/],
    [['edge computing', 'X'], /is not kebab-case/],
    [['08-edge', 'X'], /without its number \("edge", not "08-edge"\)/],
    [['reference', 'X'], /is reserved/],
    [['edge'], /no title given/],
    [['edge', '  '], /no title given/],
    [['edge', 'Edge', 'computing'], /Quote a title that has spaces/],
  ])('refuses %j', (args, message) => {
    expect(() => validateChapterArgs(args, chapters)).toThrow(message);
  });

  it('numbers a new chapter after the last one', () => {
    expect(nextChapterNumber(chapters)).toBe(8);
    expect(nextChapterNumber([])).toBe(0);
  });

  it('reads chapter folders and ignores the others', () => {
    expect(parseChapterFolder('02-cluster')).toEqual({ folder: '02-cluster', number: 2, slug: 'cluster' });
    expect(parseChapterFolder('reference')).toBeUndefined();
  });

  it('suggests a kebab-case name', () => {
    expect(toKebabCase('LoadBalancing.ts')).toBe('load-balancing');
    expect(toKebabCase('load_balancing test')).toBe('load-balancing-test');
  });
});

describe('new:example arguments', () => {
  const none = () => false;

  it('finds the chapter by folder, slug or number', () => {
    for (const given of ['02-cluster', 'cluster', '02', '2']) {
      expect(validateExampleArgs([given, 'sticky-sessions'], chapters, none).chapter.folder).toBe('02-cluster');
    }
  });

  it.each([
    [[], /no chapter given/],
    [['99-nowhere', 'x'], /unknown chapter "99-nowhere"\. The chapters are: 00-introduction, 01-single-node/],
    [['02-cluster'], /no example name given/],
    [['02-cluster', 'Sticky.ts'], /example name "Sticky\.ts" is not kebab-case.*e\.g\. "sticky"/],
  ])('refuses %j', (args, message) => {
    expect(() => validateExampleArgs(args, chapters, none)).toThrow(message);
  });

  it('refuses an example that exists', () => {
    expect(() => validateExampleArgs(['02-cluster', 'nines'], chapters, (_c, name) => name === 'nines')).toThrow(
      'example examples/02-cluster/nines.ts exists already',
    );
  });
});

describe('rendering', () => {
  const chapter: Chapter = { folder: '08-edge-computing', number: 8, slug: 'edge-computing' };

  it('labels the sidebar with the number and the title before its colon', () => {
    expect(categoryLabel(8, 'Edge computing: caches near users')).toBe('08 Edge computing');
    expect(JSON.parse(renderCategory(chapter, 'Edge computing'))).toEqual({ label: '08 Edge computing', position: 8, link: { type: 'doc', id: 'edge-computing/index' } });
  });

  it('binds the page\'s figures to the starter example, and escapes the title for YAML', () => {
    const page = renderChapterPage(chapter, 'Edge: "near" users');
    expect(page).toMatch(/^---\ntitle: "Edge: \\"near\\" users"\n/);
    expect(page).toContain("import pressure from '@site/examples/08-edge-computing/pressure.ts?facts';");
    expect(page).toMatch(/takes \{pressure\.meanAtLow\} on average, and at \{pressure\.highLoad\} it\ntakes \{pressure\.meanAtHigh\}/);
  });

  it('puts a new Playground at the end of Techniques, else before Further reading, else at the end', () => {
    const withTechniques = insertPlayground('# T\n\n## Techniques\n\nText.\n\n## Principles\n', 'a/b');
    expect(withTechniques.text).toMatch(/Text\.\n\n\{\/\*.*\*\/\}\n<Playground example="a\/b" \/>\n\n## Principles/);
    expect(withTechniques.text.split('\n')[withTechniques.line - 1]).toBe('<Playground example="a/b" />');
    expect(insertPlayground('## Further reading\n', 'a/b').text).toMatch(/<Playground example="a\/b" \/>\n\n## Further reading/);
    const atEnd = insertPlayground('Text.\n', 'a/b');
    expect(atEnd.text).toMatch(/Text\.\n\n\{\/\*.*\*\/\}\n<Playground example="a\/b" \/>\n$/);
    expect(atEnd.text.split('\n')[atEnd.line - 1]).toBe('<Playground example="a/b" />');
  });
});

// ---- The scaffold, end to end, in a copy of the repository ----------------------------------

/** What a contributor's chapter needs from the repository, copied; node_modules linked. */
const COPIED = ['docs', 'examples', 'dogfooding', 'tests/content', 'scripts', 'src', 'sidebars.ts', 'package.json', 'tsconfig.json', 'docusaurus.config.ts', 'vitest.config.mts'];
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
/** A child Vitest must not think it runs inside this one. */
const childEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST')), NO_COLOR: '1', FORCE_COLOR: '0' };

describe('a scaffolded chapter, in a temporary copy of the repository', () => {
  // A slug no contributor will pick, so that the test runs next to any real chapter.
  const slug = `scaffold-check-${Date.now().toString(36)}`;
  let copy = '';
  let folder = '';
  let output = '';

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'scaffold-'));
    for (const path of COPIED.filter((p) => existsSync(join(ROOT, p)))) cpSync(join(ROOT, path), join(copy, path), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const chapter = await run(bin('tsx'), ['scripts/new-chapter.ts', slug, 'Scaffold check: a chapter made by the test'], { cwd: copy, env: childEnv });
    folder = /Created chapter (\S+):/.exec(chapter.stdout)![1];
    const example = await run(bin('tsx'), ['scripts/new-example.ts', folder, 'hit-ratio'], { cwd: copy, env: childEnv });
    output = chapter.stdout + example.stdout;
  }, 120_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('creates the chapter, its starter example and the new example, with their tests', () => {
    expect(folder).toBe(`${folder.slice(0, 2)}-${slug}`);
    for (const path of [`docs/${folder}/index.mdx`, `docs/${folder}/_category_.json`, ...['pressure', 'hit-ratio'].flatMap((n) => [`examples/${folder}/${n}.ts`, `examples/${folder}/${n}.test.ts`])]) {
      expect(existsSync(join(copy, path)), path).toBe(true);
    }
    expect(output).toMatch(new RegExp(`a Playground for it at docs/${folder}/index\\.mdx:\\d+`));
  });

  it('adds no problem to the content lint', () => {
    const before = new Set(Object.values(lintRepository(ROOT).problems).flat().map(formatProblem));
    const after = lintRepository(copy);
    const added = RULE_NAMES.flatMap((rule) => after.problems[rule].map((p) => `[${rule}] ${formatProblem(p)}`).filter((p) => !before.has(p.replace(/^\[[^\]]*\] /, ''))));
    expect(added).toEqual([]);
    expect(after.outlineChapters).not.toContain(folder);
    expect(after.chapters).toContain(folder);
  });

  it('passes its tests, the Mermaid check and the type check', async () => {
    writeFileSync(join(copy, 'tsconfig.scaffold.json'), JSON.stringify({ extends: './tsconfig.json', include: [`examples/${folder}`, 'src/types.d.ts'] }));
    const [vitest] = await Promise.all([
      run(bin('vitest'), ['run', '--reporter=verbose', `examples/${folder}`, 'tests/content/mermaid.test.ts', 'tests/content/figures.test.ts'], { cwd: copy, env: childEnv }),
      run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.scaffold.json'], { cwd: copy, env: childEnv }),
    ]);
    expect(vitest.stdout).toMatch(/Test Files\s+\S*4 passed/);
    // The new page binds every figure it shows: the figures lint checked it.
    expect(vitest.stdout).toContain(`docs/${folder}/index.mdx: types no figure an example should give`);
    expect(vitest.stdout).toContain(`docs/${folder}/index.mdx`);
  }, 120_000);

  it('shows in the sidebar after the last chapter, linked to its page', async () => {
    const sidebar = await bookSidebar(copy);
    const labels = sidebar.map((item: SidebarItem) => item.label);
    const index = labels.indexOf(`${folder.slice(0, 2)} Scaffold check`);
    expect(index, `sidebar labels: ${labels.join(', ')}`).toBeGreaterThan(0);
    expect(labels[index - 1]).toMatch(new RegExp(`^${String(Number(folder.slice(0, 2)) - 1).padStart(2, '0')} `));
    const item = sidebar[index];
    expect(item.id ?? item.link?.id).toBe(`${slug}/index`);
    expect(readFileSync(join(copy, `docs/${folder}/index.mdx`), 'utf8')).toContain('<Playground example=');
  }, 120_000);
});
