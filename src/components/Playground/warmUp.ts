/**
 * The compiled files every Playground on the page shares (the kit is compiled once, whoever
 * runs first), and the warm-up that fills it before the first Run. A small module of its own
 * so that Run pressed before the editor has loaded can start compiling while the editor's
 * chunks are still on their way.
 */
import { loadTranspiler } from './loadTranspiler';
import type { CompileCache } from './moduleLoader';
import { transpile } from './transpile';

export const compileCache: CompileCache = new Map();

let warming: Promise<void> | undefined;

/**
 * Once the editor is on screen, or the reader reaches for Run before it is (a press on the
 * static view): fetch sucrase and compile the files in idle moments, one per slice, so that
 * the first Run finds them compiled. Resolves when all are.
 */
export function warmUp(files: Record<string, string>): Promise<void> {
  warming ??= loadTranspiler().then(
    (transform) =>
      new Promise<void>((resolve) => {
        const pending = Object.entries(files);
        const idle = (work: () => void) =>
          typeof requestIdleCallback === 'function' ? requestIdleCallback(work, { timeout: 200 }) : setTimeout(work, 0);
        const step = () => {
          const next = pending.shift();
          if (!next) {
            resolve();
            return;
          }
          const [path, source] = next;
          if (compileCache.get(path)?.source !== source) {
            try {
              compileCache.set(path, { source, compiled: transpile(path, source, transform) });
            } catch {
              // a syntax error: Run reports it
            }
          }
          idle(step);
        };
        idle(step);
      }),
  );
  return warming;
}
