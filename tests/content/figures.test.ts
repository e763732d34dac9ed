import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compile } from '@mdx-js/mdx';
import remarkFigures from '../../src/remark/figures';
import { FactsError, factsOf, formatFact } from '../../src/figures/facts';
import { figureProblems, figuresInText, typedFigures } from './figures';
import { formatProblem } from './lint-rules';
import { ROOT, markdownFiles } from './markdown-files';

/**
 * Pages whose prose still types figures that an example produces (issue 17): converted chapter
 * by chapter, each leaving this list when its figures are bound or marked. Do not add a page.
 */
const NOT_YET_BOUND: string[] = [];

const chapterPages = markdownFiles(['docs']).filter((file) => /^docs\/\d\d-/.test(file.path));

/** Compiles a page the way the build does, with the figures plugin; returns the JS. */
const compilePage = async (path: string, text: string, siteDir = ROOT) =>
  String(await compile({ value: text, path: join(siteDir, path) }, { remarkPlugins: [[remarkFigures, { siteDir }]] }));

describe('figures in the book', () => {
  it.each(markdownFiles().map((file) => [file.path, file] as const))('%s: every bound figure and claim resolves', async (_path, file) => {
    await compilePage(file.path, file.text);
  });

  it.each(chapterPages.filter((file) => !NOT_YET_BOUND.includes(file.path)).map((file) => [file.path, file] as const))(
    '%s: types no figure an example should give',
    async (_path, file) => {
      const problems = await figureProblems(file, ROOT);
      if (problems.length > 0) throw new Error(`${problems.length} typed figure(s):\n${problems.map(formatProblem).join('\n')}`);
    },
  );

  it('lists only pages that exist and still type figures', async () => {
    for (const path of NOT_YET_BOUND) {
      const file = chapterPages.find((page) => page.path === path);
      expect(file, `${path} is in NOT_YET_BOUND but does not exist`).toBeDefined();
      expect(typedFigures(file!.text).length, `${path} binds or marks all its figures: remove it from NOT_YET_BOUND`).toBeGreaterThan(0);
    }
  });
});

describe('a wrong figure planted in a real chapter', () => {
  const chapter = chapterPages.find((file) => file.path === 'docs/02-cluster/index.mdx')!;
  const bound = '{nines.singleNode}';
  const line = chapter.text.slice(0, chapter.text.indexOf(bound)).split('\n').length;

  it('fails, naming the file, the line, the figure typed and the value the example gives', async () => {
    expect(chapter.text).toContain(bound);
    const planted = { ...chapter, text: chapter.text.replace(bound, '99.110%') };
    const problems = (await figureProblems(planted, ROOT)).filter((p) => p.message.includes('99.110%'));
    expect(problems.map(formatProblem)).toEqual([
      `docs/02-cluster/index.mdx:${line}: the figure "99.110%" is typed, not bound: 02-cluster/nines gives singleNode = 99.010%\n` +
        '    fix: write {nines.singleNode}; or, if it is not that example\'s figure, bind it to the one that produces it',
    ]);
  });

  it('renders the value the example gives where the prose binds it', async () => {
    const js = await compilePage(chapter.path, chapter.text);
    expect(js).toContain('A single node with those failure rates is up 99.010% of the time');
  });
});

// ---- The mechanism, on a site of its own ------------------------------------------------------

// Each test's site is removed when the file is done (they were left in the temp folder).
const tempSites: string[] = [];
afterAll(() => {
  for (const site of tempSites) rmSync(site, { recursive: true, force: true });
});

function tempSite(exampleSource: string) {
  const site = mkdtempSync(join(tmpdir(), 'figures-'));
  tempSites.push(site);
  writeFileSync(join(site, 'package.json'), '{}');
  mkdirSync(join(site, 'examples', 'ch'), { recursive: true });
  mkdirSync(join(site, 'docs', '09-ch'), { recursive: true });
  const example = join(site, 'examples', 'ch', 'demo.ts');
  writeFileSync(example, exampleSource);
  return { site, example };
}

