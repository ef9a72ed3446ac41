/**
 * When a manifest fails the schema, depmap still checks the rest of it: a copy of the
 * manifest with the failing parts replaced, so that the semantic checks (pins, duplicates,
 * import paths) can run on the rest.
 */
import { SPEC_VERSION } from './schema.js';

/** Stand-ins for entries that failed the schema: valid, and skipped by normalize. */
const STAND_INS: Record<string, unknown> = {
  libraries: 'pkg:generic/invalid@0',
  services: { name: 'invalid' },
  provides: { api: 'invalid', protocol: 'http', version: '0' },
  links: { url: 'https://invalid.example' },
  tags: 'invalid',
};
const REQUIRED_STAND_INS: Record<string, unknown> = { depmap: SPEC_VERSION, name: 'invalid', kind: 'service' };

/**
 * A copy of the manifest with what failed the schema replaced (list entries, keeping the
 * other entries' indexes) or removed (optional fields), so the rest can still be checked.
 */
export function withoutInvalid(
  value: Record<string, unknown>,
  issues: readonly { path: PropertyKey[]; code: string; keys?: string[] }[],
): { value: Record<string, unknown>; skipped: Set<string> } {
  const copy: Record<string, unknown> = { ...value };
  const skipped = new Set<string>();
  for (const issue of issues) {
    const [top, index] = issue.path;
    if (top === undefined) {
      for (const key of issue.keys ?? []) delete copy[key];
      for (const [key, standIn] of Object.entries(REQUIRED_STAND_INS)) if (copy[key] === undefined) copy[key] = standIn;
      continue;
    }
    const key = String(top);
    const list = copy[key];
    if (typeof index === 'number' && Array.isArray(list) && key in STAND_INS) {
      const items = list === value[key] ? [...list] : list;
      items[index] = STAND_INS[key];
      copy[key] = items;
      skipped.add(`${key}:${index}`);
    } else if (key in REQUIRED_STAND_INS) {
      copy[key] = REQUIRED_STAND_INS[key];
    } else {
      delete copy[key];
    }
  }
  return { value: copy, skipped };
}
