/**
 * A CodeMirror extension that marks the line an error points at, keeps the mark on that line
 * while the reader edits around it, and scrolls the editor to it. Loaded with the editor.
 */
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

export const setErrorLine = StateEffect.define<{ line: number; message: string } | null>();

export function errorLineExtension(className: string): Extension {
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(decorations, transaction) {
      let next = decorations.map(transaction.changes);
      for (const effect of transaction.effects) {
        if (!effect.is(setErrorLine)) continue;
        if (effect.value === null) {
          next = Decoration.none;
        } else {
          const line = transaction.state.doc.line(Math.min(Math.max(1, effect.value.line), transaction.state.doc.lines));
          next = Decoration.set([
            Decoration.line({ class: className, attributes: { title: effect.value.message, 'data-error-line': String(line.number) } }).range(line.from),
          ]);
        }
      }
      return next;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}

/** Marks `line` (1-based) in `view`, or clears the mark when `line` is undefined. */
export function markErrorLine(view: EditorView, line: number | undefined, message = ''): void {
  if (line === undefined) {
    view.dispatch({ effects: setErrorLine.of(null) });
    return;
  }
  const target = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
  view.dispatch({ effects: setErrorLine.of({ line, message }) });
  // Centre the line in the editor's own scroll box, leaving the page where it is: the reader is
  // looking at the error report under the editor. (EditorView.scrollIntoView would scroll the
  // page too.)
  view.requestMeasure({
    read: (current) => {
      // The scroll box is the nearest scrolling ancestor (the Playground's editor wrapper).
      let scroller: HTMLElement | null = current.scrollDOM;
      while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
      if (!scroller || scroller === document.documentElement || scroller === document.body) return undefined;
      const block = current.lineBlockAt(target.from);
      const lineTop = current.documentTop + block.top - scroller.getBoundingClientRect().top + scroller.scrollTop;
      return { scroller, top: Math.max(0, lineTop - (scroller.clientHeight - block.height) / 2) };
    },
    write: (measured) => {
      if (measured) measured.scroller.scrollTop = measured.top;
    },
  });
}
