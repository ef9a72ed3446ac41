/**
 * Where fast-yaml.ts found each value: per mapping or sequence, the offset each entry starts
 * at (and each key, in a mapping), turned into line and column the way `yaml`'s LineCounter
 * does, and looked up by path with the same fallbacks as yaml-positions.ts.
 */
import type { LoadedYaml } from './load-yaml.js';
import type { Position } from './types.js';

/** A mapping or a sequence: where it starts, and where each of its entries does. */
export class PosNode {
  readonly keys: string[] | undefined;
  readonly keyAt: number[] | undefined;
  /** Offset of each entry's value (of its node's start, as `yaml` gives it). */
  readonly at: number[] = [];
  /** The entry's own PosNode when it is a mapping or a sequence. */
  readonly kids: (PosNode | undefined)[] = [];

  constructor(
    readonly start: number,
    map: boolean,
  ) {
    if (map) {
      this.keys = [];
      this.keyAt = [];
    }
  }

  add(offset: number, kid: PosNode | undefined): void {
    this.at.push(offset);
    this.kids.push(kid);
  }

  /** The entry at `segment`, as yaml-positions.ts finds it: by key in a mapping, by index in a sequence. */
  indexOf(segment: PropertyKey): number {
    if (this.keys) return this.keys.indexOf(String(segment));
    return typeof segment === 'number' && Number.isInteger(segment) && segment >= 0 && segment < this.at.length
      ? segment
      : -1;
  }
}

/** A file read by fast-yaml.ts: its values, and their positions. */
export class FastYaml implements LoadedYaml {
  constructor(
    readonly value: Record<string, unknown>,
    private readonly root: PosNode,
    private readonly lineStarts: readonly number[],
    private readonly text: string,
  ) {}

  /** `yaml`'s LineCounter.linePos. */
  private at(offset: number): Position {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - (starts[low - 1] as number) + 1 };
  }

  /** The offset of the value at `path`, or -1 when there is none. */
  private valueOffset(path: readonly PropertyKey[], length = path.length): number {
    let node: PosNode | undefined = this.root;
    let offset = this.root.start;
    for (let n = 0; n < length; n++) {
      if (!node) return -1;
      const i = node.indexOf(path[n] as PropertyKey);
      if (i < 0) return -1;
      offset = node.at[i] as number;
      node = node.kids[i];
    }
    return offset;
  }

  /** The offset of the key that ends `path`'s first `length` segments, or -1. */
  private keyOffset(path: readonly PropertyKey[], length: number): number {
    let node: PosNode | undefined = this.root;
    for (let n = 0; n < length - 1; n++) {
      if (!node) return -1;
      const i = node.indexOf(path[n] as PropertyKey);
      if (i < 0) return -1;
      node = node.kids[i];
    }
    if (!node?.keyAt) return -1;
    const i = node.indexOf(path[length - 1] as PropertyKey);
    return i < 0 ? -1 : (node.keyAt[i] as number);
  }

  positionOf(path: readonly PropertyKey[], options: { key?: boolean } = {}): Position {
    for (let n = path.length; n >= 0; n--) {
      if (options.key && n === path.length && n > 0) {
        const key = this.keyOffset(path, n);
        if (key >= 0) return this.at(key);
        continue;
      }
      const value = this.valueOffset(path, n);
      if (value >= 0) return this.at(value);
      if (n > 0) {
        const key = this.keyOffset(path, n);
        if (key >= 0) return this.at(key);
      }
    }
    return { line: 1, col: 1 };
  }

  sourceAt(path: readonly PropertyKey[]): string | undefined {
    const offset = this.valueOffset(path);
    if (offset < 0) return undefined;
    // Only a plain scalar of a block mapping is asked for (the spec version, as written).
    let end = this.text.indexOf('\n', offset);
    if (end < 0) end = this.text.length;
    const line = this.text.slice(offset, end);
    const comment = line.indexOf(' #');
    return (comment < 0 ? line : line.slice(0, comment)).trimEnd();
  }
}
