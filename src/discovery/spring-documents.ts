/**
 * One Spring configuration file (`application.yml`, `application-docker.properties`, …) as
 * the documents Spring Boot sees in it, each flattened to dotted keys with list indexes
 * (`spring.cloud.gateway.routes[0].uri`), each key with its line, and each document with
 * the profile condition it is activated by, if any. YAML goes through the bounded loader
 * (alias and size caps); nothing in the file is resolved or run here.
 */
import { parseYamlWithLines } from '../importers/util/yaml-with-lines.js';
import { isRecord, type Located, type PathSegment } from '../importers/util/located.js';
import type { FileProblem } from './model.js';
import { MAX_CONFIG_CHARS, parsePropertiesFile, type RawEntry } from './spring-properties-file.js';
import { profileExpressions } from './spring-profiles.js';

export interface ConfigDocument {
  file: string;
  entries: RawEntry[];
  /** Profile expressions that activate it; undefined when it always applies. */
  onProfile?: string[];
  /** Activated on a cloud platform only (`spring.config.activate.on-cloud-platform`): unknown here. */
  onCloudPlatform?: string;
}

/** A property as it stands after every document that set it. */
export interface MergedEntry {
  value: string;
  file: string;
  line: number;
  /** Order of application: later overrides earlier. */
  seq: number;
}

/** Bounds the flattening of a deep or wide document: no real configuration comes near. */
const MAX_DEPTH = 64;
const MAX_ENTRIES = 50_000;

export function readConfigDocuments(
  file: string,
  text: string,
): { documents: ConfigDocument[]; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  if (text.length > MAX_CONFIG_CHARS) {
    problems.push({
      file,
      line: 1,
      message: `larger than ${MAX_CONFIG_CHARS / 1024 / 1024} MiB; not read`,
      severity: 'warning',
    });
    return { documents: [], problems };
  }
  let entryLists: RawEntry[][];
  if (/\.properties$/.test(file)) {
    entryLists = parsePropertiesFile(text);
  } else {
    const parsed = parseYamlWithLines(text);
    for (const problem of parsed.problems)
      problems.push({
        file,
        ...(problem.line !== undefined ? { line: problem.line } : {}),
        message: problem.message,
        severity: 'error',
      });
    entryLists = parsed.docs.map((doc) => flatten(doc));
  }
  return { documents: entryLists.map((entries) => withActivation(file, entries)), problems };
}

function withActivation(file: string, entries: RawEntry[]): ConfigDocument {
  const document: ConfigDocument = { file, entries };
  const condition = listValue(entries, 'spring.config.activate.on-profile') ?? listValue(entries, 'spring.profiles');
  if (condition !== undefined) document.onProfile = profileExpressions(condition);
  const platform = entries.find((e) => e.key === 'spring.config.activate.on-cloud-platform');
  if (platform) document.onCloudPlatform = platform.value;
  return document;
}

/** A key written as a scalar (`a: x`, `a=x,y`) or as a list (`a[0]`, `a[1]`). */
function listValue(entries: RawEntry[], key: string): string[] | undefined {
  const scalar = entries.find((e) => e.key === key);
  if (scalar) return [scalar.value];
  const items = entries.filter((e) => e.key.startsWith(`${key}[`) && /^\[\d+\]$/.test(e.key.slice(key.length)));
  return items.length > 0 ? items.map((e) => e.value) : undefined;
}

function flatten(doc: Located): RawEntry[] {
  const entries: RawEntry[] = [];
  const walk = (value: unknown, key: string, path: PathSegment[]): void => {
    if (entries.length >= MAX_ENTRIES || path.length > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${key}[${index}]`, [...path, index]));
      return;
    }
    if (isRecord(value)) {
      for (const [name, child] of Object.entries(value)) {
        // Spring's bracket notation keeps a map key with dots or slashes whole: `routes."[/api/**]"`.
        const joined = key === '' ? name : name.startsWith('[') ? `${key}${name}` : `${key}.${name}`;
        walk(child, joined, [...path, name]);
      }
      return;
    }
    if (key === '') return;
    entries.push({ key, value: scalarText(value), line: doc.lineOf(...path) ?? 1 });
  };
  walk(doc.value, '', []);
  return entries;
}

/** `key:` with nothing is the empty string to Spring, as in a .properties file. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
