/**
 * The content lint: the mistakes a contributor can make in a chapter or an example, each found
 * by a pure function over file contents that returns a Problem naming the file, the line and
 * the fix. lint.test.ts runs them over the repository; scripts/scaffold.test.ts over a copy.
 * Mermaid parsing is separate (mermaid.test.ts): it needs a DOM.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  fencedBlocks,
  frontMatter,
  frontMatterLine,
  jsxElements,
  lineOf,
  mdxTree,
  nodesOf,
  stringAttribute,
  visitNodes,
  type MarkdownFile,
  type MdxNode,
} from './markdown-files';

export { fencedBlocks, frontMatter, type MarkdownFile } from './markdown-files';

export interface Problem {
  path: string;
  /** 1-based. */
  line: number;
  message: string;
  fix: string;
}

export type PageRule = (file: MarkdownFile) => Problem[];

/** A chapter: its folder under docs/ (`02-cluster`), its pages and its `_category_.json`. */
export interface ChapterFiles {
  folder: string;
  pages: MarkdownFile[];
  category?: MarkdownFile;
}

export type ChapterRule = (chapter: ChapterFiles) => Problem[];

export function formatProblem(p: Problem): string {
  return `${p.path}:${p.line}: ${p.message}\n    fix: ${p.fix}`;
}

// ---- Reading MDX without being fooled by code ---------------------------------------------

const isComment = (node: MdxNode) =>
  (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && /^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value ?? '');

/**
 * The page's text with front matter, fenced code, inline code and `{/* comments *\/}` blanked
 * out, line breaks kept (and CRLF read as LF): a `# comment` in a bash block is not a heading,
 * and a `<Playground>` shown as code is not a Playground. The MDX parser decides what is code.
 */
export function proseOf(text: string): string {
  const tree = mdxTree({ path: '', text });
  const chars = tree.text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n') chars[i] = ' ';
  };
  blank(0, tree.bodyStart);
  visitNodes(tree.root, (node) => {
    if ((node.type === 'code' || node.type === 'inlineCode' || isComment(node)) && node.position) {
      blank(node.position.start.offset ?? 0, node.position.end.offset ?? 0);
    }
  });
  return chars.join('');
}

/** What a page says in the source between two offsets of a node's children: a heading's text as written. */
function sourceOf(file: MarkdownFile, node: MdxNode): string {
  const children = node.children ?? [];
  const from = children[0]?.position?.start.offset;
  const to = children[children.length - 1]?.position?.end.offset;
  return from === undefined || to === undefined ? '' : mdxTree(file).text.slice(from, to).replace(/\s*\n\s*/g, ' ').trim();
}

export interface PlaygroundUse {
  line: number;
  /** The `example` attribute when it is a plain string. */
  example?: string;
}

export function playgroundsOf(file: MarkdownFile): PlaygroundUse[] {
  return jsxElements(file, 'Playground').map((element) => ({ line: lineOf(element), example: stringAttribute(element, 'example') }));
}

/** `flowchart`, `sequenceDiagram`, ...: the word that opens a diagram, after any config. */
export function diagramKind(code: string): string {
  const lines = code.split('\n');
  let i = 0;
  if (lines[0]?.trim() === '---') {
    i = lines.findIndex((line, k) => k > 0 && line.trim() === '---') + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('%%')) continue;
    const word = line.split(/[\s:;{]/)[0];
    if (word === 'graph' || word.startsWith('flowchart')) return 'flowchart';
    return word.replace(/-v\d+$/, '');
  }
  return '';
}

// ---- Rules on one page ----------------------------------------------------------------------

export const DESCRIPTION_MAX = 160;

/** A page the MDX parser rejects fails the build; say where and how to fix it, before any other rule. */
export const mdxParsesRule: PageRule = (file) => {
  const { error } = mdxTree(file);
  if (!error) return [];
  return [{
    path: file.path,
    line: error.line,
    message: `the page does not parse as MDX (column ${error.column}): ${error.reason}`,
    fix: 'MDX reads `<` and `{` as JSX and expressions: write `&lt;` or `\\{`, or put the text in `backticks`; a comment is {/* ... */}, not <!-- ... -->',
  }];
};

