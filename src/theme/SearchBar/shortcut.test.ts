import { describe, expect, it } from 'vitest';
import { asksForHighlight, earlyShortcutScript } from './shortcut';

describe('asksForHighlight', () => {
  it('is true when a search hit\'s link carries words to mark', () => {
    expect(asksForHighlight('?_highlight=hockey')).toBe(true);
    expect(asksForHighlight('?q=1&_highlight=hockey&_highlight=stick')).toBe(true);
  });
  it('is false without such words', () => {
    expect(asksForHighlight('')).toBe(false);
    expect(asksForHighlight('?q=hockey')).toBe(false);
    expect(asksForHighlight('?_highlight=')).toBe(false);
    expect(asksForHighlight('?_highlightx=hockey')).toBe(false);
  });
  it('takes a malformed address without throwing', () => {
    expect(asksForHighlight('?_highlight=%E0%A4%A')).toBe(true);
    expect(asksForHighlight('?%%%')).toBe(false);
  });
});

describe('earlyShortcutScript', () => {
  it('builds a script for a "mod+<letter>" shortcut and refuses others', () => {
    expect(earlyShortcutScript('mod+k')).toContain('==="k"');
    expect(() => earlyShortcutScript('ctrl+shift+k')).toThrow(/mod\+<letter>/);
  });

  type Listener = { type: string; listener: (event: unknown) => void; capture: boolean };
  const captureOf = (options: unknown) => options === true || (typeof options === 'object' && options !== null && (options as { capture?: boolean }).capture === true);

  /** Runs the script against a stand-in document; returns what a key did. */
  function press(
    init: { key: string; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean },
    { mac = false, userAgentData = undefined as { platform: string } | undefined, hydrated = false, box = true, focusable = true } = {},
  ) {
    const listeners: Listener[] = [];
    let focused = 0;
    let prevented = false;
    const input = {
      focus: () => {
        if (!focusable) return;
        focused++;
        document.activeElement = input;
      },
    };
    const document = {
      activeElement: null as unknown,
      documentElement: { getAttribute: (name: string) => (name === 'data-has-hydrated' && hydrated ? 'true' : null) },
      querySelector: (selector: string) => (box && selector === '.navbar__search-input' ? input : null),
      addEventListener: (type: string, listener: (event: unknown) => void, options?: unknown) => listeners.push({ type, listener, capture: captureOf(options) }),
      // As a browser does: only the same type, function and capture flag removes a listener.
      removeEventListener: (type: string, listener: (event: unknown) => void, options?: unknown) => {
        const index = listeners.findIndex((l) => l.type === type && l.listener === listener && l.capture === captureOf(options));
        if (index >= 0) listeners.splice(index, 1);
      },
    };
    const navigator = {
      ...(mac ? { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', platform: 'MacIntel' } : { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', platform: 'Linux x86_64' }),
      userAgentData,
    };
    new Function('document', 'navigator', earlyShortcutScript())(document, navigator);
    expect(listeners.map(({ type, capture }) => ({ type, capture }))).toEqual([{ type: 'keydown', capture: true }]);
    const event = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init, preventDefault: () => void (prevented = true) };
    for (const { listener } of [...listeners]) listener(event);
    return { focused, prevented, listening: listeners.length };
  }

  it('focuses the server-rendered box on Ctrl+K, or ⌘K on a Mac, and stops the browser\'s own', () => {
    expect(press({ key: 'k', ctrlKey: true })).toEqual({ focused: 1, prevented: true, listening: 1 });
    expect(press({ key: 'K', metaKey: true }, { mac: true })).toEqual({ focused: 1, prevented: true, listening: 1 });
  });
  it('leaves other keys alone', () => {
    expect(press({ key: 'k' })).toMatchObject({ focused: 0, prevented: false });
    expect(press({ key: 'k', metaKey: true })).toMatchObject({ focused: 0, prevented: false });
    expect(press({ key: 'k', ctrlKey: true }, { mac: true })).toMatchObject({ focused: 0, prevented: false });
    expect(press({ key: 'k', ctrlKey: true, shiftKey: true })).toMatchObject({ focused: 0, prevented: false });
    expect(press({ key: 'j', ctrlKey: true })).toMatchObject({ focused: 0, prevented: false });
  });
  it('takes the Mac from userAgentData where the browser has it, as the plugin does', () => {
    expect(press({ key: 'k', metaKey: true }, { userAgentData: { platform: 'macOS' } })).toEqual({ focused: 1, prevented: true, listening: 1 });
    expect(press({ key: 'k', ctrlKey: true }, { userAgentData: { platform: 'macOS' } })).toMatchObject({ focused: 0, prevented: false });
  });
  it('leaves the browser its own Ctrl+K where there is no box, or the box cannot take the focus', () => {
    expect(press({ key: 'k', ctrlKey: true }, { box: false })).toEqual({ focused: 0, prevented: false, listening: 1 });
    expect(press({ key: 'k', ctrlKey: true }, { focusable: false })).toEqual({ focused: 0, prevented: false, listening: 1 });
  });
  it('steps aside once the page has hydrated', () => {
    expect(press({ key: 'k', ctrlKey: true }, { hydrated: true })).toEqual({ focused: 0, prevented: false, listening: 0 });
  });
});
