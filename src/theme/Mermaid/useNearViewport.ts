import { useEffect, useState, type RefObject } from 'react';

/**
 * True once the element comes within about a screen of the viewport, and from then on. A page
 * loads with its diagrams as placeholders and draws each as the reader nears it, so a long
 * chapter does not run Mermaid a dozen times before the reader can scroll. An anchor link
 * scrolls its target into view, which brings the diagrams around it near. Printing draws all.
 */
const AHEAD = '100% 0px';

type Wake = () => void;
const waiting = new Map<Element, Wake>();
let observer: IntersectionObserver | undefined;
let printing = false;

function wakeAll(): void {
  printing = true;
  for (const wake of waiting.values()) wake();
  waiting.clear();
  observer?.disconnect();
}

function watch(element: Element, wake: Wake): () => void {
  // Already printing (print was asked for before the page hydrated) or nothing to observe with.
  if (printing || typeof IntersectionObserver === 'undefined' || window.matchMedia('print').matches) {
    wake();
    return () => undefined;
  }
  if (!observer) {
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          waiting.get(entry.target)?.();
          waiting.delete(entry.target);
          observer?.unobserve(entry.target);
        }
      },
      { rootMargin: AHEAD },
    );
    window.addEventListener('beforeprint', wakeAll);
    window.matchMedia('print').addEventListener('change', (query) => query.matches && wakeAll());
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
