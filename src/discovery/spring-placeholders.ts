/**
 * Spring's `${...}` placeholders: `${VAR}`, `${VAR:default}`, `${a.b}`, nested defaults
 * (`${A:${B:x}}`). A name is looked up in the workload's environment (as written, then as
 * Spring's relaxed binding spells a property in the environment: `a.b-c` → `A_BC`), then
 * among the other properties, then the default applies; a placeholder nothing resolves is
 * kept as written. Depth and cycles are bounded, so `a=${b}`, `b=${a}` ends.
 */

export interface PlaceholderScope {
  env?: ReadonlyMap<string, string>;
  /** The raw value of another property, undefined when it has none. */
  property(key: string): string | undefined;
}

const MAX_DEPTH = 16;

export function resolvePlaceholders(text: string, scope: PlaceholderScope): string {
  return resolve(text, scope, [], 0);
}

function resolve(text: string, scope: PlaceholderScope, visiting: string[], depth: number): string {
  if (!text.includes('${') || depth > MAX_DEPTH) return text;
  let out = '';
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf('${', at);
    if (start < 0) break;
    const end = closingBrace(text, start + 2);
    if (end < 0) break;
    out += text.slice(at, start);
    const inner = text.slice(start + 2, end);
    const colon = topLevelColon(inner);
    const name = (colon < 0 ? inner : inner.slice(0, colon)).trim();
    const fallback = colon < 0 ? undefined : inner.slice(colon + 1);
    const found = visiting.includes(name) ? undefined : lookup(name, scope, visiting, depth);
    if (found !== undefined) out += found;
    else if (fallback !== undefined) out += resolve(fallback, scope, visiting, depth + 1);
    else out += text.slice(start, end + 1);
    at = end + 1;
  }
  return out + text.slice(at);
}

function lookup(name: string, scope: PlaceholderScope, visiting: string[], depth: number): string | undefined {
  const fromEnv = scope.env?.get(name) ?? scope.env?.get(relaxedEnvName(name));
  if (fromEnv !== undefined) return fromEnv;
  const raw = scope.property(name);
  if (raw === undefined) return undefined;
  const value = resolve(raw, scope, [...visiting, name], depth + 1);
  // A property that is itself unresolved does not resolve this one: its default, or the text as written, stands.
  return value.includes('${') ? undefined : value;
}

/** `spring.datasource.url` → `SPRING_DATASOURCE_URL`, `my-app.base-url` → `MYAPP_BASEURL`, `a.b[0]` → `A_B_0`. */
function relaxedEnvName(key: string): string {
  return key.replace(/[-\]]/g, '').replace(/[.[]/g, '_').toUpperCase();
}

function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text.startsWith('${', i)) {
      depth++;
      i++;
    } else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function topLevelColon(inner: string): number {
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner.startsWith('${', i)) {
      depth++;
      i++;
    } else if (inner[i] === '}') depth--;
    else if (inner[i] === ':' && depth === 0) return i;
  }
  return -1;
}
