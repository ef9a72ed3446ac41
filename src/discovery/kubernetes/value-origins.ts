/**
 * Where each part of a Kubernetes resource was written, kept on the values themselves. Kustomize
 * moves values between files (a patch's container env lands in the base's Deployment, a
 * generator's literal becomes a ConfigMap's data), so a line looked up by path in the base
 * document would be wrong; an origin attached to each object and each of its keys travels with
 * the value wherever a merge puts it.
 */
import type { SourceRef } from '../model.js';
import { isRecord, type Located, type PathSegment } from '../../importers/util/located.js';

/** Deeper than any real manifest; below it, values take their parent's place. */
const MAX_DEPTH = 64;

interface Origin {
  self: SourceRef;
  keys: Map<PathSegment, SourceRef>;
}

export class ValueOrigins {
  private readonly origins = new WeakMap<object, Origin>();

  /** Records the lines of `value`, the node at `base` of a parsed document of `file`. */
  record(value: unknown, file: string, doc: Located, base: readonly PathSegment[]): void {
    const walk = (node: unknown, path: PathSegment[], depth: number): void => {
      if (typeof node !== 'object' || node === null || depth > MAX_DEPTH || this.origins.has(node)) return;
      const self: SourceRef = { file, line: doc.lineOf(...path) };
      const keys = new Map<PathSegment, SourceRef>();
      this.origins.set(node, { self, keys });
      for (const [key, child] of childrenOf(node)) {
        const childPath = [...path, key];
        const line = doc.exactLineOf(...childPath);
        if (line !== undefined) keys.set(key, { file, line });
        walk(child, childPath, depth + 1);
      }
    };
    walk(value, [...base], 0);
  }

  /** Gives `value` and everything in it without an origin of its own the place `at`. */
  stamp(value: unknown, at: SourceRef): void {
    const walk = (node: unknown, depth: number): void => {
      if (typeof node !== 'object' || node === null || depth > MAX_DEPTH || this.origins.has(node)) return;
      this.origins.set(node, { self: at, keys: new Map() });
      for (const [, child] of childrenOf(node)) walk(child, depth + 1);
    };
    walk(value, 0);
  }

  /** Where the object starts. */
  of(value: unknown): SourceRef | undefined {
    return typeof value === 'object' && value !== null ? this.origins.get(value)?.self : undefined;
  }

  /** Where `key` of the object is written; the object's own place when the key was not recorded. */
  at(value: unknown, key: PathSegment): SourceRef | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const origin = this.origins.get(value);
    return origin?.keys.get(key) ?? origin?.self;
  }

  /** Records that `key` of `target` now holds a value written at `ref`. */
  setKey(target: object, key: PathSegment, ref: SourceRef | undefined): void {
    const origin = this.origins.get(target);
    if (!origin || !ref) return;
    origin.keys.set(key, ref);
  }

  /** A deep copy that keeps every origin: parsed files are read once and copied into each set that uses them. */
  clone<T>(value: T): T {
    const copy = (node: unknown, depth: number): unknown => {
      if (typeof node !== 'object' || node === null) return node;
      if (depth > MAX_DEPTH) return undefined;
      const result: unknown = Array.isArray(node)
        ? node.map((item) => copy(item, depth + 1))
        : Object.fromEntries(Object.entries(node).map(([key, child]) => [key, copy(child, depth + 1)]));
      const origin = this.origins.get(node);
      if (origin) this.origins.set(result as object, { self: origin.self, keys: new Map(origin.keys) });
      return result;
    };
    return copy(value, 0) as T;
  }
}

function childrenOf(node: object): [PathSegment, unknown][] {
  if (Array.isArray(node)) return node.map((item, index) => [index, item]);
  return isRecord(node) ? Object.entries(node) : [];
}
