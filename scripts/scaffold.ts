/**
 * The logic behind `npm run new:chapter` and `npm run new:example`: check the arguments, pick
 * the chapter number, render the files. Everything that does not touch the disk is a pure
 * function, so that scripts/scaffold.test.ts can check it on strings.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A mistake in the arguments; the CLI prints the message and exits with code 1. */
export class ScaffoldError extends Error {}

export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The example a new chapter starts with: it shows the chapter's pressure. */
export const STARTER_EXAMPLE = 'pressure';
/** Folders under docs/ and examples/ that are not chapters. */
const RESERVED_SLUGS = ['reference', 'sim', 'dogfooding'];

export interface Chapter {
  /** The folder name under docs/ and examples/, e.g. `02-cluster`. */
  folder: string;
  number: number;
  /** The folder name without its number: the chapter's address, `/docs/<slug>/`. */
  slug: string;
}

/** The numbers the starter example prints, which the new page quotes and the new test asserts. */
export interface StarterNumbers {
  /** Mean response time in ms at the two utilisations of the example, rounded as printed. */
  meanMsAtHalf: number;
  meanMsAtNinety: number;
}

export function parseChapterFolder(name: string): Chapter | undefined {
  const match = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(name);
  return match ? { folder: name, number: Number(match[1]), slug: match[2] } : undefined;
}

/** The chapters of the book: the numbered folders of docs/, in order. */
export function listChapters(root: string): Chapter[] {
  const docs = join(root, 'docs');
  return readdirSync(docs)
    .filter((name) => statSync(join(docs, name)).isDirectory())
    .map(parseChapterFolder)
    .filter((chapter): chapter is Chapter => chapter !== undefined)
    .sort((a, b) => a.number - b.number);
}

/** One more than the highest number in use, so a new chapter lands at the end of the book. */
export function nextChapterNumber(chapters: readonly Chapter[]): number {
  return chapters.reduce((highest, chapter) => Math.max(highest, chapter.number + 1), 0);
}

