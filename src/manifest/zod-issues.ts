/**
 * zod's issues as depmap's problems: each one at the line and column of the value (or key)
 * it is about, in words a manifest author understands, with a hint and a "did you mean".
 */
import type { z } from 'zod';
import { didYouMean } from '../suggest.js';
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
import type { Problem } from './types.js';

export type Path = readonly PropertyKey[];

export type Report = (
  severity: Problem['severity'],
  code: string,
  path: Path,
  message: string,
  hint?: string,
  key?: boolean,
) => void;

/** Keys allowed where an unrecognized key was found, to suggest the nearest one. */
function allowedKeysAt(path: Path, value: unknown): string[] {
  const target = valueAt(value, path);
  const keys = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);
  if (path.length === 0) return keys(manifestSchema);
  const [section] = path;
  if (path.length !== 2) return [];
  const entry = (target ?? {}) as Record<string, unknown>;
  switch (section) {
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
}

/** For a union entry, which option the user meant, judged by the value's shape. */
function unionBranch(path: Path, entry: unknown): number | undefined {
  const section = path[path.length - 2];
  // Indexes follow the order of the options in schema.ts.
  if (section === 'libraries') {
    if (typeof entry === 'string') return 0;
    if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
      if ('from' in entry) return 3;
      if ('purl' in entry) return 2;
      return 1;
    }
    return undefined;
  }
  if (section === 'services') {
    if (entry && typeof entry === 'object' && !Array.isArray(entry)) return 'from' in entry ? 1 : 0;
    return undefined;
  }
  return undefined;
}

type Issue = z.core.$ZodIssue;

export function reportIssue(issue: Issue, root: unknown, report: Report, prefix: Path = []): void {
  const path: Path = [...prefix, ...issue.path];
  const input = valueAt(root, path);
  const field = formatPath(path);
  switch (issue.code) {
    case 'invalid_union': {
      if (input === undefined) {
        const name = String(path[path.length - 1]);
        report(
          'error',
          'missing-field',
          path.slice(0, -1),
          `missing required field "${name}"`,
          requiredHint(name, path),
        );
        return;
      }
      const branch = unionBranch(path, input);
      const errors = (issue as { errors?: Issue[][] }).errors;
      if (branch !== undefined && errors?.[branch]) {
        for (const inner of errors[branch]) reportIssue(inner, root, report, path);
        return;
      }
      const section = path[path.length - 2];
      if (section === 'libraries') {
        report(
          'error',
          'invalid-entry',
          path,
          'a library is a Package URL string, { ecosystem, name, version }, { purl, scope } or { from: <file> }',
          'e.g. - pkg:npm/express@4.19.2',
        );
      } else if (section === 'services') {
        report(
          'error',
          'invalid-entry',
          path,
          'a service is a mapping { name, kind, protocol, api, version } or { from: <file> }',
          'e.g. - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
        );
      } else {
        report('error', 'invalid-value', path, `invalid value ${describeType(input)}`);
      }
      return;
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path, root);
      for (const key of issue.keys) {
        const hint =
          allowed.length > 0 ? `allowed here: ${allowed.filter((k) => k !== '$schema').join(', ')}` : undefined;
        report(
          'error',
          'unknown-field',
          [...path, key],
          `unknown field "${key}"${didYouMean(key, allowed)}`,
          hint,
          true,
        );
      }
      return;
    }
    case 'invalid_type': {
      if (input === undefined) {
        const name = String(path[path.length - 1]);
        report(
          'error',
          'missing-field',
          path.slice(0, -1),
          `missing required field "${name}"`,
          requiredHint(name, path),
          false,
        );
      } else if (input === null) {
        report('error', 'empty-value', path, `${field} is empty`, 'give it a value or remove the line');
      } else {
        report(
          'error',
          'invalid-type',
          path,
          `must be ${article(issue.expected)}, not ${describeType(input)}`,
          typeHint(issue.expected, input),
        );
      }
      return;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const last = String(path[path.length - 1]);
      if (input === undefined) {
        report(
          'error',
          'missing-field',
          path.slice(0, -1),
          `missing required field "${last}"`,
          requiredHint(last, path),
          false,
        );
        return;
      }
      if (last === 'depmap') {
        report(
          'error',
          'spec-version',
          path,
          `spec version ${JSON.stringify(input)} is not supported`,
          `write "depmap: ${SPEC_VERSION}"`,
        );
        return;
      }
      const shown = values.length > 12 ? `${values.slice(0, 12).join(', ')}, …` : values.join(', ');
      report(
        'error',
        'invalid-value',
        path,
        `"${String(input)}" is not one of the allowed values${didYouMean(String(input), values)}`,
        `use one of: ${shown}`,
      );
      return;
    }
    case 'invalid_format': {
      const last = String(path[path.length - 1]);
      if (last === 'protocol') {
        report(
          'error',
          'invalid-value',
          path,
          `"${String(input)}" is not a known protocol${didYouMean(String(input), PROTOCOLS)}`,
          `use one of ${PROTOCOLS.join(', ')}, or x-<name> for another protocol`,
        );
        return;
      }
      report('error', 'invalid-format', path, `"${String(input)}": ${issue.message}`);
      return;
    }
    case 'too_small':
      if (typeof input === 'string' && input.length === 0) {
        report('error', 'empty-value', path, `${field} is empty`, 'give it a value or remove the line');
      } else {
        report('error', 'too-small', path, issue.message);
      }
      return;
    case 'too_big':
      report('error', 'too-big', path, issue.message);
      return;
    case 'custom': {
      const params = (issue.params ?? {}) as { code?: string; hint?: string };
      report('error', params.code ?? 'invalid-value', path, issue.message, params.hint);
      return;
    }
    default:
      report('error', 'invalid-value', path, issue.message);
  }
}

function requiredHint(name: string, path: Path = [name]): string | undefined {
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

function typeHint(expected: string, input: unknown): string | undefined {
  if (expected === 'array' && input && typeof input === 'object')
    return 'write a list: each entry on its own line starting with "- "';
  if (expected === 'string' && typeof input === 'boolean') return 'quote it, e.g. "true"';
  if (expected === 'boolean' && typeof input === 'string') return 'write true or false without quotes';
  if (expected === 'object') return 'write a mapping of fields (key: value)';
  return undefined;
}

/** "a list", "text"…: what zod expected, in a manifest author's words. */
export function article(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${expected}`;
  }
}

/** What was found instead, in the same words. */
export function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

/** The value at a zod issue's path in the parsed input. */
export function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const segment of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[segment as string];
  }
  return v;
}

/** `libraries[3].version` */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}
