import { useEffect, useState, type RefObject } from 'react';

/**
 * True once the element comes within about a screen of the viewport, and from then on. A page
 * loads with its diagrams as placeholders and draws each as the reader nears it, so a long
 * chapter does not run Mermaid a dozen times before the reader can scroll. Until the reader
 * first scrolls, only a diagram in view is drawn: one a screen below waits for that first
 * scroll, so a page whose first screen has no diagram loads no Mermaid at all (about 2 s of
 * main-thread work on a mid-range phone, the largest part of a chapter's blocking time).
 * An anchor link scrolls its target into view, which brings the diagrams around it near.
 * Printing draws all, and so does the event DRAW_ALL_EVENT on window (the browser tests use it:
 * wokenAll also flips the colour mode, which re-renders every code block on the page).
 */
const AHEAD = '100% 0px';
export const DRAW_ALL_EVENT = 'diagrams:draw-all';

type Wake = () => void;
const waiting = new Map<Element, Wake>();
let observer: IntersectionObserver | undefined;
let wokenAll = false;
/** The reader has scrolled (or jumped to an anchor) since the page loaded. */
let scrolled = false;

/** In the viewport itself, not only in the margin ahead of it. */
function inView(entry: IntersectionObserverEntry): boolean {
  const { top, bottom } = entry.boundingClientRect;
  return bottom > 0 && top < window.innerHeight;
}

function onFirstScroll(): void {
  scrolled = true;
  // Observing again reports every waiting diagram's position afresh, now with the margin ahead.
  if (!observer) return;
  for (const element of waiting.keys()) {
    observer.unobserve(element);
    observer.observe(element);
  }
}

function wakeAll(): void {
  wokenAll = true;
  for (const wake of waiting.values()) wake();
  waiting.clear();
  observer?.disconnect();
}

if (typeof window !== 'undefined') {
  window.addEventListener(DRAW_ALL_EVENT, wakeAll);
  window.addEventListener('scroll', onFirstScroll, { passive: true, once: true });
  window.addEventListener('beforeprint', wakeAll);
  window.matchMedia('print').addEventListener('change', (query) => query.matches && wakeAll());
}

function watch(element: Element, wake: Wake): () => void {
  // Everything was woken already, print was asked for before the page hydrated, or there is
  // nothing to observe with.
  if (wokenAll || typeof IntersectionObserver === 'undefined' || window.matchMedia('print').matches) {
    wake();
    return () => undefined;
  }
  if (!observer) {
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting || (!scrolled && !inView(entry))) continue;
          waiting.get(entry.target)?.();
          waiting.delete(entry.target);
          observer?.unobserve(entry.target);
        }
      },
      { rootMargin: AHEAD },
    );
  }
  waiting.set(element, wake);
  observer.observe(element);
  return () => {
    waiting.delete(element);
    observer?.unobserve(element);
  };
}

export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    if (near || !ref.current) return undefined;
    return watch(ref.current, () => setNear(true));
  }, [near, ref]);
  return near;
}
