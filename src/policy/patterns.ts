/**
 * Dependency patterns of the policy (allow, deny, ignore lists) and what they are matched
 * against. `pkg:` patterns match libraries by Package URL, written as people read it
 * (`pkg:npm/@acme/*`, not `%40acme`), and container images as `pkg:docker/<image>`; an
 * optional `@<version>` part matches the version. Other patterns match service names.
 * Wildcards are picomatch globs: `*` within a segment, `**` across segments.
 */
import picomatch from 'picomatch';
import { parseImageReference } from '../manifest/image-reference.js';

/** A dependency as patterns see it. */
export type DependencyRef =
  | { kind: 'library'; purl: string; version?: string }
  | { kind: 'image'; image: string }
  | { kind: 'service'; name: string };

export type PatternMatcher = (dep: DependencyRef) => string | undefined;

const GLOB = { dot: true, nonegate: true, noextglob: true } as const;

interface Compiled {
  pattern: string;
  test(dep: DependencyRef): boolean;
}

/** `pkg:npm/%40acme/foo?repository_url=x` → `pkg:npm/@acme/foo`. */
export function readablePurl(purl: string): string {
  const bare = purl.split(/[?#]/)[0] ?? purl;
  return bare
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Splits `pkg:npm/@acme/x@1.*` into name and version parts; the `@` of a scope is not a version. */
function splitVersion(pattern: string): { name: string; version?: string } {
  for (let i = pattern.length - 1; i > 4; i--) {
    if (pattern[i] !== '@') continue;
    const before = pattern[i - 1];
    if (before === '/' || before === ':') break;
    return { name: pattern.slice(0, i), version: pattern.slice(i + 1) };
  }
  return { name: pattern };
}

function compile(pattern: string): Compiled {
  if (pattern.startsWith('pkg:')) {
    const { name, version } = splitVersion(pattern);
    const isName = picomatch(name, GLOB);
    const isVersion = version === undefined ? undefined : picomatch(version, GLOB);
    return {
      pattern,
      test(dep) {
        let purls: string[];
        let depVersion: string | undefined;
        if (dep.kind === 'library') {
          purls = [readablePurl(dep.purl), dep.purl];
          depVersion = dep.version;
        } else if (dep.kind === 'image') {
          const image = parseImageReference(dep.image);
          purls = [`pkg:docker/${image.name}`];
          depVersion = image.tag;
        } else {
          return false;
        }
        if (!purls.some((p) => isName(p))) return false;
        if (!isVersion) return true;
        return depVersion !== undefined && isVersion(depVersion);
      },
    };
  }
  const isName = picomatch(pattern, GLOB);
  return { pattern, test: (dep) => dep.kind === 'service' && isName(dep.name) };
}

/** A matcher over a list of patterns: returns the first pattern that matches, if any. */
export function compilePatterns(patterns: readonly string[]): PatternMatcher {
  const compiled = patterns.map(compile);
  if (compiled.length === 0) return () => undefined;
  return (dep) => compiled.find((c) => c.test(dep))?.pattern;
}