export const frontMatterRule: PageRule = (file) => {
  let data: Record<string, unknown>;
  try {
    data = frontMatter(file).data;
  } catch (error) {
    return [{ path: file.path, line: 1, message: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, fix: 'quote values that contain a colon, e.g. title: "Cluster: nodes"' }];
  }
  const problems: Problem[] = [];
  const at = (field: string) => frontMatterLine(file, field);
  const add = (field: string, message: string, fix: string) => problems.push({ path: file.path, line: at(field), message, fix });
  if (typeof data.title !== 'string' || data.title.trim() === '') add('title', 'front matter has no `title:`', 'add `title: <the page title>` between the --- lines at the top');
  if (typeof data.description !== 'string' || data.description.trim() === '') {
    add('description', 'front matter has no `description:`', 'add `description: <one sentence, at most 160 characters>`; search engines and link previews show it');
  } else if (data.description.length > DESCRIPTION_MAX) {
    add('description', `\`description:\` has ${data.description.length} characters, more than ${DESCRIPTION_MAX}`, 'shorten it to one sentence of at most 160 characters');
  }
  if (typeof data.sidebar_position !== 'number') add('sidebar_position', 'front matter has no numeric `sidebar_position:`', 'add `sidebar_position: <n>`: the page\'s place in its folder (a chapter index uses its chapter number)');
  const keywords = data.keywords;
  if (!Array.isArray(keywords) || keywords.length === 0 || !keywords.every((k) => typeof k === 'string' && k.trim() !== '')) {
    add('keywords', 'front matter has no `keywords:` list', 'add `keywords:` with a few `  - term` lines a reader would search for');
  }
  if (data.stage !== undefined && data.stage !== 'outline') {
    add('stage', `\`stage: ${String(data.stage)}\` is not a known stage`, 'remove the line, or write `stage: outline` for a chapter that is still an outline');
  }
  return problems;
};

export const headingsRule: PageRule = (file) => {
  let hasTitle = false;
  try {
    hasTitle = typeof frontMatter(file).data.title === 'string';
  } catch {
    // the front matter rule reports broken YAML
  }
  const problems: Problem[] = [];
  let previous = 1; // the page's title, from front matter or its file name, is its # heading
  let h1Seen = hasTitle;
  for (const heading of nodesOf(file, 'heading')) {
    const level = heading.depth ?? 1;
    const hashes = '#'.repeat(level);
    const line = lineOf(heading);
    const text = sourceOf(file, heading);
    if (level === 1) {
      if (hasTitle) {
        problems.push({ path: file.path, line, message: `\`# ${text}\` is a second page title: the front matter's \`title:\` is already the page's # heading`, fix: `make it \`## ${text}\`, or delete it and keep \`title:\`` });
      } else if (h1Seen) {
        problems.push({ path: file.path, line, message: `\`# ${text}\` is a second # heading; a page has one title`, fix: `make it \`## ${text}\`` });
      }
      h1Seen = true;
    } else if (level > previous + 1) {
      const want = '#'.repeat(previous + 1);
      problems.push({
        path: file.path,
        line,
        message: `heading \`${hashes} ${text}\` skips a level (it follows ${previous === 0 ? 'the start of the page' : `a ${'#'.repeat(previous)} heading`})`,
        fix: `make it \`${want} ${text}\`, or add the missing ${want} heading above it`,
      });
    }
    previous = level;
  }
  return problems;
};

