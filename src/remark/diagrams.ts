/**
 * Every ```mermaid fence of a page, drawn at build time (src/diagrams/prerender.ts). The
 * `<mermaid>` element Docusaurus makes of the fence gets the key of its drawings, an id and their
 * size as props; the page's server rendering puts the drawing into its HTML (one SVG whose colours
 * follow the page's colour mode, or else a light and a dark one: src/diagrams/serverDrawings.ts),
 * so that it is not also in the page's JavaScript. A diagram that does not draw fails the build,
 * naming the Markdown file and line. Where no browser can draw, the props are left out and the
 * reader's browser draws the diagram.
 *
 * A diagram with `click` handlers is left to the browser: its handlers are bound by Mermaid's
 * own code after drawing.
 */
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { recordUsedKey } from '../diagrams/cache';
import { DiagramError, DiagramRenderer, type Themes } from '../diagrams/prerender';

interface Node {
  type: string;
  children?: Node[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
  position?: { start: { line: number } };
}

interface Options {
  /** The site's folder; by default the one this file is in. */
  siteDir?: string;
  themes: Themes;
  /** Leave every diagram to the browser (default: in the dev server, which renders no HTML on a server). */
  skip?: boolean;
}

let renderer: DiagramRenderer | null = null;

/** Mermaid's click directives: `click nodeId ...`. */
const CLICK = /^\s*click\s+\S/m;

export default function remarkDiagrams(options: Options) {
  const siteDir = options.siteDir ?? join(__dirname, '..', '..');
  renderer ??= new DiagramRenderer(siteDir, options.themes);
  const drawer = renderer;
  return async (tree: Node, file: { path?: string; history?: string[] }): Promise<void> => {
    // The dev server renders no HTML on a server: its pages draw their diagrams in the browser.
    if (options.skip ?? process.env.NODE_ENV === 'development') return;
    const diagrams: Node[] = [];
    const visit = (node: Node): void => {
      if (node.type === 'mermaidCodeBlock' && node.data?.hName === 'mermaid') diagrams.push(node);
      node.children?.forEach(visit);
    };
    visit(tree);
    if (diagrams.length === 0) return;
    const path = file.path ?? file.history?.[0] ?? '';
    const where = relative(siteDir, path) || path;
    const prefix = `diagram-${createHash('sha256').update(where).digest('hex').slice(0, 8)}`;
    await Promise.all(
      diagrams.map(async (node, index) => {
        const properties = node.data!.hProperties ?? {};
        const text = properties.value;
        if (typeof text !== 'string' || CLICK.test(text)) return;
        let drawn;
        try {
          drawn = await drawer.draw(text);
        } catch (error) {
          const line = `${where}:${node.position?.start.line ?? '?'}`;
          if (error instanceof DiagramError) throw new Error(`${line}: this diagram does not draw: ${error.message}`);
          throw new Error(`${line}: drawing this diagram at build time failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        if (!drawn) return;
        const { key, drawings } = drawn;
        recordUsedKey(siteDir, key);
        node.data!.hProperties = {
          ...properties,
          drawing: key,
          drawingId: `${prefix}-${index}`,
          geometry: `${drawings.width} ${drawings.height} ${drawings.minScale}`,
        };
      }),
    );
  };
}
