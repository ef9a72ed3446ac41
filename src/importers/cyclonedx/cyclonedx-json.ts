/**
 * CycloneDX JSON BOMs (1.2 to 1.6). Library and framework components (nested ones too)
 * become libraries, by purl; services (nested ones too) become components, and the
 * `dependencies` graph gives the edges between the BOM's subject, its services, and what
 * they use. A library is direct when a non-library node (the subject, an application, a
 * service) depends on it; without a dependency graph every library is direct. depmap's own
 * `depmap:` properties, when present, restore what CycloneDX has no field for.
 */
import { jsonObjectWithLines } from '../util/json-with-lines.js';
import { asArray, asString, isRecord, type PathSegment } from '../util/located.js';
import { emptyResult, type DiscoveredComponent, type ImportedLibrary } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { addEdge } from '../topology/edges.js';
import { PROP, type CallProperty } from './depmap-properties.js';
import {
  callsOf,
  libraryOf,
  propertyValues,
  protocolOfUrl,
  serviceComponent,
  versionOfService,
  LIBRARY_TYPES,
} from './bom-entries.js';

const CALLS_EVIDENCE = 'cyclonedx depmap:calls';
const NOT_A_BOM = 'not a CycloneDX JSON BOM ("bomFormat": "CycloneDX" is missing)';

interface Node {
  ref: string;
  /** `library` (a library component), `service`, or `subject` (metadata.component, applications). */
  role: 'library' | 'service' | 'subject' | 'other';
  name: string;
  library?: ImportedLibrary;
  component?: DiscoveredComponent;
  calls: CallProperty[];
}

function isCycloneDxFile(file: string): boolean {
  return /(^|[./-])(bom|sbom|cdx|cyclonedx)(\.cdx)?\.json$/i.test(file) || /\.cdx\.json$/i.test(file);
}

export const cyclonedxImporter = defineImporter({
  id: 'cyclonedx',
  files: 'CycloneDX JSON (`bom.json`, `*.cdx.json`)',
  description:
    'nested components and services, dependencies; versions count as resolved, except ranges and components marked `depmap:pinned=false`',
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
    const nodes = new Map<string, Node>();
    let anonymous = 0;
    const refOf = (item: Record<string, unknown>): string => asString(item['bom-ref']) ?? `#anonymous-${anonymous++}`;

    const metadata = isRecord(bom.metadata) ? bom.metadata : {};
    const subject = isRecord(metadata.component) ? metadata.component : undefined;
    const subjectIsSystem = subject !== undefined && propertyValues(subject, PROP.type).includes('system');
    let subjectRef: string | undefined;
    if (subject) {
      subjectRef = refOf(subject);
      const name = asString(subject.name) ?? 'unnamed';
      nodes.set(subjectRef, {
        ref: subjectRef,
        role: 'subject',
        name,
        calls: callsOf(subject),
        ...(subjectIsSystem
          ? {}
          : {
              component: {
                name,
                kind: propertyValues(subject, PROP.kind)[0] ?? 'service',
                infrastructure: false,
                built: true,
                line: lineOf('metadata', 'component', 'name'),
              },
            }),
      });
    }

    const visitComponents = (list: unknown, path: PathSegment[], depth: number): void => {
      asArray(list).forEach((item, index) => {
        if (!isRecord(item) || depth > 32) return;
        const itemPath = [...path, index];
        const ref = refOf(item);
        const type = asString(item.type) ?? 'library';
        const line = lineOf(...itemPath, 'name');
        const library = libraryOf(item, line, (message) =>
          result.problems.push({ line, message, severity: 'warning' }),
        );
        if (library && (LIBRARY_TYPES.has(type) || type === 'application')) {
          nodes.set(ref, { ref, role: 'library', name: library.name, library, calls: [] });
        } else {
          const name = asString(item.name) ?? ref;
          nodes.set(ref, { ref, role: type === 'application' ? 'subject' : 'other', name, calls: callsOf(item) });
        }
        visitComponents(item.components, [...itemPath, 'components'], depth + 1);
      });
    };
    visitComponents(bom.components, ['components'], 0);

    const visitServices = (list: unknown, path: PathSegment[], depth: number): void => {
      asArray(list).forEach((item, index) => {
        if (!isRecord(item) || depth > 32) return;
        const itemPath = [...path, index];
        const ref = refOf(item);
        const name = asString(item.name);
        if (!name) {
          result.problems.push({ line: lineOf(...itemPath), message: 'a service needs a name' });
          return;
        }
        nodes.set(ref, {
          ref,
          role: 'service',
          name,
          component: serviceComponent(item, lineOf(...itemPath, 'name')),
          calls: callsOf(item),
        });
        visitServices(item.services, [...itemPath, 'services'], depth + 1);
      });
    };
    visitServices(bom.services, ['services'], 0);

    const dependencies = asArray(bom.dependencies).filter(isRecord);
    const direct = new Set<string>();
    const dependedOn = new Set<string>();
    dependencies.forEach((dependency, index) => {
      const from = nodes.get(asString(dependency.ref) ?? '');
      for (const targetRef of asArray(dependency.dependsOn)) {
        const target = nodes.get(asString(targetRef) ?? '');
        if (!from || !target) continue;
        dependedOn.add(target.ref);
        if (from.role !== 'library' && target.role === 'library') direct.add(target.ref);
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
        addEdge(result.edges, {
          from: node.name,
          to: call.target,
          protocol: call.protocol,
          api: call.api,
          version: call.version,
          evidence: CALLS_EVIDENCE,
        });
      }
    }
    const serviceByName = new Map<string, Node>();
    for (const node of nodes.values())
      if (node.role === 'service' && !serviceByName.has(node.name)) serviceByName.set(node.name, node);
    for (const edge of result.edges) {
      const service = serviceByName.get(edge.to);
      if (!service?.component) continue;
      edge.kind ??= service.component.kind;
      // A depmap call says exactly what it consumes; only plain dependencies borrow from the service.
      if (edge.evidence === CALLS_EVIDENCE) continue;
      edge.version ??= versionOfService(bom, edge.to);
      edge.protocol ??= protocolOfUrl(service.component.url);
      if (edge.version === undefined) delete edge.version;
      if (edge.protocol === undefined) delete edge.protocol;
    }

    const hasGraph = dependencies.length > 0;
    for (const node of nodes.values()) {
      if (node.component && !(subjectIsSystem && node.ref === subjectRef)) result.components.push(node.component);
      if (!node.library) continue;
      // A library nothing depends on is taken as direct: the graph does not say otherwise.
      const isDirect = !hasGraph || direct.has(node.ref) || !dependedOn.has(node.ref);
      if (!isDirect && !ctx.transitive) continue;
      result.libraries.push(isDirect ? node.library : { ...node.library, transitive: true });
    }
    return result;
  },
});