export const imageAltRule: PageRule = (file) => {
  const problems: Problem[] = [];
  for (const image of nodesOf(file, 'image')) {
    if ((image.alt ?? '').trim() === '') {
      problems.push({ path: file.path, line: lineOf(image), message: `image ${image.url} has no alt text`, fix: `describe what it shows for readers who cannot see it: ![what the image shows](${image.url})` });
    }
  }
  for (const img of jsxElements(file, 'img')) {
    const alt = img.attributes?.find((attribute) => attribute.name === 'alt')?.value;
    const src = stringAttribute(img, 'src') ?? '';
    // alt={expression} is trusted to give text; alt="" and a bare `alt` give none
    if (alt === undefined || alt === null || (typeof alt === 'string' && alt.trim() === '')) {
      problems.push({ path: file.path, line: lineOf(img), message: `<img ${src}> has no alt text`, fix: 'add alt="what the image shows" to the <img> tag' });
    }
  }
  return problems;
};

/** Absolute links to the book's own pages skip the build's broken-link check; relative .mdx links get it. */
export function siteLinksRule(siteUrl: string): PageRule {
  const site = siteUrl.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const absolute = new RegExp(`^\\s*(?:(?:${site})?/docs/|${site}/)`);
  return (file) => {
    const links: { line: number; url: string }[] = [];
    visitNodes(mdxTree(file).root, (node) => {
      if ((node.type === 'link' || node.type === 'definition') && node.url !== undefined) links.push({ line: lineOf(node), url: node.url });
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        for (const name of ['href', 'to']) {
          const url = stringAttribute(node, name);
          if (url !== undefined) links.push({ line: lineOf(node.attributes!.find((a) => a.name === name)!), url });
        }
      }
    });
    return links
      .filter(({ url }) => absolute.test(url))
      .map(({ line, url }) => ({
        path: file.path,
        line,
        message: `absolute link to the site's own page ${url.trim()}`,
        fix: 'link to the source file with a relative path, e.g. [Cluster](../02-cluster/index.mdx), so that the build checks the link',
      }));
  };
}

/** Every Playground names an example that exists: `examples/<example>.ts`. */
export function playgroundExamplesRule(exampleExists: (example: string) => boolean): PageRule {
  return (file) =>
    playgroundsOf(file).flatMap(({ line, example }): Problem[] => {
      if (example === undefined) {
        return [{ path: file.path, line, message: '<Playground> has no example="..." string', fix: 'write <Playground example="<chapter>/<name>" />, e.g. example="02-cluster/load-balancing", as a plain string' }];
      }
      if (exampleExists(example)) return [];
      return [{ path: file.path, line, message: `<Playground example="${example}">: there is no examples/${example}.ts`, fix: `fix the name (no ".ts", relative to examples/), or create it: npm run new:example -- ${example.split('/')[0]} ${example.split('/').slice(1).join('/') || '<name>'}` }];
    });
}

// ---- Rules on a chapter ---------------------------------------------------------------------

/** Technical chapters carry the book's simulations and need more Playgrounds (CHAPTERS.md). */
export const TECHNICAL_CHAPTERS = [1, 2, 3, 4, 6];
export const playgroundsRequired = (chapterNumber: number): number => (TECHNICAL_CHAPTERS.includes(chapterNumber) ? 4 : 2);
export const DIAGRAM_KINDS_REQUIRED = 2;

const indexPage = (chapter: ChapterFiles) => chapter.pages.find((page) => /\/index\.mdx?$/.test(page.path));

export function isOutline(chapter: ChapterFiles): boolean {
  const index = indexPage(chapter);
  try {
    return index !== undefined && frontMatter(index).data.stage === 'outline';
  } catch {
    return false;
  }
}

export const chapterIndexRule: ChapterRule = (chapter) =>
  indexPage(chapter)
    ? []
    : [{ path: `docs/${chapter.folder}`, line: 1, message: 'the chapter folder has no index.mdx', fix: `create docs/${chapter.folder}/index.mdx (npm run new:chapter makes one), or move the chapter's first page there` }];

