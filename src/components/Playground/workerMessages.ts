/**
 * What the worker posts, checked and converted before the page acts on it. The worker runs
 * the reader's code, and that code can call `postMessage` itself with anything that survives
 * structured cloning (cycles, BigInt, a `type` that is an object, a 50 MB string), so every
 * field is read here into a known shape and anything else is dropped.
 */
import { formatValue } from './formatValue';

export type LineLevel = 'log' | 'info' | 'warn' | 'error';

export type WorkerMessage =
  | { type: 'started' }
  | { type: 'line'; level: LineLevel; text: string }
  /** A value given to `show()`: still untrusted, outputBudget.ts reads it. */
  | { type: 'show'; value: unknown }
  | { type: 'cut'; count: number }
  | { type: 'error'; name: string; message: string; stack: string }
  | { type: 'done' };

const LEVELS: readonly string[] = ['log', 'info', 'warn', 'error'];
// Enough for any real error; the stack is read line by line with a regular expression.
const MAX_NAME_CHARS = 200;
const MAX_MESSAGE_CHARS = 10_000;
const MAX_STACK_CHARS = 20_000;

/** Any value as text of at most `limit` characters, without running anything that can throw. */
export function textOf(value: unknown, limit: number): string {
  if (typeof value === 'string') return value.length > limit ? value.slice(0, limit) : value;
  return formatValue(value, limit);
}

/** The message in a known shape, or undefined for anything the protocol does not have. */
export function readWorkerMessage(data: unknown): WorkerMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'line':
      return {
        type: 'line',
        level: LEVELS.includes(message.level as string) ? (message.level as LineLevel) : 'log',
        // Not cut here: the output budget cuts long lines and says how much it cut.
        text: typeof message.text === 'string' ? message.text : formatValue(message.text, MAX_MESSAGE_CHARS),
      };
    case 'show':
      return { type: 'show', value: message.value };
    case 'cut': {
      const count = message.count;
      return typeof count === 'number' && Number.isFinite(count) && count > 0 ? { type: 'cut', count: Math.floor(count) } : undefined;
    }
    case 'error':
      return {
        type: 'error',
        name: textOf(message.name, MAX_NAME_CHARS) || 'Error',
        message: textOf(message.message, MAX_MESSAGE_CHARS),
        stack: typeof message.stack === 'string' ? message.stack.slice(0, MAX_STACK_CHARS) : '',
      };
    case 'started':
    case 'done':
      return { type: message.type };
    default:
      return undefined;
  }
}