export const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** `Load_Balancing` → `load-balancing`: offered in the error message, never applied silently. */
export function toKebabCase(text: string): string {
  return text
    .replace(/\.test\.ts$|\.ts$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const CHAPTER_USAGE = 'Usage: npm run new:chapter -- <slug> "<Title>"   e.g. npm run new:chapter -- edge-computing "Edge computing"';
export const EXAMPLE_USAGE = 'Usage: npm run new:example -- <chapter> <name>   e.g. npm run new:example -- 02-cluster sticky-sessions';

/** Checks `new:chapter`'s arguments against the chapters that exist; returns the slug and title. */
export function validateChapterArgs(args: readonly string[], chapters: readonly Chapter[]): { slug: string; title: string } {
  const [slug, title, ...extra] = args;
  if (!slug) throw new ScaffoldError(`no slug given.\n${CHAPTER_USAGE}`);
  const numbered = /^(\d+)-(.+)$/.exec(slug);
  if (numbered && KEBAB_CASE.test(numbered[2])) {
    throw new ScaffoldError(`give the slug without its number ("${numbered[2]}", not "${slug}"): the scaffold picks the next free number.\n${CHAPTER_USAGE}`);
  }
  if (!KEBAB_CASE.test(slug)) {
    const suggestion = toKebabCase(slug);
    throw new ScaffoldError(
      `slug "${slug}" is not kebab-case: use lowercase letters and digits joined by hyphens${suggestion ? `, e.g. "${suggestion}"` : ''}.\n${CHAPTER_USAGE}`,
    );
  }
  if (RESERVED_SLUGS.includes(slug)) throw new ScaffoldError(`slug "${slug}" is reserved (docs/${slug} or examples/${slug} is not a chapter); choose another.`);
  const taken = chapters.find((chapter) => chapter.slug === slug);
  if (taken) throw new ScaffoldError(`chapter "${slug}" exists already: docs/${taken.folder}/. Choose another slug, or add pages to that chapter.`);
  if (title === undefined || title.trim() === '') {
    throw new ScaffoldError(`no title given: quote it after the slug.\n${CHAPTER_USAGE}`);
  }
  if (extra.length > 0) throw new ScaffoldError(`unexpected arguments after the title: ${extra.join(' ')}. Quote a title that has spaces.\n${CHAPTER_USAGE}`);
  return { slug, title: title.trim() };
}

/**
 * Checks `new:example`'s arguments. The chapter may be given as its folder (`02-cluster`), its
 * slug (`cluster`) or its number (`02`); the name must be new and kebab-case.
 */
export function validateExampleArgs(
  args: readonly string[],
  chapters: readonly Chapter[],
  exampleExists: (chapter: Chapter, name: string) => boolean,
): { chapter: Chapter; name: string } {
  const [chapterArg, name, ...extra] = args;
  if (!chapterArg) throw new ScaffoldError(`no chapter given.\n${EXAMPLE_USAGE}`);
  const chapter = chapters.find(
    (c) => c.folder === chapterArg || c.slug === chapterArg || (/^\d+$/.test(chapterArg) && c.number === Number(chapterArg)),
  );
  if (!chapter) {
    throw new ScaffoldError(`unknown chapter "${chapterArg}". The chapters are: ${chapters.map((c) => c.folder).join(', ')}.\n${EXAMPLE_USAGE}`);
  }
  if (!name) throw new ScaffoldError(`no example name given.\n${EXAMPLE_USAGE}`);
  if (!KEBAB_CASE.test(name)) {
    const suggestion = toKebabCase(name);
    throw new ScaffoldError(
      `example name "${name}" is not kebab-case: use lowercase letters and digits joined by hyphens, without ".ts"${suggestion ? `, e.g. "${suggestion}"` : ''}.\n${EXAMPLE_USAGE}`,
    );
  }
  if (exampleExists(chapter, name)) {
    throw new ScaffoldError(`example examples/${chapter.folder}/${name}.ts exists already. Choose another name, or edit that one.`);
  }
  if (extra.length > 0) throw new ScaffoldError(`unexpected arguments after the name: ${extra.join(' ')}.\n${EXAMPLE_USAGE}`);
  return { chapter, name };
}

/** The sidebar label: the number, then the title up to its colon ("08 Edge computing"). */
export function categoryLabel(number: number, title: string): string {
  return `${twoDigits(number)} ${title.split(':')[0].trim()}`;
}

/** `sticky-sessions` → `Sticky sessions`. */
const inWords = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1).replace(/-/g, ' ');

/** A YAML string: JSON's double-quoted strings are valid YAML. */
const yamlString = (text: string): string => JSON.stringify(text);

export function renderCategory(chapter: Chapter, title: string): string {
  const category = {
    label: categoryLabel(chapter.number, title),
    position: chapter.number,
    link: { type: 'doc', id: `${chapter.slug}/index` },
  };
  return `${JSON.stringify(category, null, 2)}\n`;
}

export function renderChapterPage(chapter: Chapter, title: string, numbers: StarterNumbers): string {
  const example = `${chapter.folder}/${STARTER_EXAMPLE}`;
  return `---
title: ${yamlString(title)}
description: ${yamlString(`${title.split(':')[0].trim()}: what forces this step, how the architecture answers it, and what it costs.`.slice(0, 160))}
sidebar_position: ${chapter.number}
keywords:
  - ${chapter.slug.replace(/-/g, ' ')}
  - architecture evolution
---

{/* Scaffolded by \`npm run new:chapter\`. Replace every sentence; keep the sections that fit
    (CONTRIBUTING.md lists them). The numbers under "What starts to hurt" come from
    examples/${example}.ts and its test asserts them: change them together. */}

## Where you are

Say what the business looks like at this point before any technology: how many users, how much
traffic at the peak, how many engineers, how much money.

## The architecture

Draw the system at this phase and walk the reader through it, box by box.

\`\`\`mermaid
flowchart LR
    U[Users] --> LB[Load balancer]
    LB --> A[Application]
    A --> DB[(Database)]
\`\`\`

## What starts to hurt

Show the pressure with a simulation the reader can run. Here one server takes requests at
random: at 50% utilisation a request takes ${numbers.meanMsAtHalf} ms on average, and at 90% it takes
${numbers.meanMsAtNinety} ms, although the load grew by less than double.

<Playground example="${example}" />

## Techniques

Each technique gets a diagram or a Playground, and its cost.

\`\`\`mermaid
sequenceDiagram
    participant U as User
    participant A as Application
    participant DB as Database
    U->>A: request
    A->>DB: query
    DB-->>A: rows
    A-->>U: response
\`\`\`

## Security at this phase

What an attacker does to a system of this shape, and the first defences.

## Principles

- Short, practical rules a reader can apply on Monday.

## Signs you have outgrown it

- The measured signals that lead to the next step.

## Try this

Set \`UTILISATIONS\` to \`[0.5, 0.9, 0.99]\` and predict the mean response time at 99% before you
press Run.

<Playground example="${example}" />

<details>
  <summary>Answer</summary>

The mean grows with 1 / (1 − utilisation): at 99% it is about fifty times the figure at 50%,
and it swings widely from one seed to the next because the queue rarely empties.

</details>

## Further reading

- Public sources only: papers, books, official documentation.
`;
}

export function renderExample(chapter: Chapter, name: string): string {
  return `/**
 * ${inWords(name)}: one server, requests arriving at random, and how long they take.
 *
 * A starting point for the ${chapter.folder} chapter: replace the simulation with the
 * mechanism the page explains. Keep the shape: the tunables at the top, a function the test
 * calls, and a default export that shows what the page quotes.
 */
import { OpenLoad, Random, Server, Simulation, show, table } from '../sim';

export const MEAN_SERVICE_MS = 10; // one request keeps the server busy for 10 ms on average
export const WORKERS = 1;
export const UTILISATIONS = [0.5, 0.9]; // arrival rate as a share of what the server can serve
export const SIMULATED_MS = 600_000; // ten minutes of virtual time
export const SEED = 1;

export interface Row {
  utilisation: number;
  requests: number;
  /** Rounded to whole milliseconds, as the table prints it and the page quotes it. */
  meanMs: number;
  p99Ms: number;
}

/** Runs the server at one utilisation and measures the response times its clients see. */
export function simulate(utilisation: number, seed = SEED): Row {
  const sim = new Simulation();
  const random = new Random(seed);
  const server = new Server(sim, { workers: WORKERS, serviceTime: () => random.exponential(MEAN_SERVICE_MS) });
  const ratePerSecond = (utilisation * WORKERS * 1000) / MEAN_SERVICE_MS;
  const clients = new OpenLoad(sim, { target: server, random, ratePerSecond, stopAtMs: SIMULATED_MS });
  sim.run();
  return {
    utilisation,
    requests: clients.stats.ok.count,
    meanMs: Math.round(clients.stats.latency.mean),
    p99Ms: Math.round(clients.stats.latency.percentile(99)),
  };
}

export default function main(): void {
  const rows = UTILISATIONS.map((utilisation) => simulate(utilisation));
  show(
    table(
      ['utilisation', 'requests', 'mean ms', 'p99 ms'],
      rows.map((row) => [\`\${Math.round(row.utilisation * 100)}%\`, row.requests, row.meanMs, row.p99Ms]),
      'One server, requests arriving at random',
    ),
  );
}
`;
}

export function renderExampleTest(chapter: Chapter, name: string, numbers: StarterNumbers, quotedIn?: string): string {
  const where = quotedIn ? `${quotedIn} quotes these numbers` : 'quote these numbers in the page exactly as printed';
  return `import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import main, { UTILISATIONS, simulate } from './${name}';

// ${where}: when the example changes, update both together.
describe('${chapter.folder}/${name}: one server under random arrivals', () => {
  it('takes ${numbers.meanMsAtHalf} ms on average at 50% utilisation', () => {
    expect(simulate(0.5).meanMs).toBe(${numbers.meanMsAtHalf});
  });

  it('takes ${numbers.meanMsAtNinety} ms on average at 90% utilisation', () => {
    expect(simulate(0.9).meanMs).toBe(${numbers.meanMsAtNinety});
  });

  it('shows one table row per utilisation', async () => {
    const shown = await captureShown(main);
    expect(shown.map((value) => value.kind)).toEqual(['table']);
    expect(shown[0].rows).toHaveLength(UTILISATIONS.length);
  });
});
`;
}

/** Where `new:example` puts the new Playground: the end of "Techniques", else before "Further reading", else the end. */
export function insertPlayground(page: string, example: string): { text: string; line: number } {
  const block = [
    `{/* Added by \`npm run new:example\`: move it where the prose needs it, and say what to notice. */}`,
    `<Playground example="${example}" />`,
    '',
  ];
  const lines = page.split('\n');
  const techniques = lines.findIndex((line) => /^## Techniques\s*$/.test(line));
  let at = techniques >= 0 ? lines.findIndex((line, i) => i > techniques && /^## /.test(line)) : -1;
  if (at < 0) at = lines.findIndex((line) => /^## Further reading\s*$/.test(line));
  if (at < 0) {
    if (lines[lines.length - 1] === '') lines.pop();
    lines.push('', ...block);
    return { text: lines.join('\n'), line: lines.length - 1 };
  }
  lines.splice(at, 0, ...block);
  return { text: lines.join('\n'), line: at + 2 };
}

// ---- On disk -------------------------------------------------------------------------------

function repositoryRoot(root: string): string {
  if (!existsSync(join(root, 'docs')) || !existsSync(join(root, 'examples'))) {
    throw new ScaffoldError(`run this from the repository root (no docs/ and examples/ in ${root}).`);
  }
  return root;
}

function writeNew(root: string, path: string, text: string): string {
  const full = join(root, path);
  if (existsSync(full)) throw new ScaffoldError(`${path} exists already; nothing was overwritten.`);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return path;
}

/** Runs the freshly written example to learn the numbers its page and test will quote. */
export async function measureStarter(examplePath: string): Promise<StarterNumbers> {
  const module = await import(pathToFileURL(examplePath).href);
  // tsx may load a TypeScript file as CommonJS, which wraps the module once more.
  const simulate = (module.simulate ?? module.default?.simulate) as (utilisation: number) => { meanMs: number };
  return { meanMsAtHalf: simulate(0.5).meanMs, meanMsAtNinety: simulate(0.9).meanMs };
}

/** `npm run new:chapter -- <slug> "<Title>"`; returns the files it created, relative to root. */
export async function newChapter(rootDir: string, args: readonly string[]): Promise<string[]> {
  const root = repositoryRoot(rootDir);
  const chapters = listChapters(root);
  const { slug, title } = validateChapterArgs(args, chapters);
  const number = nextChapterNumber(chapters);
  if (number > 99) throw new ScaffoldError('the book has 100 chapters already; chapter numbers have two digits.');
  const chapter: Chapter = { folder: `${twoDigits(number)}-${slug}`, number, slug };
  for (const dir of [`docs/${chapter.folder}`, `examples/${chapter.folder}`]) {
    if (existsSync(join(root, dir))) throw new ScaffoldError(`${dir}/ exists already; remove it or choose another slug.`);
  }
  const examplePath = `examples/${chapter.folder}/${STARTER_EXAMPLE}.ts`;
  const pagePath = `docs/${chapter.folder}/index.mdx`;
  return undoOnFailure(root, [`docs/${chapter.folder}`, `examples/${chapter.folder}`], async () => {
    const created = [writeNew(root, examplePath, renderExample(chapter, STARTER_EXAMPLE))];
    const numbers = await measureStarter(join(root, examplePath));
    created.push(
      writeNew(root, `examples/${chapter.folder}/${STARTER_EXAMPLE}.test.ts`, renderExampleTest(chapter, STARTER_EXAMPLE, numbers, pagePath)),
      writeNew(root, pagePath, renderChapterPage(chapter, title, numbers)),
      writeNew(root, `docs/${chapter.folder}/_category_.json`, renderCategory(chapter, title)),
    );
    return created;
  });
}

/** If the starter example cannot run (a broken kit, say), leave no half-made chapter behind. */
async function undoOnFailure<T>(root: string, paths: string[], make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (error) {
    for (const path of paths) rmSync(join(root, path), { recursive: true, force: true });
    throw error;
  }
}

/** `npm run new:example -- <chapter> <name>`; returns the files it created or changed. */
export async function newExample(rootDir: string, args: readonly string[]): Promise<{ created: string[]; playground: string }> {
  const root = repositoryRoot(rootDir);
  const exists = (chapter: Chapter, name: string) =>
    existsSync(join(root, 'examples', chapter.folder, `${name}.ts`)) || existsSync(join(root, 'examples', chapter.folder, `${name}.test.ts`));
  const { chapter, name } = validateExampleArgs(args, listChapters(root), exists);
  const pagePath = `docs/${chapter.folder}/index.mdx`;
  if (!existsSync(join(root, pagePath))) throw new ScaffoldError(`${pagePath} is missing, so the example would have no page to show it.`);
  const examplePath = `examples/${chapter.folder}/${name}.ts`;
  const testPath = `examples/${chapter.folder}/${name}.test.ts`;
  const created = await undoOnFailure(root, [examplePath, testPath], async () => {
    const files = [writeNew(root, examplePath, renderExample(chapter, name))];
    const numbers = await measureStarter(join(root, examplePath));
    return [...files, writeNew(root, testPath, renderExampleTest(chapter, name, numbers))];
  });
  // An example no page shows fails the content lint, so show it at once; the writer moves it.
  const page = insertPlayground(readFileSync(join(root, pagePath), 'utf8'), `${chapter.folder}/${name}`);
  writeFileSync(join(root, pagePath), page.text);
  return { created, playground: `${pagePath}:${page.line}` };
}
