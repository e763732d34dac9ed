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
    if (box.firstElementChild) resize.observe(box.firstElementChild);
    box.addEventListener('scroll', update, { passive: true });
    return () => {
      resize.disconnect();
      box.removeEventListener('scroll', update);
    };
  }, [ref, content]);
  return state;
}
