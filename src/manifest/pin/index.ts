/**
 * Pin rules: is a dependency's version exact and reproducible? One rule per ecosystem, each
 * in its own file with its edge cases documented at the top; this module only dispatches.
 *
 * Ecosystems are Package URL types (npm, pypi, maven, golang, cargo, gem, nuget, composer,
 * docker, oci, github, githubactions, git, …); a few common aliases (go, gradle, pip,
 * rubygems, crates, github-actions) are accepted, any other type gets the generic rule.
 * Versions are trimmed; missing or empty is never pinned.
 */
import type { DockerPinLevel, PinVerdict, VersionSyntax } from '../types.js';
import { checkApiVersion } from './api-version.js';
import { checkCargo } from './cargo.js';
import { checkComposer } from './composer.js';
import { checkDockerVersion, checkImage } from './docker.js';
import { checkGem } from './gem.js';
import { checkGeneric } from './generic.js';
import { checkGit } from './git-ref.js';
import { checkGithubAction } from './github-actions.js';
import { checkGolang } from './golang.js';
import { checkMaven } from './maven.js';
import { checkNpm } from './npm.js';
import { checkNuget } from './nuget.js';
import { checkPypi } from './pypi.js';
import { NO_VERSION, PINNED, unpinned } from './verdict.js';
import { ecosystemKey } from '../ecosystems.js';

export { LOCAL_PATH } from './verdict.js';

interface Rule {
  /** `name`: the package's name, for the rules whose scheme depends on it (images). */
  check(version: string, syntax: VersionSyntax, docker: DockerPinLevel, name?: string): PinVerdict;
  /**
   * A lockfile's version is what was installed, so `resolved` is pinned outright, except
   * where the rule judges a reference that a lockfile can still hold loosely (git refs,
   * image tags, npm/Composer git specs and branches).
   */
  lockfileExact: boolean;
}

const npm: Rule = { check: checkNpm, lockfileExact: false };
const pypi: Rule = { check: checkPypi, lockfileExact: true };
const maven: Rule = { check: checkMaven, lockfileExact: true };
const golang: Rule = { check: checkGolang, lockfileExact: true };
const cargo: Rule = { check: checkCargo, lockfileExact: true };
const gem: Rule = { check: checkGem, lockfileExact: true };
const nuget: Rule = { check: checkNuget, lockfileExact: true };
const composer: Rule = { check: checkComposer, lockfileExact: false };
const docker: Rule = { check: (v, _s, level, name) => checkDockerVersion(v, level, name), lockfileExact: false };
const actions: Rule = { check: checkGithubAction, lockfileExact: false };
const git: Rule = { check: checkGit, lockfileExact: false };
const generic: Rule = { check: checkGeneric, lockfileExact: true };

/** By purl type; other spellings (go, pip, rubygems…) go through ecosystems.ts's one alias table. */
const RULES: ReadonlyMap<string, Rule> = new Map([
  ['npm', npm],
  ['pypi', pypi],
  ['maven', maven],
  ['golang', golang],
  ['cargo', cargo],
  ['gem', gem],
  ['nuget', nuget],
  ['composer', composer],
  ['docker', docker],
  ['oci', docker],
  ['githubactions', actions],
  ['github', actions],
  ['git', git],
  ['bitbucket', git],
]);

export function checkPin(
  ecosystem: string,
  version: string | undefined,
  options?: { syntax?: VersionSyntax; docker?: DockerPinLevel; name?: string },
): PinVerdict {
  if (version === undefined) return NO_VERSION;
  const v = version.trim();
  if (v === '') return NO_VERSION;
  const rule = RULES.get(ecosystem) ?? RULES.get(ecosystemKey(ecosystem)) ?? generic;
  const syntax = options?.syntax ?? 'native';
  if (syntax === 'resolved' && rule.lockfileExact) return PINNED;
  return rule.check(v, syntax, options?.docker ?? 'exact', options?.name);
}

/** The version of a service API, consumed or provided. */
export function checkApiVersionPin(version: string | undefined): PinVerdict {
  return checkApiVersion(version);
}

const NO_IMAGE: PinVerdict = Object.freeze(unpinned('no image', 'name an image with a version tag or a digest'));

/** A container image reference: `postgres:16.3@sha256:…`, `ghcr.io/acme/x:1.2`, `redis`. */
export function checkImagePin(image: string | undefined, level: DockerPinLevel): PinVerdict {
  if (image === undefined) return NO_IMAGE;
  const ref = image.trim();
  if (ref === '') return NO_IMAGE;
  return checkImage(ref, level);
}
