/** Where in the reader's files something went wrong (1-based line and column). */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** An error the Playground shows to the reader: what happened, and where in their files. */
export class PlaygroundError extends Error {
  constructor(
    readonly kind: 'SyntaxError' | 'ImportError' | 'ImportCycle' | string,
    message: string,
    readonly location?: SourceLocation,
    /** Stack frames already mapped to the reader's files, e.g. "main (/00-introduction/x.ts:12:5)". */
    readonly frames: string[] = [],
  ) {
    super(message);
    this.name = kind;
  }
}

export function describeLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  const file = location.file.replace(/^\//, '');
  if (location.line === undefined) return file;
  return location.column === undefined ? `${file}:${location.line}` : `${file}:${location.line}:${location.column}`;
}
