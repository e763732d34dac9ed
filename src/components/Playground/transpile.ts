/**
 * TypeScript to CommonJS for the worker, with sucrase (fast, small, keeps line numbers).
 * Sucrase is passed in rather than imported so that the page loads it only on the first Run.
 */
import { PlaygroundError } from './errors';

export type SucraseTransform = (
  code: string,
  options: {
    transforms: ('typescript' | 'imports')[];
    filePath: string;
    sourceMapOptions: { compiledFilename: string };
  },
) => { code: string; sourceMap?: { mappings: string } };

export interface CompiledFile {
  path: string;
  code: string;
  /** Relative specifiers this file requires at run time (type-only imports are gone). */
  specifiers: { specifier: string; line: number }[];
  /** Per generated line (0-based): sorted [generatedColumn, originalLine, originalColumn] (0-based). */
  lineMap: number[][][];
}

const REQUIRE_CALL = /\brequire\((['"])([^'"\n]+)\1\)/g;

export function transpile(path: string, source: string, transform: SucraseTransform): CompiledFile {
  let result;
  try {
    result = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: path,
      sourceMapOptions: { compiledFilename: path.replace(/\.ts$/, '.js') },
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = String((error as Error).message ?? error)
      .replace(/^Error transforming \S+: /, '')
      .replace(/\s*\(\d+:\d+\)$/, '');
    // sucrase reports 1-based lines and 1-based columns
    throw new PlaygroundError('SyntaxError', message, loc ? { file: path, line: loc.line, column: loc.column } : { file: path });
  }
  const lineMap = decodeMappings(result.sourceMap?.mappings ?? '');
  const specifiers: CompiledFile['specifiers'] = [];
  const lines = result.code.split('\n');
  lines.forEach((text, index) => {
    for (const match of text.matchAll(REQUIRE_CALL)) {
      specifiers.push({ specifier: match[2], line: originalPosition(lineMap, index + 1, (match.index ?? 0) + 1).line });
    }
  });
  return { path, code: result.code, specifiers, lineMap };
}

/** Maps a 1-based generated position back to the 1-based position in the reader's source. */
export function originalPosition(lineMap: number[][][], line: number, column: number): { line: number; column: number } {
  const segments = lineMap[line - 1];
  if (!segments || segments.length === 0) return { line, column };
  let best = segments[0];
  for (const segment of segments) {
    if (segment[0] <= column - 1) best = segment;
    else break;
  }
  // Sucrase maps every token, and engines report token starts: map to the start of the token
  // (an offset inside it would overshoot where sucrase rewrote `check` as `_sim.check`).
  return { line: best[1] + 1, column: best[2] + 1 };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's `mappings` (one source, as sucrase writes it). */
export function decodeMappings(mappings: string): number[][][] {
  const result: number[][][] = [];
  let originalLine = 0;
  let originalColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: number[][] = [];
    let generatedColumn = 0;
    for (const segmentText of lineText.split(',')) {
      if (!segmentText) continue;
      const values = decodeVlq(segmentText);
      generatedColumn += values[0];
      if (values.length >= 4) {
        originalLine += values[2];
        originalColumn += values[3];
        segments.push([generatedColumn, originalLine, originalColumn]);
      }
    }
    result.push(segments);
  }
  return result;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
