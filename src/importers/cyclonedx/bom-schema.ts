/**
 * A BOM checked against the official CycloneDX schema of its specVersion (1.5 and 1.6), each
 * violation as a problem on the line where it is: `CycloneDX 1.6 schema: services[0].data[0].flow
 * must be one of inbound, outbound, bi-directional, unknown`. Other versions are read without
 * the check, with a warning saying so.
 */
import type { ImportProblem } from '../types.js';
import { asString, isRecord, type PathSegment } from '../util/located.js';
import { BOM_VERSIONS, bomValidator, type BomVersion, type SchemaError } from './bom-validator.js';

/** Violations reported one by one; the rest are counted. */
const MAX_REPORTED = 10;
/** Keywords that only say "one of the alternatives failed": the alternatives' own errors say where. */
const SUMMARY_KEYWORDS = new Set(['anyOf', 'oneOf', 'if']);

export function validateBom(
  bom: Record<string, unknown>,
  lineOf: (...path: PathSegment[]) => number | undefined,
): ImportProblem[] {
  const version = asString(bom.specVersion);
  if (version === undefined || !(BOM_VERSIONS as readonly string[]).includes(version)) {
    return [
      {
        line: lineOf('specVersion') ?? 1,
        severity: 'warning',
        message: `${version === undefined ? 'no specVersion' : `CycloneDX ${/^[\w.-]{1,20}$/.test(version) ? version : JSON.stringify(clip(version))}`}: read without checking it against a schema (depmap checks ${BOM_VERSIONS.join(' and ')})`,
      },
    ];
  }
  let errors: SchemaError[];
  try {
    const validate = bomValidator(version as BomVersion);
    if (validate(bom)) return [];
    errors = validate.errors ?? [];
  } catch (error) {
    // A nesting deep enough to exhaust the stack, or a build without the validators: read, unchecked.
    return [
      {
        line: 1,
        severity: 'warning',
        message: `not checked against the CycloneDX ${version} schema: ${(error as Error).message}`,
      },
    ];
  }
  const specific = errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const error of specific.length > 0 ? specific : errors) {
    const path = pathOf(bom, error);
    const message = `CycloneDX ${version} schema: ${describe(path, error)}`;
    if (seen.has(message)) continue;
    seen.add(message);
    problems.push({ line: lineOf(...path) ?? 1, message });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (problems.length <= MAX_REPORTED) return problems;
  const more = problems.length - MAX_REPORTED;
  return [
    ...problems.slice(0, MAX_REPORTED),
    { line: problems[MAX_REPORTED]!.line, message: `CycloneDX ${version} schema: and ${more} more` },
  ];
}

/** The error's place in the BOM as keys and indexes (a field the schema does not allow: that field). */
function pathOf(bom: Record<string, unknown>, error: SchemaError): PathSegment[] {
  const path: PathSegment[] = [];
  let value: unknown = bom;
  const pointer = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/');
  for (const raw of pointer) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment: PathSegment = Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(segment);
    value = Array.isArray(value) || isRecord(value) ? (value as Record<string | number, unknown>)[segment] : undefined;
  }
  const extra = error.keyword === 'additionalProperties' ? asString(error.params.additionalProperty) : undefined;
  if (extra !== undefined) path.push(extra);
  return path;
}

function describe(path: PathSegment[], error: SchemaError): string {
  const where = path.length === 0 ? 'the BOM' : pathText(path);
  if (error.keyword === 'additionalProperties') return `${where} is not a field the schema allows here`;
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues))
    return `${where} must be one of ${error.params.allowedValues.map((v) => String(v)).join(', ')}`;
  return `${where} ${error.message ?? `fails ${error.keyword}`}`;
}

/** `services[0].data[1].flow`; keys that are not plain words quoted (they come from the input). */
function pathText(path: PathSegment[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : /^[A-Za-z_$][\w$-]*$/.test(segment) && segment.length <= 60
          ? `${i === 0 ? '' : '.'}${segment}`
          : `[${JSON.stringify(clip(segment))}]`,
    )
    .join('');
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
