/**
 * A pinned version as the one version it names, which is what a purl's version is: PyPI's
 * `==2.8.2`, Cargo's `=1.0.3`, NuGet's `[8.0.1]` are `2.8.2`, `1.0.3`, `8.0.1`. It trusts the
 * caller that the version is a pin (the pin rules said so) and only takes the syntax off; a
 * PEP 440 specifier that may or may not be exact is python/pep508's `exactVersion`.
 */
export function unwrapPin(version: string): string {
  const trimmed = version.trim();
  const bracketed = /^\[\s*([^,\s\]]+)\s*\]$/.exec(trimmed);
  if (bracketed) return bracketed[1]!;
  return trimmed.replace(/^(===|==|=)\s*/, '');
}
