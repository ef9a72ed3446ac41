/**
 * An importer declares its files once. Most read files known by their name (`yarn.lock`):
 * for those, the names of the library role are also what the importer matches and what help
 * and docs show, so they are written once; an importer whose files have no fixed name
 * (`requirements-dev.txt`, a Kubernetes folder) says how to match and name them. An
 * importer with a library role gives libraries, unless it says more.
 */
import type { Importer } from './types.js';
import { basename } from '../util/paths.js';

interface ImporterSpec extends Omit<Importer, 'files' | 'matches' | 'provides'> {
  /** Default: `libraries` for an importer with a library role. */
  provides?: Importer['provides'];
  /** Default: the library role's names, in backticks. */
  files?: string;
  /** Default: a base name among the library role's names. */
  matches?(fileName: string): boolean;
}

export function defineImporter(spec: ImporterSpec): Importer {
  const names = spec.library?.names ?? [];
  const byName = names.length > 0;
  const files = spec.files ?? (byName ? names.map((name) => `\`${name}\``).join(', ') : undefined);
  const matches = spec.matches ?? (byName ? (file: string) => names.includes(basename(file)) : undefined);
  const provides = spec.provides ?? (spec.library ? 'libraries' : undefined);
  // A programming error, seen by the first test that loads the registry.
  if (files === undefined || matches === undefined || provides === undefined)
    throw new Error(`importer ${spec.id}: give its files, matches and provides, or a library role with names`);
  return { ...spec, files, matches, provides };
}
