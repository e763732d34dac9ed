/**
 * Figures in the prose bound to the examples that produce them. A chapter writes
 *
 *   import nines from '@site/examples/02-cluster/nines.ts?facts';
 *
 *   A single node is up {nines.singleNode} of the time.
 *   <Claim holds={saturation.fastBeatsSlow}>One fast worker beats four slow ones.</Claim>
 *   AWS quotes <Cited>under 1%</Cited> of invocations as cold; we assume <Given>100,000</Given> users.
 *
 * and at build time this plugin runs each example's `facts()` (src/figures/facts.ts), puts every
 * `{name.fact}` into the text, checks every `<Claim holds={...}>` is true, and unwraps `<Claim>`,
 * `<Cited>` and `<Given>` into their plain text. The import line is removed: nothing of this
 * reaches the reader's browser but the text. A fact that does not exist, a claim that does not
 * hold, or an example that fails fails the build with the MDX file and line.
 */
import { FactsError, exampleOfImport, factsOf, siteDirOf, type ExampleFacts } from '../figures/facts';

interface Node {
  type: string;
  name?: string | null;
  value?: unknown;
  children?: Node[];
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start: { line: number; column: number } };
  data?: { estree?: Program };
  [key: string]: unknown;
}

interface Program {
  type: 'Program';
  body: Statement[];
}

interface Statement {
  type: string;
  source?: { value?: unknown };
  specifiers?: { type: string; local: { name: string } }[];
  expression?: Expression;
}

interface Expression {
  type: string;
  name?: string;
  computed?: boolean;
  object?: Expression;
  property?: Expression;
  [key: string]: unknown;
}

interface VFileLike {
  path?: string;
  fail(reason: string, place?: unknown): never;
}

export interface FiguresRemarkOptions {
  /** Folder holding `examples/`; by default the nearest folder above the MDX file with a package.json. */
  siteDir?: string;
}

/** Components this plugin turns into plain text. */
export const FIGURE_ELEMENTS = ['Claim', 'Cited', 'Given'] as const;

