/**
 * The figures lint: a measured figure typed into a chapter's prose (a decimal, a percentage, a
 * duration, a rate, a size, a price) must be bound to the example that produces it,
 * `{nines.singleNode}`, or marked as not produced by any example: `<Cited>` for a figure from a
 * source under "Further reading", `<Given>` for an assumed input or a definition. Plain counts
 * ("six nodes", "1 in 100") and version numbers ("TLS 1.3") are not figures.
 *
 * When a typed figure is close to a fact of an example the page imports or shows, the problem
 * says which: "02-cluster/nines gives singleNode = 99.010%".
 */
import { createProcessor } from '@mdx-js/mdx';
import { exampleOfImport, factsOf, type ExampleFacts } from '../../src/figures/facts';
import { playgroundsOf, type Problem } from './lint-rules';
import type { MarkdownFile } from './markdown-files';

interface Node {
  type: string;
  name?: string | null;
  value?: string;
  depth?: number;
  children?: Node[];
  position?: { start: { line: number; offset?: number } };
}

const TIME = String.raw`ns|µs|us|ms|s|sec|secs|seconds?|minutes?|mins?|hours?|h|days?|weeks?|months?|years?`;
const RATE = String.raw`req\/s|q\/s|rps|qps|(?:requests?|queries|messages|events|calls|writes|reads|logins|orders)(?: (?:per|a|an|each) (?:second|minute|hour|day|month|year))`;
const SIZE = String.raw`[KMGTP]i?B|[kKMGT]?bit\/s|[kKMGT]?B\/s|bytes?|GHz|MHz`;
const MONEY = String.raw`dollars?|USD|EUR|cents?`;
/** What makes a number a measured figure rather than a count. */
export const UNIT_PATTERN = String.raw`(?:%|×|(?:${RATE})|(?:(?:${TIME}|${SIZE}|${MONEY})(?![\w/])))`;
const NUMBER = String.raw`\d(?:[\d,]*\d)?(?:\.\d+)?`;
/** A number, a range of two, an optional unit: `5.5 s`, `6–12 req/s`, `$1,200`, `99.9%`. */
const FIGURE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_./\\-])(\$)?(${NUMBER})(?:\s?(?:–|-|to)\s?\$?(${NUMBER}))?(?:[\s\u00a0\u202f]?(${UNIT_PATTERN}))?`,
  'gu',
);

export interface TypedFigure {
  line: number;
  /** As written: `99.110%`. */
  text: string;
  /** Its (first) number: 99.11. */
  value: number;
}

const parser = createProcessor({ format: 'mdx' });

/** The page as a Markdown tree, with the front matter blanked (line numbers kept). */
export function parseMdx(text: string): Node {
  const blanked = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, (block) => block.replace(/[^\n]/g, ' '));
  return parser.parse(blanked) as unknown as Node;
}

/** Text the lint does not read: code, marked figures, headings, and the Further reading section. */
const SKIPPED = new Set(['inlineCode', 'code', 'mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'heading', 'yaml', 'html']);
const MARKED = new Set(['Cited', 'Given']);

/** Every measured figure typed into the page's prose (not bound, not marked). */
export function typedFigures(text: string): TypedFigure[] {
  const tree = parseMdx(text);
  const found: TypedFigure[] = [];
  let inFurtherReading = false;
  const visit = (node: Node) => {
    if (node.type === 'heading' && node.depth === 2) inFurtherReading = /^further reading$/i.test(plainText(node).trim());
    if (SKIPPED.has(node.type) || inFurtherReading) return;
    if ((node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && MARKED.has(node.name ?? '')) return;
    if (node.type === 'text' && node.value) {
      found.push(...figuresInText(node.value, node.position?.start.line ?? 1));
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return found;
}

/** The figures in one run of text that starts at `firstLine`. */
export function figuresInText(value: string, firstLine = 1): TypedFigure[] {
  const found: TypedFigure[] = [];
  for (const match of value.matchAll(FIGURE)) {
    const [whole, dollar, first, second, unit] = match;
    const isDecimal = first.includes('.') || (second ?? '').includes('.');
    if (!dollar && !unit && !isDecimal) continue; // a count: "six nodes", "1 in 100"
    const after = value.slice(match.index + whole.length);
    if (!unit && /^[A-Za-z]/.test(after)) continue; // "4xx", "3rd", "2D"
    // A version: "TLS 1.3", "Kafka 3.9", "Node 20.18" (a decimal right after a capitalised word).
    if (!unit && !dollar && /\b\p{Lu}[\p{L}\p{N}+#-]*\s$/u.test(value.slice(0, match.index))) continue;
    found.push({
      line: firstLine + value.slice(0, match.index).split('\n').length - 1,
      text: whole.trim(),
      value: Number(first.replace(/,/g, '')),
    });
  }
  return found;
}

function plainText(node: Node): string {
  return node.type === 'text' || node.type === 'inlineCode' ? String(node.value ?? '') : (node.children ?? []).map(plainText).join('');
}

/** The examples a page binds figures to (its `?facts` imports) or shows in a Playground. */
export function examplesOfPage(file: MarkdownFile): { imports: Map<string, string>; shown: string[] } {
  const imports = new Map<string, string>();
  for (const match of file.text.matchAll(/^import\s+(\w+)\s+from\s+['"]([^'"]+\?facts)['"]/gm)) {
    const example = exampleOfImport(match[2]);
    if (example) imports.set(match[1], example);
  }
  const shown = playgroundsOf(file).flatMap((use) => (use.example ? [use.example] : []));
  return { imports, shown };
}

/** The first number in a fact's text: `99.010%` -> 99.01, `1,417 min` -> 1417. */
export function numberIn(text: string): number | undefined {
  const match = /-?\d(?:[\d,]*\d)?(?:\.\d+)?/.exec(text);
  return match ? Number(match[0].replace(/,/g, '')) : undefined;
}

export interface NearestFact {
  example: string;
  /** The name the page imports it as, if it does. */
  binding?: string;
  fact: string;
  value: string;
}

/** The fact whose number is nearest the typed figure's, within 10 %; undefined if none is. */
export function nearestFact(figure: TypedFigure, facts: ExampleFacts[], bindings: Map<string, string>): NearestFact | undefined {
  let best: (NearestFact & { distance: number }) | undefined;
  for (const { example, values } of facts) {
    for (const [fact, value] of Object.entries(values)) {
      if (typeof value !== 'string') continue;
      const number = numberIn(value);
      if (number === undefined) continue;
      const scale = Math.max(Math.abs(number), Math.abs(figure.value), 1e-9);
      // The same text wins outright; then the nearest number.
      const distance = value === figure.text ? -1 : Math.abs(number - figure.value) / scale;
      if (distance <= 0.1 && (!best || distance < best.distance)) {
        const binding = [...bindings].find(([, bound]) => bound === example)?.[0];
        best = { example, binding, fact, value, distance };
      }
    }
  }
  if (!best) return undefined;
  const { distance: _distance, ...nearest } = best;
  return nearest;
}

/** `02-cluster/stale-reads` -> `staleReads`: the name a page imports an example's facts as. */
export const bindingNameOf = (example: string): string => example.split('/').pop()!.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * One problem per typed figure of the page, each saying which fact it probably is. `siteDir`
 * holds `examples/`; examples without `facts()` are skipped when looking for the nearest fact.
 */
export async function figureProblems(file: MarkdownFile, siteDir: string): Promise<Problem[]> {
  const figures = typedFigures(file.text);
  if (figures.length === 0) return [];
  const { imports, shown } = examplesOfPage(file);
  const facts: ExampleFacts[] = [];
  for (const example of new Set([...imports.values(), ...shown])) {
    try {
      facts.push(await factsOf(example, siteDir));
    } catch {
      // no facts() yet, or broken: the build and figures.test.ts report that separately
    }
  }
  return figures.map((figure) => {
    const nearest = nearestFact(figure, facts, imports);
    if (nearest) {
      const name = nearest.binding ?? bindingNameOf(nearest.example);
      const importLine = nearest.binding ? '' : ` (after import ${name} from '@site/examples/${nearest.example}.ts?facts')`;
      return {
        path: file.path,
        line: figure.line,
        message: `the figure "${figure.text}" is typed, not bound: ${nearest.example} gives ${nearest.fact} = ${nearest.value}`,
        fix: `write {${name}.${nearest.fact}}${importLine}; or, if it is not that example's figure, bind it to the one that produces it`,
      };
    }
    return {
      path: file.path,
      line: figure.line,
      message: `the figure "${figure.text}" is typed, not bound to an example`,
      fix: `bind it: add it to an example's facts() and write {example.fact}; or mark it: <Cited>${figure.text}</Cited> for a figure from a source under Further reading, <Given>${figure.text}</Given> for an assumed input or a definition`,
    };
  });
}
