import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, fencedBlocks, frontMatter, lineOf, markdownFiles, nodesOf, type MarkdownFile } from './markdown-files';
import {
  RULE_NAMES,
  categoryRule,
  chapterIndexRule,
  diagramKind,
  diagramsRule,
  exampleRules,
  formatProblem,
  frontMatterRule,
  headingsRule,
  imageAltRule,
  lintRepository,
  mdxParsesRule,
  proseOf,
  playgroundCountRule,
  playgroundExamplesRule,
  playgroundsOf,
  siteLinksRule,
  siteUrlOf,
  type ChapterFiles,
  type Problem,
} from './lint-rules';

/**
 * Chapters still written as short outlines (`stage: outline` in their front matter), exempt
 * from the diagram and Playground counts. When a chapter is finished, delete its `stage:` line
 * and its name here; flagging a new one needs a maintainer's reason in the pull request.
 */
const OUTLINE_CHAPTERS = [
  '06-security',
];

const report = lintRepository(ROOT);

describe('content lint of the repository', () => {
  it.each(RULE_NAMES.map((name) => [name]))('%s', (name) => {
    const problems = report.problems[name];
    if (problems.length > 0) {
      throw new Error(`${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems.map(formatProblem).join('\n')}`);
    }
  });

  it('exempts exactly the chapters listed as outlines', () => {
    console.info(`Outline chapters (no diagram or Playground count yet): ${report.outlineChapters.join(', ') || 'none'}`);
    expect(
      report.outlineChapters,
      'a chapter\'s `stage: outline` and OUTLINE_CHAPTERS in tests/content/lint.test.ts must change together',
    ).toEqual(OUTLINE_CHAPTERS);
  });

  it('finds the chapters', () => {
    expect(report.chapters.length).toBeGreaterThanOrEqual(8);
  });
});

// ---- Each rule catches a planted mistake, and names its file and line ------------------------

const page = (text: string, path = 'docs/09-planted/index.mdx'): MarkdownFile => ({ path, text });
const FRONT = ['---', 'title: Planted', 'description: A page with a mistake in it.', 'sidebar_position: 9', 'keywords:', '  - planted', '---', ''].join('\n');
const where = (problems: Problem[]) => problems.map((p) => `${p.path}:${p.line}`);
const text = (problems: Problem[]) => problems.map(formatProblem).join('\n');

describe('front matter', () => {
  it('passes a complete front matter', () => {
    expect(frontMatterRule(page(`${FRONT}\nText.\n`))).toEqual([]);
  });

  it('names each missing field at line 1, and a long description at its line', () => {
    const problems = frontMatterRule(page(['---', 'title: Planted', `description: ${'x'.repeat(161)}`, '---', '', 'Text.'].join('\n')));
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:3', 'docs/09-planted/index.mdx:1', 'docs/09-planted/index.mdx:1']);
    expect(text(problems)).toMatch(/161 characters.*\n.*fix: shorten/);
    expect(text(problems)).toMatch(/no numeric `sidebar_position:`/);
    expect(text(problems)).toMatch(/no `keywords:` list/);
  });

  it('catches a misspelt stage', () => {
    const problems = frontMatterRule(page(FRONT.replace(/---\n$/, 'stage: outlined\n---\n')));
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:7']);
    expect(problems[0].fix).toMatch(/stage: outline/);
  });

  it('reports unparseable YAML instead of crashing', () => {
    expect(text(frontMatterRule(page('---\ntitle: Cluster: nodes\n---\n')))).toMatch(/^docs\/09-planted\/index\.mdx:1: front matter is not valid YAML/);
  });
});

describe('headings in order', () => {
  it('catches a # heading under a front matter title', () => {
    const problems = headingsRule(page(`${FRONT}\n# Planted\n\n## Where you are\n`));
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:9']);
    expect(problems[0].fix).toBe('make it `## Planted`, or delete it and keep `title:`');
  });

  it('catches a jump from ## to ####', () => {
    const problems = headingsRule(page(`${FRONT}\n## Techniques\n\n#### Retries\n\n## Principles\n### Fine\n`));
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:11']);
    expect(problems[0].fix).toMatch(/make it `### Retries`/);
  });

  it('ignores # lines in code blocks and keeps a single # title on a page without front matter title', () => {
    expect(headingsRule(page('# Title\n\n```bash\n# a comment\n#### not a heading\n```\n\n## Section\n'))).toEqual([]);
  });
});