export const diagramsRule: ChapterRule = (chapter) => {
  const index = indexPage(chapter);
  if (!index || isOutline(chapter)) return [];
  const blocks = chapter.pages.filter((page) => !mdxTree(page).error).flatMap((page) => fencedBlocks(page, 'mermaid'));
  const kinds = new Set(blocks.map((block) => diagramKind(block.code)));
  if (blocks.length >= DIAGRAM_KINDS_REQUIRED && kinds.size >= DIAGRAM_KINDS_REQUIRED) return [];
  const have = blocks.length === 0 ? 'no Mermaid diagram' : `${blocks.length} Mermaid diagram${blocks.length > 1 ? 's' : ''} of ${kinds.size} kind (${[...kinds].join(', ')})`;
  return [{
    path: index.path,
    line: blocks[0]?.line ?? 1,
    message: `the chapter has ${have}; it needs at least ${DIAGRAM_KINDS_REQUIRED} of different kinds`,
    fix: 'add a ```mermaid block of another kind: flowchart for the architecture, sequenceDiagram, stateDiagram-v2, timeline, quadrantChart...',
  }];
};

export const playgroundCountRule: ChapterRule = (chapter) => {
  const index = indexPage(chapter);
  const number = Number(chapter.folder.slice(0, 2));
  if (!index || isOutline(chapter)) return [];
  const count = chapter.pages.reduce((sum, page) => sum + playgroundsOf(page).length, 0);
  const required = playgroundsRequired(number);
  if (count >= required) return [];
  return [{
    path: index.path,
    line: 1,
    message: `the chapter has ${count} Playground${count === 1 ? '' : 's'}; ${TECHNICAL_CHAPTERS.includes(number) ? 'a technical chapter' : 'a chapter'} needs at least ${required}`,
    fix: `add <Playground example="${chapter.folder}/<name>" /> where the prose needs a simulation (npm run new:example -- ${chapter.folder} <name> makes one)`,
  }];
};

export const categoryRule: ChapterRule = (chapter) => {
  const number = Number(chapter.folder.slice(0, 2));
  const slug = chapter.folder.slice(3);
  const path = `docs/${chapter.folder}/_category_.json`;
  const example = `{ "label": "${chapter.folder.slice(0, 2)} <Short title>", "position": ${number}, "link": { "type": "doc", "id": "${slug}/index" } }`;
  if (!chapter.category) return [{ path, line: 1, message: 'the chapter has no _category_.json, so the sidebar has no label or place for it', fix: `create it: ${example}` }];
  let data: { label?: unknown; position?: unknown; link?: { type?: unknown; id?: unknown } };
  try {
    data = JSON.parse(chapter.category.text);
  } catch (error) {
    return [{ path, line: 1, message: `_category_.json is not valid JSON: ${(error as Error).message}`, fix: `write it as: ${example}` }];
  }
  const problems: Problem[] = [];
  const lineOf = (key: string) => {
    const index = chapter.category!.text.indexOf(`"${key}"`);
    return index < 0 ? 1 : chapter.category!.text.slice(0, index).split('\n').length;
  };
  if (data.position !== number) problems.push({ path, line: lineOf('position'), message: `"position" is ${JSON.stringify(data.position)}, but the folder is chapter ${number}`, fix: `set "position": ${number}, so that the sidebar follows the folders' order` });
  if (typeof data.label !== 'string' || !data.label.startsWith(`${chapter.folder.slice(0, 2)} `)) {
    problems.push({ path, line: lineOf('label'), message: `"label" ${JSON.stringify(data.label)} does not start with the chapter number`, fix: `set "label": "${chapter.folder.slice(0, 2)} <Short title>"` });
  }
  if (data.link?.type === 'doc') {
    const ids = chapter.pages.map((page) => `${slug}/${page.path.split('/').pop()!.replace(/\.mdx?$/, '').replace(/^\d+-/, '')}`);
    if (!ids.includes(String(data.link.id))) {
      problems.push({ path, line: lineOf('id'), message: `"link" points at doc ${JSON.stringify(data.link.id)}, which is not a page of this chapter`, fix: `set "id": "${slug}/index" (a doc id drops the folder's number)` });
    }
  }
  return problems;
};

