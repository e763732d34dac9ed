/**
 * Turns an error from the worker into one the reader can act on: the file, line and column in
 * *their* TypeScript, found by mapping the stack through the module wrapper and sucrase.
 */
import { PlaygroundError, type SourceLocation } from './errors';
import { MODULE_PREFIX, SOURCE_URL_PREFIX } from './moduleLoader';
import { originalPosition, type CompiledFile } from './transpile';

export interface WorkerError {
  name: string;
  message: string;
  stack: string;
}

const FRAME = new RegExp(
  // Chromium: "    at fn (url:1:2)" or "    at url:1:2"; Firefox/Safari: "fn@url:1:2"
  String.raw`^\s*(?:at\s+(?:(.*?)\s+\()?|(.*?)@)${SOURCE_URL_PREFIX.replace(/[/.]/g, '\\$&')}([^:\s)]+):(\d+):(\d+)\)?\s*$`,
);

export interface MappedFrame extends Required<SourceLocation> {
  fn: string;
}

export function mapStack(stack: string, compiled: ReadonlyMap<string, CompiledFile>): MappedFrame[] {
  const frames: MappedFrame[] = [];
  for (const text of stack.split('\n')) {
    const match = FRAME.exec(text);
    if (!match) continue;
    const file = `/${match[3]}`;
    const lineMap = compiled.get(file)?.lineMap;
    let line = Number(match[4]);
    let column = Number(match[5]);
    if (line === 1) column = Math.max(1, column - MODULE_PREFIX.length);
    if (lineMap) ({ line, column } = originalPosition(lineMap, line, column));
    const fn = (match[1] ?? match[2] ?? '').replace(/^(async |Object\.|eval$)/, '').trim();
    frames.push({ fn, file, line, column });
  }
  return frames;
}

/**
 * Where to point the reader: the innermost frame in the file they edit, else the innermost
 * frame in any of the Playground's files.
 */
export function mapWorkerError(error: WorkerError, compiled: ReadonlyMap<string, CompiledFile>, editable: string): PlaygroundError {
  const frames = mapStack(error.stack, compiled);
  const at = frames.find((frame) => frame.file === editable) ?? frames[0];
  const location: SourceLocation | undefined = at ? { file: at.file, line: at.line, column: at.column } : undefined;
  const described = frames.map((frame) => `${frame.fn || '<module>'} (${frame.file.slice(1)}:${frame.line}:${frame.column})`);
  return new PlaygroundError(error.name, error.message, location, described);
}
