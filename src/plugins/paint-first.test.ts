import { describe, expect, it } from 'vitest';
import { BUNDLE_ATTRIBUTE, DEFER_LINE, PAINT_FIRST_SCRIPT, PRELOAD_LINE, RUN_ANYWAY_MS, SSG_TEMPLATE, paintFirstTemplate } from './paint-first';

describe('paintFirstTemplate', () => {
  const template = paintFirstTemplate();

  it("is Docusaurus's template with the bundle preloaded instead of deferred, and the script after the loop", () => {
    expect(SSG_TEMPLATE).toContain(DEFER_LINE);
    expect(template).not.toContain('defer');
    const loop = template.slice(template.indexOf('<% it.scripts.forEach'), template.indexOf('</head>'));
    expect(loop).toMatch(new RegExp(`^<% it\\.scripts\\.forEach\\(\\(script\\) => \\{ %>\\s*<link rel="preload" as="script" fetchpriority="low" href="<%= it\\.baseUrl %><%= script %>" ${BUNDLE_ATTRIBUTE}>\\s*<% \\}\\); %>\\s*<script>`));
    expect(template.split(PAINT_FIRST_SCRIPT)).toHaveLength(2);
    // Everything else is Docusaurus's, character for character.
    const back = template
      .replace(`\n    <script>${PAINT_FIRST_SCRIPT}</script>`, '')
      .replace(PRELOAD_LINE, DEFER_LINE);
    expect(back).toBe(SSG_TEMPLATE);
  });

  it('fails the build, saying what to do, when Docusaurus changes the line it replaces', () => {
    expect(() => paintFirstTemplate(SSG_TEMPLATE.replace(' defer>', ' async>'))).toThrow(/no longer finds the line that loads the bundle.*update DEFER_LINE/s);
    expect(() => paintFirstTemplate(`${SSG_TEMPLATE}${DEFER_LINE}`)).toThrow(/exactly once/);
  });
});

/** A page for PAINT_FIRST_SCRIPT: its document, frames and timers, advanced by hand. */
function fakePage(readyState: string, { paintTiming = true, observeThrows = false, visibilityState = 'visible', prerendering = false, paintedBefore = false } = {}) {
  const appended: Array<{ src: string; async: boolean }> = [];
  const listeners = new Map<string, () => void>();
  let frames: Array<() => void> = [];
  let timers: Array<{ at: number; run: () => void }> = [];
  let now = 0;
  const marks: string[] = [];
  const document = {
    readyState,
    visibilityState,
    prerendering,
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    createElement: (tag: string) => {
      expect(tag).toBe('script');
      return { src: '', async: true };
    },
    head: {
      querySelectorAll: (selector: string) =>
        selector === `link[rel=preload][as=script][${BUNDLE_ATTRIBUTE}]` ? [{ href: 'https://site/assets/js/runtime~main.1.js' }, { href: 'https://site/assets/js/main.2.js' }] : [],
      appendChild: (script: { src: string; async: boolean }) => appended.push({ ...script }),
    },
  };
  const requestAnimationFrame = (callback: () => void) => frames.push(callback);
  const setTimeout = (run: () => void, ms = 0) => timers.push({ at: now + ms, run });
  // Paint entries the page has, and the observers waiting for them (buffered: they get the old ones too).
  const paints: string[] = paintedBefore ? ['first-contentful-paint'] : [];
  const observers = new Set<(names: string[]) => void>();
  class PerformanceObserver {
    static supportedEntryTypes = paintTiming ? ['paint', 'resource'] : ['resource'];
    constructor(private callback: (list: { getEntriesByName: (name: string) => unknown[] }) => void) {}
    private deliver = (names: string[]) => this.callback({ getEntriesByName: (name) => names.filter((n) => n === name) });
    observe(options: { type: string; buffered: boolean }) {
      if (observeThrows) throw new TypeError("Failed to execute 'observe' on 'PerformanceObserver'");
      expect(options).toEqual({ type: 'paint', buffered: true });
      observers.add(this.deliver);
      if (paints.length > 0) setTimeout(() => this.deliver([...paints]));
    }
    disconnect() {
      observers.delete(this.deliver);
    }
  }
  const window = { PerformanceObserver };
  const performance = {
    getEntriesByName: (name: string) => paints.filter((n) => n === name),
    mark: (name: string) => marks.push(name),
  };
  new Function('document', 'window', 'performance', 'requestAnimationFrame', 'setTimeout', PAINT_FIRST_SCRIPT)(document, window, performance, requestAnimationFrame, setTimeout);
  return {
    appended,
    marks,
    domContentLoaded: () => listeners.get('DOMContentLoaded')?.(),
    /** The browser renders a frame: this frame's callbacks run (those they request wait for the next). */
    frame: () => {
      const due = frames;
      frames = [];
      due.forEach((callback) => callback());
    },
    /** The browser shows a paint, and reports it. */
    painted: (name: string) => {
      paints.push(name);
      for (const deliver of [...observers]) deliver([name]);
    },
    /** Time passes: the timers due by then run. */
    wait: (ms: number) => {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      due.forEach((t) => t.run());
    },
  };
}

