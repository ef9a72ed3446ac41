/**
 * SPDX 3 JSON-LD documents (`*.spdx3.json`, or any JSON with the SPDX 3 context): depmap's own
 * export and other tools' SBOMs. A `software_Package` is a library when it says so (purpose
 * `library`, `framework` or `module`) or has a purl and is no application; otherwise it is a
 * component, a resource or an entity, as its `depmap:type` says (component when it says
 * nothing). A `dependsOn` relationship from a node is a call when it points at another node
 * and a library use when it points at a library; its lifecycle scope gives the library's scope
 * back (development → dev, test, build; runtime is depmap's default). The `depmap:` extension
 * entries (the CycloneDX export's names) restore kind, system, owner, provided APIs and each
 * call's protocol/API/version; every other entry and the SPDX fields depmap has no place for
 * are kept as namespaced properties, so an export writes them back. Never throws: bad input
 * gives problems with the line of the element.
 */
import { jsonObjectWithLines } from '../util/json-with-lines.js';
import { asArray, asString, isRecord } from '../util/located.js';
import { defineImporter } from '../define-importer.js';
import { emptyResult, type ImportResult } from '../types.js';
import { PROP, type CallProperty } from '../cyclonedx/depmap-properties.js';
import {
  MAX_TEXT,
  extensionEntries,
  idOf,
  propertiesOf,
  refOf,
  safeJsonObject,
  typeOf,
  valuesOf,
  type Entry,
} from './spdx-elements.js';
import { libraryOf, libraryUse, nodeOf, quote, syntaxOf, type LibraryRef, type NodeRef } from './spdx-packages.js';
import { SPDX_SCOPE } from './spdx-terms.js';

const NOT_SPDX = 'not an SPDX 3 JSON-LD document (no "@context" of https://spdx.org/rdf/3.…/spdx-context.jsonld)';
const SPDX3_CONTEXT = /^https?:\/\/spdx\.org\/rdf\/3\.[0-9.]+\/spdx-context\.jsonld$/;
const PACKAGE_TYPES: ReadonlySet<string> = new Set(['software_Package', 'ai_AIPackage', 'dataset_DatasetPackage']);
const RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(['Relationship', 'LifecycleScopedRelationship']);
/** More elements than any real document: a hostile one is read this far, with a problem. */
const MAX_ELEMENTS = 200_000;
const EVIDENCE = 'spdx dependsOn';

function isSpdx3Context(context: unknown): boolean {
  const contexts = typeof context === 'string' ? [context] : asArray(context);
  return contexts.some((c) => typeof c === 'string' && SPDX3_CONTEXT.test(c));
}

export const spdxImporter = defineImporter({
  id: 'spdx',
  files: 'SPDX 3 JSON-LD (`*.spdx3.json`)',
  description:
    'software_Package elements as components, resources, entities and libraries (by purpose and purl), `dependsOn` relationships as calls and library uses with their lifecycle scope',
  provides: 'both',
  matches: (file) => /\.spdx3\.json(ld)?$/i.test(file),
  sniff: {
    ext: /\.json(ld)?$/i,
    test: (head) =>
      /"@context"\s*:\s*\[?[^\]]*?"https?:\/\/spdx\.org\/rdf\/3\.[0-9.]+\/spdx-context\.jsonld"/.test(head),
  },
  parse(text, ctx) {
    const result = emptyResult();
    const doc = jsonObjectWithLines(text, result.problems, NOT_SPDX);
    if (!doc) return result;
    const { value: root, lineOf } = doc;
    if (!isSpdx3Context(root['@context'])) {
      result.problems.push({ line: 1, message: NOT_SPDX });
      return result;
    }
    if (root['@graph'] !== undefined && !Array.isArray(root['@graph'])) {
      result.problems.push({ line: lineOf('@graph'), message: '"@graph" must be a list of elements' });
      return result;
    }
    const listed = Array.isArray(root['@graph']) ? (root['@graph'] as unknown[]) : [root];
    if (listed.length > MAX_ELEMENTS)
      result.problems.push({
        line: lineOf('@graph'),
        message: `${listed.length} elements: only the first ${MAX_ELEMENTS} are read`,
        severity: 'warning',
      });
    const graph = listed.slice(0, MAX_ELEMENTS);
    const inGraph = Array.isArray(root['@graph']);
    const at = (index: number, ...path: string[]) => (inGraph ? lineOf('@graph', index, ...path) : lineOf(...path));
    readElements(graph, at, result, ctx.transitive);
    return result;
  },
});

