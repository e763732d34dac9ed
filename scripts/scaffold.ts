/**
 * The logic behind `npm run new:chapter` and `npm run new:example`: check the arguments, pick
 * the chapter number, render the files. Everything that does not touch the disk is a pure
 * function, so that scripts/scaffold.test.ts can check it on strings.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { factsOf } from '../src/figures/facts';

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

/** `pressure`, `hit-ratio` -> `hitRatio`: the name a page imports an example's facts as. */
export const factsName = (name: string): string => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

export function renderChapterPage(chapter: Chapter, title: string): string {
  const example = `${chapter.folder}/${STARTER_EXAMPLE}`;
  const f = factsName(STARTER_EXAMPLE);
  return `---
title: ${yamlString(title)}
description: ${yamlString(`${title.split(':')[0].trim()}: what forces this step, how the architecture answers it, and what it costs.`.slice(0, 160))}
sidebar_position: ${chapter.number}
keywords:
  - ${chapter.slug.replace(/-/g, ' ')}
  - architecture evolution
---

import ${f} from '@site/examples/${example}.ts?facts';

{/* Scaffolded by \`npm run new:chapter\`. Replace every sentence; keep the sections that fit
    (CONTRIBUTING.md lists them). Each {${f}.…} is a figure that examples/${example}.ts
    computes in its facts(): the build writes it in, so prose and example cannot disagree. */}

## Where you are

Say what the business looks like at this point before any technology: how many users, how much
traffic at the peak, how many engineers, how much money.

## The architecture

Draw the system at this phase and walk the reader through it, box by box. Diagrams are read on
phones: top to bottom, few boxes a row, short labels, and an accTitle and accDescr for screen
readers.

\`\`\`mermaid
flowchart TB
    accTitle: The architecture at this phase
    accDescr: Users reach a load balancer, which passes requests to the application, which reads and writes the database.
    U[Users] --> LB[Load balancer]
    LB --> A[Application]
    A --> DB[(Database)]
\`\`\`

## What starts to hurt

Show the pressure with a simulation the reader can run. Here one server takes requests at
random: at {${f}.lowLoad} utilisation a request takes {${f}.meanAtLow} on average, and at {${f}.highLoad} it
takes {${f}.meanAtHigh}: <Claim holds={${f}.latencyOutgrowsLoad}>the time a request takes grew faster than the
load</Claim>.

<Playground example="${example}" />

## Techniques

Each technique gets a diagram or a Playground, and its cost.

\`\`\`mermaid
sequenceDiagram
    accTitle: One request
    accDescr: The user sends a request to the application, which queries the database and answers with what it read.
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

Set \`UTILISATIONS\` to \`[0.5, 0.9, 0.99]\` and predict the mean response time at <Given>99%</Given> before
you press Run.

<Playground example="${example}" />

<details>
  <summary>Answer</summary>

The mean grows with 1 / (1 − utilisation): at <Given>99%</Given> it is about fifty times the figure at
<Given>50%</Given>, and it swings widely from one seed to the next because the queue rarely empties.

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

const percent = (share: number): string => \`\${Math.round(share * 100)}%\`;

/**
 * The figures the page shows, formatted as it shows them: the chapter writes
 * {${factsName(name)}.meanAtLow} and the build puts this value there.
 */
export function facts() {
  const [low, high] = UTILISATIONS.map((utilisation) => simulate(utilisation));
  return {
    lowLoad: percent(low.utilisation),
    highLoad: percent(high.utilisation),
    meanAtLow: \`\${low.meanMs} ms\`,
    meanAtHigh: \`\${high.meanMs} ms\`,
    /** The page claims it: the mean grows by a larger factor than the load does. */
    latencyOutgrowsLoad: high.meanMs / low.meanMs > high.utilisation / low.utilisation,
  };
}

export default function main(): void {
  const rows = UTILISATIONS.map((utilisation) => simulate(utilisation));
  show(
    table(
      ['utilisation', 'requests', 'mean ms', 'p99 ms'],
      rows.map((row) => [percent(row.utilisation), row.requests, row.meanMs, row.p99Ms]),
      'One server, requests arriving at random',
    ),
  );
}
`;
}

export function renderExampleTest(chapter: Chapter, name: string): string {
  return `import { describe, expect, it } from 'vitest';
import { captureShown, mm1MeanResponseMs } from '../sim';
import main, { MEAN_SERVICE_MS, UTILISATIONS, facts, simulate } from './${name}';

// The page shows the figures of facts(); these tests check the example behaves as the page says.
describe('${chapter.folder}/${name}: one server under random arrivals', () => {
  it('agrees with the M/M/1 formula S / (1 − ρ) within 10%', () => {
    for (const utilisation of UTILISATIONS) {
      const theory = mm1MeanResponseMs((utilisation * 1000) / MEAN_SERVICE_MS, MEAN_SERVICE_MS);
      expect(Math.abs(simulate(utilisation).meanMs / theory - 1)).toBeLessThan(0.1);
    }
  });

  it('holds the claim the page makes: the mean grows faster than the load', () => {
    expect(facts().latencyOutgrowsLoad).toBe(true);
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

/** Runs the fresh example's facts() once, as the build will: a starter that cannot run is refused. */
export async function checkStarter(root: string, example: string): Promise<void> {
  await factsOf(example, root);
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
    await checkStarter(root, `${chapter.folder}/${STARTER_EXAMPLE}`);
    created.push(
      writeNew(root, `examples/${chapter.folder}/${STARTER_EXAMPLE}.test.ts`, renderExampleTest(chapter, STARTER_EXAMPLE)),
      writeNew(root, pagePath, renderChapterPage(chapter, title)),
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
    await checkStarter(root, `${chapter.folder}/${name}`);
    return [...files, writeNew(root, testPath, renderExampleTest(chapter, name))];
  });
  // An example no page shows fails the content lint, so show it at once; the writer moves it.
  const page = insertPlayground(readFileSync(join(root, pagePath), 'utf8'), `${chapter.folder}/${name}`);
  writeFileSync(join(root, pagePath), page.text);
  return { created, playground: `${pagePath}:${page.line}` };
}
