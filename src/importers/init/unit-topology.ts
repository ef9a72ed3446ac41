/**
 * The deployment and catalog files (compose, Kubernetes, Backstage) init reads to say what a
 * unit runs as and calls, each read once, and which unit of a monorepo owns each.
 */
import { basename, dirname } from '../../util/paths.js';
import { readTopologyFile } from '../discover.js';
import { runImporter } from '../index.js';
import type { ImportResult } from '../types.js';
import { NOT_UNITS, type Unit } from './find-units.js';

export interface Topology {
  path: string;
  importer: string;
  result: ImportResult;
}

/** The unit whose folder holds `path` (the deepest), or undefined when only the root's would. */
export function ownerOf(path: string, units: Unit[]): string | undefined {
  const owners = units
    .filter((u) => u.dir === '' || path.startsWith(`${u.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length);
  return owners[0]?.dir;
}

export function readTopology(paths: string[], read: (path: string) => string | undefined): Topology[] {
  const found: Topology[] = [];
  for (const path of paths) {
    // Tests, fixtures and examples describe other systems, not this repo's.
    if (NOT_UNITS.test(dirname(path)) || /^depmap\.ya?ml$/.test(basename(path))) continue;
    const file = readTopologyFile(path, read);
    if (!file) continue;
    found.push({
      path,
      importer: file.importer.id,
      result: runImporter(file.importer, file.text, { file: path, readFile: read, transitive: false }),
    });
  }
  return found;
}