/** The two passes: packages first (every relationship may point at any of them), then relationships. */
function readElements(
  graph: unknown[],
  at: (index: number, ...path: string[]) => number | undefined,
  result: ImportResult,
  transitive: boolean,
): void {
  const nodes = new Map<string, NodeRef>();
  const libraries = new Map<string, LibraryRef>();
  const names = new Set<string>();
  const problem = (index: number, message: string, severity: 'error' | 'warning' = 'warning', ...path: string[]) =>
    result.problems.push({ line: at(index, ...path), message, severity });

  graph.forEach((item, index) => {
    if (!isRecord(item)) return problem(index, 'an element of @graph must be an object', 'error');
    const type = typeOf(item);
    if (type === undefined || !PACKAGE_TYPES.has(type)) return;
    const id = idOf(item);
    if (id === undefined) return problem(index, `a ${type} needs a spdxId`, 'error');
    if (nodes.has(id) || libraries.has(id))
      return problem(index, `spdxId ${quote(id)} is used twice: the second is left out`);
    const entries = extensionEntries(item);
    const library = libraryOf(item, entries, at(index, 'name'), (message) =>
      problem(index, message, 'warning', 'software_packageUrl'),
    );
    if (library) {
      libraries.set(id, library);
      return;
    }
    const name = asString(item.name) ?? id;
    if (name.length > MAX_TEXT)
      return problem(index, `a name of ${name.length} characters is not a name: left out`, 'error', 'name');
    const node = nodeOf(item, entries, name, at(index, 'name'));
    if (names.has(name))
      return problem(index, `two packages are named ${quote(name)}: the second is left out`, 'warning', 'name');
    names.add(name);
    nodes.set(id, node);
    if (node.component) result.components.push(node.component);
  });

  const uses = new Set<string>();
  const calls = new Set<string>();
  const byLibraries = new Set<string>();
  const others = new Map<string, number>();
  graph.forEach((item, index) => {
    if (!isRecord(item) || !RELATIONSHIP_TYPES.has(typeOf(item) ?? '')) return;
    const relationshipType = asString(item.relationshipType) ?? '';
    if (relationshipType !== 'dependsOn') {
      others.set(relationshipType, (others.get(relationshipType) ?? 0) + 1);
      return;
    }
    const fromId = refOf(item.from);
    const from = fromId === undefined ? undefined : nodes.get(fromId);
    const targets = asArray(item.to).map(refOf);
    if (fromId !== undefined && libraries.has(fromId)) {
      for (const to of targets) if (to !== undefined) byLibraries.add(to);
      return;
    }
    if (!from)
      return problem(
        index,
        `dependsOn from ${quote(fromId)}, which is no package of the document: left out`,
        'warning',
        'from',
      );
    const entries = extensionEntries(item);
    const scope = asString(item.scope);
    const line = at(index, 'from');
    for (const to of targets) {
      const node = to === undefined ? undefined : nodes.get(to);
      const library = to === undefined ? undefined : libraries.get(to);
      // A relationship to several targets gives several edges: its own id names none of them alone.
      if (node) addCall(result, calls, { from, to: node, item, entries, scope, line, keepId: targets.length === 1 });
      else if (library) {
        uses.add(to!);
        result.libraries.push(libraryUse(library, from.name, entries, scope));
      } else problem(index, `dependsOn ${quote(to)}, which is no package of the document: left out`, 'warning', 'to');
    }
  });

  // A library no node depends on: the document's application uses it, unless only libraries depend on it.
  for (const [id, library] of libraries) {
    if (uses.has(id)) continue;
    const indirect = byLibraries.has(id);
    if (indirect && !transitive) continue;
    const { ranged, library: lib } = library;
    result.libraries.push({ ...lib, syntax: syntaxOf(lib.version, ranged), ...(indirect ? { transitive: true } : {}) });
  }
  if (others.size > 0) {
    const list = [...others].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, n]) => `${n} ${t || '(no type)'}`);
    result.problems.push({
      line: 1,
      message: `relationships depmap's graph has no place for are left out: ${list.join(', ')}`,
      severity: 'warning',
    });
  }
}

interface Call {
  from: NodeRef;
  to: NodeRef;
  item: Record<string, unknown>;
  entries: Entry[];
  scope: string | undefined;
  line: number | undefined;
  keepId: boolean;
}

/** One call edge per caller, callee, API and protocol (`seen` holds those already added). */
function addCall(
  result: ImportResult,
  seen: Set<string>,
  { from, to, item, entries, scope, line, keepId }: Call,
): void {
  const calls = valuesOf(entries, PROP.calls)
    .map((value) => safeJsonObject<CallProperty>(value))
    .filter((c): c is CallProperty => c !== undefined);
  const call = calls.find((c) => c.target === to.name) ?? (calls.length === 1 ? calls[0] : undefined);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const protocol = text(call?.protocol);
  const api = text(call?.api);
  const version = text(call?.version);
  const key = JSON.stringify([from.name, to.name, api ?? '', protocol ?? '']);
  if (seen.has(key)) return;
  seen.add(key);
  const properties = propertiesOf(item, entries, [], { keepId }) ?? {};
  if (scope === 'design' || scope === 'other') properties[SPDX_SCOPE] = scope;
  result.edges.push({
    from: from.name,
    to: to.name,
    kind: to.kind,
    ...(protocol ? { protocol } : {}),
    ...(api ? { api } : {}),
    ...(version ? { version } : {}),
    ...(line !== undefined ? { line } : {}),
    evidence: EVIDENCE,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  });
  // The target's address and image travel on its calls: give them back to the target.
  if (to.component) {
    const url = text(call?.url);
    const image = text(call?.image);
    if (url && to.component.url === undefined) to.component.url = url;
    if (image && to.component.image === undefined) to.component.image = image;
  }
}
