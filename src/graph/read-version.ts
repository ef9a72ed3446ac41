/**
 * The one loose reader of versions behind every graph query that orders or compares them
 * (skew, the diff, the libraries page), so that two queries never disagree on what a version
 * is. A version is a semantic-looking text: `4.19.2`, `v1.2`, `1.0.0-rc.1`, `2.1.0+build.5`;
 * range operators are read as the version they start from (`^4.19.0` is 4.19.0, which is how
 * a diff of `4.19.2 → ^5.0.0` can say "major"). Anything else (digests, branch names, `latest`)
 * is no version: queries compare it as text.
 */
import semver from 'semver';

const SEMVERISH = /^[v=]?\d+(\.\d+){0,2}([-+][0-9A-Za-z.+-]*)?$/;

/** A version without range operators: `^4.19.0` and `~1.2` are read as 4.19.0 and 1.2. */
function bare(version: string): string {
  return version.trim().replace(/^(\^|~>?|>=?|<=?|==?)\s*/, '');
}

/** The semantic version `version` names, missing parts as zeros (`1.2` is 1.2.0); undefined when it names none. */
export function readVersion(version: string): semver.SemVer | undefined {
  const text = bare(version);
  if (!SEMVERISH.test(text)) return undefined;
  const exact = semver.parse(text.replace(/^[v=]/, ''), { loose: true });
  if (exact) return exact;
  return semver.coerce(text, { includePrerelease: true }) ?? undefined;
}
