import { describe, expect, it } from 'vitest';
// Every page's front matter is checked by the content lint (lint-rules.ts, frontMatterRule);
// these are the parser's own tests.
import { fencedBlocks, frontMatter, jsxElements, lineOf, stringAttribute } from './markdown-files';

describe('front matter parsing', () => {
  it('reads the fields and counts the lines', () => {
    const parsed = frontMatter({ path: 'x.mdx', text: '---\ntitle: A\ndescription: B\n---\n\n# Body\n' });
    expect(parsed).toEqual({ data: { title: 'A', description: 'B' }, lines: 4 });
  });

  it('returns nothing for a page without front matter', () => {
    expect(frontMatter({ path: 'x.mdx', text: '# Only a heading\n' }).lines).toBe(0);
  });
});

describe('reading a page through the MDX parser', () => {
  it('reads front matter saved with CRLF, or closing at the end of the file', () => {
    expect(frontMatter({ path: 'x.mdx', text: '---\r\ntitle: A\r\n---\r\n\r\nBody\r\n' })).toEqual({ data: { title: 'A' }, lines: 3 });
    expect(frontMatter({ path: 'x.mdx', text: '---\ntitle: A\n---' })).toEqual({ data: { title: 'A' }, lines: 3 });
  });

  it('finds fenced blocks by language with their lines, inside JSX too, and not in inline code', () => {
    const text = '---\ntitle: A\n---\n\n`mermaid` inline\n\n<Tabs>\n  <TabItem value="a">\n\n    ```mermaid\n    flowchart TD\n      A --> B\n    ```\n\n  </TabItem>\n</Tabs>\n';
    expect(fencedBlocks({ path: 'x.mdx', text }, 'mermaid')).toEqual([{ path: 'x.mdx', line: 10, code: 'flowchart TD\n  A --> B' }]);
  });

  it('gives JSX elements with their string attributes', () => {
    const file = { path: 'x.mdx', text: 'A <Playground example={"a/b"} /> and\n\n<Playground example="c/d" timeLimit={3} />\n' };
    expect(jsxElements(file, 'Playground').map((element) => [lineOf(element), stringAttribute(element, 'example'), stringAttribute(element, 'timeLimit')])).toEqual([
      [1, 'a/b', undefined],
      [3, 'c/d', undefined],
    ]);
  });
});
