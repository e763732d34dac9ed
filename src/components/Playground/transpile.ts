/**
 * TypeScript to CommonJS for the worker, with sucrase (fast, small, keeps line numbers).
 * Sucrase is passed in rather than imported so that the page loads it only on the first Run.
 */
import { decode } from '@jridgewell/sourcemap-codec';
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
/**
 * What sucrase 3.35 makes of `export const A = 0, B = 1;` (`exports.A = A, B = 1;`) and of
 * `export let a, b;` (`exports.a, b;`): every name after the first is left undeclared, so the
 * code fails later with a misleading "B is not defined". Caught here with the reader's line.
 */
const SPLIT_EXPORT = /(?:^|;)\s*exports\.([A-Za-z_$][\w$]*)(?: = \1)?, [A-Za-z_$][\w$]*\s*[=,;]/;

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
    const miscompiled = SPLIT_EXPORT.exec(text);
    if (miscompiled) {
      const { line, column } = originalPosition(lineMap, index + 1, miscompiled.index + 1);
      throw new PlaygroundError(
        'SyntaxError',
        'Export one name per declaration here: write `export const A = 0;` and `export const B = 1;` rather than `export const A = 0, B = 1;`. ' +
          "Node accepts both, but the Playground's compiler (sucrase) leaves every name after the first undeclared.",
        { file: path, line, column },
      );
    }
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

/**
 * A source map's `mappings` (one source, as sucrase writes it) as the line map above: the VLQ
 * decoding is @jridgewell/sourcemap-codec's; only the reshaping to segments that carry a source
 * position is ours.
 */
export function decodeMappings(mappings: string): number[][][] {
  return decode(mappings).map((segments) =>
    segments.flatMap((segment) => (segment.length === 1 ? [] : [[segment[0], segment[2], segment[3]]])),
  );
}
