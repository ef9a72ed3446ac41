/**
 * Maven (and Gradle, which publishes to the same repositories): a `<version>` of a pom.xml or
 * the version of a Gradle coordinate.
 *
 * - Pinned: any soft requirement (`2.0.13`, `33.2.1-jre`, `4.3.30.RELEASE`, `Hoxton.SR12`),
 *   `[1.2.3]` (a range holding one version) and timestamped snapshots
 *   (`1.0-20240101.123456-3`), which name one deployed artifact.
 * - Not pinned: ranges `[1.0,2.0)`, `(,1.0]`, `[1.0,)`, `[1.0,2.0[`; `LATEST`, `RELEASE`,
 *   Gradle's `latest.release`/`latest.integration`; `-SNAPSHOT` (redeployed at will); Gradle
 *   dynamic versions `1.2.+`, `+`; `${property}`, which depmap cannot resolve: the hint asks
 *   for the resolved value (effective pom).
 * - A soft requirement is treated as exact: Maven uses it unless a nearer declaration
 *   or dependencyManagement wins, which is a conflict, not a floating version.
 */
import type { PinVerdict } from '../types.js';
import { PINNED, exactHint, quote, unpinned } from './verdict.js';

/** No range, property, dynamic or snapshot marker: the common case, one test. */
const PLAIN = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;
const SINGLE_RANGE = /^\[\s*([^,[\]()\s]+)\s*\]$/;
const RANGE = /^[[(].*[\])[]$/;
const SNAPSHOT = /-SNAPSHOT\]?$/i;
const META = /^(?:LATEST|RELEASE|latest\.release|latest\.integration|latest\.milestone)$/;
const PROPERTY = /\$\{[^}]*\}/;
const LOWER_BOUND = /^\[\s*([^,\s]+)\s*,/;

export function checkMaven(version: string): PinVerdict {
  if (PLAIN.test(version) && !SNAPSHOT.test(version) && !META.test(version)) return PINNED;
  const shown = quote(version);
  if (PROPERTY.test(version)) {
    return unpinned(
      `${shown} is an unresolved property`,
      'resolve the property to an exact version (see mvn help:effective-pom)',
    );
  }
  if (META.test(version))
    return unpinned(`${shown} is a meta-version that moves with every release`, 'pin an exact version');
  if (SNAPSHOT.test(version)) {
    return unpinned(`${shown} is a snapshot, redeployed at will`, 'pin a release or a timestamped snapshot version');
  }
  if (SINGLE_RANGE.test(version)) return PINNED;
  if (RANGE.test(version)) {
    return unpinned(`${shown} is a version range`, exactHint(LOWER_BOUND.exec(version)?.[1]));
  }
  if (version.endsWith('+')) return unpinned(`${shown} is a dynamic version`, 'pin an exact version');
  return unpinned(`${shown} is not a maven version`, 'pin an exact version');
}
