/**
 * depmap.yaml text → a normalized Manifest, or every problem with file:line:col, the field
 * path and a hint. Pure: no disk, no git. Reading `from:` files is the crawler's job.
 *
 * A manifest is read by fast-yaml.ts when it can (most are: faster than js-yaml, positions kept), and by
 * `yaml` when it cannot, or when the manifest has an error to report: an invalid manifest's
 * problems are always those of the full reader. DEPMAP_FAST_YAML=0 turns the fast reader off;
 * DEPMAP_FAST_YAML=verify reads every manifest both ways and throws where they differ.
 */
import { decodeUtf8 } from './decode-utf8.js';
import { readFastYaml } from './fast-yaml.js';
import { verifyFastYaml } from './fast-yaml-verify.js';
import { loadYaml, loadYamlBytes, MAX_YAML_BYTES, type LoadedYaml } from './load-yaml.js';
import { manifestIssues } from './manifest-issues.js';
import { normalize, type Report } from './normalize-manifest.js';
import { problemAt } from './problem.js';
import { withoutInvalid } from './schema-recovery.js';
import { explainIssues, formatPath } from './zod-issues.js';
import { manifestSchema, SPEC_VERSION } from './schema.js';
import type { ParseOptions, ParseResult, Problem } from './types.js';

const YAML_OPTIONS = { numbersAsText: true, keepNumberAt: new Set(['depmap']) };

/** Which reader: fast-yaml.ts first, `yaml` only, or both and a throw where they differ. */
type YamlReader = 'fast' | 'yaml' | 'verify';
const READER: YamlReader = ((mode) => (mode === '0' ? 'yaml' : mode === 'verify' ? 'verify' : 'fast'))(
  process.env.DEPMAP_FAST_YAML,
);

/** Parses the bytes of a manifest file (size and encoding checks first). */
export function parseManifestBytes(
  bytes: Uint8Array,
  file: string,
  options: ParseOptions = {},
  reader: YamlReader = READER,
): ParseResult {
  if (bytes.length <= MAX_YAML_BYTES) {
    const decoded = decodeUtf8(bytes);
    if (decoded.ok) return parseManifest(decoded.text, file, options, reader);
  }
  const loaded = loadYamlBytes(bytes, file, YAML_OPTIONS);
  if (!loaded.ok) return { problems: loaded.problems };
  return parseLoaded(loaded.yaml, file, options);
}

/** Parses the text of a manifest. `file` is used in problems and stored in the manifest. */
export function parseManifest(
  text: string,
  file: string,
  options: ParseOptions = {},
  reader: YamlReader = READER,
): ParseResult {
  const fast = reader === 'yaml' ? undefined : readFastYaml(text);
  if (fast) {
    const result = parseLoaded(fast, file, options);
    // An invalid manifest's problems are the full reader's, whatever the fast one found.
    if (!result.problems.some((p) => p.severity === 'error')) {
      if (reader === 'verify') {
        const loaded = loadYaml(text, file, YAML_OPTIONS);
        verifyFastYaml(file, fast, loaded, result, loaded.ok ? parseLoaded(loaded.yaml, file, options) : undefined);
      }
      return result;
    }
  }
  const loaded = loadYaml(text, file, YAML_OPTIONS);
  if (!loaded.ok) return { problems: loaded.problems };
  return parseLoaded(loaded.yaml, file, options);
}

function parseLoaded(yaml: LoadedYaml, file: string, options: ParseOptions): ParseResult {
  const problems: Problem[] = [];
  const report: Report = (severity, code, path, message, hint, key = false) => {
    problems.push(
      problemAt(file, severity, code, message, { hint, at: yaml.positionOf(path, { key }), path: formatPath(path) }),
    );
  };

  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report(
      'error',
      'not-a-mapping',
      [],
      'a manifest must be a mapping of fields (depmap: 1, name: …)',
      'start from `depmap init` or the example in the README',
    );
    return { problems };
  }
  const specVersion = (value as Record<string, unknown>).depmap;
  if (specVersion !== undefined && specVersion !== SPEC_VERSION) {
    // As written: 1e400 is Infinity to YAML, and JSON would print it as null.
    const written = yaml.sourceAt(['depmap']);
    const shown =
      typeof specVersion === 'number' && typeof written === 'string' ? written : JSON.stringify(specVersion);
    report(
      'error',
      'spec-version',
      ['depmap'],
      `spec version ${shown} is not supported; this depmap reads version ${SPEC_VERSION}`,
      typeof specVersion === 'number' &&
        specVersion > SPEC_VERSION &&
        Number.isFinite(specVersion) &&
        Number.isInteger(specVersion)
        ? 'upgrade depmap to read this manifest'
        : `write "depmap: ${SPEC_VERSION}"`,
    );
    return { problems };
  }

  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    for (const p of explainIssues(parsed.error.issues, value, manifestIssues))
      report('error', p.code, p.path, p.message, p.hint, p.key);
    // The rest of the file is still checked (pins, duplicates, imports paths): every problem
    // at once, not one round of fixes per kind of problem.
    const rest = withoutInvalid(value as Record<string, unknown>, parsed.error.issues);
    const again = manifestSchema.safeParse(rest.value);
    if (again.success) normalize(again.data, file, yaml, options, report, rest.skipped);
    return { problems: sortProblems(problems) };
  }
  const manifest = normalize(parsed.data, file, yaml, options, report);
  const hasErrors = problems.some((p) => p.severity === 'error');
  const result: ParseResult = { problems: sortProblems(problems) };
  if (!hasErrors) result.manifest = manifest;
  return result;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}
