/**
 * CycloneDX JSON BOMs (1.2 to 1.7). Library and framework components (nested ones too)
 * become libraries, by purl; services (nested ones too) become components, resources or, in
 * depmap's own BOMs, entities; the `dependencies` graph gives the calls between the BOM's
 * subject and its services (from every service, not only the subject), and which service uses
 * which library. A library is direct when a non-library node (the subject, an application, a
 * service) depends on it; without a dependency graph every library is direct. depmap's own
 * `depmap:` properties, when present, restore what CycloneDX has no field for.
 *
 * A 1.5 or 1.6 BOM is first checked against the official schema (bom-schema.ts); what does not
 * conform is reported where it is, and what can be read is still read.
 */
import { jsonObjectWithLines } from '../util/json-with-lines.js';
import { asArray, asString, isRecord, type PathSegment } from '../util/located.js';
import { emptyResult, type DiscoveredComponent, type DiscoveredEdge, type ImportedLibrary } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { addEdge } from '../topology/edges.js';
import { PROP, type CallProperty, type UseProperty } from './depmap-properties.js';
import {
  callProperties,
  callsOf,
  declaredType,
  hasDepmapProperty,
  libraryOf,
  propertyValues,
  protocolOfUrl,
  serviceComponent,
  subjectComponent,
  usesOf,
  versionOfService,
  versionSyntax,
  LIBRARY_TYPES,
} from './bom-entries.js';
import { CDX } from './cyclonedx-properties.js';
import { slugName } from './service-name.js';
import { validateBom } from './bom-schema.js';

const CALLS_EVIDENCE = 'cyclonedx depmap:calls';
const NOT_A_BOM = 'not a CycloneDX JSON BOM ("bomFormat": "CycloneDX" is missing)';
const MAX_DEPTH = 32;

interface Node {
  ref: string;
  /** `library` (a library component), `service`, or `subject` (metadata.component, applications). */
  role: 'library' | 'service' | 'subject' | 'other';
  name: string;
  library?: ImportedLibrary;
  component?: DiscoveredComponent;
  /** The BOM's own object, for what the edges borrow from their target (its version). */
  item?: Record<string, unknown>;
  calls: CallProperty[];
}

function isCycloneDxFile(file: string): boolean {
  return /(^|[./-])(bom|sbom|cdx|cyclonedx)(\.cdx)?\.json$/i.test(file) || /\.cdx\.json$/i.test(file);
}

