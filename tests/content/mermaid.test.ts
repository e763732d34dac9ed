// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatProblem, diagramAccessibilityRule } from './lint-rules';
import { fencedBlocks, markdownFiles } from './markdown-files';
import { parseDiagram } from './mermaid';

const files = markdownFiles();
const blocks = files.flatMap((file) => fencedBlocks(file, 'mermaid'));

describe('every Mermaid diagram parses', () => {
  it('finds the diagrams', () => {
    expect(blocks.length).toBeGreaterThan(8);
  });

  it.each(blocks.map((b) => [`${b.path}:${b.line}`, b] as const))('%s', async (_name, block) => {
    await parseDiagram(block);
  });
});

describe('the Mermaid check itself', () => {
  it('names the file and line of a broken diagram', async () => {
    const text = ['# Page', '', 'Some text.', '', '```mermaid', 'flowchart LR', '  A --> B --', '```', ''].join('\n');
    const [block] = fencedBlocks({ path: 'docs/planted.mdx', text }, 'mermaid');
    await expect(parseDiagram(block)).rejects.toThrow(/^docs\/planted\.mdx:5: Mermaid cannot parse/);
  });

  it('finds a diagram indented inside JSX', () => {
    const text = ['<Tabs>', '  <TabItem value="a">', '    ```mermaid', '    flowchart LR', '      A --> B', '    ```', '  </TabItem>', '</Tabs>'].join('\n');
    const [block] = fencedBlocks({ path: 'x.mdx', text }, 'mermaid');
    expect(block).toMatchObject({ line: 3, code: 'flowchart LR\n  A --> B' });
  });

  it('skips blocks in other languages', () => {
    const text = ['```ts', 'const a = 1;', '```', '```mermaid', 'pie', '  "a" : 1', '```'].join('\n');
    expect(fencedBlocks({ path: 'x.md', text }, 'mermaid').map((b) => b.line)).toEqual([4]);
  });
});

describe('every Mermaid diagram has accTitle and accDescr', () => {
  it('in docs/ and dogfooding/', () => {
    const problems = files.flatMap(diagramAccessibilityRule);
    if (problems.length > 0) throw new Error(`${problems.length} diagram(s) without accessible text:\n${problems.map(formatProblem).join('\n')}`);
  });

  const page = (body: string) => ({ path: 'docs/09-planted/index.mdx', text: ['# Page', '', 'Text.', '', ...body.split('\n')].join('\n') });

  it('names the file and line of a diagram without them, and how to add them', () => {
    const [problem] = diagramAccessibilityRule(page('```mermaid\nflowchart TB\n  A --> B\n```'));
    expect(formatProblem(problem)).toMatch(/^docs\/09-planted\/index\.mdx:5: the Mermaid diagram has no `accTitle:` or `accDescr:`, so a screen reader cannot say what it shows\n {4}fix: add two lines after the diagram's first line .*`accTitle: <a short name>` and `accDescr: /);
  });

  it('asks only for what is missing, and accepts a multi-line accDescr { }', () => {
    expect(diagramAccessibilityRule(page('```mermaid\nflowchart TB\n  accTitle: Two boxes\n  A --> B\n```'))[0].message).toMatch(/has no `accDescr:`,/);
    expect(diagramAccessibilityRule(page('```mermaid\nflowchart TB\n  accTitle: Two boxes\n  accDescr {\n    A leads to B.\n  }\n  A --> B\n```'))).toEqual([]);
    expect(diagramAccessibilityRule(page('```mermaid\nsequenceDiagram\n  accTitle: A call\n  accDescr: The client calls the server.\n  C->>S: GET\n```'))).toEqual([]);
  });

  it('does not take an empty accTitle, or one in a comment', () => {
    expect(diagramAccessibilityRule(page('```mermaid\nflowchart TB\n  accTitle:\n  %% accDescr: hidden\n  A --> B\n```'))[0].message).toMatch(/no `accTitle:` or `accDescr:`/);
  });

  it('exempts a test-bench diagram marked `%% no-accessible-text: <why>`', () => {
    expect(diagramAccessibilityRule(page('```mermaid\nflowchart TB\n  %% no-accessible-text: the bench checks the fallback name\n  A --> B\n```'))).toEqual([]);
  });
});