export default function remarkFigures(options: FiguresRemarkOptions = {}) {
  return async (tree: Node, file: VFileLike) => {
    const where = (node: Node) => `${file.path ?? 'MDX'}:${node.position?.start.line ?? '?'}`;
    const fail = (node: Node, message: string): never => file.fail(`${where(node)}: ${message}`, node.position);

    // 1. The facts imports: `import nines from '@site/examples/02-cluster/nines.ts?facts'`.
    const bindings = new Map<string, { example: string; node: Node }>();
    for (const node of tree.children ?? []) {
      if (node.type !== 'mdxjsEsm' || !node.data?.estree) continue;
      const program = node.data.estree;
      program.body = program.body.filter((statement) => {
        const source = statement.type === 'ImportDeclaration' ? statement.source?.value : undefined;
        if (typeof source !== 'string' || !source.endsWith('?facts')) return true;
        const example = exampleOfImport(source);
        if (!example) {
          fail(node, `\`${source}\` is not an example: write import name from '@site/examples/<chapter>/<example>.ts?facts'`);
        }
        const specifier = statement.specifiers ?? [];
        if (specifier.length !== 1 || specifier[0].type !== 'ImportDefaultSpecifier') {
          fail(node, `import the facts of ${example} with one default name: import ${example!.split('/').pop()!.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())} from '${source}'`);
        }
        bindings.set(specifier[0].local.name, { example: example!, node });
        return false;
      });
    }
    tree.children = (tree.children ?? []).filter((node) => node.type !== 'mdxjsEsm' || (node.data?.estree?.body.length ?? 1) > 0);
    const siteDir = options.siteDir ?? siteDirOf(file.path ? file.path.replace(/[/\\][^/\\]*$/, '') : process.cwd());

    // 2. Their values, each example run once (and cached on disk by its source and the kit's).
    const facts = new Map<string, ExampleFacts>();
    for (const [name, { example, node }] of bindings) {
      try {
        facts.set(name, await factsOf(example, siteDir));
      } catch (error) {
        if (error instanceof FactsError) fail(node, error.message);
        throw error;
      }
    }

    const lookup = (node: Node, expression: Expression | undefined, as: 'text' | 'claim'): string | boolean => {
      const member = expression?.type === 'MemberExpression' && !expression.computed ? expression : undefined;
      const name = member?.object?.type === 'Identifier' ? member.object.name! : undefined;
      const key = member?.property?.type === 'Identifier' ? member.property.name! : undefined;
      if (!name || !key || !bindings.has(name)) {
        const used = usesBinding(expression, bindings);
        if (used) fail(node, `write a figure as {${used}.<fact>}: only a plain {name.fact} can be bound to an example`);
        return '';
      }
      const known = facts.get(name)!;
      const value = known.values[key];
      if (value === undefined) {
        fail(node, `examples/${known.example}.ts has no fact \`${key}\`; its facts() gives: ${Object.keys(known.values).join(', ') || 'nothing'}`);
      }
      if (as === 'text' && typeof value === 'boolean') {
        fail(node, `{${name}.${key}} is a yes/no fact (${value}): wrap the sentence it supports in <Claim holds={${name}.${key}}>…</Claim>`);
      }
      if (as === 'claim' && typeof value !== 'boolean') {
        fail(node, `<Claim holds={${name}.${key}}> needs a yes/no fact, but ${known.example} gives ${key} = ${JSON.stringify(value)}`);
      }
      return value;
    };

    // 3. Every expression and figure element, replaced by text.
    const visit = (parent: Node) => {
      const children = parent.children;
      if (!children) return;
      for (let i = 0; i < children.length; i++) {
        const node = children[i];
        if ((node.type === 'mdxTextExpression' || node.type === 'mdxFlowExpression') && node.data?.estree) {
          const statement = node.data.estree.body[0];
          const value = lookup(node, statement?.expression, 'text');
          if (value !== '') children[i] = { type: 'text', value, position: node.position };
          continue;
        }
        if ((node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && FIGURE_ELEMENTS.includes(node.name as never)) {
          if (node.name === 'Claim') checkClaim(node);
          else if ((node.attributes ?? []).length > 0) fail(node, `<${node.name}> takes no attributes: it only marks its text`);
          visit(node);
          // Its children take its place: <Claim>, <Cited> and <Given> leave only their text.
          children.splice(i, 1, ...(node.children ?? []));
          i += (node.children?.length ?? 0) - 1;
          continue;
        }
        for (const attribute of node.attributes ?? []) {
          const estree = (attribute.value as { data?: { estree?: Program } } | undefined)?.data?.estree;
          const used = usesBinding(estree, bindings);
          if (used) fail(node, `the facts of ${bindings.get(used)!.example} can be used in text as {${used}.<fact>} or in <Claim holds={${used}.<fact>}>, not in an attribute of <${node.name}>`);
        }
        visit(node);
      }
      // A sentence whose figures were filled in reads as one text again.
      parent.children = children.reduce<Node[]>((merged, node) => {
        const last = merged[merged.length - 1];
        if (node.type === 'text' && last?.type === 'text') last.value = `${String(last.value)}${String(node.value)}`;
        else merged.push(node);
        return merged;
      }, []);
    };

    const checkClaim = (node: Node) => {
      const holds = (node.attributes ?? []).find((attribute) => attribute.name === 'holds');
      const estree = (holds?.value as { data?: { estree?: Program } } | undefined)?.data?.estree;
      const expression = estree?.body[0]?.expression;
      if (!expression) fail(node, '<Claim> needs holds={example.fact}: a yes/no fact of an example that says the sentence is true');
      const value = lookup(node, expression, 'claim');
      if (value === '') fail(node, '<Claim holds={...}> must name a fact of an imported example, e.g. holds={saturation.fastBeatsSlow}');
      if (value !== true) {
        const name = `${expression!.object!.name}.${expression!.property!.name}`;
        fail(node, `the claim "${textOf(node).trim()}" does not hold: ${bindings.get(expression!.object!.name!)!.example} gives ${name} = false. Change the sentence or the example`);
      }
    };

    visit(tree);
  };
}

/** The name of a facts import the expression mentions anywhere, if any. */
function usesBinding(expression: unknown, bindings: Map<string, unknown>): string | undefined {
  if (!expression || typeof expression !== 'object') return undefined;
  const node = expression as Expression;
  if (node.type === 'Identifier' && node.name && bindings.has(node.name)) return node.name;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'loc' || key === 'range' || key === 'position') continue;
    const list = Array.isArray(child) ? child : [child];
    for (const item of list) {
      const found = usesBinding(item, bindings);
      if (found) return found;
    }
  }
  return undefined;
}

function textOf(node: Node): string {
  if (node.type === 'text') return String(node.value ?? '');
  return (node.children ?? []).map(textOf).join('');
}
