/**
 * Diagrams drawn at build time, so that a reader's browser draws none.
 *
 * Drawing a diagram in the page costs the reader Mermaid (hundreds of KB of JavaScript) and
 * 50-150 ms of main thread per diagram, and drew them only as they neared the viewport: a
 * diagram in the first screen was the longest task of a chapter's load. Here the build draws each
 * diagram once per colour mode, in the system's Chromium, with the settings the page would use
 * (mermaidSettings, one function for both). Where the two drawings differ only in colours (every
 * diagram of the book so far), they become one, whose colours follow the page's mode
 * (mergeModes.browser.js, which checks the result against both); the page ships that one SVG in its
 * HTML, or else the two.
 *
 * Drawings are cached by everything that decides them (the diagram's text, Mermaid's version,
 * the settings, the merging code), in node_modules/.cache/diagrams/, so a build redraws only what changed. Where
 * no Chrome or Chromium is found (CHROME_PATH, or the usual install places), the build says so
 * once and the pages draw their diagrams in the reader's browser, as before; under CI=true it
 * fails instead.
 *
 * Known limit: labels are measured in the build machine's fonts. In Debian's Chromium, Mermaid's
 * stack ("trebuchet ms", verdana, arial) resolves to Liberation Sans, which has Arial's metrics:
 * what a Linux reader gets too, and about as wide as the Trebuchet MS of Windows and macOS. A
 * reader whose font runs wider (DejaVu Sans alone, about 13 % wider) sees a label spill past its
 * box rather than be cut off (styles.module.css). The fonts are not in the cache key.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MermaidConfig } from 'mermaid';
import { mermaidSettings } from '../theme/Mermaid/renderDiagram';
import { MIN_TEXT_PX } from '../theme/Mermaid/sizing';
import { ID_TOKEN, MODE_SCOPES, diagramCacheDir, drawingFile, writeFileWhole, type Drawings } from './cache';

export { ID_TOKEN, type Drawings } from './cache';

/** The width the build assumes for the column (only a Gantt chart reads it). */
const COLUMN_WIDTH = 720;
/** Bumped when what this file does to a drawing changes, so that cached drawings are redrawn. */
const DRAWING_VERSION = 4;
const RENDER_TIMEOUT_MS = 30_000;
/** Attributes that hold only coordinates and sizes: rounded to 1/100 px (text and viewBox are left alone). */
const GEOMETRY_ATTRIBUTES = ['d', 'points', 'transform', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height'];
/** The browser closes this long after its last drawing (a build draws in bursts, a dev server now and then). */
const IDLE_CLOSE_MS = 2_000;

export interface Themes {
  light: string;
  dark: string;
}

interface Browser {
  close(): Promise<void>;
  newPage(): Promise<Page>;
}
interface Page {
  setContent(html: string): Promise<void>;
  addScriptTag(options: { path: string } | { content: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export class DiagramError extends Error {}

export class DiagramRenderer {
  private readonly cacheDir: string;
  private readonly mermaidDir: string;
  private readonly mermaidVersion: string;
  private readonly mergeCode: string;
  private readonly settings: { light: MermaidConfig; dark: MermaidConfig };
  private page: Promise<Page | null> | null = null;
  private browser: Browser | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: ReturnType<typeof setTimeout> | null = null;
  private warned = false;
  private readonly drawing = new Map<string, Promise<Drawings | null>>();

  constructor(
    siteDir: string,
    themes: Themes,
    private readonly log: (message: string) => void = (message) => console.warn(message),
    /** Fail, rather than leave the drawing to the reader's browser, when no browser can be had. */
    private readonly strict = process.env.CI === 'true' || process.env.CI === '1',
  ) {
    this.cacheDir = diagramCacheDir(siteDir);
    this.mermaidDir = join(siteDir, 'node_modules', 'mermaid');
    this.mermaidVersion = (JSON.parse(readFileSync(join(this.mermaidDir, 'package.json'), 'utf8')) as { version: string }).version;
    this.mergeCode = readFileSync(join(siteDir, 'src', 'diagrams', 'mergeModes.browser.js'), 'utf8');
    this.settings = {
      light: mermaidSettings({ startOnLoad: false, theme: themes.light as MermaidConfig['theme'] }, COLUMN_WIDTH),
      dark: mermaidSettings({ startOnLoad: false, theme: themes.dark as MermaidConfig['theme'] }, COLUMN_WIDTH),
    };
  }

  /**
   * The diagram's drawings (with ID_TOKEN for its id: one SVG for both modes, or a light and a dark
   * one) and the key they are kept under
   * (drawingFile(cacheDir, key)), or null where no browser can draw them.
   */
  async draw(text: string): Promise<{ key: string; drawings: Drawings } | null> {
    const key = createHash('sha256')
      .update(JSON.stringify({ version: DRAWING_VERSION, mermaid: this.mermaidVersion, settings: this.settings, minTextPx: MIN_TEXT_PX, merge: this.mergeCode, text }))
      .digest('hex');
    const file = drawingFile(this.cacheDir, key);
    try {
      return { key, drawings: JSON.parse(readFileSync(file, 'utf8')) as Drawings };
    } catch {
      // not drawn yet
    }
    // The same diagram on two pages compiled at once is drawn once.
    let job = this.drawing.get(key);
    if (!job) {
      job = this.queue.then(() => this.drawNow(text));
      this.queue = job.catch(() => undefined);
      this.drawing.set(key, job);
      void job.then(
        (drawings) => {
          if (drawings) {
            writeFileWhole(file, JSON.stringify(drawings));
          }
          this.drawing.delete(key);
        },
        () => this.drawing.delete(key),
      );
    }
    const drawings = await job;
    return drawings && { key, drawings };
  }

  private async drawNow(text: string): Promise<Drawings | null> {
    if (this.idle) clearTimeout(this.idle);
    const page = await this.openPage();
    if (!page) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // Mermaid's own timeout (in the page) cannot fire if its drawing never yields: this one can.
      const stuck = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          void this.close();
          reject(new Error(`the browser did not finish drawing within ${(2 * RENDER_TIMEOUT_MS) / 1000} s`));
        }, 2 * RENDER_TIMEOUT_MS + 5_000);
      });
      const result = await Promise.race([stuck, page.evaluate(
        async ({ text, settings, id, timeout, minTextPx, GEOMETRY_ATTRIBUTES, scopes }) => {
          type Mermaid = { initialize(config: unknown): void; render(id: string, text: string): Promise<{ svg: string }> };
          type Rules = (css: string) => { found: Array<{ selector: string; block: string }>; rest: string };
          const { mermaid, topLevelRules, ownIds } = window as unknown as { mermaid: Mermaid; topLevelRules: Rules; ownIds: (root: Element) => void };
          const roots: { light?: SVGSVGElement; dark?: SVGSVGElement } = {};
          let geometry = { width: 0, height: 0, minScale: 1 };
          for (const mode of ['light', 'dark'] as const) {
            mermaid.initialize(settings[mode]);
            let svg: string;
            try {
              const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Mermaid took over ${timeout} ms`)), timeout));
              svg = (await Promise.race([mermaid.render(`${id}-${mode}`, text), timer])).svg;
            } catch (error) {
              // Mermaid leaves its error graphic in <body> on a syntax error.
              document.querySelector(`#d${id}-${mode}`)?.remove();
              roots.light?.parentElement?.remove();
              return { error: error instanceof Error ? error.message : String(error) };
            }
            // Sized as src/theme/Mermaid/sizing.ts sizes a drawing in the page (naturalSize,
            // minimumScale), and the limits written on the SVG, so that it has its size before
            // any script runs.
            const holder = document.createElement('div');
            holder.innerHTML = svg;
            document.body.append(holder);
            const root = holder.querySelector('svg')!;
            ownIds(root);
            const box = root.viewBox.baseVal;
            let smallest = Infinity;
            for (const element of Array.from(root.querySelectorAll('text, foreignObject *'))) {
              const holdsText = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
              if (!holdsText || (element.tagName === 'tspan' && element.closest('text'))) continue;
              const size = parseFloat(getComputedStyle(element).fontSize);
              if (size > 0 && size < smallest) smallest = size;
            }
            const minScale = Number.isFinite(smallest) ? minTextPx / smallest : 1;
            // Lighter HTML, the same picture: coordinates to 1/100 px (Mermaid writes 17 digits),
            // and none of the theme's CSS rules that match nothing in this drawing.
            for (const element of Array.from(root.querySelectorAll('*'))) {
              for (const name of GEOMETRY_ATTRIBUTES) {
                const value = element.getAttribute(name);
                // Always two decimals, and no leading zero where there was none: a number that keeps
                // its point cannot run into the next one in compact path data ("0.26.5" is two).
                // Relative path commands (lower case) add up each segment's rounding (Mermaid's
                // icons drifted by a quarter of their size): only absolute paths are rounded. A
                // scale or matrix multiplies its error: those transforms are left as they are.
                if (name === 'd' && /[a-df-z]/.test(value ?? '')) continue;
                if (name === 'transform' && /scale|matrix/.test(value ?? '')) continue;
                if (value && /\d\.\d{3}/.test(value)) {
                  element.setAttribute(
                    name,
                    value.replace(/-?\d*\.\d{3,}/g, (n) => {
                      const fixed = parseFloat(n).toFixed(2);
                      return /^-?\./.test(n) ? fixed.replace(/^(-?)0\./, '$1.') : fixed;
                    }),
                  );
                }
              }
            }
            // Rules are kept as written (not re-serialised by this Chromium, which drops what it does
            // not know); a rule is dropped only when no part of its selector, pseudo-classes aside,
            // matches an element of the drawing.
            const used = (selectors: string): boolean =>
              selectors.split(',').some((selector) => {
                const inside = selector.trim().replaceAll(`#${root.id}`, ':scope').replace(/::?(?!scope\b)[a-z-]+(\([^)]*\))?/g, '').trim();
                if (inside === ':scope' || inside === '') return true;
                try {
                  return root.querySelector(inside) !== null || root.matches(inside.replace(/^:scope\s*/, '') || '*');
                } catch {
                  return true;
                }
              });
            for (const style of Array.from(root.querySelectorAll('style'))) {
              const { found } = topLevelRules(style.textContent ?? '');
              style.textContent = found
                .filter(({ selector }) => selector.startsWith('@') || used(selector))
                .map(({ selector, block }) => selector + block)
                .join('');
            }
            if (mode === 'light') geometry = { width: box.width, height: box.height, minScale };
            root.style.minWidth = `${Math.floor(box.width * minScale)}px`;
            if (minScale > 1) root.style.maxWidth = `${Math.floor(box.width * minScale)}px`;
            roots[mode] = root;
          }
          try {
            // One drawing for both modes where the two differ only in colours (mergeModes.browser.js).
            type Merge = (light: Element, dark: Element, options: { token: string; lightScope: string; darkScope: string }) => { svg: string } | { reason: string };
            let merged: ReturnType<Merge>;
            try {
              merged = (window as unknown as { mergeColourModes: Merge }).mergeColourModes(roots.light!, roots.dark!, { token: id, ...scopes });
            } catch (error) {
              merged = { reason: `merging failed: ${error instanceof Error ? error.message : String(error)}` };
            }
            if ('svg' in merged) return { drawn: { svg: merged.svg, ...geometry } };
            return { drawn: { light: roots.light!.outerHTML, dark: roots.dark!.outerHTML, ...geometry }, twice: merged.reason };
          } finally {
            for (const root of Object.values(roots)) root?.parentElement?.remove();
          }
        },
        { text, settings: this.settings, id: ID_TOKEN, timeout: RENDER_TIMEOUT_MS, minTextPx: MIN_TEXT_PX, GEOMETRY_ATTRIBUTES, scopes: MODE_SCOPES },
      )]);
      if ('error' in result) throw new DiagramError(String(result.error));
      if (result.twice) this.log(`[diagrams] Drawn twice (light and dark), not as one drawing: ${result.twice}. The diagram begins: ${JSON.stringify(text.slice(0, 80))}`);
      return result.drawn;
    } finally {
      clearTimeout(timer);
      if (this.browser) this.idle = setTimeout(() => void this.close(), IDLE_CLOSE_MS);
    }
  }

  private openPage(): Promise<Page | null> {
    this.page ??= (async () => {
      let launchBrowser: () => Promise<Browser>;
      try {
        ({ launchBrowser } = (await import('../../scripts/chromium.mjs')) as { launchBrowser: () => Promise<Browser> });
        this.browser = await launchBrowser();
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        // CI (and the deploy, where GitHub sets CI=true) must ship drawn diagrams: no quiet fallback there.
        if (this.strict) throw new Error(`No browser to draw the diagrams with at build time (CI=true): ${reason}`);
        if (!this.warned) {
          this.warned = true;
          this.log(`[diagrams] Diagrams will be drawn in the reader's browser, not at build time: ${reason}`);
        }
        return null;
      }
      const page = await this.browser.newPage();
      // The site's body text, so that anything Mermaid measures outside its own styles measures alike.
      await page.setContent(
        '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;font-size:16px;line-height:1.65;font-family:system-ui,-apple-system,Segoe UI,Roboto,Ubuntu,Cantarell,Noto Sans,sans-serif"></body></html>',
      );
      await page.addScriptTag({ path: join(this.mermaidDir, 'dist', 'mermaid.min.js') });
      await page.addScriptTag({ content: this.mergeCode });
      return page;
    })();
    return this.page;
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    await browser?.close().catch(() => undefined);
  }
}
