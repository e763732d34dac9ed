/**
 * Lets a chapter write `<Playground example="00-introduction/first-simulation" />` and nothing
 * more. For each such element this plugin checks that examples/<example>.ts exists (failing
 * the build with the MDX file and line when it does not), imports the file's source text with
 * `?raw`, and passes it as the `code` prop, so the page's HTML carries the code at SSR.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

interface Node {
  type: string;
  name?: string | null;
  children?: Node[];
  attributes?: Attribute[];
  position?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

interface Attribute {
  type: string;
  name?: string;
  value?: unknown;
}

interface VFileLike {
  path?: string;
  fail(reason: string, place?: unknown): never;
}

export interface PlaygroundRemarkOptions {
  /** Folder holding `examples/`; by default the nearest folder above the MDX file with a package.json. */
  siteDir?: string;
}

export default function remarkPlayground(options: PlaygroundRemarkOptions = {}) {
  return (tree: Node, file: VFileLike) => {
    const imports = new Map<string, string>();
    walk(tree, (node) => {
      if ((node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') || node.name !== 'Playground') return;
      const attributes = node.attributes ?? [];
      if (attributes.some((attribute) => attribute.name === 'code')) return;
      const where = `${file.path ?? 'MDX'}:${node.position?.start.line ?? '?'}`;
      const example = attributes.find((attribute) => attribute.name === 'example')?.value;
      if (typeof example !== 'string' || example === '') {
        file.fail(`${where}: <Playground> needs example="<chapter>/<name>" as a plain string, e.g. example="00-introduction/first-simulation"`, node.position);
      }
      if (!/^[\w.-]+(\/[\w.-]+)*$/.test(example) || example.split('/').includes('..')) {
        file.fail(`${where}: <Playground example="${example}"> is not a path inside examples/`, node.position);
      }
      const siteDir = options.siteDir ?? findSiteDir(file.path);
      const examplePath = join(siteDir, 'examples', `${example}.ts`);
      if (!existsSync(examplePath)) {
        file.fail(`${where}: <Playground example="${example}">: no file ${relative(siteDir, examplePath)}`, node.position);
      }
      let name = imports.get(example);
      if (!name) {
        name = `__playground${imports.size}`;
        imports.set(example, name);
      }
      attributes.push({
        type: 'mdxJsxAttribute',
        name: 'code',
        value: { type: 'mdxJsxAttributeValueExpression', value: name, data: { estree: program([expressionStatement(identifier(name))]) } },
      });
    });
    if (imports.size === 0) return;
    const declarations = [...imports].map(([example, name]) => ({
      type: 'ImportDeclaration',
      specifiers: [{ type: 'ImportDefaultSpecifier', local: identifier(name) }],
      source: { type: 'Literal', value: `@site/examples/${example}.ts?raw`, raw: JSON.stringify(`@site/examples/${example}.ts?raw`) },
    }));
    tree.children?.unshift({
      type: 'mdxjsEsm',
      value: declarations.map((d) => `import ${d.specifiers[0].local.name} from ${d.source.raw};`).join('\n'),
      data: { estree: program(declarations) },
    });
  };
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function findSiteDir(mdxPath: string | undefined): string {
  let dir = mdxPath ? dirname(mdxPath) : process.cwd();
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

const identifier = (name: string) => ({ type: 'Identifier', name });
const expressionStatement = (expression: unknown) => ({ type: 'ExpressionStatement', expression });
const program = (body: unknown[]) => ({ type: 'Program', sourceType: 'module', body });
