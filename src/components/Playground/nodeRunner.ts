/** Runs a Playground program in Node exactly as the worker would (same runtime function), for tests. */
import { transform } from 'sucrase';
import { addPackages, compileProgram } from './moduleLoader';
import { ASSETS_GLOBAL, type PreparedPackage } from './packages';
import { transpile } from './transpile';
import { workerMain } from './workerRuntime';
import { formatValue } from './formatValue';
import { mapWorkerError, type WorkerError } from './errorMapping';
import type { PlaygroundError } from './errors';

export interface RunResult {
  messages: any[];
  lines: string[];
  error?: PlaygroundError;
}

export async function runInNode(
  files: Record<string, string>,
  entry: string,
  maxLines = 1000,
  /** By name: each package's code and the options the page would prepare for it. */
  packages: Record<string, PreparedPackage> = {},
  /** As the page's spare worker does after a run that used them: start the packages first. */
  prestart = false,
): Promise<RunResult> {
  const { program, compiled } = compileProgram(files, entry, (path, source) => transpile(path, source, transform));
  const assets = addPackages(
    program,
    program.packages.map((entry) => {
      if (!packages[entry.name]) throw new Error(`runInNode: the program imports ${entry.name}; pass its code and options`);
      return packages[entry.name];
    }),
  );
  const messages: any[] = [];
  let onMessage: (event: { data: unknown }) => void = () => {};
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  const scope = {
    postMessage(message: any) {
      messages.push(structuredClone(message));
      if (message.type === 'done') finished();
    },
    addEventListener(type: string, listener: (event: { data: unknown }) => void) {
      if (type === 'message') onMessage = listener;
    },
  };
  try {
    workerMain(scope, formatValue);
    if (prestart) {
      const ahead = program.modules.filter((module) => module.path.startsWith('package:'));
      onMessage({ data: { type: 'preload', modules: ahead.map(({ path, code }) => ({ path, code })) } });
      const started = Object.fromEntries(Object.entries(assets).map(([name, value]) => [name, { ...value, prestart: true }]));
      onMessage({ data: { type: 'start-packages', assets: started } });
    }
    onMessage({ data: { type: 'run', program, maxLines, assets } });
    await done;
  } finally {
    delete (globalThis as any).__playgroundShow;
    delete (globalThis as any)[ASSETS_GLOBAL];
  }
  const raw = messages.find((message) => message.type === 'error') as WorkerError | undefined;
  return {
    messages,
    lines: messages.filter((message) => message.type === 'line').map((message) => message.text),
    error: raw && mapWorkerError(raw, compiled, entry),
  };
}
