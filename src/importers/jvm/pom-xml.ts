/**
 * Maven pom.xml: the direct `<dependencies>`, with `${property}` references resolved from the
 * file's own `<properties>` and project coordinates, and missing versions taken from its own
 * `<dependencyManagement>`. A version defined only in a parent POM or an imported BOM cannot
 * be known from this file and is reported, not guessed.
 */
import { basename } from '../../util/paths.js';
import { child, children, parseXml, text, type XmlElement } from '../util/xml.js';
import { emptyResult, type ImportResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';

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
  description: 'direct dependencies; properties and dependencyManagement within the file',
  library: { family: 'maven', rank: 1, kind: 'ranges', names: ['pom.xml'] },
  matches: (file) => basename(file) === 'pom.xml' || file.endsWith('.pom'),
  parse(source) {
    const result = emptyResult();
    const parsed = parseXml(source);
    if (!parsed.ok) {
      result.problems.push(parsed.problem);
      return result;
    }
    const project = child(parsed.root, 'project');
    if (!project) {
      result.problems.push({ line: 1, message: 'no <project> element: this is not a Maven POM' });
      return result;
    }
    const properties = projectProperties(project);
    const resolve = (value: string | undefined, line: number | undefined): string | undefined =>
      resolveProperties(value, properties, result, line);

    const managed = new Map<string, string>();
    for (const dep of children(child(child(project, 'dependencyManagement'), 'dependencies'), 'dependency')) {
      const line = parsed.lineOf(dep);
      const key = `${resolve(text(dep, 'groupId'), line)}:${resolve(text(dep, 'artifactId'), line)}`;
      const version = resolve(text(dep, 'version'), line);
      if (version !== undefined && text(dep, 'scope') !== 'import') managed.set(key, version);
    }

    for (const dep of children(child(project, 'dependencies'), 'dependency')) {
      const line = parsed.lineOf(dep);
      const group = resolve(text(dep, 'groupId'), line);
      const artifact = resolve(text(dep, 'artifactId'), line);
      if (!group || !artifact) {
        result.problems.push({ line, message: 'a <dependency> needs <groupId> and <artifactId>' });
        continue;
      }
      const name = `${group}:${artifact}`;
      let version = resolve(text(dep, 'version'), line) ?? managed.get(name);
      if (version === undefined) {
        result.problems.push({
          line,
          message: `${name}: no version in this file (it comes from a parent POM or an imported BOM)`,
          hint: "declare the version here or in this file's <dependencyManagement>, or pin it inline in depmap.yaml",
          severity: 'warning',
        });
      }
      if (version !== undefined && version.includes('${')) version = undefined;
      const scopeName = text(dep, 'scope') ?? 'compile';
      const optional = text(dep, 'optional') === 'true';
      result.libraries.push({
        ecosystem: 'maven',
        name,
        version,
        scope: optional ? 'optional' : (SCOPES[scopeName] ?? 'runtime'),
        line,
        syntax: 'native',
      });
    }
    return result;
  },
});

function projectProperties(project: XmlElement): Map<string, string> {
  const properties = new Map<string, string>();
  const parent = child(project, 'parent');
  const coordinates: [string, string | undefined][] = [
    ['project.groupId', text(project, 'groupId') ?? text(parent, 'groupId')],
    ['project.artifactId', text(project, 'artifactId')],
    ['project.version', text(project, 'version') ?? text(parent, 'version')],
    ['project.parent.groupId', text(parent, 'groupId')],
    ['project.parent.version', text(parent, 'version')],
  ];
  for (const [key, value] of coordinates) {
    if (value === undefined) continue;
    properties.set(key, value);
    // Maven 2's deprecated spellings still appear in old POMs.
    properties.set(key.replace(/^project\./, 'pom.'), value);
    if (!key.startsWith('project.parent')) properties.set(key.replace(/^project\./, ''), value);
  }
  const declared = child(project, 'properties');
  if (declared) {
    for (const [key, value] of Object.entries(declared)) {
      if (key.startsWith('@') || key === '#text') continue;
      const str = Array.isArray(value) ? value[0] : value;
      properties.set(key, typeof str === 'string' ? str.trim() : (text(str) ?? ''));
    }
  }
  return properties;
}

function resolveProperties(
  value: string | undefined,
  properties: Map<string, string>,
  result: ImportResult,
  line: number | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  let current = value;
  for (let depth = 0; depth < 10 && current.includes('${'); depth++) {
    current = current.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
  }
  const unresolved = /\$\{([^}]+)\}/.exec(current);
  if (unresolved) {
    result.problems.push({
      line,
      message: `\${${unresolved[1]}} is not defined in this file (parent POM, settings or command line)`,
      hint: 'define the property in this pom.xml, or pin the library inline in depmap.yaml',
      severity: 'warning',
    });
  }
  return current;
}
