/** Python requirement strings (PEP 508) and names (PEP 503), as the Python importers need them. */

/** PEP 503 normalized name, which is also the purl's: `Flask_SQLAlchemy` → `flask-sqlalchemy`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export interface Requirement {
  name: string;
  /** `1.2.3` for an exact `==1.2.3`, the specifier as written otherwise, undefined when absent. */
  version?: string;
  /** `name @ url` requirements. */
  url?: string;
}

/**
 * `requests[security]>=2.8.1,<3 ; python_version < "3.8"` → name `requests`, version `>=2.8.1,<3`.
 * An exact `==1.2.3` (or `===1.2.3`) becomes the bare version, so a pin reads as a pin.
 */
export function parseRequirement(text: string): Requirement | undefined {
  const withoutMarker = text.split(';')[0]!.trim();
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(withoutMarker);
  if (!match) return undefined;
  const name = normalizePythonName(match[1]!);
  const rest = (match[3] ?? '').trim();
  if (rest.startsWith('@')) return { name, url: rest.slice(1).trim() };
  const specifier = rest.replace(/^\(|\)$/g, '').replace(/\s+/g, '');
  if (specifier === '') return { name };
  if (!/^(===|==|!=|~=|>=|<=|>|<)/.test(specifier)) return undefined;
  return { name, version: exactVersion(specifier) ?? specifier };
}

/**
 * The one version a PEP 440 specifier admits: `==1.2.3` → `1.2.3`; anything that admits more
 * than one version (`>=1`, `==1.*`, `==1,<2`) → undefined. (A version already known to be a
 * pin loses its syntax through util/unwrap-pin.)
 */
export function exactVersion(specifier: string): string | undefined {
  const exact = /^===?([^,*]+)$/.exec(specifier.trim());
  return exact ? exact[1]!.trim() : undefined;
}
