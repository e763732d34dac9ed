import { describe, expect, it } from 'vitest';
import { asksForHighlight } from './shortcut';

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
