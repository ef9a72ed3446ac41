/**
 * One POM as written: its coordinates, its `<parent>` reference, `<properties>`,
 * `<dependencyManagement>`, `<dependencies>` and `<modules>`, every value raw (`${...}`
 * unresolved) and every element with its line. Inheritance and interpolation happen in
 * pom-effective.ts, which reads several of these; XML comments are never content (a
 * commented-out `<artifactId>` is not read).
 */
import { child, children, parseXml, text, type XmlElement } from '../util/xml.js';
import type { ImportProblem } from '../types.js';

export interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string;
  scope?: string;
  type?: string;
  optional: boolean;
  line?: number;
}

export interface ParentRef {
  groupId?: string;
  artifactId?: string;
  version?: string;
  /** As written; undefined when absent (Maven's default `../pom.xml`), `''` for `<relativePath/>` (the repository only). */
  relativePath?: string;
  line?: number;
}

export interface Pom {
  /** Repo-relative path. */
  file: string;
  /** Own or inherited from `<parent>`, as written. */
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: ParentRef;
  properties: Map<string, string>;
  /** `<dependencyManagement>` entries, imports (`<scope>import</scope>`) among them. */
  managed: PomDependency[];
  dependencies: PomDependency[];
  /** `<modules>`, as written (folders relative to this POM's). */
  modules: string[];
}

export type PomRead = { ok: true; pom: Pom } | { ok: false; problem: ImportProblem };

export function readPom(file: string, source: string): PomRead {
  const parsed = parseXml(source);
  if (!parsed.ok) return parsed;
  const project = child(parsed.root, 'project');
  if (!project) return { ok: false, problem: { line: 1, message: 'no <project> element: this is not a Maven POM' } };
  const dependency = (element: XmlElement): PomDependency => {
    const dep: PomDependency = { optional: text(element, 'optional') === 'true' };
    for (const key of ['groupId', 'artifactId', 'version', 'scope', 'type'] as const) {
      const value = text(element, key);
      if (value !== undefined) dep[key] = value;
    }
    const line = parsed.lineOf(element);
    if (line !== undefined) dep.line = line;
    return dep;
  };
  const parentElement = child(project, 'parent');
  let parent: ParentRef | undefined;
  if (parentElement) {
    parent = {};
    for (const key of ['groupId', 'artifactId', 'version', 'relativePath'] as const) {
      const value = text(parentElement, key);
      if (value !== undefined) parent[key] = value;
    }
    const line = parsed.lineOf(parentElement);
    if (line !== undefined) parent.line = line;
  }
  const pom: Pom = {
    file,
    properties: ownProperties(project),
    managed: children(child(child(project, 'dependencyManagement'), 'dependencies'), 'dependency').map(dependency),
    dependencies: children(child(project, 'dependencies'), 'dependency').map(dependency),
    modules: children(child(project, 'modules'), 'module')
      .map((m) => text(m) ?? '')
      .filter((m) => m !== ''),
  };
  const groupId = text(project, 'groupId') ?? parent?.groupId;
  const artifactId = text(project, 'artifactId');
  const version = text(project, 'version') ?? parent?.version;
  if (groupId !== undefined) pom.groupId = groupId;
  if (artifactId !== undefined) pom.artifactId = artifactId;
  if (version !== undefined) pom.version = version;
  if (parent) pom.parent = parent;
  return { ok: true, pom };
}

function ownProperties(project: XmlElement): Map<string, string> {
  const properties = new Map<string, string>();
  const declared = child(project, 'properties');
  if (!declared) return properties;
  for (const [key, value] of Object.entries(declared)) {
    if (key.startsWith('@') || key === '#text') continue;
    const str = Array.isArray(value) ? value[0] : value;
    properties.set(key, typeof str === 'string' ? str.trim() : (text(str) ?? ''));
  }
  return properties;
}

/** `pkg:maven/group/artifact@version`, the name a managing parent or BOM is recorded by. */
export function mavenPurl(groupId: string, artifactId: string, version: string | undefined): string {
  return `pkg:maven/${groupId}/${artifactId}${version ? `@${version}` : ''}`;
}
