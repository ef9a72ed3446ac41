/**
 * A CycloneDX name as a depmap name. CycloneDX names are display text (`API Gateway`,
 * `Acme Cloud Example`); depmap's are identifiers a manifest can hold. A name that already is
 * one stays as it is; any other becomes a slug (`api-gateway`), and the caller keeps the
 * original in `cyclonedx:name` so that an export writes it back.
 */

/** What depmap.yaml accepts as a name (the manifest schema's NAME_PATTERN and length). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX = 120;

function isDepmapName(name: string): boolean {
  return NAME.test(name) && name.length <= MAX;
}

/** `API Gateway` → `api-gateway`; `Café #1` → `cafe-1`; a name with no letters or digits → `service-<hash>`. */
export function slugName(name: string): string {
  if (isDepmapName(name)) return name;
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, MAX)
    .replace(/[-._]+$/, '');
  return slug === '' ? `service-${hash(name)}` : slug;
}

/** FNV-1a, 32 bits, hex: a stable short id for a name with nothing to slug. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
