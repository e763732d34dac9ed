/**
 * The keys that focus the navbar's search box from anywhere on a page ("mod" is ⌘ on a Mac,
 * Ctrl elsewhere). One place for it: docusaurus.config.ts gives it to the search plugin, and the
 * box that stands in for the plugin's until a reader reaches for it (./index.tsx) listens for it.
 */
export const SEARCH_SHORTCUT = 'mod+k';

/** The query parameter a search hit's link carries: the page marks these words in its article. */
export const HIGHLIGHT_PARAM = '_highlight';

/** True when a page's address asks for words to be marked (a search hit was followed). */
export function asksForHighlight(search: string): boolean {
  try {
    return new URLSearchParams(search).getAll(HIGHLIGHT_PARAM).some((word) => word !== '');
  } catch {
    return false;
  }
}
