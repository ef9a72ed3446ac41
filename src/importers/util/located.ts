/**
 * A parsed document plus the line where each value starts, addressed by its path of keys and
 * indexes: `lineOf('packages', 'node_modules/express', 'version')`. A path that was not
 * recorded falls back to its nearest recorded ancestor, so callers always get a useful line.
 */
export type PathSegment = string | number;

export interface Located {
  value: unknown;
  lineOf(...path: PathSegment[]): number | undefined;
  /** The line of exactly this path, without falling back to an ancestor. */
  exactLineOf(...path: PathSegment[]): number | undefined;
}

const SEP = '\u001f';

function pathKey(path: readonly PathSegment[]): string {
  return path.join(SEP);
}

/** The key of a child of the path whose key is `parent` (the root's key is ''). */
export function childKey(parent: string | undefined, segment: PathSegment): string {
  return parent === undefined ? String(segment) : `${parent}${SEP}${segment}`;
}

export class LineMap {
  private readonly lines = new Map<string, number>();

  set(path: readonly PathSegment[], line: number): void {
    this.setKey(pathKey(path), line);
  }

  /** `key` is a path already joined by {@link childKey}: the parser's fast path. */
  setKey(key: string, line: number): void {
    if (!this.lines.has(key)) this.lines.set(key, line);
  }

  exactLineOf(path: readonly PathSegment[]): number | undefined {
    return this.lines.get(pathKey(path));
  }

  lineOf(path: readonly PathSegment[]): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const line = this.lines.get(pathKey(path.slice(0, n)));
      if (line !== undefined) return line;
    }
    return undefined;
  }
}

/** 1-based line of a character offset. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Plain objects only: arrays and null are not records. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Own enumerable entries of a record, or none. */
export function entriesOf(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}
