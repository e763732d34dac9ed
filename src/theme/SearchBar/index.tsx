/**
 * The navbar's search box, loaded when a reader reaches for it.
 *
 * The search plugin's box costs every page load work a reader who never searches does not need:
 * on mounting it finds the active docs plugin (a `localeCompare` sort that starts the browser's
 * collator) and clears search marks from the article with mark.js, and its code (with mark.js and
 * the search worker's bridge) sits in main.js. On a phone-class CPU that was about 170 ms of
 * blocking time on a chapter (Lighthouse, with the box and without it, alternately).
 *
 * So the page renders a stand-in with the plugin's own markup and classes, which looks and sits
 * exactly like it, and swaps in the plugin's box when a reader comes near: pointing at the box,
 * focusing it (a tap, a click, Tab), or pressing the search shortcut. A page opened from a search
 * hit (its address carries words to mark) loads it at once, since marking is the plugin's job.
 *
 * The hand-over. The plugin's box mounts hidden beside the stand-in, which keeps the focus and
 * takes keys meanwhile. The plugin's box empties its text just after mounting (it sets it to the
 * words of a search hit's link, none here), so the swap waits for that, then shows the plugin's
 * box and, in the same commit, gives it the stand-in's text (as typing would, so that its state
 * holds it), selection and focus; focused, it loads its index as it always does. (On a narrow
 * screen the plugin's box then puts the caret at the end, as it does on any focus.)
 */
import React, { useCallback, useEffect, useLayoutEffect, useRef, useState, type ComponentType, type ReactNode, type RefObject } from 'react';
import clsx from 'clsx';
import { useLocation } from '@docusaurus/router';
import useIsBrowser from '@docusaurus/useIsBrowser';
import { translate } from '@docusaurus/Translate';
import { getKeymapHints, matchesKeymap, parseKeymap } from '@easyops-cn/docusaurus-search-local/dist/client/client/utils/keymap';
import { isMacPlatform } from '@easyops-cn/docusaurus-search-local/dist/client/client/utils/platform';
// The plugin's own stylesheet module: the same class names as its box, so the two look alike.
import styles from '@easyops-cn/docusaurus-search-local/dist/client/client/theme/SearchBar/SearchBar.module.css';
import { asksForHighlight, SEARCH_SHORTCUT } from './shortcut';

type PluginBox = ComponentType<Record<string, unknown>>;
let loading: Promise<PluginBox> | undefined;

/**
 * The plugin's box, loaded once a page session. A failed load (offline, or a page left open
 * across a deploy that removed the chunk) is forgotten, so that reaching again tries again; the
 * stand-in stays meanwhile. (React.lazy would remember the failure, and throw it to the page's
 * error boundary: the whole page would give way to an error for a search box.)
 */
