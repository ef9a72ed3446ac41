/** The `services:` entries `depmap init` writes, each with where it was found and why. */
import { SERVICE_KINDS } from '../topology/vocabulary.js';
import type { ImportedServiceRef } from '../types.js';
import { flowMap, type Line } from './manifest-yaml.js';
import type { Todo } from './library-entries.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** True for a name a manifest's `services:` entry can hold as it is. */
export function isServiceName(name: string): boolean {
  return NAME.test(name) && name.length <= 120;
}

export function serviceEntries(services: { ref: ImportedServiceRef; file: string }[], todo: Todo): Line[] {
  const lines: Line[] = [];
  for (const { ref, file } of services) {
    if (!isServiceName(ref.name)) continue;
    const kind = SERVICE_KINDS.has(ref.kind) ? ref.kind : 'service';
    const url = ref.url && isUrl(ref.url) ? ref.url : undefined;
    const entry = flowMap([
      ['name', ref.name],
      ['kind', kind === 'service' ? undefined : kind],
      ['protocol', ref.protocol],
      ['api', ref.api && NAME.test(ref.api) ? ref.api : undefined],
      ['version', ref.version],
      ['image', ref.image],
      ['url', url],
    ]);
    const where = `${file}${ref.line ? `:${ref.line}` : ''}: ${ref.evidence}`;
    const needsVersion = (kind === 'service' || kind === 'external') && ref.version === undefined;
    lines.push({
      text: `  - ${entry}`,
      comment: needsVersion ? `${todo('the API version consumed')}; ${where}` : where,
    });
  }
  return lines;
}

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
