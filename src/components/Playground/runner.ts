/**
 * Runs the reader's files: sucrase (fetched on the first Run), the module loader, and a Web
 * Worker made ahead of time so that a warm Run costs a message, not a worker start. A run
 * ends with its worker terminated, whether it finished, failed, outlived its time limit or
 * was stopped, so nothing the reader's code started (timers, requests, nested workers) lives
 * on after it; a fresh worker is made for the next run. The page never waits on the reader's
 * code, and trusts nothing the worker sends (workerMessages.ts, outputBudget.ts).
 */
import { PlaygroundError } from './errors';
import { mapWorkerError } from './errorMapping';
import { formatValue } from './formatValue';
import { addPackages, compileProgram, type LinkedModule, type PackageAssets } from './moduleLoader';
import { preparePackage, type Progress } from './packageLoader';
import type { PreparedPackage } from './packages';
import { loadTranspiler } from './loadTranspiler';
import { OUTPUT_LIMITS, OutputBudget, type OutputItem } from './outputBudget';
import { transpile, type CompiledFile } from './transpile';
import { compileCache } from './warmUp';
import { readWorkerMessage } from './workerMessages';
import { workerMain } from './workerRuntime';

export const DEFAULT_TIME_LIMIT_MS = 10_000;
/**
 * The time limit counts from the call to `main`. Loading the modules before it (the kit, and
 * the reader's top-level code) has this much more: a few milliseconds on a reader's machine,
 * seconds on a loaded CI runner, where it must not eat a short limit.
 */
export const LOADING_ALLOWANCE_MS = 10_000;
/** A run's own output is at most a thousand lines and a few closing messages; far more is an attack. */
export const MAX_MESSAGES = 5 * OUTPUT_LIMITS.items;

export type RunOutcome =
  | { status: 'done'; ms: number }
  | { status: 'error'; error: PlaygroundError; ms: number }
  /** `limitMs`: the time limit the run had (a package may raise it, see packages.ts). */
  | { status: 'stopped'; reason: 'time' | 'reader'; ms: number; limitMs: number };

let workerUrl: string | undefined;

function makeWorker(): Worker {
  workerUrl ??= URL.createObjectURL(new Blob([`(${workerMain.toString()})(self, ${formatValue.toString()});`], { type: 'text/javascript' }));
  return new Worker(workerUrl, { name: 'playground' });
}

export class Runner {
  /** The site's base URL, where the allowlisted packages are served (packageLoader.ts). */
  constructor(private readonly baseUrl = '/') {}

  private spare: Worker | undefined;
  /** A run waiting for its packages to load: Stop ends the wait (the loading goes on, for later). */
  private loading: { stop: () => void } | undefined;
  private running: { worker: Worker; finish: (outcome: RunOutcome) => void; started: number; limitMs: number } | undefined;
  /** Modules every run needs (the kit): each spare worker parses them while it waits. */
  private preloaded: Pick<LinkedModule, 'path' | 'code'>[] = [];

  /**
   * The packages the last run imported, with what the page prepared for them: the spare worker
   * starts them (PostgreSQL from its data directory) while the reader reads, once no run is
   * going, so that the next run's `new PGlite()` finds a database already started.
   */
  private packageAssets: PackageAssets = {};

  /** Makes the worker the next Run will use, if there is none yet. */
  prepare(): void {
    if (this.spare) return;
    this.spare = makeWorker();
    if (this.preloaded.length > 0) this.spare.postMessage({ type: 'preload', modules: this.preloaded });
    if (!this.running) this.startPackages();
  }

  private startPackages(): void {
    const names = Object.keys(this.packageAssets);
    if (names.length === 0 || !this.spare) return;
    // Each message is a copy: nothing a run does to its options reaches the page's.
    const assets = Object.fromEntries(names.map((name) => [name, { ...this.packageAssets[name], prestart: true }]));
    this.spare.postMessage({ type: 'start-packages', assets });
  }

  /** Modules the spare worker, and the ones after it, evaluate ahead of the run that needs them. */
  preload(modules: Pick<LinkedModule, 'path' | 'code'>[]): void {
    this.preloaded = modules;
    this.spare?.postMessage({ type: 'preload', modules });
  }

  get isRunning(): boolean {
    return this.running !== undefined || this.loading !== undefined;
  }

