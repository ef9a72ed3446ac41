/**
 * How compose merges a service declared in several layers (override files, `extends`), per
 * the compose spec's merge rules: mappings merge, sequences append, scalars are replaced;
 * `environment`, `labels`, `depends_on`, `networks`… merge by key whatever form each layer
 * wrote them in; `ports`, `volumes`, `secrets`, `configs` are unique by their target;
 * `command`, `entrypoint` and `healthcheck.test` are replaced; `!reset` removes what earlier
 * layers set and `!override` replaces it. Inputs are never changed: merged maps are new nodes.
 */
import type { ComposeNode, MapNode, ScalarNode, SeqNode } from './compose-node.js';

/** Attributes written as a mapping or as a `KEY=value` list: merged by key. */
const KEYED = new Set(['environment', 'labels', 'annotations', 'extra_hosts', 'sysctls', 'args']);
/** Attributes written as a mapping or as a list of names. */
const NAMED = new Set(['depends_on', 'networks']);
const REPLACED = new Set(['command', 'entrypoint', 'test']);
const UNIQUE_BY_TARGET = new Set(['volumes', 'secrets', 'configs']);

/** The override's entries merged onto the base's; `path` names where in a service they are. */
export function mergeNodes(
  base: ComposeNode,
  override: ComposeNode,
  path: readonly string[] = [],
): ComposeNode | undefined {
  if (override.tag === 'reset') return undefined;
  if (override.tag === 'override') return untagged(override);
  // An empty `environment:` in an override adds nothing; it does not wipe the base.
  if (override.kind === 'scalar' && override.value === null && base.kind !== 'scalar') return base;
  const key = path[path.length - 1] ?? '';
  if (key === 'build' && path.length === 1) return mergeMaps(buildMap(base), buildMap(override), path);
  if ((KEYED.has(key) || NAMED.has(key)) && base.kind !== 'scalar' && override.kind !== 'scalar') {
    return mergeMaps(keyedMap(base, key), keyedMap(override, key), path);
  }
  if (REPLACED.has(key)) return override;
  if (base.kind === 'map' && override.kind === 'map') return mergeMaps(base, override, path);
  if (base.kind === 'seq' && override.kind === 'seq') {
    if (key === 'ports' && path.length === 1) return mergeUnique(base, override, portKey);
    if (UNIQUE_BY_TARGET.has(key) && path.length === 1) return mergeUnique(base, override, (n) => targetKey(n, key));
    return appendDistinct(base, override);
  }
  return override;
}

function mergeMaps(base: MapNode, override: MapNode, path: readonly string[]): MapNode {
  const entries = new Map(base.entries);
  for (const [key, value] of override.entries) {
    const current = entries.get(key);
    const merged =
      current === undefined
        ? value.tag === 'reset'
          ? undefined
          : untagged(value)
        : mergeNodes(current, value, [...path, key]);
    if (merged === undefined) entries.delete(key);
    else entries.set(key, merged);
  }
  return { kind: 'map', at: base.at, entries };
}

function untagged(node: ComposeNode): ComposeNode {
  if (node.tag === undefined) return node;
  const { tag: _tag, ...rest } = node;
  return rest as ComposeNode;
}

/** `build: ./dir` is `build: {context: ./dir}`. */
function buildMap(node: ComposeNode): MapNode {
  if (node.kind === 'map') return node;
  return { kind: 'map', at: node.at, entries: new Map([['context', node]]) };
}

/**
 * A keyed attribute as a mapping: `- KEY=value` items become `KEY: value` (a bare `- KEY`
 * becomes `KEY: null`), `depends_on: [db]` becomes `db: {}`, each keeping its item's line.
 */
export function keyedMap(node: ComposeNode | undefined, attribute: string): MapNode {
  if (node === undefined) return { kind: 'map', at: { file: '', dir: '' }, entries: new Map() };
  if (node.kind === 'map') return node;
  const entries = new Map<string, ComposeNode>();
  if (node.kind === 'seq') {
    for (const item of node.items) {
      if (item.kind !== 'scalar' || item.value === null) continue;
      const text = String(item.value);
      if (NAMED.has(attribute)) {
        entries.set(text, { kind: 'map', at: item.at, entries: new Map() });
        continue;
      }
      const split = splitAt(text, attribute === 'extra_hosts' ? /[=:]/ : /=/);
      if (!split) {
        entries.set(text, { kind: 'scalar', at: item.at, value: null });
        continue;
      }
      const value: ScalarNode = { kind: 'scalar', at: item.at, value: split.value };
      const written = item.written === undefined ? undefined : splitAt(item.written, /=/)?.value;
      if (written !== undefined && written !== split.value) value.written = written;
      if (item.unset) value.unset = item.unset;
      entries.set(split.key, value);
    }
  }
  return { kind: 'map', at: node.at, entries };
}

function splitAt(text: string, separator: RegExp): { key: string; value: string } | undefined {
  const index = text.search(separator);
  return index < 0 ? undefined : { key: text.slice(0, index), value: text.slice(index + 1) };
}

function appendDistinct(base: SeqNode, override: SeqNode): SeqNode {
  const seen = new Set(base.items.map(identity));
  const items = [...base.items, ...override.items.filter((item) => !seen.has(identity(item)))];
  return { kind: 'seq', at: base.at, items };
}

/** Entries that share a key are replaced by the later layer's, in place; others are appended. */
function mergeUnique(base: SeqNode, override: SeqNode, keyOf: (node: ComposeNode) => string): SeqNode {
  const items = [...base.items];
  const index = new Map(items.map((item, i) => [keyOf(item), i]));
  for (const item of override.items) {
    const at = index.get(keyOf(item));
    if (at === undefined) {
      index.set(keyOf(item), items.length);
      items.push(item);
    } else {
      items[at] = item;
    }
  }
  return { kind: 'seq', at: base.at, items };
}

function identity(node: ComposeNode): string {
  return node.kind === 'scalar' ? `s:${String(node.value)}` : `${node.kind}:${JSON.stringify(shape(node))}`;
}

function shape(node: ComposeNode, depth = 0): unknown {
  if (depth > 16) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map((item) => shape(item, depth + 1));
  return [...node.entries].map(([key, value]) => [key, shape(value, depth + 1)]);
}

/** Ports are unique by {ip, target, published, protocol}: `8080:80` and `80` differ. */
function portKey(node: ComposeNode): string {
  if (node.kind === 'map') {
    const get = (key: string): string => {
      const value = node.entries.get(key);
      return value?.kind === 'scalar' ? String(value.value ?? '') : '';
    };
    return [get('host_ip'), get('target'), get('published'), get('protocol') || 'tcp'].join('|');
  }
  if (node.kind !== 'scalar') return identity(node);
  const text = String(node.value ?? '');
  const [spec = '', protocol = 'tcp'] = text.split('/');
  const parts = spec.split(':');
  const target = parts.pop() ?? '';
  const published = parts.pop() ?? '';
  return [parts.join(':'), target, published, protocol].join('|');
}

/** Volumes, secrets and configs are unique by where they land in the container. */
function targetKey(node: ComposeNode, attribute: string): string {
  if (node.kind === 'map') {
    const target = node.entries.get('target') ?? node.entries.get('source');
    return target?.kind === 'scalar' ? String(target.value) : identity(node);
  }
  if (node.kind !== 'scalar') return identity(node);
  const text = String(node.value ?? '');
  if (attribute !== 'volumes') return text;
  const parts = text.split(':');
  return parts.length >= 2 ? (parts[1] ?? text) : text;
}