const DEMO = `
export const RATE = 10;
export const SLOW_MS = 268;
export const FAST_MS = 116;
export function facts() {
  return { doubled: RATE * 2, availability: (99.01).toFixed(3) + '%', slowP99: SLOW_MS + ' ms', fastWins: FAST_MS < SLOW_MS, slowWins: SLOW_MS < FAST_MS };
}
export default function main() {}
`;
const IMPORT = "import demo from '@site/examples/ch/demo.ts?facts';\n\n";
const PAGE = 'docs/09-ch/index.mdx';

describe('binding a figure to an example', () => {
  it('puts the example\'s value in the text and drops the import', async () => {
    const { site } = tempSite(DEMO);
    const js = await compilePage(PAGE, `${IMPORT}Up {demo.availability} of the time, at {demo.doubled} requests.\n`, site);
    expect(js).toContain('Up 99.010% of the time, at 20 requests.');
    expect(js).not.toContain('?facts');
  });

  it('follows a parameter changed in the example into the prose', async () => {
    const { site, example } = tempSite(DEMO);
    const page = `${IMPORT}At {demo.doubled} requests.\n`;
    expect(await compilePage(PAGE, page, site)).toContain('At 20 requests.');
    writeFileSync(example, DEMO.replace('RATE = 10', 'RATE = 11'));
    expect(await compilePage(PAGE, page, site)).toContain('At 22 requests.');
  });

  it('fails on a fact the example does not give, naming the file, the line and the facts it has', async () => {
    const { site } = tempSite(DEMO);
    await expect(compilePage(PAGE, `${IMPORT}Text.\n\nUp {demo.availabilty} of the time.\n`, site)).rejects.toThrow(
      /docs\/09-ch\/index\.mdx:5: examples\/ch\/demo\.ts has no fact `availabilty`; its facts\(\) gives: doubled, availability, slowP99, fastWins, slowWins/,
    );
  });

  it('checks a claim: a true one leaves its text, a false one fails with the sentence', async () => {
    const { site } = tempSite(DEMO);
    const js = await compilePage(PAGE, `${IMPORT}<Claim holds={demo.fastWins}>Least connections beats round robin.</Claim>\n`, site);
    expect(js).toContain('Least connections beats round robin.');
    expect(js).not.toContain('Claim');
    await expect(compilePage(PAGE, `${IMPORT}Yes, <Claim holds={demo.slowWins}>round robin wins</Claim>.\n`, site)).rejects.toThrow(
      /index\.mdx:3: the claim "round robin wins" does not hold: ch\/demo gives demo\.slowWins = false/,
    );
  });

  it('refuses a yes/no fact shown as text, and a number fact as a claim', async () => {
    const { site } = tempSite(DEMO);
    await expect(compilePage(PAGE, `${IMPORT}It is {demo.fastWins}.\n`, site)).rejects.toThrow(/yes\/no fact .*<Claim holds=\{demo\.fastWins\}>/);
    await expect(compilePage(PAGE, `${IMPORT}<Claim holds={demo.doubled}>x</Claim>\n`, site)).rejects.toThrow(/needs a yes\/no fact, but ch\/demo gives doubled = "20"/);
  });

  it('unwraps <Cited> and <Given> to their text', async () => {
    const { site } = tempSite(DEMO);
    const js = await compilePage(PAGE, 'Cold starts take <Cited>100–1,000 ms</Cited>; we assume <Given>100,000</Given> users.\n', site);
    expect(js).toContain('Cold starts take 100–1,000 ms; we assume 100,000 users.');
  });

  it('names the example that cannot give facts', async () => {
    const { site } = tempSite('export default function main() {}\n');
    await expect(compilePage(PAGE, `${IMPORT}{demo.x}\n`, site)).rejects.toThrow(/index\.mdx:1: examples\/ch\/demo\.ts has no `export function facts\(\)`/);
    await expect(compilePage(PAGE, "import x from '@site/examples/ch/nope.ts?facts';\n", site)).rejects.toThrow(/index\.mdx:1: no file examples\/ch\/nope\.ts/);
  });
});

