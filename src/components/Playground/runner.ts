/**
 * Runs the reader's files: sucrase (fetched on the first Run), the module loader, and a Web
 * Worker made ahead of time so that a warm Run costs a message, not a worker start. A run
 * that outlives its time limit, or that the reader stops, ends with the worker terminated
 * and a fresh one made; the page never waits on the reader's code.
 */
import { PlaygroundError } from './errors';
import { mapWorkerError } from './errorMapping';
import { compileProgram } from './moduleLoader';
import { loadTranspiler } from './loadTranspiler';
import { transpile, type CompiledFile } from './transpile';
import { compileCache } from './warmUp';
import { workerMain } from './workerRuntime';

export const MAX_OUTPUT_LINES = 1000;
export const DEFAULT_TIME_LIMIT_MS = 10_000;

export type OutputEvent =
  | { type: 'line'; level: 'log' | 'info' | 'warn' | 'error'; text: string }
  | { type: 'show'; value: unknown }
  | { type: 'cut'; count: number };

export type RunOutcome =
  | { status: 'done'; ms: number }
  | { status: 'error'; error: PlaygroundError; ms: number }
  | { status: 'stopped'; reason: 'time' | 'reader'; ms: number };

let workerUrl: string | undefined;

function makeWorker(): Worker {
  workerUrl ??= URL.createObjectURL(new Blob([`(${workerMain.toString()})(self);`], { type: 'text/javascript' }));
  return new Worker(workerUrl, { name: 'playground' });
}

export class Runner {
  private spare: Worker | undefined;
  private running: { worker: Worker; finish: (outcome: RunOutcome) => void; started: number } | undefined;
  private previous: Worker | undefined;

  /** Makes the worker the next Run will use, if there is none yet. */
  prepare(): void {
    this.spare ??= makeWorker();
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  async run(
    files: Record<string, string>,
    entry: string,
    onOutput: (event: OutputEvent) => void,
    timeLimitMs = DEFAULT_TIME_LIMIT_MS,
  ): Promise<RunOutcome> {
    this.stop('reader');
    const started = performance.now();
    const transform = await loadTranspiler();
    let program;
    let compiled: Map<string, CompiledFile>;
    try {
      ({ program, compiled } = compileProgram(files, entry, (path, source) => transpile(path, source, transform), compileCache));
    } catch (error) {
      if (error instanceof PlaygroundError) return { status: 'error', error, ms: performance.now() - started };
      throw error;
    }
    // The last run's worker may still have timers going; it is done now.
    this.previous?.terminate();
    const worker = this.spare ?? makeWorker();
    this.spare = undefined;
    return new Promise<RunOutcome>((resolve) => {
      let workerError: PlaygroundError | undefined;
      const timer = setTimeout(() => this.stop('time'), timeLimitMs);
      const finish = (outcome: RunOutcome) => {
        clearTimeout(timer);
        worker.onmessage = null;
        worker.onerror = null;
        this.running = undefined;
        resolve(outcome);
      };
      this.running = { worker, finish, started };
      worker.onmessage = (event: MessageEvent) => {
        const message = event.data;
        switch (message.type) {
          case 'line':
          case 'show':
          case 'cut':
            onOutput(message);
            break;
          case 'error':
            workerError ??= mapWorkerError(message, compiled, entry);
            break;
          case 'done':
            this.previous = worker;
            finish(workerError ? { status: 'error', error: workerError, ms: performance.now() - started } : { status: 'done', ms: performance.now() - started });
            break;
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish({ status: 'error', error: new PlaygroundError('Error', `The Playground's worker failed: ${event.message || 'it could not start'}`), ms: performance.now() - started });
      };
      worker.postMessage({ type: 'run', program, maxLines: MAX_OUTPUT_LINES });
      // Make the next run's worker while this one works.
      setTimeout(() => this.prepare(), 0);
    });
  }

  /** Ends the current run at once: the worker is terminated, not asked. */
  stop(reason: 'time' | 'reader'): void {
    const running = this.running;
    if (!running) return;
    running.worker.terminate();
    running.finish({ status: 'stopped', reason, ms: performance.now() - running.started });
    this.prepare();
  }

  dispose(): void {
    this.stop('reader');
    this.spare?.terminate();
    this.previous?.terminate();
    this.spare = this.previous = undefined;
  }
}
