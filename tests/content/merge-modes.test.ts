// One drawing for both colour modes (src/diagrams/mergeModes.browser.js), on small hand-made
// drawings in the system Chromium: what becomes a variable, what stays, and what keeps both
// drawings, with the reason given. Skipped, with a note, where no Chrome or Chromium is found
// (never under CI=true); diagrams-prerender.test.ts and tests/browser/ check Mermaid's own drawings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromePath, launchBrowser } from '../../scripts/chromium.mjs';
import { MODE_SCOPES } from '../../src/diagrams/cache';

const ROOT = join(__dirname, '..', '..');
const CODE = readFileSync(join(ROOT, 'src', 'diagrams', 'mergeModes.browser.js'), 'utf8');
const haveBrowser = chromePath() !== null || process.env.CI === 'true';
if (!haveBrowser) console.warn('tests/content/merge-modes.test.ts: skipped, no Chrome or Chromium (set CHROME_PATH)');

interface Page {
  setContent(html: string): Promise<void>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

type Merged = { svg: string } | { reason: string };
/** For each mode (none, light, dark): each listed element's fill, stroke and flood colour. */
type Seen = Record<string, Record<string, string[]>>;

/** A drawing in the shape Mermaid gives: its id `T-${mode}`, its rules under that id. */
const drawing = (mode: 'light' | 'dark', css: string, body: string): string =>
  `<svg id="T-${mode}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><style>${css.replaceAll('#T', `#T-${mode}`)}</style>${body.replaceAll('T-', `T-${mode}-`)}</svg>`;

describe.skipIf(!haveBrowser)('one drawing for both colour modes', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = (await launchBrowser()) as Browser;
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ content: CODE });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Merges the two drawings in the page; with `look`, also shows the result in each mode and reads its colours. */
  const merge = (light: string, dark: string, look: string[] = []): Promise<{ merged: Merged; seen: Seen }> =>
    page.evaluate(
      ({ light, dark, scopes, look }) => {
        document.body.innerHTML = `<div>${light}</div><div>${dark}</div>`;
        const [l, d] = Array.from(document.querySelectorAll('svg'));
        type Merge = (light: Element, dark: Element, options: { token: string; lightScope: string; darkScope: string }) => Merged;
        const merged = (window as unknown as { mergeColourModes: Merge }).mergeColourModes(l, d, { token: 'T', ...scopes });
        const seen: Seen = {};
        if ('svg' in merged) {
          document.body.innerHTML = merged.svg;
          for (const mode of ['none', 'light', 'dark']) {
            if (mode === 'none') document.documentElement.removeAttribute('data-theme');
            else document.documentElement.setAttribute('data-theme', mode);
            seen[mode] = {};
            for (const selector of look) {
              const style = getComputedStyle(document.querySelector(selector)!);
              seen[mode][selector] = [style.fill, style.stroke, style.floodColor];
            }
          }
          document.documentElement.removeAttribute('data-theme');
        }
        return { merged, seen };
      },
      { light, dark, scopes: MODE_SCOPES, look },
    );

  it('makes colours that differ variables: in rules, scoped by mode, and in attributes, moved into style', async () => {
    const { merged, seen } = await merge(
      drawing('light', '#T .box{fill:#ececff;stroke:#9370db}', '<rect class="box" width="10" height="10"/><filter id="T-shadow"><feDropShadow flood-color="#000000"/></filter><circle r="3" fill="#111111"/>'),
      drawing('dark', '#T .box{fill:#1f2020;stroke:#cccccc}', '<rect class="box" width="10" height="10"/><filter id="T-shadow"><feDropShadow flood-color="#FFFFFF"/></filter><circle r="3" fill="#eeeeee"/>'),
      ['#T .box', 'feDropShadow', 'circle'],
    );
    if (!('svg' in merged)) throw new Error(merged.reason);
    expect(merged.svg).not.toMatch(/T-light|T-dark/);
    expect(merged.svg).toContain('<filter id="T-shadow">');
    expect(merged.svg).toContain('style="flood-color: var(--dm0);"');
    expect(merged.svg).toContain('style="fill: var(--dm1);"');
    expect(merged.svg).not.toContain('flood-color="#');
    const light = { '#T .box': ['rgb(236, 236, 255)', 'rgb(147, 112, 219)', 'rgb(0, 0, 0)'], feDropShadow: ['rgb(0, 0, 0)', 'none', 'rgb(0, 0, 0)'], circle: ['rgb(17, 17, 17)', 'none', 'rgb(0, 0, 0)'] };
    expect(seen.none).toEqual(light);
    expect(seen.light).toEqual(light);
    expect(seen.dark).toEqual({ '#T .box': ['rgb(31, 32, 32)', 'rgb(204, 204, 204)', 'rgb(0, 0, 0)'], feDropShadow: ['rgb(0, 0, 0)', 'none', 'rgb(255, 255, 255)'], circle: ['rgb(238, 238, 238)', 'none', 'rgb(0, 0, 0)'] });
  });

  it('leaves an attribute a rule overrides as it was, and keeps a definition only one mode has', async () => {
    const { merged, seen } = await merge(
      drawing('light', '#T rect{fill:#ececff}', '<rect width="10" height="10" fill="#000000"/>'),
      drawing('dark', '#T rect{fill:#1f2020}', '<rect width="10" height="10" fill="#ffffff"/><linearGradient id="T-gradient"><stop stop-color="#cccccc"/></linearGradient>'),
      ['rect'],
    );
    if (!('svg' in merged)) throw new Error(merged.reason);
    expect(merged.svg).toContain('<rect width="10" height="10" fill="#000000">');
    expect(merged.svg).toContain('<linearGradient id="T-gradient">');
    expect(seen.light.rect[0]).toBe('rgb(236, 236, 255)');
    expect(seen.dark.rect[0]).toBe('rgb(31, 32, 32)');
  });

  it('leaves a colour that is invalid in both modes as the light one (Mermaid writes hsl(240, 100%, NaN%) for some points)', async () => {
    const { merged } = await merge(drawing('light', '', '<circle r="3" fill="hsl(240, 100%, NaN%)"/>'), drawing('dark', '', '<circle r="3" fill="hsl(180, 1.5%, NaN%)"/>'));
    if (!('svg' in merged)) throw new Error(merged.reason);
    expect(merged.svg).toContain('<circle r="3" fill="hsl(240, 100%, NaN%)">');
  });

  it('keeps ids that differ only in Mermaid\'s counters, the light drawing\'s', async () => {
    const { merged } = await merge(drawing('light', '#T text{fill:#333}', '<g id="root-21"><text>A</text></g>'), drawing('dark', '#T text{fill:#ccc}', '<g id="root-25"><text>A</text></g>'));
    if (!('svg' in merged)) throw new Error(merged.reason);
    expect(merged.svg).toContain('<g id="root-21">');
  });

  it('writes a colour moved out of an attribute and a blended style together, inside a marker too', async () => {
    const { merged, seen } = await merge(
      drawing('light', '#T path.a{stroke-width:1px}', '<marker id="T-m"><path class="mp" fill="#111111" style="stroke:#222222"/></marker><path class="a" marker-end="url(#T-m)"/>'),
      drawing('dark', '#T path.a{stroke-width:1px}', '<marker id="T-m"><path class="mp" fill="#eeeeee" style="stroke:#dddddd"/></marker><path class="a" marker-end="url(#T-m)"/>'),
      ['.mp'],
    );
    if (!('svg' in merged)) throw new Error(merged.reason);
    expect(seen.light['.mp'].slice(0, 2)).toEqual(['rgb(17, 17, 17)', 'rgb(34, 34, 34)']);
    expect(seen.dark['.mp'].slice(0, 2)).toEqual(['rgb(238, 238, 238)', 'rgb(221, 221, 221)']);
  });

  it('sets only the variables it uses', async () => {
    const { merged } = await merge(drawing('light', '#T rect{fill:#ececff}', '<rect fill="#000000"/>'), drawing('dark', '#T rect{fill:#1f2020}', '<rect fill="#ffffff"/>'));
    if (!('svg' in merged)) throw new Error(merged.reason);
    expect(merged.svg).not.toContain('--dm');
  });

  it('reads style sheets with braces in strings and comments', async () => {
    const { merged, seen } = await merge(
      drawing('light', '#T .a{font-family:"x{"}/* } */#T .b{fill:#111111}', '<text class="a">A</text><rect class="b"/>'),
      drawing('dark', '#T .a{font-family:"x{"}/* } */#T .b{fill:#eeeeee}', '<text class="a">A</text><rect class="b"/>'),
      ['.b'],
    );
    // The comment is kept with the rule after it, which is not then under the drawing's id.
    expect('reason' in merged ? merged.reason : 'merged').toMatch(/^a rule not under the drawing's id: \/\* \} \*\//);
    const plain = await merge(drawing('light', '#T .a{font-family:"x{"}#T .b{fill:#111111}', '<rect class="b"/>'), drawing('dark', '#T .a{font-family:"x{"}#T .b{fill:#eeeeee}', '<rect class="b"/>'), ['.b']);
    if (!('svg' in plain.merged)) throw new Error(plain.merged.reason);
    expect(plain.seen.light['.b'][0]).toBe('rgb(17, 17, 17)');
    expect(plain.seen.dark['.b'][0]).toBe('rgb(238, 238, 238)');
    expect(seen).toEqual({});
  });

  it('gives the ids Mermaid numbers across drawings ids of the drawing\'s own, and updates what refers to them', async () => {
    const out = await page.evaluate(() => {
      document.body.innerHTML =
        '<svg id="T-light"><style>#T-light #actor47{fill:red}</style><g id="root-21" aria-labelledby="actor47 T-light-title"><rect id="actor47"/><use href="#actor47"/><path marker-end="url(#actor4)"/></g>' +
        '<marker id="actor4"/><title id="T-light-title">A</title><g id="T-light_flowchart-1"/></svg>';
      (window as unknown as { ownIds: (root: Element) => void }).ownIds(document.querySelector('svg')!);
      return document.body.innerHTML;
    }, null);
    expect(out).toBe(
      '<svg id="T-light"><style>#T-light #T-light-n1{fill:red}</style><g id="T-light-n0" aria-labelledby="T-light-n1 T-light-title"><rect id="T-light-n1"></rect><use href="#T-light-n1"></use><path marker-end="url(#T-light-n2)"></path></g>' +
        '<marker id="T-light-n2"></marker><title id="T-light-title">A</title><g id="T-light_flowchart-1"></g></svg>',
    );
  });

  it('keeps both drawings, saying why, where the two differ in more than colours', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [drawing('light', '', '<rect width="10"/>'), drawing('dark', '', '<rect width="12"/>'), /^width="10" against "12" on svg > rect/],
      [drawing('light', '', '<text>A</text>'), drawing('dark', '', '<text>B</text>'), /^different text in svg > text/],
      [drawing('light', '', '<rect/>'), drawing('dark', '', '<circle/>'), /^different children in svg/],
      [drawing('light', '#T rect{fill:red} text{fill:red}', '<rect/>'), drawing('dark', '#T rect{fill:blue}', '<rect/>'), /^a rule not under the drawing's id: text/],
      [drawing('light', '@media print{#T rect{fill:red}}', '<rect/>'), drawing('dark', '', '<rect/>'), /^a rule not under the drawing's id: @media print/],
      // Only colour attributes and style may differ: a label naming a colour is text.
      [drawing('light', '', '<path aria-label="red line"/>'), drawing('dark', '', '<path aria-label="white line"/>'), /^aria-label="red line" against "white line"/],
      // A reference's counter may differ; a colour beside it must still be a colour that differs.
      [drawing('light', '', '<rect style="filter:url(#T-f1); width:20px"/>'), drawing('dark', '', '<rect style="filter:url(#T-f2); width:80px"/>'), /^style="filter:url\(#T-light-f1\); width:20px" against/],
      // A rule overrides the attribute in the light drawing, not in the dark one (its value is invalid).
      [drawing('light', '#T rect{fill:#333333}', '<rect fill="#111111"/>'), drawing('dark', '#T rect{fill:undefined}', '<rect fill="#eeeeee"/>'), /^fill on svg > rect is overridden by a rule in one mode only/],
      [drawing('light', '@keyframes dash{to{stroke:#000}}', '<rect/>'), drawing('dark', '@keyframes dash{to{stroke:#fff}}', '<rect/>'), /^@keyframes dash differs between the modes/],
    ];
    for (const [light, dark, reason] of cases) {
      const { merged } = await merge(light, dark);
      expect('reason' in merged ? merged.reason : 'merged').toMatch(reason);
    }
  });

  it('keeps both drawings when the one drawing would not look like each mode\'s own', async () => {
    // The walk accepts the ids (a counter), but the dark rule names the dark drawing's id, which
    // the one drawing does not have: in the dark mode its rect would keep the light fill.
    const { merged } = await merge(drawing('light', '#T #n1{fill:#000000}', '<rect id="n1"/>'), drawing('dark', '#T #n2{fill:#ffffff}', '<rect id="n2"/>'));
    expect('reason' in merged ? merged.reason : 'merged').toBe('fill of <rect class=""> is rgb(0, 0, 0), not rgb(255, 255, 255) (dark mode)');
    // The same inside a marker: definitions are compared too, matched by id.
    const marker = await merge(
      drawing('light', '#T #n1{fill:#000000}', '<marker id="T-m"><path id="n1"/></marker>'),
      drawing('dark', '#T #n2{fill:#ffffff}', '<marker id="T-m"><path id="n2"/></marker>'),
    );
    expect('reason' in marker.merged ? marker.merged.reason : 'merged').toBe('fill of <path class=""> is rgb(0, 0, 0), not rgb(255, 255, 255) (dark mode)');
  });
});