export const cyclonedxImporter = defineImporter({
  id: 'cyclonedx',
  files: 'CycloneDX JSON (`bom.json`, `*.cdx.json`)',
  // The docs table (docs/import-formats.md) is generated from this text: change both together.
  description:
    'services with endpoints, trust zones, data flows and providers (nested too), every dependency, library use per service; 1.5/1.6 checked against the official schema; versions count as resolved, except ranges and components marked `depmap:pinned=false`',
  provides: 'both',
  matches: isCycloneDxFile,
  sniff: { ext: /\.json$/i, test: (head) => /"bomFormat"\s*:\s*"CycloneDX"/.test(head) },
  parse(text, ctx) {
    const result = emptyResult();
    const doc = jsonObjectWithLines(text, result.problems, NOT_A_BOM);
    if (!doc) return result;
    const { value: bom, lineOf } = doc;
    if (bom.bomFormat !== 'CycloneDX') {
      result.problems.push({ line: 1, message: NOT_A_BOM });
      return result;
    }
    result.problems.push(...validateBom(bom, lineOf));

    const nodes = new Map<string, Node>();
    let anonymous = 0;
    const refOf = (item: Record<string, unknown>): string => asString(item['bom-ref']) ?? `#anonymous-${anonymous++}`;
    const warnAt = (line: number | undefined) => (message: string) =>
      result.problems.push({ line, message, severity: 'warning' });
    // Two names that are one depmap name would merge two nodes: the second is reported and left out.
    const taken = new Map<string, { name: string; line: number | undefined }>();
    const claim = (id: string, name: string, line: number | undefined): boolean => {
      const first = taken.get(id);
      if (!first) {
        taken.set(id, { name, line });
        return true;
      }
      result.problems.push({
        line,
        message: `${JSON.stringify(name)} and ${JSON.stringify(first.name)}${first.line !== undefined ? ` (line ${first.line})` : ''} are both ${JSON.stringify(id)} as depmap names: this one is left out`,
        hint: 'give them names that differ in more than case, spaces or punctuation',
      });
      return false;
    };

    const metadata = isRecord(bom.metadata) ? bom.metadata : {};
    const subject = isRecord(metadata.component) ? metadata.component : undefined;
    const ownBom = (subject !== undefined && hasDepmapProperty(subject)) || anyService(bom.services, hasDepmapProperty);
    const subjectIsSystem = subject !== undefined && propertyValues(subject, PROP.type).includes('system');
    let subjectRef: string | undefined;
    if (subject) {
      subjectRef = refOf(subject);
      const name = asString(subject.name) ?? 'unnamed';
      const line = lineOf('metadata', 'component', 'name');
      const id = slugName(name);
      const node: Node = { ref: subjectRef, role: 'subject', name: id, calls: callsOf(subject) };
      if (!subjectIsSystem && claim(id, name, line))
        node.component = subjectComponent(subject, { id, line, ownBom, warn: warnAt(line) });
      nodes.set(subjectRef, node);
    }

    const visitComponents = (list: unknown, path: PathSegment[], depth: number): void => {
      asArray(list).forEach((item, index) => {
        if (!isRecord(item) || depth > MAX_DEPTH) return;
        const itemPath = [...path, index];
        const ref = refOf(item);
        const type = asString(item.type) ?? 'library';
        const line = lineOf(...itemPath, 'name');
        const library = libraryOf(item, line, warnAt(line));
        if (library && (LIBRARY_TYPES.has(type) || type === 'application')) {
          nodes.set(ref, { ref, role: 'library', name: library.name, library, item, calls: [] });
        } else {
          const name = asString(item.name) ?? ref;
          nodes.set(ref, { ref, role: type === 'application' ? 'subject' : 'other', name, calls: callsOf(item) });
        }
        visitComponents(item.components, [...itemPath, 'components'], depth + 1);
      });
    };
    visitComponents(bom.components, ['components'], 0);

    const visitServices = (list: unknown, path: PathSegment[], depth: number, parent?: string): void => {
      asArray(list).forEach((item, index) => {
        if (!isRecord(item) || depth > MAX_DEPTH) return;
        const itemPath = [...path, index];
        const ref = refOf(item);
        const name = asString(item.name);
        if (!name) {
          result.problems.push({ line: lineOf(...itemPath), message: 'a service needs a name' });
          return;
        }
        const line = lineOf(...itemPath, 'name');
        // depmap's entity ids (`api:payments`) are its own names already.
        const id = declaredType(item) === 'entity' ? name : slugName(name);
        const claimed = claim(id, name, line);
        if (claimed) {
          nodes.set(ref, {
            ref,
            role: 'service',
            name: id,
            item,
            component: serviceComponent(item, { id, line, ownBom, warn: warnAt(line), parent }),
            calls: callsOf(item),
          });
        }
        visitServices(item.services, [...itemPath, 'services'], depth + 1, claimed ? id : parent);
      });
    };
    visitServices(bom.services, ['services'], 0);

    const dependencies = asArray(bom.dependencies).filter(isRecord);
    const direct = new Set<string>();
    const dependedOn = new Set<string>();
    /** Library ref → the nodes that use it (directly, or through other libraries). */
    const users = new Map<string, Set<string>>();
    const libraryDeps = new Map<string, string[]>();
    dependencies.forEach((dependency, index) => {
      const from = nodes.get(asString(dependency.ref) ?? '');
      for (const targetRef of asArray(dependency.dependsOn)) {
        const target = nodes.get(asString(targetRef) ?? '');
        if (!from || !target) continue;
        dependedOn.add(target.ref);
        if (from.role === 'library' && target.role === 'library') {
          const list = libraryDeps.get(from.ref) ?? [];
          list.push(target.ref);
          libraryDeps.set(from.ref, list);
        }
        if (from.role !== 'library' && target.role === 'library') {
          direct.add(target.ref);
          if (from.component) addUser(users, target.ref, from.name);
        }
        // depmap's own calls say more than dependencies (API, protocol): they replace them.
        if (target.role === 'service' && from.component && from.calls.length === 0) {
          addEdge(result.edges, {
            from: from.name,
            to: target.name,
            kind: target.component?.kind,
            line: lineOf('dependencies', index, 'ref'),
            evidence: 'cyclonedx dependencies',
          });
        }
      }
    });
    // Without a dependency graph, the services of a BOM are those its subject uses.
    if (dependencies.length === 0 && subjectRef) {
      const from = nodes.get(subjectRef)!;
      for (const node of nodes.values()) {
        if (node.role === 'service' && from.component)
          addEdge(result.edges, {
            from: from.name,
            to: node.name,
            kind: node.component?.kind,
            evidence: 'cyclonedx services',
          });
      }
    }
    // depmap's calls carry protocol, API and version; they also stand for edges to nodes outside the BOM.
    for (const node of nodes.values()) {
      for (const call of node.calls) {
        if (!node.component) continue;
        const edge: DiscoveredEdge = {
          from: node.name,
          to: call.target,
          protocol: call.protocol,
          api: call.api,
          version: call.version,
          evidence: CALLS_EVIDENCE,
        };
        const properties = callProperties(call);
        if (properties) edge.properties = properties;
        addEdge(result.edges, edge);
      }
    }
    const serviceByName = new Map<string, Node>();
    for (const node of nodes.values()) if (node.role === 'service') serviceByName.set(node.name, node);
    const called = new Set<string>();
    for (const edge of result.edges) {
      called.add(edge.to);
      const service = serviceByName.get(edge.to);
      if (!service?.component) continue;
      edge.kind ??= service.component.kind;
      // A depmap call says exactly what it consumes; only plain dependencies borrow from the service.
      if (edge.evidence === CALLS_EVIDENCE) continue;
      edge.version ??= versionOfService(service.item);
      edge.protocol ??= protocolOfUrl(service.component.url);
      if (edge.version === undefined) delete edge.version;
      if (edge.protocol === undefined) delete edge.protocol;
    }
    // The first endpoint is the address of every call to the service; all of them are kept when it does not say them all.
    for (const node of serviceByName.values()) {
      const properties = node.component?.properties;
      const endpoints = properties?.[CDX.endpoints];
      if (!properties || endpoints === undefined) continue;
      if (called.has(node.name) && (JSON.parse(endpoints) as unknown[]).length === 1) delete properties[CDX.endpoints];
      if (Object.keys(properties).length === 0) delete node.component!.properties;
    }

    // Libraries reached through other libraries are used by the same nodes (for --transitive).
    for (const [ref, nodeUsers] of [...users]) {
      const seen = new Set<string>([ref]);
      const stack = [...(libraryDeps.get(ref) ?? [])];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (seen.has(next)) continue;
        seen.add(next);
        if (!direct.has(next)) for (const user of nodeUsers) addUser(users, next, user);
        stack.push(...(libraryDeps.get(next) ?? []));
      }
    }

    // depmap's own BOM says each use's scope and declared version (depmap:uses).
    const declaredUses = new Map<string, Map<string, UseProperty>>();
    for (const node of serviceByName.values()) if (node.item) declaredUses.set(node.name, usesOf(node.item));

    const hasGraph = dependencies.length > 0;
    for (const node of nodes.values()) {
      if (node.component && !(subjectIsSystem && node.ref === subjectRef)) result.components.push(node.component);
      if (!node.library) continue;
      // A library nothing depends on is taken as direct: the graph does not say otherwise.
      const isDirect = !hasGraph || direct.has(node.ref) || !dependedOn.has(node.ref);
      if (!isDirect && !ctx.transitive) continue;
      const library: ImportedLibrary = isDirect ? { ...node.library } : { ...node.library, transitive: true };
      const usedBy = [...(users.get(node.ref) ?? [])].sort();
      const plain = usedBy.filter((user) => !declaredUses.get(user)?.has(node.ref));
      if (plain.length > 0 || plain.length === usedBy.length)
        result.libraries.push(plain.length > 0 ? { ...library, usedBy: plain } : library);
      for (const user of usedBy) {
        const use = declaredUses.get(user)?.get(node.ref);
        if (use) result.libraries.push(declaredUse(library, node.item ?? {}, use, user));
      }
    }
    return result;
  },
});

/** The library as one service declared it: its scope (or none) and version as written. */
function declaredUse(
  library: ImportedLibrary,
  item: Record<string, unknown>,
  use: UseProperty,
  user: string,
): ImportedLibrary {
  const { scope: _scope, ...rest } = library;
  const version = use.version ?? library.version;
  return {
    ...rest,
    ...(use.scope ? { scope: use.scope as ImportedLibrary['scope'] } : {}),
    version,
    syntax: use.version !== undefined ? versionSyntax(item, version) : library.syntax,
    usedBy: [user],
  };
}

function addUser(users: Map<string, Set<string>>, ref: string, user: string): void {
  const set = users.get(ref) ?? new Set<string>();
  set.add(user);
  users.set(ref, set);
}

function anyService(list: unknown, test: (item: Record<string, unknown>) => boolean, depth = 0): boolean {
  return asArray(list).some(
    (item) => isRecord(item) && depth <= MAX_DEPTH && (test(item) || anyService(item.services, test, depth + 1)),
  );
}
