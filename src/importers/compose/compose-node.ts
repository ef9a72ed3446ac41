/**
 * A compose file as a tree of nodes that each remember the file and line they were written
 * on. Plain `toJS()` data loses what compose needs: the line of every value once anchors and
 * `<<` merge keys have copied it elsewhere, and the `!reset` / `!override` tags that decide
 * how a layer merges (the `yaml` package only warns TAG_RESOLVE_FAILED and drops them).
 * Aliases are expanded here, within a budget, so an alias bomb is refused rather than built.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { MAX_ALIAS_COUNT, MAX_YAML_CHARS } from '../util/yaml-with-lines.js';

/** Where a node was written, and the folder its relative paths resolve from. */
export interface Where {
  file: string;
  line?: number;
  /** Compose resolves a file's relative paths from its project directory, not always its own folder. */
  dir: string;
}

interface NodeBase {
  at: Where;
  /** Compose's merge tags: `!reset` removes what earlier layers set, `!override` replaces it. */
  tag?: 'reset' | 'override';
}
export interface MapNode extends NodeBase {
  kind: 'map';
  entries: Map<string, ComposeNode>;
}
export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: ComposeNode[];
}
export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The text before interpolation, when it differs. */
  written?: string;
  /** Variables it used that have no value: the value is then not what will run. */
  unset?: string[];
}
export type ComposeNode = MapNode | SeqNode | ScalarNode;

export interface ComposeProblem {
  file: string;
  line?: number;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}

/** More nodes than any real compose file has; past it, aliases are multiplying a bomb. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 128;

class TooBig extends Error {}

/** The first document of a compose file as a map node; problems instead of throwing. */
export function parseComposeFile(
  text: string,
  file: string,
  dir: string,
): { root?: MapNode; problems: ComposeProblem[] } {
  const problems: ComposeProblem[] = [];
  const problem = (message: string, line?: number): void => {
    problems.push({ file, ...(line !== undefined ? { line } : {}), message, severity: 'error' });
  };
  if (text.length > MAX_YAML_CHARS) {
    problem(`file is larger than ${MAX_YAML_CHARS / 1024 / 1024} MiB; not read`);
    return { problems };
  }
  const lineCounter = new LineCounter();
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter, merge: false, prettyErrors: false, strict: false });
  } catch (error) {
    problem(`YAML could not be parsed: ${firstLine((error as Error).message)}`);
    return { problems };
  }
  if (!Array.isArray(docs)) return { problems };
  const doc = docs.find((d) => d.errors.length > 0 || d.contents !== null);
  if (!doc) return { problems };
  if (doc.errors.length > 0) {
    // The first error says where the file stops being YAML; the ones after it mostly follow from it.
    const [error] = doc.errors;
    if (error) problem(`YAML syntax: ${firstLine(error.message)}`, lineOf(error.pos[0]));
    return { problems };
  }
  const builder = new TreeBuilder(doc, file, dir, lineOf);
  let root: ComposeNode | undefined;
  try {
    root = doc.contents ? builder.build(doc.contents as Node, undefined, 0) : undefined;
  } catch (error) {
    if (!(error instanceof TooBig)) throw error;
    problem(`YAML could not be read: ${error.message}`, doc.contents?.range ? lineOf(doc.contents.range[0]) : 1);
    return { problems };
  }
  if (root === undefined || (root.kind === 'scalar' && root.value === null)) return { problems };
  if (root.kind !== 'map') {
    problem('a compose file must be a mapping', root.at.line ?? 1);
    return { problems };
  }
  return { root, problems };
}

class TreeBuilder {
  private nodes = 0;
  private aliases = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly file: string,
    private readonly dir: string,
    private readonly lineOf: (offset: number) => number,
  ) {}

  /** `line` is the line of the key the node is the value of: a setting is read where its key is. */
  build(node: Node, line: number | undefined, depth: number): ComposeNode {
    if (++this.nodes > MAX_NODES) throw new TooBig(`more than ${MAX_NODES} values: too many aliases expanded`);
    if (depth > MAX_DEPTH) throw new TooBig(`nested deeper than ${MAX_DEPTH} levels (a recursive alias?)`);
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIAS_COUNT) throw new TooBig(`more than ${MAX_ALIAS_COUNT} aliases expanded`);
      const target = node.resolve(this.doc);
      if (!target) return this.scalar(null, line ?? this.lineAt(node));
      // An alias reads as what it points at, from where that was written.
      return this.build(target as Node, undefined, depth + 1);
    }
    const at: Where = { file: this.file, line: line ?? this.lineAt(node), dir: this.dir };
    const tag: ScalarNode['tag'] = node.tag === '!reset' ? 'reset' : node.tag === '!override' ? 'override' : undefined;
    const tagged = tag ? { tag } : {};
    if (isMap(node)) return { kind: 'map', at, entries: this.entries(node.items, depth), ...tagged };
    if (isSeq(node)) {
      const items = node.items.map((item) => this.build(item as Node, undefined, depth + 1));
      return { kind: 'seq', at, items, ...tagged };
    }
    const value = isScalar(node) ? node.value : null;
    const scalar =
      value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : String(value);
    return { kind: 'scalar', at, value: scalar, ...tagged };
  }

  /** Explicit keys win over `<<` merged ones, and an earlier merge source over a later one, as YAML says. */
  private entries(pairs: readonly unknown[], depth: number): Map<string, ComposeNode> {
    const explicit = new Set<string>();
    for (const pair of pairs) {
      const key = keyOf(pair);
      if (key !== undefined && !isMergeKey(pair)) explicit.add(key);
    }
    const entries = new Map<string, ComposeNode>();
    for (const pair of pairs) {
      const key = keyOf(pair);
      const value = (pair as { value?: Node | null }).value;
      if (key === undefined) continue;
      if (isMergeKey(pair)) {
        if (!value) continue;
        const source = this.build(value, undefined, depth + 1);
        const sources = source.kind === 'seq' ? source.items : [source];
        for (const from of sources) {
          if (from.kind !== 'map') continue;
          for (const [k, v] of from.entries) if (!explicit.has(k) && !entries.has(k)) entries.set(k, v);
        }
        continue;
      }
      const keyLine = this.lineAt((pair as { key: Node }).key);
      entries.set(key, value ? this.build(value, keyLine, depth + 1) : this.scalar(null, keyLine));
    }
    return entries;
  }

  private scalar(value: null, line: number | undefined): ScalarNode {
    return { kind: 'scalar', value, at: { file: this.file, line, dir: this.dir } };
  }

  private lineAt(node: Node | null | undefined): number | undefined {
    return node?.range ? this.lineOf(node.range[0]) : undefined;
  }
}

function keyOf(pair: unknown): string | undefined {
  const key = (pair as { key?: unknown }).key;
  if (!isScalar(key) || key.value === null || key.value === undefined) return undefined;
  return String(key.value);
}

function isMergeKey(pair: unknown): boolean {
  const key = (pair as { key?: unknown }).key;
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The node as plain data (`toJS` of it), for code that reads values, not lines. */
export function toPlain(node: ComposeNode | undefined, depth = 0): unknown {
  if (node === undefined || depth > MAX_DEPTH) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map((item) => toPlain(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, value] of node.entries) {
    // defineProperty: a `__proto__` key from a repo is data, not the object's prototype.
    Object.defineProperty(out, key, {
      value: toPlain(value, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The text of a scalar (`8080` → `'8080'`); undefined for a null, a map or a list. */
export function scalarText(node: ComposeNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function child(node: ComposeNode | undefined, key: string): ComposeNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}
