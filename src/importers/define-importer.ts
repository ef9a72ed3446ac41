/**
 * An importer declares its files once. Most read files known by their name (`yarn.lock`):
 * for those, the names of the library role are also what the importer matches and what help
 * and docs show, so they are written once; an importer whose files have no fixed name
 * (`requirements-dev.txt`, a Kubernetes folder) says how to match and name them.
 */
import type { Importer } from './types.js';
import { basename } from './util/paths.js';

export interface ImporterSpec extends Omit<Importer, 'files' | 'matches'> {
  /** Default: the library role's names, in backticks. */
  files?: string;
  /** Default: a base name among the library role's names. */
  matches?(fileName: string): boolean;
}

export function defineImporter(spec: ImporterSpec): Importer {
  const names = spec.library?.names;
  const { files, matches } = spec;
  if (names === undefined && (files === undefined || matches === undefined))
    throw new Error(`importer ${spec.id}: give files and matches, or library names`);
  return {
    ...spec,
    files: files ?? names!.map((name) => `\`${name}\``).join(', '),
    matches: matches ?? ((file) => names!.includes(basename(file))),
  };
}
