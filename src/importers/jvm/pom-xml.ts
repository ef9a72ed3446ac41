/**
 * Maven pom.xml: the direct `<dependencies>` (and those inherited from parents in the repo),
 * each version resolved as Maven would from the POMs the repo holds: `${property}` from the
 * module and its parents, `<dependencyManagement>` of the module and its parents, and BOMs
 * of the repo that they import (pom-effective.ts). A version managed by a parent or BOM
 * outside the repo cannot be known from the repo: the library names that parent or BOM
 * (`managedBy`) and has no version. The external parent and imported BOMs are libraries of
 * their own (scope `build`), so skew sees one repo on Spring Boot 3.5.5 and another on 3.5.15.
 */
import { basename } from '../../util/paths.js';
import { emptyResult, type ImportProblem, type ImportedLibrary, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { readPom, type PomDependency } from './pom-model.js';
import { effectivePom, PomLibrary, type EffectivePom, type ExternalPom } from './pom-effective.js';

const SCOPES: Record<string, LibraryScope> = {
  compile: 'runtime',
  runtime: 'runtime',
  test: 'test',
  provided: 'build',
  system: 'build',
};

export const pomXmlImporter = defineImporter({
  id: 'pom-xml',
  files: '`pom.xml`, `*.pom`',
  description:
    'direct dependencies; properties, dependencyManagement and BOM imports of the file, its parent POMs and BOMs in the repo; a parent or BOM outside the repo is named (`managedBy`) and is a `build` library',
  library: { family: 'maven', rank: 1, kind: 'ranges', names: ['pom.xml'] },
  matches: (file) => basename(file) === 'pom.xml' || file.endsWith('.pom'),
  parse(source, ctx) {
    const result = emptyResult();
    const read = readPom(ctx.file, source);
    if (!read.ok) {
      result.problems.push(read.problem);
      return result;
    }
    const library = new PomLibrary(ctx.readFile, ctx.file);
    const model = effectivePom(read.pom, library);
    result.problems.push(...model.problems, ...library.problems);
    const managedOutside = new Map<string, { line?: number; names: string[] }>();

    const own = new Set<string>();
    const inherited = model.inherited.map((dep) => ({ ...dep, line: read.pom.parent?.line }));
    for (const dep of [...read.pom.dependencies, ...inherited]) {
      const library = readDependency(dep, model, result.problems, managedOutside);
      if (!library) continue;
      // A dependency the module declares again overrides the one its parent passes on.
      if (own.has(library.name)) continue;
      own.add(library.name);
      result.libraries.push(library);
    }

    const externals = [model.externalParent, ...model.externalBoms].filter((p): p is ExternalPom => p !== undefined);
    for (const pom of externals) {
      const name = `${pom.groupId}:${pom.artifactId}`;
      if (own.has(name)) continue;
      own.add(name);
      result.libraries.push({
        ecosystem: 'maven',
        name,
        ...(pom.version !== undefined && !pom.version.includes('${') ? { version: pom.version } : {}),
        scope: 'build',
        ...(pom.line !== undefined ? { line: pom.line } : {}),
        syntax: 'native',
      });
    }
    for (const [purl, { line, names }] of managedOutside) {
      const listed =
        names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
      result.problems.push({
        line,
        message: `${names.length === 1 ? 'one dependency takes its' : `${names.length} dependencies take their`} version from ${purl}, outside the repo: ${listed}`,
        hint: 'the version is not in this repo; pin it in <dependencyManagement> or inline in depmap.yaml to see it',
        severity: 'warning',
      });
    }
    // In file order, the grouped ones among the others.
    result.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return result;
  },
});

function readDependency(
  dep: PomDependency,
  model: EffectivePom,
  problems: ImportProblem[],
  managedOutside: Map<string, { line?: number; names: string[] }>,
): ImportedLibrary | undefined {
  const line = dep.line;
  const resolve = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const resolved = model.resolve(value);
    if (resolved.missing !== undefined)
      problems.push({
        line,
        message: `\${${resolved.missing}} is not defined in this file or its parent POMs in the repo (an outside parent, settings or command line)`,
        hint: 'define the property in this pom.xml, or pin the library inline in depmap.yaml',
        severity: 'warning',
      });
    return resolved.value;
  };
  const group = resolve(dep.groupId);
  const artifact = resolve(dep.artifactId);
  if (!group || !artifact) {
    problems.push({ line, message: 'a <dependency> needs <groupId> and <artifactId>' });
    return undefined;
  }
  const name = `${group}:${artifact}`;
  let version = resolve(dep.version);
  let managedBy: string | undefined;
  if (version === undefined) {
    const managed = model.managed(name);
    if (managed) {
      version = managed.version === undefined ? undefined : resolve(managed.version);
      managedBy = managed.by;
    } else {
      managedBy = outsideManager(model, group);
      if (managedBy !== undefined) {
        const uses = managedOutside.get(managedBy) ?? { line, names: [] };
        uses.names.push(name);
        managedOutside.set(managedBy, uses);
      } else {
        problems.push({
          line,
          message: `${name}: no version, and nothing in this file or its parent POMs manages one`,
          hint: 'declare the version, or manage it in <dependencyManagement>',
          severity: 'warning',
        });
      }
    }
  }
  if (version !== undefined && version.includes('${')) version = undefined;
  const scopeName = dep.scope ?? 'compile';
  return {
    ecosystem: 'maven',
    name,
    version,
    scope: dep.optional ? 'optional' : (SCOPES[scopeName] ?? 'runtime'),
    ...(line !== undefined ? { line } : {}),
    syntax: 'native',
    ...(managedBy !== undefined ? { managedBy } : {}),
  };
}

/**
 * Which POM outside the repo likely manages a version: an imported BOM of the dependency's
 * own group (spring-cloud-dependencies for org.springframework.cloud, the AWS SDK's bom for
 * software.amazon.awssdk), else the outside parent (spring-boot-starter-parent manages
 * hundreds), else the only outside BOM.
 */
function outsideManager(model: EffectivePom, group: string): string | undefined {
  const sameGroup = model.externalBoms.find((bom) => group === bom.groupId || group.startsWith(`${bom.groupId}.`));
  if (sameGroup) return sameGroup.purl;
  if (model.externalParent) return model.externalParent.purl;
  return model.externalBoms.length === 1 ? model.externalBoms[0]!.purl : undefined;
}