describe('a fact as the page shows it', () => {
  it('formats numbers with separators and refuses unrounded or non-finite ones', () => {
    expect(formatFact('ch/demo', 'n', 1417)).toBe('1,417');
    expect(formatFact('ch/demo', 'n', 5.5)).toBe('5.5');
    expect(formatFact('ch/demo', 's', '99.010%')).toBe('99.010%');
    expect(() => formatFact('ch/demo', 'n', 0.1 + 0.2)).toThrow(/facts\(\)\.n is 0\.30000000000000004: round it in the example/);
    expect(() => formatFact('ch/demo', 'n', NaN)).toThrow(FactsError);
    expect(() => formatFact('ch/demo', 'o', { a: 1 })).toThrow(/is a object/);
  });

  it('computes once per source: a second call reads the cache', async () => {
    const { site } = tempSite(DEMO);
    const first = await factsOf('ch/demo', site);
    expect(first.values.doubled).toBe('20');
    expect(readFileSync(join(site, 'examples', 'ch', 'demo.ts'), 'utf8')).toContain('RATE = 10');
    expect(await factsOf('ch/demo', site)).toEqual(first);
  });
});

describe('the figures lint', () => {
  it('finds measured figures and leaves counts and versions alone', () => {
    const found = (text: string) => figuresInText(text).map((f) => f.text);
    expect(found('p99 rises from 54 ms to 263 ms at 95% load; 5.5 s later, 6–12 req/s, $1,200 a month, 85× the load.')).toEqual([
      '54 ms', '263 ms', '95%', '5.5 s', '6–12 req/s', '$1,200', '85×',
    ]);
    expect(found('Six nodes, 3 replicas, 1 in 100 requests, TLS 1.3, Kafka 3.9, HTTP/1.1, p99.9, 4xx, the 3rd try, N+1, 24/7.')).toEqual([]);
    expect(found('an availability of 0.999, or 1 − 0.99ⁿ')).toEqual(['0.999', '0.99']);
  });

  it('skips code, marked figures, headings and Further reading, and names the line', () => {
    const page = [
      '---', 'title: T', '---', '', '## Where 5 ms is', '', 'It took `12 ms` and <Cited>40 ms</Cited> and <Given>7%</Given>.', '',
      'Typed: 3.4% of the run.', '', '```ts', 'const x = 99.9; // 5 ms', '```', '', '## Further reading', '', '- Paper, 2013, 4.5 ms.', '',
    ].join('\n');
    expect(typedFigures(page)).toEqual([{ line: 9, text: '3.4%', value: 3.4 }]);
  });

  it('reports a typed figure with the file, the line, the figure and the value the example gives', async () => {
    const { site } = tempSite(DEMO);
    const text = `${IMPORT}The node is up 99.110% of the time.\n`;
    const problems = await figureProblems({ path: PAGE, text }, site);
    expect(problems.map(formatProblem).join('\n')).toBe(
      'docs/09-ch/index.mdx:3: the figure "99.110%" is typed, not bound: ch/demo gives availability = 99.010%\n' +
        '    fix: write {demo.availability}; or, if it is not that example\'s figure, bind it to the one that produces it',
    );
  });

  it('says how to bind or mark a figure no example gives', async () => {
    const { site } = tempSite(DEMO);
    const problems = await figureProblems({ path: PAGE, text: 'A cold start takes 400 ms.\n' }, site);
    expect(problems).toHaveLength(1);
    expect(problems[0].fix).toMatch(/<Cited>400 ms<\/Cited> for a figure from a source under Further reading, <Given>400 ms<\/Given>/);
  });
});
