/**
 * The keys that focus the navbar's search box from anywhere on a page ("mod" is ⌘ on a Mac,
 * Ctrl elsewhere). One place for it: docusaurus.config.ts gives it to the search plugin, the
 * box that stands in for the plugin's until a reader reaches for it (./index.tsx) listens for it,
 * and earlyShortcutScript below answers it before the page hydrates.
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

/**
 * A script for the page's <head>: the search shortcut works before the page hydrates.
 *
 * Until React has hydrated, no listener of the site's is on the page, so without this the
 * shortcut would do nothing and whatever the reader typed next would go nowhere: on a busy or
 * slow machine that first second or two is when a reader who knows the shortcut presses it.
 * This listener focuses the server-rendered box (the stand-in, ./index.tsx), so the keys that
 * follow land in it; once the page runs, the stand-in finds itself focused or holding text and
 * loads the plugin's box, which takes the text over. After hydration it removes itself at the
 * first key, leaving the shortcut to the stand-in's and the plugin's listeners. "mod" is ⌘ on a
 * Mac and Ctrl elsewhere, decided as the plugin's isMacPlatform decides it (the platform from
 * userAgentData, else the user agent). The browser's own use of the keys is prevented only if
 * the box did take the focus.
 */
export function earlyShortcutScript(shortcut: string = SEARCH_SHORTCUT): string {
  const match = /^mod\+([a-z])$/.exec(shortcut);
  if (!match) throw new Error(`earlyShortcutScript handles "mod+<letter>" shortcuts, not "${shortcut}"`);
  const key = JSON.stringify(match[1]);
  return [
    '(function(){var d=document,n=navigator,u=n.userAgentData,',
    'm=/mac/i.test(u&&u.platform?u.platform:n.userAgent||n.platform||"");',
    'd.addEventListener("keydown",function k(e){',
    'if(d.documentElement.getAttribute("data-has-hydrated")==="true"){d.removeEventListener("keydown",k,true);return}',
    `if((m?e.metaKey&&!e.ctrlKey:e.ctrlKey&&!e.metaKey)&&!e.altKey&&!e.shiftKey&&String(e.key).toLowerCase()===${key}){`,
    'var i=d.querySelector(".navbar__search-input");if(i){i.focus();if(d.activeElement===i)e.preventDefault()}}},true)})()',
  ].join('');
}
