import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';

export const ROOT = join(__dirname, '..', '..');
/** Folders whose Markdown the site renders: the book and the test bench. */
export const CONTENT_DIRS = ['docs', 'dogfooding'];

export interface MarkdownFile {
  /** Path relative to the repository root, as a contributor would type it. */
  path: string;
  text: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function markdownFiles(dirs: string[] = CONTENT_DIRS): MarkdownFile[] {
  return dirs
    .flatMap((dir) => walk(join(ROOT, dir)))
    .filter((file) => /\.mdx?$/.test(file))
    .sort()
    .map((file) => ({ path: relative(ROOT, file), text: readFileSync(file, 'utf8') }));
}

export interface FencedBlock {
  path: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

/** Every ```lang fenced block, including ones indented inside JSX such as <Tabs>. */
export function fencedBlocks(file: MarkdownFile, lang: string): FencedBlock[] {
  const lines = file.text.split('\n');
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]+)?/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    if (info === lang) blocks.push({ path: file.path, line: i + 1, code: body.join('\n') });
    i = j;
  }
  return blocks;
}

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Lines the front matter takes, fences included; 0 if there is none. */
  lines: number;
}

export function frontMatter(file: MarkdownFile): FrontMatter {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(file.text);
  if (!match) return { data: {}, lines: 0 };
  const data = yaml.load(match[1]);
  return {
    data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {},
    lines: match[0].split('\n').length - 1,
  };
}
