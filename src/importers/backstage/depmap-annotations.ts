/**
 * The JSON annotations depmap's Backstage export writes (`depmap.dev/properties`,
 * `depmap.dev/calls`, `depmap.dev/libraries`), read back defensively: they are text anyone can
 * edit in a catalog, so a value that is not the expected shape is skipped (with a warning), keys
 * that could reach an object's prototype are dropped, and sizes are capped.
 */
import { isRecord } from '../util/located.js';
import type { CallEntry, LibraryEntry } from './catalog-fields.js';

const MAX_JSON = 4 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The JSON in an annotation; undefined (and a reason) when it is not JSON or too large. */
function parseJson(text: string): { value?: unknown; error?: string } {
  if (text.length > MAX_JSON) return { error: `larger than ${MAX_JSON / 1024 / 1024} MiB` };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** A `{ key: text }` object (property bags); other values are skipped. */
function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (!UNSAFE_KEYS.has(key) && typeof v === 'string') out[key] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function readProperties(text: string): { properties?: Record<string, string>; error?: string } {
  const { value, error } = parseJson(text);
  if (error) return { error };
  if (!isRecord(value)) return { error: 'not a JSON object' };
  const properties = stringRecord(value);
  return properties ? { properties } : {};
}

const optionalText = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function readCalls(text: string): { calls: CallEntry[]; error?: string } {
  const { value, error } = parseJson(text);
  if (error) return { calls: [], error };
  if (!Array.isArray(value)) return { calls: [], error: 'not a JSON array' };
  const calls: CallEntry[] = [];
  for (const item of value.slice(0, MAX_ENTRIES)) {
    if (!isRecord(item) || typeof item.target !== 'string') continue;
    const call: CallEntry = { target: item.target };
    for (const key of ['api', 'protocol', 'version'] as const) {
      const text = optionalText(item[key]);
      if (text !== undefined) call[key] = text;
    }
    if (item.critical === true) call.critical = true;
    if (item.only === true) call.only = true;
    const properties = stringRecord(item.properties);
    if (properties) call.properties = properties;
    calls.push(call);
  }
  return { calls };
}

export function readLibraries(text: string): { libraries: LibraryEntry[]; error?: string } {
  const { value, error } = parseJson(text);
  if (error) return { libraries: [], error };
  if (!Array.isArray(value)) return { libraries: [], error: 'not a JSON array' };
  const libraries: LibraryEntry[] = [];
  for (const item of value.slice(0, MAX_ENTRIES)) {
    if (!isRecord(item) || typeof item.ecosystem !== 'string' || typeof item.name !== 'string') continue;
    const library: LibraryEntry = { ecosystem: item.ecosystem, name: item.name };
    for (const key of ['version', 'scope'] as const) {
      const text = optionalText(item[key]);
      if (text !== undefined) library[key] = text;
    }
    if (typeof item.pinned === 'boolean') library.pinned = item.pinned;
    if (item.transitive === true) library.transitive = true;
    const properties = stringRecord(item.properties);
    if (properties) library.properties = properties;
    libraries.push(library);
  }
  return { libraries };
}
