/** The export formats: pure functions from a graph snapshot to the text of a file. */
import type { Snapshot } from '../graph/types.js';
import { toBackstage } from './backstage.js';
import { toCycloneDx } from './cyclonedx.js';
import { toStructurizr } from './structurizr.js';
import type { ExportOptions } from './graph-parts.js';

export type { ExportOptions } from './graph-parts.js';

export interface Exporter {
  format: string;
  description: string;
  /** Extension of the file it writes, for a default file name. */
  extension: string;
  render(snapshot: Snapshot, options: ExportOptions): string;
}

export const EXPORTERS: readonly Exporter[] = [
  {
    format: 'cyclonedx',
    description: 'CycloneDX 1.6 JSON: services, library components and the dependency graph',
    extension: 'cdx.json',
    render: toCycloneDx,
  },
  {
    format: 'backstage',
    description: 'Backstage catalog entities (System, Component, API, Resource) as multi-document YAML',
    extension: 'catalog-info.yaml',
    render: toBackstage,
  },
  {
    format: 'structurizr',
    description: 'Structurizr DSL workspace: software systems, containers, relationships and views',
    extension: 'dsl',
    render: toStructurizr,
  },
];

export function findExporter(format: string): Exporter | undefined {
  return EXPORTERS.find((exporter) => exporter.format === format);
}
