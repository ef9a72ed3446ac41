/** The export formats: pure functions from a graph snapshot to the text of a file. */
import type { Snapshot } from '../graph/types.js';
import { outputRegistry, type OutputFormat } from '../render/output-format.js';
import { toBackstage } from './backstage.js';
import { toCycloneDx } from './cyclonedx.js';
import { toSpdx } from './spdx.js';
import { toStructurizr } from './structurizr.js';
import type { ExportOptions } from './graph-parts.js';

export type { ExportOptions } from './graph-parts.js';

export const EXPORTERS = outputRegistry<OutputFormat<Snapshot, ExportOptions>>([
  {
    format: 'cyclonedx',
    extension: 'cdx.json',
    description: `CycloneDX 1.6 JSON: every component and resource is a service (with its
endpoint), every library version a component with its purl, and the
dependency graph links them; protocol, API and version of each call are
depmap: properties that \`libraries/services: { from: x.cdx.json }\` reads back.`,
    render: toCycloneDx,
  },
  {
    format: 'backstage',
    extension: 'catalog-info.yaml',
    description: `Backstage entities, one YAML document each: System, Component (providesApis,
consumesApis, dependsOn), API (versioned definition), Resource.`,
    render: toBackstage,
  },
  {
    format: 'structurizr',
    extension: 'dsl',
    description: `A Structurizr DSL workspace: systems as softwareSystems, components and
their system's databases/queues as containers, calls as relationships,
a landscape view and one container view per system. Libraries are left out.`,
    render: toStructurizr,
  },
  {
    format: 'spdx',
    extension: 'spdx3.json',
    description: `SPDX 3.0.1 JSON-LD: an SBOM with a software_Package per component,
resource, entity and library version (with its purl), and a
LifecycleScopedRelationship dependsOn for every call and library use, with
its scope; what SPDX has no field for is in depmap: extension properties
that depmap's SPDX importer reads back.`,
    render: toSpdx,
  },
]);
