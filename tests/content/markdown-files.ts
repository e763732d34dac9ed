/**
 * Reading the book's Markdown the way the site does: front matter as YAML, the rest through the
 * MDX parser (`@mdx-js/mdx`, remark-mdx), so that a rule sees headings, JSX elements, code and
 * text with their positions, and never mistakes a `# comment` in a code block for a heading.
 * Line endings are normalised first: a file saved with CRLF reads like one saved with LF.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createProcessor } from '@mdx-js/mdx';
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
    .map((file) => ({ path: relative(ROOT, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
}

/** CRLF and lone CR become LF; lines, and so every line number, stay where they were. */
export const normaliseLineEndings = (text: string): string => text.replace(/\r\n?/g, '\n');

/** The front matter block, fences included, of LF text. Docusaurus reads it before MDX does. */
const FRONT_MATTER = /^---\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/;

// ---- The MDX tree ---------------------------------------------------------------------------

export interface Point {
  /** 1-based. */
  line: number;
  column: number;
  /** 0-based, into the LF-normalised text. */
  offset?: number;
}

/** An mdast node as remark-mdx makes it: only the fields the content checks read. */
export interface MdxNode {
  type: string;
  position?: { start: Point; end: Point };
  children?: MdxNode[];
  /** text, inlineCode, code, mdxFlowExpression, mdxTextExpression, mdxjsEsm. */
  value?: string;
  /** heading. */
  depth?: number;
  /** code: the first word of the info string. */
  lang?: string | null;
  /** link, image, definition. */
  url?: string;
  /** image. */
  alt?: string | null;
  /** mdxJsxFlowElement, mdxJsxTextElement; null for a fragment. */
  name?: string | null;
  attributes?: MdxAttribute[];
}

export interface MdxAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
  name?: string;
  /** A plain string (`a="x"`), an expression (`a={x}`: its source in `.value`), or null (`a`). */
  value?: string | { type: 'mdxJsxAttributeValueExpression'; value: string } | null;
  position?: { start: Point; end: Point };
}

export interface MdxTree {
  /** The LF-normalised text that positions refer to. */
  text: string;
  /** Where the body starts: the length of the front matter block, 0 when there is none. */
  bodyStart: number;
  /** The parsed page; an empty root when the page does not parse. */
  root: MdxNode;
  /** Why the page does not parse as MDX, and where; undefined when it parses. */
  error?: { line: number; column: number; reason: string };
}

const mdx = createProcessor({ format: 'mdx' });
const parsed = new Map<string, MdxTree>();

/**
 * The page parsed as MDX (the front matter blanked out first, so that positions are the
 * file's own). A page that does not parse gives an empty root and the parser's reason.
 */
export function mdxTree(file: MarkdownFile): MdxTree {
  const cached = parsed.get(file.text);
  if (cached) return cached;
  const text = normaliseLineEndings(file.text);
  const bodyStart = FRONT_MATTER.exec(text)?.[0].length ?? 0;
  const body = text.slice(0, bodyStart).replace(/[^\n]/g, ' ') + text.slice(bodyStart);
  let tree: MdxTree;
  try {
    tree = { text, bodyStart, root: mdx.parse(body) as unknown as MdxNode };
  } catch (error) {
    const { line, column, reason, message } = error as { line?: number; column?: number; reason?: string; message: string };
    tree = { text, bodyStart, root: { type: 'root', children: [] }, error: { line: line ?? 1, column: column ?? 1, reason: reason ?? message } };
  }
  if (parsed.size > 500) parsed.clear();
  parsed.set(file.text, tree);
  return tree;
}

/** Like mdxTree, but a page that does not parse is an error naming its file and line. */
export function parsedTree(file: MarkdownFile): MdxTree {
  const tree = mdxTree(file);
  if (tree.error) throw new Error(`${file.path}:${tree.error.line}:${tree.error.column}: the page does not parse as MDX: ${tree.error.reason}`);
  return tree;
}

/** Calls `visit` on every node, parents before children, in document order. */
export function visitNodes(node: MdxNode, visit: (node: MdxNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) visitNodes(child, visit);
}

/** Every node of the page whose type is one of `types`. */
export function nodesOf(file: MarkdownFile, ...types: string[]): MdxNode[] {
  const found: MdxNode[] = [];
  visitNodes(mdxTree(file).root, (node) => {
    if (types.includes(node.type)) found.push(node);
  });
  return found;
}

/** `<Name ...>` elements of the page, in flow (`<Tabs>` on its own lines) or inside text. */
export const jsxElements = (file: MarkdownFile, name: string): MdxNode[] =>
  nodesOf(file, 'mdxJsxFlowElement', 'mdxJsxTextElement').filter((node) => node.name === name);

/**
 * An attribute's value when it is a string: `a="x"`, or a string literal in braces
 * (`a={"x"}`, `a={'x'}`, `` a={`x`} ``). Undefined for any other expression or a missing one.
 */
export function stringAttribute(element: MdxNode, name: string): string | undefined {
  const value = element.attributes?.find((attribute) => attribute.name === name)?.value;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return /^\s*(["'`])([^"'`]*)\1\s*$/.exec(value.value)?.[2];
  return undefined;
}

/** The 1-based line a node starts on. */
export const lineOf = (node: { position?: { start: Point } }): number => node.position?.start.line ?? 1;

// ---- Code blocks and front matter -----------------------------------------------------------

export interface FencedBlock {
  path: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

/** Every ```lang fenced block, including ones indented inside JSX such as <Tabs>. */
export function fencedBlocks(file: MarkdownFile, lang: string): FencedBlock[] {
  parsedTree(file);
  return nodesOf(file, 'code')
    .filter((node) => node.lang === lang)
    .map((node) => ({ path: file.path, line: lineOf(node), code: node.value ?? '' }));
}

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Lines the front matter takes, fences included; 0 if there is none. */
  lines: number;
}

export function frontMatter(file: MarkdownFile): FrontMatter {
  const match = FRONT_MATTER.exec(normaliseLineEndings(file.text));
  if (!match) return { data: {}, lines: 0 };
  const data = yaml.load(match[1] ?? '');
  return {
    data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {},
    lines: match[0].replace(/\n$/, '').split('\n').length,
  };
}

/** The 1-based line of a front matter field, for pointing at it; 1 (the opening fence) when absent. */
export function frontMatterLine(file: MarkdownFile, field: string): number {
  const block = FRONT_MATTER.exec(normaliseLineEndings(file.text))?.[0] ?? '';
  const index = block.search(new RegExp(`^${field}:`, 'm'));
  return index < 0 ? 1 : block.slice(0, index).split('\n').length;
}