describe('images have alt text', () => {
  it('catches Markdown and HTML images without alt text', () => {
    const problems = imageAltRule(page(`${FRONT}\nText.\n\n![](/img/map.png)\n\n<img src="/img/a.png" />\n<img src="/img/b.png" alt="" />\n<img src="/img/c.png" alt="A map" />\n![A map](/img/map.png)\n`));
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:11', 'docs/09-planted/index.mdx:13', 'docs/09-planted/index.mdx:14']);
    expect(problems[0].fix).toBe('describe what it shows for readers who cannot see it: ![what the image shows](/img/map.png)');
  });
});

describe('no absolute links to the site', () => {
  const rule = siteLinksRule('https://architecture-evolution.github.io');

  it('catches /docs/ links and full URLs of the site, in Markdown, JSX and link definitions', () => {
    const problems = rule(page(`${FRONT}\nSee [the cluster](/docs/cluster/).\nOr [this](https://architecture-evolution.github.io/docs/cluster/).\n<a href="/docs/security/">security</a>\n\n[ref]: /docs/cluster/\n`));
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:9', 'docs/09-planted/index.mdx:10', 'docs/09-planted/index.mdx:11', 'docs/09-planted/index.mdx:13']);
    expect(problems[0].fix).toMatch(/relative path, e\.g\. \[Cluster\]\(\.\.\/02-cluster\/index\.mdx\)/);
  });

  it('allows relative file links, other sites and links shown as code', () => {
    expect(rule(page(`${FRONT}\n[Cluster](../02-cluster/index.mdx), [Docusaurus](https://docusaurus.io/docs/), \`[x](/docs/x/)\`\n`))).toEqual([]);
  });

  it('reads the site URL from docusaurus.config.ts', () => {
    expect(siteUrlOf(ROOT)).toMatch(/^https:\/\//);
  });
});

describe('Playgrounds name existing examples', () => {
  const rule = playgroundExamplesRule((id) => id === '02-cluster/load-balancing');

  it('catches a missing example and a non-string attribute', () => {
    const problems = rule(page(`${FRONT}\n<Playground example="02-cluster/load-balancing" />\n\n<Playground example="02-cluster/load-balancer" />\n<Playground example={name} />\n`));
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:11', 'docs/09-planted/index.mdx:12']);
    expect(problems[0].message).toBe('<Playground example="02-cluster/load-balancer">: there is no examples/02-cluster/load-balancer.ts');
    expect(problems[0].fix).toMatch(/npm run new:example -- 02-cluster load-balancer/);
  });

  it('reads Playgrounds written over several lines, and skips ones in code and comments', () => {
    const uses = playgroundsOf(page(`${FRONT}\n<Playground\n  example="a/b"\n  timeLimit={3}\n/>\n\n\`\`\`mdx\n<Playground example="c/d" />\n\`\`\`\n{/* <Playground example="e/f" /> */}\n`));
    expect(uses).toEqual([{ line: 9, example: 'a/b' }]);
  });
});

describe('chapter rules', () => {
  const mermaid = (kind: string) => `\`\`\`mermaid\n${kind}\n    A --> B\n\`\`\`\n`;
  const playground = (n: number) => Array.from({ length: n }, (_, i) => `<Playground example="09-planted/e${i}" />\n`).join('\n');
  const chapter = (body: string, folder = '09-planted', front = FRONT): ChapterFiles => ({
    folder,
    pages: [page(`${front}${body}`, `docs/${folder}/index.mdx`)],
    category: { path: `docs/${folder}/_category_.json`, text: JSON.stringify({ label: `${folder.slice(0, 2)} Planted`, position: Number(folder.slice(0, 2)), link: { type: 'doc', id: `${folder.slice(3)}/index` } }, null, 2) },
  });

  it('needs two diagrams of different kinds: graph and flowchart are one kind', () => {
    const problems = diagramsRule(chapter(`\n${mermaid('flowchart LR')}\n${mermaid('graph TD')}`));
    expect(text(problems)).toMatch(/^docs\/09-planted\/index\.mdx:9: the chapter has 2 Mermaid diagrams of 1 kind \(flowchart\); it needs at least 2 of different kinds/);
    expect(diagramsRule(chapter(`\n${mermaid('flowchart LR')}\n${mermaid('sequenceDiagram')}`))).toEqual([]);
  });

  it('reads the kind after Mermaid front matter and directives', () => {
    expect(diagramKind('---\ntitle: x\n---\n%%{init: {}}%%\nstateDiagram-v2\n  [*] --> A')).toBe('stateDiagram');
  });

  it('needs four Playgrounds in a technical chapter and two in the others', () => {
    expect(text(playgroundCountRule(chapter(playground(3), '03-planted')))).toMatch(
      /^docs\/03-planted\/index\.mdx:1: the chapter has 3 Playgrounds; a technical chapter needs at least 4/,
    );
    expect(playgroundCountRule(chapter(playground(4), '03-planted'))).toEqual([]);
    expect(text(playgroundCountRule(chapter(playground(1), '05-planted')))).toMatch(/1 Playground; a chapter needs at least 2/);
    expect(playgroundCountRule(chapter(playground(2), '05-planted'))).toEqual([]);
  });

  it('exempts a chapter flagged `stage: outline` from both counts', () => {
    const outline = chapter('\nText.\n', '03-planted', FRONT.replace(/---\n$/, 'stage: outline\n---\n'));
    expect([...diagramsRule(outline), ...playgroundCountRule(outline)]).toEqual([]);
    expect(diagramsRule(chapter('\nText.\n', '03-planted'))).toHaveLength(1);
  });

  it('needs an index page', () => {
    expect(where(chapterIndexRule({ folder: '09-planted', pages: [page(FRONT, 'docs/09-planted/intro.mdx')] }))).toEqual(['docs/09-planted:1']);
  });

  it('needs a _category_.json with the chapter number and a doc id that resolves', () => {
    const good = chapter('');
    expect(categoryRule(good)).toEqual([]);
    expect(where(categoryRule({ ...good, category: undefined }))).toEqual(['docs/09-planted/_category_.json:1']);
    const wrong = { ...good, category: { path: 'docs/09-planted/_category_.json', text: '{\n  "label": "Planted",\n  "position": 3,\n  "link": { "type": "doc", "id": "09-planted/index" }\n}' } };
    const problems = categoryRule(wrong);
    expect(where(problems)).toEqual(['docs/09-planted/_category_.json:3', 'docs/09-planted/_category_.json:2', 'docs/09-planted/_category_.json:4']);
    expect(problems[2].fix).toBe('set "id": "planted/index" (a doc id drops the folder\'s number)');
  });
});

describe('examples have tests, a chapter and a page', () => {
  const pages = [page(`${FRONT}\n<Playground example="02-cluster/shown" />\n`, 'docs/02-cluster/index.mdx')];
  const chapters = ['02-cluster'];

  it('passes an example with a test that a page shows; ignores the kit', () => {
    expect(exampleRules(['examples/02-cluster/shown.ts', 'examples/02-cluster/shown.test.ts', 'examples/sim/engine.ts'], pages, chapters)).toEqual([]);
  });

  it('catches an example without a test', () => {
    const problems = exampleRules(['examples/02-cluster/shown.ts'], pages, chapters);
    expect(text(problems)).toMatch(/^examples\/02-cluster\/shown\.ts:1: example 02-cluster\/shown has no test beside it\n {4}fix: add examples\/02-cluster\/shown\.test\.ts/);
  });

  it('catches an orphan example that no page shows', () => {
    const problems = exampleRules(['examples/02-cluster/orphan.ts', 'examples/02-cluster/orphan.test.ts'], pages, chapters);
    expect(where(problems)).toEqual(['examples/02-cluster/orphan.ts:1']);
    expect(problems[0].fix).toMatch(/^add <Playground example="02-cluster\/orphan" \/> to docs\/02-cluster\/index\.mdx/);
  });

  it('catches an examples folder with no chapter', () => {
    const problems = exampleRules(['examples/2-cluster/a.ts', 'examples/2-cluster/a.test.ts'], pages, chapters);
    expect(text(problems)).toMatch(/^examples\/2-cluster\/a\.ts:1: examples\/2-cluster\/ has no chapter docs\/2-cluster\//);
  });
});

describe('pages are read through the MDX parser', () => {
  const chapterPage = markdownFiles(['docs']).find((file) => file.path === 'docs/02-cluster/index.mdx')!;
  const pageRules = [mdxParsesRule, frontMatterRule, headingsRule, imageAltRule, siteLinksRule('https://architecture-evolution.github.io'), playgroundExamplesRule(() => false)];
  const lintPage = (file: MarkdownFile) => pageRules.flatMap((rule) => rule(file)).map(formatProblem);

  it('lints a file saved with Windows line endings (CRLF) exactly like the same file with LF', () => {
    const crlf = { ...chapterPage, text: chapterPage.text.replace(/\n/g, '\r\n') };
    expect(crlf.text).toContain('\r\n');
    expect(lintPage(crlf)).toEqual(lintPage(chapterPage));
    expect(frontMatter(crlf)).toEqual(frontMatter(chapterPage));
    expect(fencedBlocks(crlf, 'mermaid')).toEqual(fencedBlocks(chapterPage, 'mermaid'));
    expect(playgroundsOf(crlf)).toEqual(playgroundsOf(chapterPage));
    const planted = page(`${FRONT}\n## Techniques\n\n#### Retries\n`.replace(/\n/g, '\r\n'));
    expect(headingsRule(planted).map(formatProblem)).toEqual(headingsRule(page(`${FRONT}\n## Techniques\n\n#### Retries\n`)).map(formatProblem));
  });

  it('reports a page that does not parse as MDX at its line, with a fix, instead of crashing', () => {
    const broken = page(`${FRONT}\nText.\n\n<!-- an HTML comment -->\n`);
    const problems = mdxParsesRule(broken);
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:11']);
    expect(problems[0].fix).toMatch(/\{\/\* \.\.\. \*\/\}/);
    expect(headingsRule(broken)).toEqual([]);
    expect(() => fencedBlocks(broken, 'mermaid')).toThrow(/^docs\/09-planted\/index\.mdx:11:\d+: the page does not parse as MDX/);
  });

  it('quotes a heading as written, inline code included, and sees headings inside JSX', () => {
    const problems = headingsRule(page(`${FRONT}\n## Techniques\n\n<details>\n\n#### The \`retry\` budget\n\n</details>\n`));
    expect(where(problems)).toEqual(['docs/09-planted/index.mdx:13']);
    expect(problems[0].message).toBe('heading `#### The `retry` budget` skips a level (it follows a ## heading)');
  });

  it('blanks code, inline code, comments and front matter in proseOf, keeping lines', () => {
    const source = `${FRONT}Text \`code\` here.\n\n\`\`\`bash\n# not prose\n\`\`\`\n{/* hidden */}\n`;
    const prose = proseOf(source);
    expect(prose.split('\n')).toHaveLength(source.split('\n').length);
    expect(prose).toContain('Text        here.');
    expect(prose).not.toMatch(/not prose|hidden|title:/);
  });
});

describe('CONTRIBUTING.md, which the site shows as its contributing page', () => {
  const guide: MarkdownFile = { path: 'CONTRIBUTING.md', text: readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8') };

  it('parses as MDX and has no JSX or {expression} outside code, so GitHub and the site show the same text', () => {
    expect(mdxParsesRule(guide).map(formatProblem)).toEqual([]);
    const live = nodesOf(guide, 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm');
    expect(
      live.map((node) => `CONTRIBUTING.md:${lineOf(node)}: ${node.type === 'mdxjsEsm' ? 'import/export' : node.name ? `<${node.name}>` : `{${node.value}}`} would run on the site and vanish on GitHub; put it in \`backticks\``),
    ).toEqual([]);
  });

  it('is what docs/reference/contributing.mdx shows', () => {
    expect(readFileSync(join(ROOT, 'docs/reference/contributing.mdx'), 'utf8')).toMatch(/import \w+ from '@site\/CONTRIBUTING\.md'/);
  });
});
