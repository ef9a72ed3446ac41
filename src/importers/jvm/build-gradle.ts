/**
 * build.gradle and build.gradle.kts, read as text and never run: dependency declarations
 * whose coordinates are literal strings (`implementation 'g:a:1.2.3'`,
 * `implementation("g:a:1.2.3")`, `implementation group: 'g', name: 'a', version: '1.2.3'`),
 * plus version-catalog references (`libs.spring.core`) resolved through
 * gradle/libs.versions.toml when the repo has one. A version in a variable cannot be known
 * without running Gradle and is reported.
 */
import { asString, isRecord } from '../util/located.js';
import { dirname, ancestors, inDir } from '../../util/paths.js';
import { parseToml } from '../util/toml.js';
import { emptyResult, type ImportContext, type ImportResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';

const CONFIGURATIONS: Record<string, LibraryScope> = {
  implementation: 'runtime',
  api: 'runtime',
  compile: 'runtime',
  runtimeOnly: 'runtime',
  runtime: 'runtime',
  compileOnly: 'build',
  compileOnlyApi: 'build',
  annotationProcessor: 'build',
  kapt: 'build',
  ksp: 'build',
  developmentOnly: 'dev',
  testImplementation: 'test',
  testCompile: 'test',
  testRuntimeOnly: 'test',
  testCompileOnly: 'test',
  testFixturesImplementation: 'test',
  androidTestImplementation: 'test',
  debugImplementation: 'dev',
};

export const buildGradleImporter = defineImporter({
  id: 'build-gradle',
  description: 'literal versions, the version catalog `gradle/libs.versions.toml`',
  library: { family: 'gradle', rank: 1, kind: 'ranges', names: ['build.gradle.kts', 'build.gradle'] },
  parse(source, ctx) {
    const result = emptyResult();
    const catalog = loadCatalog(ctx, result);
    const configNames = Object.keys(CONFIGURATIONS).join('|');
    const declaration = new RegExp(`^\\s*(${configNames})\\b\\s*\\(?\\s*(.*)$`);
    stripBlockComments(source)
      .split('\n')
      .forEach((raw, index) => {
        const line = raw.replace(/\/\/.*$/, '');
        const match = declaration.exec(line);
        if (!match) return;
        const scope = CONFIGURATIONS[match[1]!]!;
        const args = match[2]!.replace(/\)\s*(\{.*)?$/, '').trim();
        const lineNo = index + 1;
        // platform("g:a:v") / enforcedPlatform(…) / kotlin("stdlib") wrap the coordinates.
        const inner = /^(?:platform|enforcedPlatform|testFixtures)\s*\(\s*(.*?)\s*\)?$/.exec(args)?.[1] ?? args;
        const literal = /^(['"])([^'"]+)\1/.exec(inner);
        if (literal) {
          const coordinate = literal[2]!;
          if (/\$/.test(coordinate)) {
            result.problems.push({
              line: lineNo,
              message: `${coordinate}: the version is a variable, not a literal; depmap does not run Gradle`,
              severity: 'warning',
            });
            const [group, artifact] = coordinate.split(':');
            if (group && artifact)
              result.libraries.push({
                ecosystem: 'maven',
                name: `${group}:${artifact}`,
                scope,
                line: lineNo,
                syntax: 'native',
              });
            return;
          }
          const [group, artifact, version] = coordinate.split(':');
          if (!group || !artifact) return;
          result.libraries.push({
            ecosystem: 'maven',
            name: `${group}:${artifact}`,
            version: version?.split('@')[0] || undefined,
            scope,
            line: lineNo,
            syntax: 'native',
          });
          return;
        }
        const named =
          /group\s*[:=]\s*(['"])([^'"]+)\1\s*,\s*name\s*[:=]\s*(['"])([^'"]+)\3(?:\s*,\s*version\s*[:=]\s*(['"])([^'"]+)\5)?/.exec(
            inner,
          );
        if (named) {
          const version = named[6];
          if (version?.includes('$'))
            result.problems.push({
              line: lineNo,
              message: `${named[2]}:${named[4]}: the version is a variable; depmap does not run Gradle`,
              severity: 'warning',
            });
          result.libraries.push({
            ecosystem: 'maven',
            name: `${named[2]}:${named[4]}`,
            version: version?.includes('$') ? undefined : version,
            scope,
            line: lineNo,
            syntax: 'native',
          });
          return;
        }
        const alias = /^libs\.([A-Za-z0-9_.]+)/.exec(inner);
        if (alias) {
          const entry = catalog?.get(alias[1]!.replace(/[._-]/g, '.'));
          if (!entry) {
            result.problems.push({
              line: lineNo,
              message: `libs.${alias[1]}: not found in gradle/libs.versions.toml`,
              severity: 'warning',
            });
            return;
          }
          result.libraries.push({
            ecosystem: 'maven',
            name: entry.name,
            version: entry.version,
            scope,
            line: lineNo,
            syntax: 'native',
          });
          return;
        }
        // project(":module") dependencies are this repo's own; anything else is computed.
        if (/^(project|kotlin)\s*\(/.test(inner) || /^files\s*\(|^fileTree\s*\(|^gradleApi|^localGroovy/.test(inner))
          return;
        if (inner !== '' && !inner.startsWith('{'))
          result.problems.push({
            line: lineNo,
            message: `cannot read the dependency ${inner.slice(0, 80)}: not a literal coordinate`,
            severity: 'warning',
          });
      });
    // The same coordinates in two configurations (compileOnly + annotationProcessor) are one library.
    const seen = new Set<string>();
    result.libraries = result.libraries.filter((library) => {
      const id = `${library.name}@${library.version ?? ''}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    return result;
  },
});

function stripBlockComments(source: string): string {
  // Keep the newlines so line numbers stay right.
  return source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** Version catalog: alias with dots (`spring.core`) → coordinates. */
function loadCatalog(
  ctx: ImportContext,
  result: ImportResult,
): Map<string, { name: string; version?: string }> | undefined {
  for (const dir of ancestors(dirname(ctx.file))) {
    const path = inDir(dir, 'gradle/libs.versions.toml');
    const text = ctx.readFile(path);
    if (text === undefined) continue;
    const parsed = parseToml(text);
    if (!parsed.ok) {
      result.problems.push({ message: `${path}: ${parsed.problem.message}`, severity: 'warning' });
      return undefined;
    }
    const versions = isRecord(parsed.value.versions) ? parsed.value.versions : {};
    const catalog = new Map<string, { name: string; version?: string }>();
    const libraries = isRecord(parsed.value.libraries) ? parsed.value.libraries : {};
    for (const [alias, entry] of Object.entries(libraries)) {
      const key = alias.replace(/[._-]/g, '.');
      if (typeof entry === 'string') {
        const [group, artifact, version] = entry.split(':');
        if (group && artifact) catalog.set(key, { name: `${group}:${artifact}`, version });
        continue;
      }
      if (!isRecord(entry)) continue;
      const module = asString(entry.module);
      const [group, artifact] = module ? module.split(':') : [asString(entry.group), asString(entry.name)];
      if (!group || !artifact) continue;
      let version: string | undefined;
      if (typeof entry.version === 'string') version = entry.version;
      else if (isRecord(entry.version)) {
        const ref = asString(entry.version.ref);
        version = ref ? asString(versions[ref]) : (asString(entry.version.strictly) ?? asString(entry.version.require));
      }
      catalog.set(key, { name: `${group}:${artifact}`, version });
    }
    return catalog;
  }
  return undefined;
}