// ---- Rules on examples ----------------------------------------------------------------------

/** Folders under examples/ that are not a chapter's: the kit and the test bench's examples. */
export const NON_CHAPTER_EXAMPLE_DIRS = ['sim', 'dogfooding'];

/**
 * Every example has a test beside it, belongs to a chapter, and is shown by some page.
 * `examplePaths` are files under examples/ relative to the root; `pages` are docs and dogfooding.
 */
export function exampleRules(examplePaths: readonly string[], pages: readonly MarkdownFile[], chapterFolders: readonly string[]): Problem[] {
  const files = new Set(examplePaths);
  const used = new Set(pages.flatMap((page) => playgroundsOf(page).map((p) => p.example)));
  const mentioned = pages.map((page) => page.text).join('\n');
  const problems: Problem[] = [];
  const misplaced = new Set<string>();
  for (const path of [...files].sort()) {
    const match = /^examples\/([^/]+)\/(.+)\.ts$/.exec(path);
    if (!match || path.endsWith('.test.ts') || path.endsWith('.d.ts')) continue;
    const [, folder, name] = match;
    if (folder === 'sim') continue;
    if (!NON_CHAPTER_EXAMPLE_DIRS.includes(folder) && !chapterFolders.includes(folder)) {
      if (!misplaced.has(folder)) {
        misplaced.add(folder);
        problems.push({ path, line: 1, message: `examples/${folder}/ has no chapter docs/${folder}/; examples mirror the chapters`, fix: `move it to examples/<NN-slug>/ of its chapter, e.g. examples/${chapterFolders[chapterFolders.length - 1] ?? '02-cluster'}/` });
      }
      continue;
    }
    const id = `${folder}/${name}`;
    if (!files.has(`examples/${id}.test.ts`)) {
      problems.push({ path, line: 1, message: `example ${id} has no test beside it`, fix: `add examples/${id}.test.ts that imports it and asserts every number a page quotes from it (see CONTRIBUTING.md, "Numbers in prose")` });
    }
    if (!used.has(id) && !mentioned.includes(`examples/${id}.ts`)) {
      problems.push({ path, line: 1, message: `example ${id} is not shown by any page in docs/ or dogfooding/`, fix: `add <Playground example="${id}" /> to ${NON_CHAPTER_EXAMPLE_DIRS.includes(folder) ? `a page in ${folder}/` : `docs/${folder}/index.mdx`}, or delete the example and its test` });
    }
  }
  return problems;
}

// ---- The whole repository -------------------------------------------------------------------

