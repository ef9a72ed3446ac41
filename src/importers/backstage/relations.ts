/**
 * Backstage relations as depmap's calls: `dependsOn` (a call to the target), `dependencyOf`
 * (the reverse call), `consumesApis` (a call to the API's provider, or to the API's own entity
 * node when no component of the catalog provides it). `providesApis` (a node's `provides`),
 * `ownedBy` and `partOf` (owner, system) are read with the node (entity-node.ts); `hasPart` and
 * the other reverse relations are derived by Backstage and never written in a file.
 *
 * A ref is resolved as Backstage resolves it: the field's default kind, the referring entity's
 * namespace. `dependsOn` and `dependencyOf` have no default kind in Backstage; depmap reads a
 * ref without one as the component (or resource) of that name, with a warning.
 *
 * depmap's export writes what a relation cannot say (versions, protocols, criticality) in a
 * `depmap.dev/calls` annotation on the caller: those entries refine the relation's call.
 */
import { asArray } from '../util/located.js';
import type { DiscoveredEdge, ImportProblem } from '../types.js';
import { normalizeProtocol } from '../topology/vocabulary.js';
import { PROP, type CallEntry } from './catalog-fields.js';
import type { ApiInfo } from './api-info.js';
import { entityId, parseEntityRef, refKey, type EntityRef } from './entity-ref.js';
import { locate, type Entity } from './read-entities.js';

export interface Catalog {
  /** Every entity by its ref key. */
  byRef: Map<string, Entity>;
  /** The node of each entity that is a node, by ref key. */
  nodeOf: Map<string, { id: string; type: string; kind: string }>;
  /** The component node providing each API, by the API's ref key. */
  providerOf: Map<string, string>;
  /** The name depmap gives an API (the entity's depmap name, else the ref's name). */
  apiName(ref: EntityRef): string;
  apiInfo(ref: EntityRef): ApiInfo;
}

export function relationEdges(
  entity: Entity,
  self: string,
  catalog: Catalog,
  problems: ImportProblem[],
  properties: Record<string, string>,
): DiscoveredEdge[] {
  const edges: DiscoveredEdge[] = [];
  const lineOf = (field: string, index: number) => entity.doc.lineOf('spec', field, index);
  const file = entity.main ? {} : { file: entity.file };
  const badRef = (field: string, index: number, ref: unknown) =>
    locate(problems, entity, lineOf(field, index), {
      message: `${entity.name}: cannot read the entity ref ${JSON.stringify(ref)} in spec.${field}`,
    });

  /** A ref of a field with no default kind: Backstage refuses it; depmap guesses component, then resource. */
  const lenient = (field: string, index: number, ref: string): EntityRef | undefined => {
    const parsed = parseEntityRef(ref, undefined, entity.namespace);
    if (parsed) return parsed;
    const guesses = ['component', 'resource']
      .map((kind) => parseEntityRef(ref, kind, entity.namespace))
      .filter((r): r is EntityRef => r !== undefined);
    const guess = guesses.find((r) => catalog.byRef.has(refKey(r))) ?? guesses[0];
    if (guess)
      locate(problems, entity, lineOf(field, index), {
        message: `${entity.name}: spec.${field} ${JSON.stringify(ref)} has no kind, which Backstage requires; read as ${guess.kind}:${ref}`,
        severity: 'warning',
      });
    return guess;
  };
  /** The node a ref stands for; for an unknown target, the name a call to it goes to. */
  const target = (ref: EntityRef): { id: string; known: boolean; kind?: string } => {
    const key = refKey(ref);
    const node = catalog.nodeOf.get(key);
    if (node !== undefined) return { id: node.id, known: true, kind: node.type === 'resource' ? node.kind : 'service' };
    const provider = ref.kind === 'api' ? catalog.providerOf.get(key) : undefined;
    if (provider !== undefined) return { id: provider, known: true, kind: 'service' };
    if (ref.kind === 'component') return { id: ref.name, known: false, kind: 'service' };
    if (ref.kind === 'resource' || ref.kind === 'api') return { id: ref.name, known: false };
    return { id: entityId(ref.kind, ref.namespace, ref.name), known: false };
  };

  const refs = (field: string) => asArray(entity.spec[field]).map((ref, index) => ({ ref, index }));

  if (entity.kind === 'component' || entity.kind === 'resource') {
    for (const { ref, index } of refs('dependsOn')) {
      const parsed = typeof ref === 'string' ? lenient('dependsOn', index, ref) : undefined;
      if (!parsed) {
        badRef('dependsOn', index, ref);
        continue;
      }
      const to = target(parsed);
      edges.push({
        from: self,
        to: to.id,
        ...(to.kind ? { kind: to.kind } : {}),
        line: lineOf('dependsOn', index),
        evidence: `dependsOn ${ref as string}`,
        ...file,
      });
    }
    const unknownSources: string[] = [];
    for (const { ref, index } of refs('dependencyOf')) {
      const parsed = typeof ref === 'string' ? lenient('dependencyOf', index, ref) : undefined;
      if (!parsed) {
        badRef('dependencyOf', index, ref);
        continue;
      }
      const from = target(parsed);
      // A call from something the catalog does not have has no node to start at: kept as written.
      if (!from.known) {
        unknownSources.push(ref as string);
        continue;
      }
      edges.push({
        from: from.id,
        to: self,
        kind: entity.kind === 'resource' ? (catalog.nodeOf.get(refKey(entity))?.kind ?? 'service') : 'service',
        line: lineOf('dependencyOf', index),
        evidence: `dependencyOf ${ref as string} (in ${entity.name})`,
        ...file,
      });
    }
    if (unknownSources.length > 0) properties[PROP.dependencyOf] = JSON.stringify(unknownSources);
  }

  if (entity.kind === 'component') {
    for (const { ref, index } of refs('consumesApis')) {
      const parsed = typeof ref === 'string' ? parseEntityRef(ref, 'api', entity.namespace) : undefined;
      if (!parsed) {
        badRef('consumesApis', index, ref);
        continue;
      }
      const to = target(parsed);
      if (to.id === self) continue;
      const info = catalog.apiInfo(parsed);
      edges.push({
        from: self,
        to: to.id,
        kind: 'service',
        api: catalog.apiName(parsed),
        protocol: info.protocol,
        ...(info.version ? { version: info.version } : {}),
        line: lineOf('consumesApis', index),
        evidence: `consumesApis ${ref as string}`,
        ...file,
      });
    }
  }
  return edges;
}