describe('PAINT_FIRST_SCRIPT', () => {
  const BUNDLE = [
    { src: 'https://site/assets/js/runtime~main.1.js', async: false },
    { src: 'https://site/assets/js/main.2.js', async: false },
  ];
  /** Two frames, each followed by its tasks. */
  const twoFrames = (page: ReturnType<typeof fakePage>) => {
    page.frame();
    page.wait(0);
    page.frame();
    page.wait(0);
  };

  it('runs the bundle, in order, two frames after the parsed page has been painted, and only then', () => {
    const page = fakePage('loading');
    page.painted('first-paint');
    twoFrames(page);
    expect(page.appended).toEqual([]);
    page.domContentLoaded();
    // Frames drawn but not yet shown: no first contentful paint reported.
    twoFrames(page);
    expect(page.appended).toEqual([]);
    page.painted('first-contentful-paint');
    page.frame();
    page.wait(0);
    expect(page.appended).toEqual([]);
    page.frame();
    expect(page.appended).toEqual([]);
    page.wait(0);
    expect(page.appended).toEqual(BUNDLE);
    page.wait(RUN_ANYWAY_MS);
    twoFrames(page);
    expect(page.appended).toEqual(BUNDLE);
    expect(page.marks).toEqual(['paint-first:paint']);
  });

  it('finds a first contentful paint already reported without waiting for the observer', () => {
    const page = fakePage('loading', { paintedBefore: true });
    page.domContentLoaded();
    twoFrames(page);
    expect(page.appended).toEqual(BUNDLE);
  });

  it('waits for frames alone when paint timing throws, and still has the timer', () => {
    const page = fakePage('loading', { observeThrows: true });
    page.domContentLoaded();
    twoFrames(page);
    expect(page.appended).toEqual(BUNDLE);
    expect(page.marks).toEqual(['paint-first:paint']);
    const noFrames = fakePage('loading', { observeThrows: true });
    noFrames.domContentLoaded();
    noFrames.wait(RUN_ANYWAY_MS);
    expect(noFrames.appended).toEqual(BUNDLE);
    expect(noFrames.marks).toEqual(['paint-first:timeout']);
  });

  it.each([
    ['hidden (a tab opened in the background)', { visibilityState: 'hidden' }],
    ['prerendered', { prerendering: true }],
  ])('runs the bundle at DOMContentLoaded on a page %s, which cannot paint first', (_, options) => {
    const page = fakePage('loading', options);
    expect(page.appended).toEqual([]);
    page.domContentLoaded();
    expect(page.appended).toEqual(BUNDLE);
    expect(page.marks).toEqual(['paint-first:hidden']);
    page.wait(RUN_ANYWAY_MS);
    expect(page.appended).toEqual(BUNDLE);
  });

  it('counts a first contentful paint shown before DOMContentLoaded, and still waits two frames after it', () => {
    const page = fakePage('loading');
    page.painted('first-contentful-paint');
    page.domContentLoaded();
    page.wait(0);
    expect(page.appended).toEqual([]);
    twoFrames(page);
    expect(page.appended).toEqual(BUNDLE);
  });

  it('runs the bundle anyway when nothing is shown (a tab hidden after it loaded), and once', () => {
    const page = fakePage('loading');
    page.domContentLoaded();
    page.wait(RUN_ANYWAY_MS - 1);
    expect(page.appended).toEqual([]);
    page.wait(1);
    expect(page.appended).toEqual(BUNDLE);
    expect(page.marks).toEqual(['paint-first:timeout']);
    page.painted('first-contentful-paint');
    twoFrames(page);
    expect(page.appended).toEqual(BUNDLE);
  });

  it('in a browser without paint timing, waits for two frames after DOMContentLoaded', () => {
    const page = fakePage('loading', { paintTiming: false });
    page.domContentLoaded();
    page.frame();
    page.wait(0);
    expect(page.appended).toEqual([]);
    page.frame();
    page.wait(0);
    expect(page.appended).toEqual(BUNDLE);
  });

  it('waits at once when the page is already parsed', () => {
    const page = fakePage('interactive');
    page.painted('first-contentful-paint');
    page.wait(0);
    twoFrames(page);
    expect(page.appended).toEqual(BUNDLE);
  });
});
