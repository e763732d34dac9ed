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

let warming = false;

/**
 * When the reader reaches for Run (pointer over it, focus on it, or a press before the editor
 * is there): fetch sucrase and compile the files in idle moments, one per slice, so the first
 * Run finds them compiled.
 */
export function warmUp(files: Record<string, string>): void {
  if (warming) return;
  warming = true;
  void loadTranspiler().then((transform) => {
    const pending = Object.entries(files);
    const idle = (work: () => void) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(work, { timeout: 200 }) : setTimeout(work, 0);
    const step = () => {
      const next = pending.shift();
      if (!next) return;
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
  });
}
