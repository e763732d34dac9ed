/**
 * The compiled files every Playground on the page shares (the kit is compiled once, whoever
 * runs first), and the warm-up that fills it before the first Run. A small module of its own
 * so that Run pressed before the editor has loaded can start compiling while the editor's
 * chunks are still on their way.
 */
import { loadTranspiler } from './loadTranspiler';
import type { CompileCache } from './moduleLoader';
import { transpile, type CompiledFile } from './transpile';

export const compileCache: CompileCache = new Map();

let warming: Promise<void> | undefined;

/**
 * Once the editor is on screen, or the reader reaches for Run before it is (a press on the
 * static view): fetch sucrase and compile the files in idle moments, so that the first Run
 * finds them compiled. Resolves when all are.
 */
export function warmUp(files: Record<string, string>): Promise<void> {
  warming ??= loadTranspiler().then((transform) => compileInIdleTime(files, (path, source) => transpile(path, source, transform), browserIdle));
  return warming;
}

/** An idle moment: how long it has left (ms). */
export type IdleDeadline = { timeRemaining(): number };
export type Idle = (work: (deadline: IdleDeadline) => void) => void;

/**
 * Idle moments' time is spent while at least this much of it is left: a kit file takes a few
 * milliseconds to compile, so a moment holds several, and the page stays free for the reader.
 */
const LEFT_FOR_THE_PAGE_MS = 4;

/**
 * Compiles into compileCache every file not compiled yet, in idle moments: one file at least per
 * moment, more while the moment lasts. (One file a moment, as before, took a frame a file: the
 * kit's 30-odd files needed half a second, and a Run pressed sooner compiled the rest itself.)
 */
export function compileInIdleTime(
  files: Record<string, string>,
  compile: (path: string, source: string) => CompiledFile,
  idle: Idle,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const pending = Object.entries(files);
    const step = (deadline: IdleDeadline) => {
      do {
        const next = pending.shift();
        if (!next) {
          resolve();
          return;
        }
        const [path, source] = next;
        // A Run may have compiled it meanwhile.
        if (compileCache.get(path)?.source === source) continue;
        try {
          compileCache.set(path, { source, compiled: compile(path, source) });
        } catch {
          // a syntax error: Run reports it
        }
      } while (deadline.timeRemaining() > LEFT_FOR_THE_PAGE_MS);
      idle(step);
    };
    idle(step);
  });
}

function browserIdle(work: (deadline: IdleDeadline) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 200 });
  else setTimeout(() => work({ timeRemaining: () => 0 }), 0);
}