  async run(
    files: Record<string, string>,
    entry: string,
    onOutput: (items: OutputItem[]) => void,
    timeLimitMs = DEFAULT_TIME_LIMIT_MS,
    /** What the run waits for before the code starts (a package loading); undefined once it runs. */
    onProgress: (text: string | undefined) => void = () => {},
  ): Promise<RunOutcome> {
    this.stop('reader');
    const started = performance.now();
    // Where a run's time goes, for the benchmark (scripts/bench/playground.ts) and DevTools.
    performance.mark('playground:run');
    const transform = await loadTranspiler();
    performance.mark('playground:transpiler');
    let program;
    let compiled: Map<string, CompiledFile>;
    try {
      ({ program, compiled } = compileProgram(files, entry, (path, source) => transpile(path, source, transform), compileCache));
    } catch (error) {
      if (error instanceof PlaygroundError) return { status: 'error', error, ms: performance.now() - started };
      throw error;
    }
    performance.mark('playground:compiled');
    this.packageAssets = {};
    // Starting a package (PostgreSQL from its data directory) takes seconds of the run itself.
    const limitMs = Math.max(timeLimitMs, ...program.packages.map((entry) => entry.minTimeLimitMs));
    if (program.packages.length > 0) {
      const ready = await this.loadPackages(program.packages, onProgress);
      onProgress(undefined);
      if (ready === 'stopped') return { status: 'stopped', reason: 'reader', ms: performance.now() - started, limitMs };
      if (ready instanceof PlaygroundError) return { status: 'error', error: ready, ms: performance.now() - started };
      this.packageAssets = addPackages(program, ready);
      performance.mark('playground:packages');
    }
    const worker = this.spare ?? makeWorker();
    this.spare = undefined;
    // The next run's worker gets this run's modules ahead; the reader's own file changes most.
    this.preloaded = program.modules.filter((module) => module.path !== entry).map(({ path, code }) => ({ path, code }));
    const budget = new OutputBudget();
    return new Promise<RunOutcome>((resolve) => {
      let workerError: PlaygroundError | undefined;
      let messages = 0;
      let timer = setTimeout(() => this.stop('time'), limitMs + LOADING_ALLOWANCE_MS);
      const finish = (outcome: RunOutcome) => {
        clearTimeout(timer);
        worker.onmessage = null;
        worker.onerror = null;
        // Whatever the reader's code left running (intervals, requests, nested workers) ends here.
        worker.terminate();
        this.running = undefined;
        // The run is over: the spare may start the packages it will need now.
        this.startPackages();
        onOutput(budget.summary());
        resolve(outcome);
      };
      const ms = () => performance.now() - started;
      this.running = { worker, finish, started, limitMs };
      worker.onmessage = (event: MessageEvent) => {
        if (messages === 0) performance.mark('playground:first-message');
        if (++messages > MAX_MESSAGES) {
          const message = `The code sent the page more than ${MAX_MESSAGES.toLocaleString('en-US')} messages (does it call postMessage itself?), so it was stopped.`;
          finish({ status: 'error', error: new PlaygroundError('Error', message), ms: ms() });
          this.prepare();
          return;
        }
        const message = readWorkerMessage(event.data);
        switch (message?.type) {
          case 'line':
            onOutput(budget.line(message.level, message.text));
            break;
          case 'show':
            onOutput(budget.show(message.value));
            break;
          case 'cut':
            budget.cutByWorker(message.count);
            break;
          case 'error':
            workerError ??= mapWorkerError(message, compiled, entry);
            break;
          case 'started':
            clearTimeout(timer);
            timer = setTimeout(() => this.stop('time'), limitMs);
            break;
          case 'done':
            finish(workerError ? { status: 'error', error: workerError, ms: ms() } : { status: 'done', ms: ms() });
            break;
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish({ status: 'error', error: new PlaygroundError('Error', `The Playground's worker failed: ${event.message || 'it could not start'}`), ms: ms() });
      };
      // Posting copies the assets: nothing this run does to them reaches the next.
      worker.postMessage({ type: 'run', program, maxLines: OUTPUT_LIMITS.items, assets: this.packageAssets });
      // Make the next run's worker while this one works.
      setTimeout(() => this.prepare(), 0);
    });
  }

  /** The packages a program imports, loaded (or already loaded by an earlier run on the page). */
  private async loadPackages(
    packages: Parameters<typeof preparePackage>[0][],
    onProgress: Progress,
  ): Promise<PreparedPackage[] | PlaygroundError | 'stopped'> {
    let stop = () => {};
    const stopped = new Promise<'stopped'>((resolve) => (stop = () => resolve('stopped')));
    this.loading = { stop };
    try {
      return await Promise.race([
        stopped,
        Promise.all(packages.map((entry) => preparePackage(entry, this.baseUrl, onProgress))).catch(
          (error: unknown) =>
            new PlaygroundError(
              'Error',
              `${packages.map((entry) => entry.label).join(', ')} could not be loaded: ${(error as Error)?.message ?? String(error)}. Run again to retry.`,
            ),
        ),
      ]);
    } finally {
      this.loading = undefined;
    }
  }

  /** Ends the current run at once: the worker is terminated, not asked. */
  stop(reason: 'time' | 'reader'): void {
    this.loading?.stop();
    const running = this.running;
    if (!running) return;
    running.finish({ status: 'stopped', reason, ms: performance.now() - running.started, limitMs: running.limitMs });
    this.prepare();
  }

  dispose(): void {
    this.stop('reader');
    this.spare?.terminate();
    this.spare = undefined;
  }
}