function loadPluginBox(): Promise<PluginBox> {
  loading ??= import('@theme-original/SearchBar').then(
    (module) => module.default as PluginBox,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The stand-in alone; the plugin's box mounting hidden beside it; the plugin's box alone. */
type Box = { phase: 'stand-in' } | { phase: 'mounting' | 'plugin'; PluginSearchBar: PluginBox };

function StandIn({ inputRef, onReach }: { inputRef: RefObject<HTMLInputElement | null>; onReach: () => void }): ReactNode {
  const isBrowser = useIsBrowser();
  const label = translate({ id: 'theme.SearchBar.label', message: 'Search', description: 'The ARIA label and placeholder for search button' });
  // The plugin shows the shortcut's keys once the page runs in a browser (they differ on a Mac).
  const hints = isBrowser ? getKeymapHints(SEARCH_SHORTCUT, isMacPlatform()) : [];
  return (
    <div className={clsx('navbar__search', styles.searchBarContainer)} dir="ltr">
      <svg aria-hidden="true" className={styles.searchIcon} focusable="false" viewBox="0 0 16 16">
        <path
          fill="currentColor"
          d="M6.02945 10.20327a4.17382 4.17382 0 1 1 4.17382-4.17382 4.15609 4.15609 0 0 1-4.17382 4.17382Zm9.69195 4.2199-4.8225-4.82338A5.88021 5.88021 0 0 0 12.058 6.02856 6.00467 6.00467 0 1 0 9.59979 10.8989l4.82338 4.82338a.89729.89729 0 0 0 1.29912 0 .89749.89749 0 0 0-.00087-1.29909Z"
        />
      </svg>
      <input
        ref={inputRef}
        placeholder={label}
        aria-label={label}
        className={`navbar__search-input ${styles.searchInput}`}
        onFocus={onReach}
        onMouseEnter={onReach}
      />
      {hints.length > 0 && (
        <div className={styles.searchHintContainer}>
          {hints.map((hint, index) => (
            <kbd key={index} className={styles.searchHint}>
              {hint}
            </kbd>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * Rendered after the plugin's box: calls `onSettled` once the box has run its mounting work (its
 * effects, then the task they schedule, then a frame for the render that follows).
 */
function Settled({ onSettled }: { onSettled: () => void }): null {
  useEffect(() => {
    let frame = 0;
    let inner: ReturnType<typeof setTimeout> | undefined;
    const outer = setTimeout(() => {
      frame = requestAnimationFrame(() => {
        inner = setTimeout(onSettled, 0);
      });
    }, 0);
    return () => {
      clearTimeout(outer);
      cancelAnimationFrame(frame);
      clearTimeout(inner);
    };
  }, [onSettled]);
  return null;
}

/** Types `text` into `input` as a reader would, so that React's state (the plugin's) holds it. */
function typeInto(input: HTMLInputElement, text: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (!setValue) return;
  setValue.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export default function SearchBar(props: Record<string, unknown>): ReactNode {
  const [box, setBox] = useState<Box>({ phase: 'stand-in' });
  const { phase } = box;
  const standIn = useRef<HTMLInputElement>(null);
  const plugin = useRef<HTMLDivElement>(null);
  const { search } = useLocation();
  // The stand-in stays on the page, focused and taking keys, while the code loads.
  const reach = useCallback(() => {
    loadPluginBox().then(
      (PluginSearchBar) => setBox((now) => (now.phase === 'stand-in' ? { phase: 'mounting', PluginSearchBar } : now)),
      () => undefined,
    );
  }, []);

  // A search hit's link asks the page to mark its words: the plugin's box does that.
  useEffect(() => {
    if (asksForHighlight(search)) reach();
  }, [search, reach]);

  // A reader on a slow phone may tap the box and type before the page hydrates, or a pointer may
  // come to rest on it: no focus or pointer event comes after that, so look once the stand-in is
  // live. (The search shortcut before hydration focuses it too: earlyShortcutScript.)
  useEffect(() => {
    const input = standIn.current;
    if (input && (document.activeElement === input || input.value !== '' || input.matches(':hover'))) reach();
  }, [reach]);

  // The search shortcut works before the plugin's box is there: it focuses the stand-in. While
  // the plugin's box mounts hidden, its own shortcut listener would mark that hidden box focused
  // and pull the focus into it later: the stand-in's listener, in the capture phase, goes first
  // and stops the key there.
  useEffect(() => {
    if (phase === 'plugin') return undefined;
    const keymap = parseKeymap(SEARCH_SHORTCUT);
    const onKey = (event: KeyboardEvent) => {
      if (!matchesKeymap(event, keymap)) return;
      event.preventDefault();
      if (phase === 'mounting') event.stopImmediatePropagation();
      standIn.current?.focus();
      reach();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [phase, reach]);

  // The stand-in as it was when the plugin's box was ready, and whether it had the focus.
  const leaving = useRef<{ input: HTMLInputElement; focused: boolean; hovered: boolean } | null>(null);
  const handOver = useCallback(() => {
    const input = standIn.current;
    if (input) leaving.current = { input, focused: document.activeElement === input, hovered: input.matches(':hover') };
    setBox((now) => (now.phase === 'mounting' ? { ...now, phase: 'plugin' } : now));
  }, []);
  // In the commit that removed the stand-in: its element, detached, still holds what was typed
  // until then, and the focus has gone nowhere else unless the reader moved it.
  useLayoutEffect(() => {
    if (phase !== 'plugin' || !leaving.current) return;
    const { input, focused, hovered } = leaving.current;
    leaving.current = null;
    const to = plugin.current?.querySelector('input');
    if (!to) return;
    if (input.value !== '') typeInto(to, input.value);
    const focusWentElsewhere = document.activeElement !== null && document.activeElement !== document.body;
    if (focused && !focusWentElsewhere) {
      to.focus();
      to.setSelectionRange(input.selectionStart ?? to.value.length, input.selectionEnd ?? to.value.length);
    } else if (hovered) {
      // The plugin's box starts loading its index when the pointer enters it, ahead of a click;
      // the pointer entered the stand-in instead, so tell the plugin's box as the browser would.
      to.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, relatedTarget: document.body }));
    }
  }, [phase]);

  return (
    <>
      {phase !== 'plugin' && <StandIn inputRef={standIn} onReach={reach} />}
      {box.phase !== 'stand-in' && (
        <div ref={plugin} style={{ display: box.phase === 'plugin' ? 'contents' : 'none' }}>
          <box.PluginSearchBar {...props} />
          {phase === 'mounting' && <Settled onSettled={handOver} />}
        </div>
      )}
    </>
  );
}
