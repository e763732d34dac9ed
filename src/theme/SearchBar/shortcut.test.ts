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

  /** Runs the script against a stand-in document; returns what a key did. */
  function press(init: { key: string; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean }, { mac = false, hydrated = false } = {}) {
    const listeners: Array<(event: unknown) => void> = [];
    let focused = 0;
    let prevented = false;
    const document = {
      documentElement: { getAttribute: () => (hydrated ? 'true' : null) },
      querySelector: (selector: string) => (selector === '.navbar__search-input' ? { focus: () => void focused++ } : null),
      addEventListener: (_type: string, listener: (event: unknown) => void) => listeners.push(listener),
      removeEventListener: (_type: string, listener: (event: unknown) => void) => listeners.splice(listeners.indexOf(listener), 1),
    };
    const navigator = { platform: mac ? 'MacIntel' : 'Linux x86_64' };
    new Function('document', 'navigator', earlyShortcutScript())(document, navigator);
    const event = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init, preventDefault: () => void (prevented = true) };
    for (const listener of [...listeners]) listener(event);
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
  it('steps aside once the page has hydrated', () => {
    expect(press({ key: 'k', ctrlKey: true }, { hydrated: true })).toEqual({ focused: 0, prevented: false, listening: 0 });
  });
});
