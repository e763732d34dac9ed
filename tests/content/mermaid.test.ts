// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fencedBlocks, markdownFiles } from './markdown-files';
import { parseDiagram } from './mermaid';

const blocks = markdownFiles().flatMap((file) => fencedBlocks(file, 'mermaid'));

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
