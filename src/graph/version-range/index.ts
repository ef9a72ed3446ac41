/**
 * Version order and version-range matching, each ecosystem by its own rules, for queries like
 * "who ran log4j-core < 2.15.0". Pure: values in, values out. An ecosystem is a purl type;
 * one this module does not know gets a loose generic order and comparator lists.
 *
 * Every ecosystem accepts comparator lists (`<2.15.0`, `>=2.0, <2.15.0`, `>=2.0 <2.15.0`) and
 * `||` between alternatives besides its own syntax, and reads a bare version as that version
 * exactly (where Maven reads it as a soft requirement and NuGet as a minimum): a query names
 * versions. Versions come from graphs and can be anything (`latest`, `^4.19.0`, a digest):
 * `matches` never throws, and a version it cannot read does not match.
 */
import { gem } from './gem.js';
import { generic } from './generic.js';
import { golang } from './golang.js';
import { maven } from './maven.js';
import { nuget } from './nuget.js';
import type { Family } from './ordering.js';
import { pypi } from './pypi.js';
import { cargo, npm } from './semver.js';

export { RangeSyntaxError } from './syntax-error.js';

/** A purl type: 'npm', 'maven', 'pypi', 'golang', 'cargo', 'gem', 'nuget', 'composer', 'docker', … */
export type Ecosystem = string;

export interface VersionRange {
  ecosystem: string;
  text: string;
  matches(version: string): boolean;
}

const FAMILIES: Record<string, Family> = { npm, maven, pypi, golang, cargo, gem, nuget };

function familyOf(ecosystem: Ecosystem): Family {
  return FAMILIES[ecosystem.toLowerCase()] ?? generic;
}

/** The range `text` of `ecosystem`. Throws RangeSyntaxError, saying what is wrong and how a valid range looks, when it does not parse. */
export function parseRange(ecosystem: Ecosystem, text: string): VersionRange {
  const family = familyOf(ecosystem);
  const test = family.matcher({ ecosystem, text, examples: family.examples });
  return {
    ecosystem,
    text,
    matches(version) {
      try {
        return typeof version === 'string' && test(version);
      } catch {
        // A version no reader foresaw is one it cannot read: it does not match.
        return false;
      }
    },
  };
}

/**
 * A total order of the versions of `ecosystem`: negative when a comes first. Versions the
 * ecosystem cannot read come after those it can, in the order of their text.
 */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): number {
  return familyOf(ecosystem).compare(a, b);
}
