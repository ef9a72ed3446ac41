/**
 * A pinned version as the one version it names, which is what a purl's version is: PyPI's
 * `==2.8.2`, Cargo's `=1.0.3`, NuGet's `[8.0.1]` are `2.8.2`, `1.0.3`, `8.0.1`.
 */
export function exactVersion(version: string): string {
  const trimmed = version.trim();
  const bracketed = /^\[\s*([^,\s\]]+)\s*\]$/.exec(trimmed);
  if (bracketed) return bracketed[1]!;
  return trimmed.replace(/^(===|==|=)\s*/, '');
}
