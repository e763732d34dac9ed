import { useEffect, useState, type RefObject } from 'react';

export interface ScrollState {
  /** The drawing is wider than the column: the box scrolls sideways. */
  overflows: boolean;
  /** More of the drawing lies to the left / to the right of what is shown. */
  moreLeft: boolean;
  moreRight: boolean;
}

const NONE: ScrollState = { overflows: false, moreLeft: false, moreRight: false };

/** Follows whether a box scrolls sideways and which way there is more, for its cue and tab stop. */
export function useScrollCue(ref: RefObject<HTMLElement | null>, content: unknown): ScrollState {
  const [state, setState] = useState<ScrollState>(NONE);
  useEffect(() => {
    const box = ref.current;
    if (!box) return undefined;
    const update = () => {
      const overflows = box.scrollWidth > box.clientWidth + 1;
      const next = {
        overflows,
        moreLeft: overflows && box.scrollLeft > 1,
        moreRight: overflows && box.scrollLeft + box.clientWidth < box.scrollWidth - 1,
      };
      setState((previous) =>
        previous.overflows === next.overflows && previous.moreLeft === next.moreLeft && previous.moreRight === next.moreRight ? previous : next,
      );
    };
    update();
    const resize = new ResizeObserver(update);
    resize.observe(box);
    // Its content: one drawing, or (where the build kept a light and a dark one) two, of which one shows.
    for (const child of Array.from(box.children)) resize.observe(child);
    box.addEventListener('scroll', update, { passive: true });
    return () => {
      resize.disconnect();
      box.removeEventListener('scroll', update);
    };
  }, [ref, content]);
  return state;
}

/**
 * The attributes of a box that may scroll sideways (a wide diagram, a wide output table): which
 * edge hides more (for the fade of scrollFade.module.css) and, while it scrolls, a tab stop and a
 * name, so that a keyboard can scroll it (WCAG 2.1.1).
 */
export function scrollBoxProps(scroll: ScrollState, name: string) {
  return {
    'data-more-left': scroll.moreLeft || undefined,
    'data-more-right': scroll.moreRight || undefined,
    ...(scroll.overflows ? { tabIndex: 0, role: 'group', 'aria-label': `${name} (scrolls sideways)` } : {}),
  };
}
