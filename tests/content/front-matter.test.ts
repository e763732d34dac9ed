import { describe, expect, it } from 'vitest';
import { frontMatter, markdownFiles } from './markdown-files';

const chapters = markdownFiles(['docs']);

describe('every page has front matter a reader and a search engine can use', () => {
  it.each(chapters.map((f) => [f.path, f] as const))('%s', (_path, file) => {
    const { data } = frontMatter(file);
    const problems: string[] = [];
    if (typeof data.title !== 'string' || data.title.trim() === '') problems.push('add a `title:`');
    if (typeof data.description !== 'string' || data.description.trim() === '') {
      problems.push('add a one-sentence `description:`');
    } else if (data.description.length > 160) {
      problems.push(`shorten \`description:\` to 160 characters (it has ${data.description.length})`);
    }
    expect(problems, `${file.path}:1: front matter: ${problems.join('; ')}`).toEqual([]);
  });
});

describe('front matter parsing', () => {
  it('reads the fields and counts the lines', () => {
    const parsed = frontMatter({ path: 'x.mdx', text: '---\ntitle: A\ndescription: B\n---\n\n# Body\n' });
    expect(parsed).toEqual({ data: { title: 'A', description: 'B' }, lines: 4 });
  });

  it('returns nothing for a page without front matter', () => {
    expect(frontMatter({ path: 'x.mdx', text: '# Only a heading\n' }).lines).toBe(0);
  });
});
