/**
 * Declared and observed: the calls traces and metrics show, joined with the declared graph.
 * Pure: a snapshot and the observations in, a new snapshot out.
 *
 * Names are matched exactly, ignoring case, never fuzzily: an observed name is a component's
 * name, one of its aliases, an API it provides, or a resource's name; with a
 * `service.namespace`, `ns/name` and `ns.name` are tried before the bare name. A database or
 * queue callee looks among resources first, a service among components first, and every name
 * the spans give it (`db.namespace`, `server.address`, the system) is tried in turn.
 *
 * What matches nothing is listed in `observed.unmatched` and becomes a node of its own,
 * marked `observedOnly`: a resource, even when it is a caller, since no manifest describes it
 * (a component is what a manifest declares; counts, pages and exports of components stay
 * those of the manifests). Its kind is the callee kind (service, database, queue, external).
 *
 * Every calls-service edge gets its presence. Observations of one caller and callee are added
 * up into one Observation (the latency percentiles and protocol of the busiest call, which
 * percentiles cannot be summed); every declared edge between the two carries it. An observed
 * call with no declared edge becomes an edge of its own, declared at the caller's manifest
 * (where a finding points), or at the observation when the caller has none.
 */
import { depmapProtocol } from './protocols.js';
import {
  OBSERVED_REPO,
  type GraphEdge,
  type GraphNode,
  type Observation,
  type ObservedSummary,
  type Snapshot,
} from '../graph/types.js';
import type { CalleeKind, ObservedCall, ObservedInput } from './model.js';

/** The key of an observed-only edge: ` [observed]` is no declared key's ending (those end in a protocol or api). */
const OBSERVED_KEY = ' [observed]';

interface Indexes {
  components: Map<string, string>;
  resources: Map<string, string>;
}

interface Pair {
  source: string;
  target: string;
  calls: ObservedCall[];
}