/**
 * One call per caller, callee and API: a second relation saying the same (a `dependsOn` and the
 * callee's `dependencyOf`) adds its evidence. By key, so a catalog of thousands stays linear.
 */
export function mergeCalls(edges: DiscoveredEdge[]): DiscoveredEdge[] {
  const byKey = new Map<string, DiscoveredEdge>();
  for (const edge of edges) {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.api ?? ''}`;
    const existing = byKey.get(key);
    if (!existing) {
      const protocol = normalizeProtocol(edge.protocol);
      byKey.set(key, { ...edge, ...(protocol !== undefined ? { protocol } : {}) });
      continue;
    }
    if (!existing.evidence.split('; ').includes(edge.evidence))
      existing.evidence = `${existing.evidence}; ${edge.evidence}`;
    existing.protocol ??= normalizeProtocol(edge.protocol);
    if (existing.protocol === undefined) delete existing.protocol;
    existing.version ??= edge.version;
    if (existing.version === undefined) delete existing.version;
    existing.kind ??= edge.kind;
    if (existing.kind === undefined) delete existing.kind;
  }
  return [...byKey.values()];
}

/**
 * The calls as depmap's export wrote them: each relation's call refined by the caller's
 * `depmap.dev/calls` entries for the same target and API (one call per entry: parallel calls
 * with other protocols), plus the entries no relation can carry (`only`). An entry whose
 * relation is gone from the catalog is not a call any more.
 */
export function refineCalls(edges: DiscoveredEdge[], entries: Map<string, CallEntry[]>): DiscoveredEdge[] {
  const out: DiscoveredEdge[] = [];
  const seen = new Set<string>();
  const push = (edge: DiscoveredEdge) => {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.api ?? ''}\u0000${edge.protocol ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(edge);
  };
  const pair = (edge: { from: string; to: string }) => `${edge.from}\u0000${edge.to}`;
  const apisOf = new Map<string, Set<string>>();
  for (const edge of edges) {
    const apis = apisOf.get(pair(edge)) ?? new Set();
    apis.add(edge.api ?? '');
    apisOf.set(pair(edge), apis);
  }
  for (const edge of edges) {
    const apis = apisOf.get(pair(edge)) as Set<string>;
    // An entry for an API no relation of the pair names refines the plain dependsOn (an API nobody provides).
    const matching = (entries.get(edge.from) ?? []).filter(
      (e) =>
        !e.only &&
        e.target === edge.to &&
        ((e.api ?? '') === (edge.api ?? '') || (edge.api === undefined && !apis.has(e.api ?? ''))),
    );
    if (matching.length === 0) {
      push(edge);
      continue;
    }
    for (const entry of matching) push(refined(edge, entry));
  }
  for (const [from, list] of entries)
    for (const entry of list)
      if (entry.only) push(refined({ from, to: entry.target, kind: 'service', evidence: 'depmap.dev/calls' }, entry));
  return out;
}

function refined(edge: DiscoveredEdge, entry: CallEntry): DiscoveredEdge {
  const { api: _api, protocol: _protocol, version: _version, critical: _critical, properties: _p, ...rest } = edge;
  const out: DiscoveredEdge = { ...rest };
  if (entry.api !== undefined) out.api = entry.api;
  if (entry.protocol !== undefined) out.protocol = entry.protocol;
  if (entry.version !== undefined) out.version = entry.version;
  if (entry.critical) out.critical = true;
  if (entry.properties) out.properties = { ...entry.properties };
  return out;
}