export const RULE_NAMES = [
  'pages parse as MDX',
  'front matter',
  'headings in order',
  'images have alt text',
  'no absolute links to the site',
  'Playgrounds name existing examples',
  'chapter has an index page',
  'chapter sidebar category',
  'chapter diagrams',
  'chapter Playgrounds',
  'examples have tests, a chapter and a page',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export interface LintReport {
  problems: Record<RuleName, Problem[]>;
  /** Chapters flagged `stage: outline`, exempt from the diagram and Playground counts. */
  outlineChapters: string[];
  chapters: string[];
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** The published site URL, read from docusaurus.config.ts so that the rule follows it. */
export function siteUrlOf(root: string): string {
  const config = readFileSync(join(root, 'docusaurus.config.ts'), 'utf8');
  const url = /SITE_URL\s*=\s*process\.env\.SITE_URL\s*\?\?\s*['"]([^'"]+)['"]/.exec(config)?.[1];
  if (!url) throw new Error('docusaurus.config.ts: cannot find `const SITE_URL = process.env.SITE_URL ?? \'https://...\'`; update siteUrlOf() in tests/content/lint-rules.ts');
  return url;
}

/** Runs every rule over the repository at `root`. */
export function lintRepository(root: string): LintReport {
  const read = (full: string): MarkdownFile => ({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
  const markdownIn = (dir: string) => walk(join(root, dir)).filter((f) => /\.mdx?$/.test(f)).sort().map(read);
  const docs = markdownIn('docs');
  const bench = markdownIn('dogfooding');
  const exampleFiles = walk(join(root, 'examples')).map((f) => relative(root, f).split('\\').join('/'));
  const exampleIds = new Set(exampleFiles.filter((f) => f.endsWith('.ts')).map((f) => f.replace(/^examples\//, '').replace(/\.ts$/, '')));

  const chapterFolders = readdirSync(join(root, 'docs'))
    .filter((name) => /^\d{2}-/.test(name) && statSync(join(root, 'docs', name)).isDirectory())
    .sort();
  const chapters: ChapterFiles[] = chapterFolders.map((folder) => {
    const categoryPath = join(root, 'docs', folder, '_category_.json');
    return {
      folder,
      pages: docs.filter((page) => page.path.startsWith(`docs/${folder}/`)),
      category: existsSync(categoryPath) ? read(categoryPath) : undefined,
    };
  });

  const siteLinks = siteLinksRule(siteUrlOf(root));
  const playgroundExamples = playgroundExamplesRule((id) => exampleIds.has(id));
  const problems: Record<RuleName, Problem[]> = {
    'pages parse as MDX': [...docs, ...bench].flatMap(mdxParsesRule),
    'front matter': docs.flatMap(frontMatterRule),
    'headings in order': docs.flatMap(headingsRule),
    'images have alt text': [...docs, ...bench].flatMap(imageAltRule),
    'no absolute links to the site': docs.flatMap(siteLinks),
    'Playgrounds name existing examples': [...docs, ...bench].flatMap(playgroundExamples),
    'chapter has an index page': chapters.flatMap(chapterIndexRule),
    'chapter sidebar category': chapters.flatMap(categoryRule),
    'chapter diagrams': chapters.flatMap(diagramsRule),
    'chapter Playgrounds': chapters.flatMap(playgroundCountRule),
    'examples have tests, a chapter and a page': exampleRules(exampleFiles, [...docs, ...bench], chapterFolders),
  };
  return { problems, outlineChapters: chapters.filter(isOutline).map((c) => c.folder), chapters: chapterFolders };
}

// ---- Diagrams have an accessible title and description ----------------------------------------

/**
 * Marks a diagram kept without `accTitle`/`accDescr` on purpose (a test bench case): a
 * `%% no-accessible-text: <why>` line inside the block.
 */
export const DIAGRAM_ACCESSIBILITY_EXEMPTION = /^\s*%%\s*no-accessible-text:\s*\S/m;

/**
 * Every ```mermaid block names itself for screen readers: Mermaid turns `accTitle:` into the
 * SVG's <title> and `accDescr` into its <desc>, and the page's diagram box takes its name and
 * its full-screen button's name from the title. Without them a reader hears "graphics document".
 */
export const diagramAccessibilityRule: PageRule = (file) =>
  fencedBlocks(file, 'mermaid').flatMap((block): Problem[] => {
    if (DIAGRAM_ACCESSIBILITY_EXEMPTION.test(block.code)) return [];
    const missing = [
      /^[ \t]*accTitle[ \t]*:[ \t]*\S/m.test(block.code) ? null : '`accTitle:`',
      /^[ \t]*accDescr[ \t]*(:[ \t]*\S|\{)/m.test(block.code) ? null : '`accDescr:`',
    ].filter((name): name is string => name !== null);
    if (missing.length === 0) return [];
    return [{
      path: file.path,
      line: block.line,
      message: `the Mermaid diagram has no ${missing.join(' or ')}, so a screen reader cannot say what it shows`,
      fix: 'add two lines after the diagram\'s first line (flowchart TB, sequenceDiagram...): `accTitle: <a short name>` and `accDescr: <one or two sentences saying what it shows>` (or `accDescr { ... }` over several lines)',
    }];
  });