export function joinObserved(snapshot: Snapshot, input: ObservedInput): Snapshot {
  // A snapshot joined before is joined afresh: its observed nodes, edges and marks go first.
  const nodes = new Map<string, GraphNode>();
  for (const node of snapshot.nodes) if (!node.observedOnly) nodes.set(node.id, node);
  const declaredEdges = snapshot.edges.filter((e) => e.presence !== 'observed-only');
  const indexes = indexesOf([...nodes.values()]);

  const unmatched = new Map<string, { name: string; as: 'caller' | 'callee'; calls: number }>();
  const added = new Map<string, GraphNode>();
  const nodeFor = (
    name: string,
    namespace: string | undefined,
    kind: CalleeKind,
    as: 'caller' | 'callee',
    call: ObservedCall,
  ): string => {
    const found = resolve(indexes, name, namespace, as === 'caller' ? [] : (call.calleeAliases ?? []), kind);
    if (found !== undefined) return found;
    const id = namespace ? `${namespace}/${name}` : name;
    const key = id.toLowerCase();
    let node = added.get(key);
    if (node === undefined) {
      node = { id: nodes.has(id) ? `${id} (observed)` : id, type: 'resource', kind, observedOnly: true };
      added.set(key, node);
    } else if (node.kind === 'service' && kind !== 'service') node.kind = kind;
    const entry = unmatched.get(`${as}\0${key}`) ?? { name: node.id, as, calls: 0 };
    entry.calls += call.calls;
    unmatched.set(`${as}\0${key}`, entry);
    return node.id;
  };

  const pairs = new Map<string, Pair>();
  for (const call of input.calls) {
    const source = nodeFor(call.caller, call.callerNamespace, 'service', 'caller', call);
    const target = nodeFor(call.callee, call.calleeNamespace, call.calleeKind, 'callee', call);
    if (source === target) continue; // a call within one component
    const key = `${source}\0${target}`;
    const pair = pairs.get(key) ?? { source, target, calls: [] };
    pair.calls.push(call);
    pairs.set(key, pair);
  }
  for (const node of added.values()) nodes.set(node.id, node);

  const seen = new Set<string>();
  const edges: GraphEdge[] = declaredEdges.map((edge) => {
    if (edge.type !== 'calls-service') return edge;
    const { presence: _p, observed: _o, ...rest } = edge;
    const key = `${edge.source}\0${edge.target}`;
    const pair = pairs.get(key);
    if (pair === undefined) return { ...rest, presence: 'declared-only' };
    seen.add(key);
    return { ...rest, presence: 'declared-and-observed', observed: observationOf(pair.calls) };
  });
  const keys = new Set(edges.map((e) => e.key));
  for (const [key, pair] of pairs) {
    if (seen.has(key)) continue;
    const observed = observationOf(pair.calls);
    const first = pair.calls[0] as ObservedCall;
    let edgeKey = `${pair.source} -> ${pair.target}${OBSERVED_KEY}`;
    for (let i = 2; keys.has(edgeKey); i++) edgeKey = `${pair.source} -> ${pair.target}${OBSERVED_KEY} ${i}`;
    keys.add(edgeKey);
    const edge: GraphEdge = {
      key: edgeKey,
      type: 'calls-service',
      source: pair.source,
      target: pair.target,
      pin: { pinned: true, unversioned: true, reason: 'observed in traces, not declared: no version to pin' },
      declared: nodes.get(pair.source)?.declared ?? {
        repo: OBSERVED_REPO,
        file: first.evidence.file,
        line: first.evidence.line,
        col: 1,
      },
      presence: 'observed-only',
      observed,
    };
    // An edge's protocol is a word of the manifest's vocabulary; the observation keeps any other.
    const protocol = depmapProtocol(observed.protocol);
    if (protocol !== undefined) edge.protocol = protocol;
    edges.push(edge);
  }

  const summary: ObservedSummary = {
    files: input.files,
    unmatched: [...unmatched.values()].sort(
      (a, b) => b.calls - a.calls || compare(a.name, b.name) || compare(a.as, b.as),
    ),
    problems: input.problems,
  };
  if (input.window)
    summary.window = { from: new Date(input.window.from).toISOString(), to: new Date(input.window.to).toISOString() };
  return {
    ...snapshot,
    nodes: [...nodes.values()].sort((a, b) => compare(a.id, b.id)),
    edges: edges.sort((a, b) => compare(a.key, b.key)),
    observed: summary,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lower-cased names to node ids; the first of equal names (in id order) wins, like the graph build. */
function indexesOf(nodes: readonly GraphNode[]): Indexes {
  const components = new Map<string, string>();
  const resources = new Map<string, string>();
  const put = (map: Map<string, string>, name: string, id: string) => {
    const key = name.toLowerCase();
    if (!map.has(key)) map.set(key, id);
  };
  const sorted = [...nodes].sort((a, b) => compare(a.id, b.id));
  for (const node of sorted) if (node.type === 'component') put(components, node.id, node.id);
  for (const node of sorted)
    if (node.type === 'component') for (const alias of node.aliases ?? []) put(components, alias, node.id);
  for (const node of sorted)
    if (node.type === 'component') for (const p of node.provides ?? []) put(components, p.api, node.id);
  for (const node of sorted) if (node.type === 'resource') put(resources, node.id, node.id);
  return { components, resources };
}

function resolve(
  indexes: Indexes,
  name: string,
  namespace: string | undefined,
  aliases: readonly string[],
  kind: CalleeKind,
): string | undefined {
  const names = namespace ? [`${namespace}/${name}`, `${namespace}.${name}`, name, ...aliases] : [name, ...aliases];
  const order =
    kind === 'database' || kind === 'queue'
      ? [indexes.resources, indexes.components]
      : [indexes.components, indexes.resources];
  for (const index of order)
    for (const candidate of names) {
      const found = index.get(candidate.toLowerCase());
      if (found !== undefined) return found;
    }
  return undefined;
}

/** The calls of one caller and callee as one observation. */
function observationOf(calls: readonly ObservedCall[]): Observation {
  const busiest = calls.reduce((a, b) => (b.calls > a.calls ? b : a));
  const observation: Observation = {
    calls: calls.reduce((sum, c) => sum + c.calls, 0),
    errors: calls.reduce((sum, c) => sum + c.errors, 0),
    sources: [...new Set(calls.flatMap((c) => c.sources))].sort(),
  };
  const first = Math.min(...calls.map((c) => c.firstSeen ?? Infinity));
  const last = Math.max(...calls.map((c) => c.lastSeen ?? -Infinity));
  if (Number.isFinite(first)) observation.firstSeen = new Date(first).toISOString();
  if (Number.isFinite(last)) observation.lastSeen = new Date(last).toISOString();
  const timed = calls
    .filter((c) => c.latencyMs !== undefined)
    .reduce<ObservedCall | undefined>((a, b) => (a === undefined || b.calls > a.calls ? b : a), undefined);
  if (timed?.latencyMs) observation.latencyMs = timed.latencyMs;
  const named =
    calls.find((c) => c === busiest && c.protocol !== undefined) ?? calls.find((c) => c.protocol !== undefined);
  // In depmap's words where it has one (postgresql is postgres), else as the spans say it.
  if (named?.protocol !== undefined) observation.protocol = depmapProtocol(named.protocol) ?? named.protocol;
  return observation;
}
