/**
 * What a workload's source folder says of it in a Backstage catalog (`catalog-info.yaml`): its
 * system, owner, description and provided APIs, and the resources and components it depends
 * on. A catalog is written by people, so it names the team and the APIs no deployment file
 * knows; discovery and init take them from there.
 */
import { detectImporter, runImporter } from '../importers/index.js';
import { pickComponent, servicesFor } from '../importers/services-for.js';
import type { DiscoveredComponent, ImportedServiceRef } from '../importers/types.js';
import type { RepoFiles } from './model.js';

export interface CatalogEntry {
  file: string;
  component: DiscoveredComponent;
  /** What it depends on (`dependsOn`, consumed APIs), as service references. */
  refs: ImportedServiceRef[];
}

const NAMES = ['catalog-info.yaml', 'catalog-info.yml'];

export function catalogOf(dir: string, names: readonly string[], files: RepoFiles): CatalogEntry | undefined {
  for (const base of NAMES) {
    const file = dir === '' ? base : `${dir}/${base}`;
    const text = files.read(file);
    if (text === undefined) continue;
    const importer = detectImporter(file, text);
    if (!importer) continue;
    const result = runImporter(importer, text, { file, readFile: (p) => files.read(p), transitive: false });
    const pick = names.map((n) => pickComponent(result, n)).find((p) => p.name !== undefined);
    const component = result.components.find((c) => c.name === pick?.name && !c.infrastructure);
    if (!component) continue;
    return { file, component, refs: servicesFor(result, component.name) };
  }
  return undefined;
}
