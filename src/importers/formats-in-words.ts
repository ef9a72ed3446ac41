/**
 * What depmap imports, as one phrase for help text: every importer's files, those that give
 * libraries first. Read from the registry, so help names a new importer without an edit.
 */
import { IMPORTERS } from './registry.js';

/** `package-lock.json, …, go.mod for libraries (…); docker-compose*.yml, …, Kubernetes manifests for services`. */
export function formatsInWords(): string {
  const filesOf = (libraries: boolean) =>
    IMPORTERS.filter((i) => (i.provides === 'libraries') === libraries)
      .map((i) => i.files.replaceAll('`', ''))
      .join(', ');
  return `${filesOf(true)} for libraries (in a folder, a lockfile rather than its manifest); ${filesOf(false)} for services`;
}
