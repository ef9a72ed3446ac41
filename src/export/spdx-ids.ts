/**
 * Stable, IRI-safe spdxIds for the SPDX export: `urn:depmap:<what>:<name>`, where every
 * character outside a small safe set is percent-encoded (UTF-8) and `%` itself too, so two
 * different names never share an id and a hostile name (spaces, quotes, `#`, control or bidi
 * characters) cannot break the IRI. The same graph gives the same ids.
 */

/** RFC 3987 unreserved characters plus the sub-delims, `:`, `/` and `@` that purls and keys use. */
const SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:/@]/;

export function iriSegment(text: string): string {
  let out = '';
  for (const char of text) {
    if (SAFE.test(char)) {
      out += char;
      continue;
    }
    for (const byte of new TextEncoder().encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Hands out ids, each once: a second element that would get the same id gets `:2`, `:3`, …. */
export class IdPool {
  private readonly used = new Set<string>();

  take(candidate: string): string {
    let id = candidate;
    for (let n = 2; this.used.has(id); n++) id = `${candidate}:${n}`;
    this.used.add(id);
    return id;
  }

  has(id: string): boolean {
    return this.used.has(id);
  }
}

export const depmapId = (what: string, name: string): string => `urn:depmap:${what}:${iriSegment(name)}`;
