/**
 * How zod's issues read in a depmap.yaml: the keys allowed in each section, which form of a
 * library or service entry was meant, and the hints that turn a missing field into a line to
 * write. The wording shared with policies and configs is zod-issues.ts.
 */
import { didYouMean } from '../util/suggest.js';
import {
  COMPONENT_KINDS,
  fromSchema,
  libraryObjectSchema,
  linkSchema,
  manifestSchema,
  PROTOCOLS,
  providedSchema,
  purlObjectSchema,
  serviceSchema,
  SPEC_VERSION,
} from './schema.js';
import { valueAt, type IssueDialect, type Path } from './zod-issues.js';

const keys = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);

export const manifestIssues: IssueDialect = {
  keysAt(path, root) {
    if (path.length === 0) return keys(manifestSchema);
    if (path.length !== 2) return [];
    const entry = (valueAt(root, path) ?? {}) as Record<string, unknown>;
    switch (path[0]) {
      case 'links':
        return keys(linkSchema);
      case 'provides':
        return keys(providedSchema);
      case 'libraries':
        if ('from' in entry) return keys(fromSchema);
        if ('purl' in entry) return keys(purlObjectSchema);
        return keys(libraryObjectSchema);
      case 'services':
        if ('from' in entry) return keys(fromSchema);
        return keys(serviceSchema);
      default:
        return [];
    }
  },

  unionBranch(path, entry) {
    const section = path[path.length - 2];
    const mapping = entry !== null && typeof entry === 'object' && !Array.isArray(entry);
    // Indexes follow the order of the options in schema.ts.
    if (section === 'libraries') {
      if (typeof entry === 'string') return 0;
      if (!mapping) return undefined;
      if ('from' in entry) return 3;
      return 'purl' in entry ? 2 : 1;
    }
    if (section === 'services') return mapping ? ('from' in entry ? 1 : 0) : undefined;
    return undefined;
  },

  invalidEntry(path) {
    const section = path[path.length - 2];
    if (section === 'libraries')
      return {
        message: 'a library is a Package URL string, { ecosystem, name, version }, { purl, scope } or { from: <file> }',
        hint: 'e.g. - pkg:npm/express@4.19.2',
      };
    if (section === 'services')
      return {
        message: 'a service is a mapping { name, kind, protocol, api, version } or { from: <file> }',
        hint: 'e.g. - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
      };
    return undefined;
  },

  requiredHint,

  ownWords(issue, path, input) {
    const last = String(path[path.length - 1]);
    if (issue.code === 'invalid_value' && last === 'depmap')
      return {
        code: 'spec-version',
        message: `spec version ${JSON.stringify(input)} is not supported`,
        hint: `write "depmap: ${SPEC_VERSION}"`,
      };
    if (issue.code === 'invalid_format' && last === 'protocol')
      return {
        code: 'invalid-value',
        message: `"${String(input)}" is not a known protocol${didYouMean(String(input), PROTOCOLS)}`,
        hint: `use one of ${PROTOCOLS.join(', ')}, or x-<name> for another protocol`,
      };
    return undefined;
  },
};

function requiredHint(name: string, path: Path): string | undefined {
  const section = path.length > 1 ? String(path[0]) : '';
  if (section === 'services' && name === 'name')
    return 'add "name: <service>": a component\'s name, or the name of a database, queue or third party';
  if (section === 'provides' && name === 'api')
    return 'name the interface this component offers, e.g. api: checkout-http';
  switch (name) {
    case 'depmap':
      return `add "depmap: ${SPEC_VERSION}" as the first line`;
    case 'name':
      return 'add "name: <component-name>", unique across the organisation';
    case 'kind':
      return `add "kind: service" (one of ${COMPONENT_KINDS.join(', ')})`;
    case 'api':
      return 'name the interface, e.g. api: checkout-http';
    case 'protocol':
      return `e.g. protocol: http (one of ${PROTOCOLS.slice(0, 8).join(', ')}, …)`;
    case 'version':
      return 'give the exact version, e.g. version: 2.1.0';
    case 'ecosystem':
      return 'e.g. ecosystem: npm (or write the library as a purl: pkg:npm/name@1.2.3)';
    default:
      return undefined;
  }
}
