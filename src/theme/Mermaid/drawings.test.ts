// @vitest-environment happy-dom
// The build's drawings, read back in the reader's browser: from the page's own HTML while it
// hydrates, or from a page's HTML fetched. One drawing for both colour modes (what the build makes
// of every diagram so far), or a light and a dark one (where it could not: the site has none today,
// so the browser tests never meet that form).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawingsOf, fetchDrawings } from './drawings';

const KEY = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const one = (id: string, key = KEY) => `<div data-drawing="${id}" data-drawing-key="${key}"><svg id="${id}"><g>one</g></svg></div>`;
const pair = (id: string, key = KEY) =>
  `<div data-drawing="${id}-light" data-drawing-key="${key}"><svg id="${id}-light"><g>light</g></svg></div>` +
  `<div data-drawing="${id}-dark" data-drawing-key="${key}"><svg id="${id}-dark"><g>dark</g></svg></div>`;

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('a page\'s drawings, from its HTML', () => {
  it('reads one drawing for both modes, and a light and dark pair, each by its id and key', () => {
    document.body.innerHTML = `<figure>${one('diagram-1-0')}</figure><figure>${pair('diagram-1-1')}</figure>`;
    expect(drawingsOf('diagram-1-0', KEY)).toEqual({ svg: '<svg id="diagram-1-0"><g>one</g></svg>' });
    expect(drawingsOf('diagram-1-1', KEY)).toEqual({ light: '<svg id="diagram-1-1-light"><g>light</g></svg>', dark: '<svg id="diagram-1-1-dark"><g>dark</g></svg>' });
  });

  it('has none for a key the page was not built with, a missing half of a pair, or an absent id', () => {
    document.body.innerHTML = `<figure>${one('diagram-1-0', OTHER)}</figure><figure>${pair('diagram-1-1').replace(/<div data-drawing="diagram-1-1-dark"[\s\S]*$/, '')}</figure>`;
    expect(drawingsOf('diagram-1-0', KEY)).toBeNull();
    expect(drawingsOf('diagram-1-1', KEY)).toBeNull();
    expect(drawingsOf('diagram-1-2', KEY)).toBeNull();
  });

  it('takes the drawings of a page reached by a link from its HTML, fetched once', async () => {
    const fetch = vi.fn(async () => new Response(`<!doctype html><html><body>${one('diagram-2-0')}${pair('diagram-2-1')}</body></html>`, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    vi.stubGlobal('fetch', fetch);
    window.history.replaceState(null, '', '/docs/planted/');
    expect(await fetchDrawings('diagram-2-0', KEY)).toEqual({ svg: '<svg id="diagram-2-0"><g>one</g></svg>' });
    expect(await fetchDrawings('diagram-2-1', KEY)).toMatchObject({ light: expect.stringContaining('light'), dark: expect.stringContaining('dark') });
    expect(await fetchDrawings('diagram-2-0', OTHER)).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
