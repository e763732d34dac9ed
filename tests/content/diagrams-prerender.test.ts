// The build's diagram drawing (src/remark/diagrams.ts, src/diagrams/prerender.ts), in the system
// Chromium: what a page's diagram gets, what its HTML will hold, and the error a diagram that does
// not draw fails the build with. Skipped, with a note, where no Chrome or Chromium is found
// (never under CI=true); tests/browser/ checks the built pages themselves.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromePath } from '../../scripts/chromium.mjs';
import remarkDiagrams from '../../src/remark/diagrams';
import { diagramCacheDir } from '../../src/diagrams/cache';
import { DiagramRenderer } from '../../src/diagrams/prerender';

const ROOT = join(__dirname, '..', '..');
const THEMES = { light: 'default', dark: 'dark' };
const haveBrowser = chromePath() !== null || process.env.CI === 'true';
if (!haveBrowser) console.warn('tests/content/diagrams-prerender.test.ts: skipped, no Chrome or Chromium (set CHROME_PATH)');

interface Node {
  type: string;
  children?: Node[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
  position?: { start: { line: number } };
}

function page(...diagrams: string[]): Node {
  return {
    type: 'root',
    children: diagrams.map((value, i) => ({
      type: 'mermaidCodeBlock',
      data: { hName: 'mermaid', hProperties: { value } },
      position: { start: { line: 10 + 10 * i } },
    })),
  };
}

const FLOW = ['flowchart LR', '  accTitle: Two boxes', '  accDescr: A leads to B.', '  A[Load balancer] --> B[Server]'].join('\n');

describe.skipIf(!haveBrowser)('diagrams drawn at build time', () => {
  const globals = globalThis as { __DIAGRAM_CACHE_DIR__?: string };
  beforeAll(() => {
    // What the server bundle gets from src/plugins/diagram-drawings.ts.
    globals.__DIAGRAM_CACHE_DIR__ = diagramCacheDir(ROOT);
  });
  afterAll(() => {
    delete globals.__DIAGRAM_CACHE_DIR__;
  });

  it('gives each diagram its drawings key, a page-unique id and its size; the HTML gets one SVG under that id, coloured by the page\'s mode', async () => {
    const tree = page(FLOW, FLOW);
    await remarkDiagrams({ siteDir: ROOT, themes: THEMES })(tree, { path: join(ROOT, 'docs', 'planted.mdx') });
    const [first, second] = tree.children!.map((node) => node.data!.hProperties!);
    expect(first.value).toBe(FLOW);
    expect(first.drawing).toMatch(/^[0-9a-f]{64}$/);
    expect(second.drawing).toBe(first.drawing);
    expect(first.drawingId).toMatch(/^diagram-[0-9a-f]{8}-0$/);
    expect(second.drawingId).toBe(String(first.drawingId).replace(/-0$/, '-1'));
    const [width, height, minScale] = String(first.geometry).split(' ').map(Number);
    expect(width).toBeGreaterThan(100);
    expect(height).toBeGreaterThan(20);
    // Mermaid's text is 16 px here: the drawing may shrink to 12/16 of its width.
    expect(minScale).toBeCloseTo(12 / 16, 2);

    const { drawingsOf } = await import('../../src/diagrams/serverDrawings');
    const drawings = drawingsOf(String(first.drawingId), String(first.drawing))!;
    if (!('svg' in drawings)) throw new Error('the flowchart was drawn twice, not as one drawing for both modes');
    const { svg } = drawings;
    expect(svg).toMatch(new RegExp(`^<svg[^>]* id="${first.drawingId}"`));
    expect(svg).toContain('aria-roledescription="flowchart-v2"');
    expect(svg).toContain('Load balancer');
    expect(svg).not.toContain('prerenderedDiagramIdToken');
    // Its size limits are on the SVG, for the page before any script runs.
    expect(svg).toMatch(new RegExp(`^<svg[^>]*style="[^"]*min-width: ${Math.floor(width * minScale)}px`));
    // Each mode's rules, scoped by the page's mode; the light ones hold with no mode set.
    expect(svg).toContain(`html:not([data-theme='dark']) #${first.drawingId} .node rect`);
    expect(svg).toContain(`html[data-theme='dark'] #${first.drawingId} .node rect`);
    // The drop shadows' colours differ by mode: set by variables, in each node's style.
    expect(svg).toMatch(/<feDropShadow [^>]*style="flood-color: var\(--dm\d+\);?"/);
  }, 60_000);

  it('draws a diagram alike whatever the build drew before it in the same browser (Mermaid numbers sequence actors across drawings)', async () => {
    const A = ['sequenceDiagram', '  accTitle: A', '  accDescr: A call.', '  participant C as Client', '  participant S as Server', '  C->>S: GET /', '  S-->>C: 200'].join('\n');
    const B = ['sequenceDiagram', '  accTitle: B', '  accDescr: Another call.', '  participant U as User', '  participant P as Proxy', '  participant O as Origin', '  U->>P: GET', '  P->>O: GET'].join('\n');
    /** A site folder of its own (its own cache), with this site's Mermaid and merge code. */
    const site = (): string => {
      const dir = mkdtempSync(join(tmpdir(), 'diagrams-order-'));
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(join(ROOT, 'node_modules', 'mermaid'), join(dir, 'node_modules', 'mermaid'));
      mkdirSync(join(dir, 'src', 'diagrams'), { recursive: true });
      symlinkSync(join(ROOT, 'src', 'diagrams', 'mergeModes.browser.js'), join(dir, 'src', 'diagrams', 'mergeModes.browser.js'));
      return dir;
    };
    const drawA = async (before: string[]): Promise<string> => {
      const dir = site();
      const renderer = new DiagramRenderer(dir, THEMES, () => undefined);
      try {
        for (const text of before) await renderer.draw(text);
        const drawn = await renderer.draw(A);
        if (!drawn || !('svg' in drawn.drawings)) throw new Error('A was not drawn as one drawing');
        return drawn.drawings.svg;
      } finally {
        await renderer.close();
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const alone = await drawA([]);
    const afterB = await drawA([B, B.replace('accTitle: B', 'accTitle: B2')]);
    expect(alone).toMatch(/id="prerenderedDiagramIdToken-n0"/);
    expect(afterB).toBe(alone);
  }, 120_000);

  it('fails the build on a diagram that does not draw, naming the file and line', async () => {
    const tree = page(FLOW, 'flowchart LR\n  A --> B --');
    await expect(remarkDiagrams({ siteDir: ROOT, themes: THEMES })(tree, { path: join(ROOT, 'docs', 'planted.mdx') })).rejects.toThrow(
      /^docs\/planted\.mdx:20: this diagram does not draw: /,
    );
  }, 60_000);

  it('leaves a diagram with click handlers to the browser', async () => {
    const tree = page('flowchart LR\n  A --> B\n  click A "https://example.com"');
    await remarkDiagrams({ siteDir: ROOT, themes: THEMES })(tree, { path: join(ROOT, 'docs', 'planted.mdx') });
    expect(Object.keys(tree.children![0].data!.hProperties!)).toEqual(['value']);
  });
});
