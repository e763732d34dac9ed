import { describe, expect, it } from 'vitest';
// Every page's front matter is checked by the content lint (lint-rules.ts, frontMatterRule);
// these are the parser's own tests.
import { frontMatter } from './markdown-files';

describe('front matter parsing', () => {
  it('reads the fields and counts the lines', () => {
    const parsed = frontMatter({ path: 'x.mdx', text: '---\ntitle: A\ndescription: B\n---\n\n# Body\n' });
    expect(parsed).toEqual({ data: { title: 'A', description: 'B' }, lines: 4 });
  });

  it('returns nothing for a page without front matter', () => {
    expect(frontMatter({ path: 'x.mdx', text: '# Only a heading\n' }).lines).toBe(0);
  });
});
