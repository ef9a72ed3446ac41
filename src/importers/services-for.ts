/**
 * From discovered topology to the service references of ONE component, as
 * `services: { from: docker-compose.yml }` in that component's depmap.yaml means.
 *
 * Which discovered node is "this component":
 *  1. the one named like the component (case-insensitive);
 *  2. otherwise the only one built from this repo's source (compose `build:`, a CycloneDX
 *     BOM's subject);
 *  3. otherwise the only application node (not infrastructure, not external) in the file;
 *  4. otherwise none: the file describes several applications and none is this one, so it
 *     contributes no services (pickComponent says why, for a message).
 * The references are that node's outgoing edges, each with its target's kind (a service
 * kind: calling a worker or a frontend is calling a service) and image.
 */
import type { ImportResult, ImportedLibrary, ImportedServiceRef } from './types.js';
import { SERVICE_KINDS } from './topology/vocabulary.js';

export interface ComponentPick {
  /** Name of the discovered node that stands for the component, when one does. */
  name?: string;
  reason: string;
}

export function pickComponent(result: ImportResult, component: string): ComponentPick {
  const wanted = component.toLowerCase();
  const byName = result.components.find((c) => c.name.toLowerCase() === wanted);
  if (byName) return { name: byName.name, reason: `the ${byName.name} node has the component's name` };
  const built = result.components.filter((c) => c.built);
  if (built.length === 1)
    return { name: built[0]!.name, reason: `${built[0]!.name} is the only node built from this repo` };
  const applications = result.components.filter((c) => !c.infrastructure && c.kind !== 'external');
  if (applications.length === 1)
    return { name: applications[0]!.name, reason: `${applications[0]!.name} is the only application node` };
  const names = applications.map((c) => c.name).join(', ');
  return {
    reason:
      applications.length === 0
        ? `no application node in the file, so none stands for ${component}`
        : `no node is named ${component} and it cannot be told apart among ${names}`,
  };
}

export function servicesFor(result: ImportResult, component: string): ImportedServiceRef[] {
  const { name } = pickComponent(result, component);
  if (name === undefined) return [];
  const byName = new Map(result.components.map((c) => [c.name, c]));
  const refs: ImportedServiceRef[] = [];
  for (const edge of result.edges) {
    if (edge.from !== name || edge.to === name) continue;
    const target = byName.get(edge.to);
    // Calling a component (a worker, a frontend…) is calling a service; only infrastructure kinds stay.
    const kind = target?.kind ?? edge.kind ?? 'service';
    const ref: ImportedServiceRef = {
      // A catalog entity (an API no component of the file provides, `api:demo-graphql`) is called by its API's name in a manifest.
      name: target?.type === 'entity' && edge.api ? edge.api : edge.to,
      kind: SERVICE_KINDS.has(kind) ? kind : 'service',
      evidence: edge.evidence,
    };
    if (edge.protocol) ref.protocol = edge.protocol;
    if (edge.api) ref.api = edge.api;
    if (edge.version) ref.version = edge.version;
    if (target?.image) ref.image = target.image;
    if (target?.url) ref.url = target.url;
    if (edge.line !== undefined) ref.line = edge.line;
    refs.push(ref);
  }
  return refs;
}

/**
 * The libraries of ONE component, as `libraries: { from: bom.json }` in its depmap.yaml means: a
 * library the file gives to named services (a SaaSBOM's service → component dependencies) is the
 * picked node's only when it names it; one it gives to no one is the file's own (a lockfile, a
 * single application's BOM), as always; and when no node of the file is the component, every
 * library of the file is.
 */
export function librariesFor(result: ImportResult, component: string): ImportedLibrary[] {
  if (result.libraries.every((lib) => lib.usedBy === undefined)) return result.libraries;
  const { name } = pickComponent(result, component);
  // No node of the file stands for the component: the file is its list of libraries, as it always was.
  if (name === undefined) return result.libraries;
  return result.libraries.filter((lib) => lib.usedBy === undefined || lib.usedBy.includes(name));
}
