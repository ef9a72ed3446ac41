/**
 * The part of Maven's effective model that decides a dependency's version, built from the
 * POMs inside the repo only: the `<parent>` chain (found at `<relativePath>`, default
 * `../pom.xml`, or among the reactor's modules, and matched by groupId/artifactId/version),
 * properties inherited child-over-parent and interpolated in the module's own context
 * (`${project.version}` is the module's), `<dependencyManagement>` of the module and its
 * parents, and BOM imports of the repo's own POMs. What a POM outside the repo manages
 * (spring-boot-starter-parent, an external BOM) cannot be known: it is named, not guessed.
 * An aggregator that lists a module in `<modules>` without being its parent passes nothing on.
 */
import { basename, dirname, joinPath } from '../../util/paths.js';
import type { ImportProblem } from '../types.js';
import { mavenPurl, readPom, type ParentRef, type Pom, type PomDependency } from './pom-model.js';

/** Deeper than any real parent chain, BOM nesting or reactor. */
const MAX_CHAIN = 16;
const MAX_POMS = 256;

interface Managed {
  version?: string;
  /** The purl of the parent or BOM that manages it; undefined for the module's own `<dependencyManagement>`. */
  by?: string;
}

/** A POM outside the repo the module depends on for versions: its parent, or an imported BOM. */
export interface ExternalPom {
  groupId: string;
  artifactId: string;
  version?: string;
  purl: string;
  /** Declared in the module's own file (else inherited from a parent in the repo). */
  own: boolean;
  line?: number;
}

export interface EffectivePom {
  pom: Pom;
  /** Parents inside the repo, nearest first. */
  ancestors: Pom[];
  /** The first parent that is not in the repo. */
  externalParent?: ExternalPom;
  /** BOMs imported by the module or its parents that are not in the repo, nearest first. */
  externalBoms: ExternalPom[];
  /** `<dependencies>` inherited from parents in the repo. */
  inherited: PomDependency[];
  /** `${...}` resolved in the module's context; `missing` names the first property nothing defines. */
  resolve(value: string): { value: string; missing?: string };
  /** What the repo's POMs (own, parents', imported BOMs') manage for `group:artifact`. */
  managed(name: string): Managed | undefined;
  problems: ImportProblem[];
}

/** Reads the repo's POMs once each, and finds them by coordinates among the reactor's modules. */
export class PomLibrary {
  private readonly poms = new Map<string, Pom | undefined>();
  private indexed = false;
  readonly problems: ImportProblem[] = [];

  constructor(
    private readonly readFile: (path: string) => string | undefined,
    private readonly start: string,
  ) {}

  load(path: string): Pom | undefined {
    if (this.poms.has(path)) return this.poms.get(path);
    if (this.poms.size >= MAX_POMS) return undefined;
    const text = this.readFile(path);
    let pom: Pom | undefined;
    if (text !== undefined) {
      const read = readPom(path, text);
      if (read.ok) pom = read.pom;
      else this.problems.push({ ...read.problem, message: `${path}: ${read.problem.message}`, severity: 'warning' });
    }
    this.poms.set(path, pom);
    return pom;
  }

  /** A POM of the repo with these coordinates: the reactor is every `pom.xml` above the start and its `<modules>`. */
  find(groupId: string, artifactId: string, version: string | undefined): Pom | undefined {
    if (!this.indexed) this.index();
    for (const pom of this.poms.values()) if (pom && matches(pom, groupId, artifactId, version, (v) => v)) return pom;
    return undefined;
  }

  private index(): void {
    this.indexed = true;
    const queue: string[] = [];
    for (let dir = dirname(this.start); ; dir = dirname(dir)) {
      queue.push(dir === '' ? 'pom.xml' : `${dir}/pom.xml`);
      if (dir === '') break;
    }
    for (let i = 0; i < queue.length && i < MAX_POMS; i++) {
      const pom = this.load(queue[i]!);
      for (const module of pom?.modules ?? []) {
        const path = modulePom(dirname(queue[i]!), module);
        if (path !== undefined && !queue.includes(path)) queue.push(path);
      }
    }
  }
}

function modulePom(dir: string, written: string): string | undefined {
  const path = joinPath(dir, written);
  if (path === undefined) return undefined;
  return /\.xml$/.test(basename(path)) ? path : path === '' ? 'pom.xml' : `${path}/pom.xml`;
}

function matches(
  pom: Pom,
  groupId: string | undefined,
  artifactId: string | undefined,
  version: string | undefined,
  resolve: (value: string) => string,
): boolean {
  if (pom.artifactId !== artifactId || pom.groupId === undefined || resolve(pom.groupId) !== groupId) return false;
  // A version made of properties (`${revision}`) is matched by groupId and artifactId alone.
  const own = pom.version === undefined ? undefined : resolve(pom.version);
  if (version === undefined || own === undefined || version.includes('${') || own.includes('${')) return true;
  return own === version;
}

export function effectivePom(pom: Pom, library: PomLibrary, depth = 0): EffectivePom {
  const problems: ImportProblem[] = [];
  const ancestors: Pom[] = [];
  let externalRef: { ref: ParentRef; from: Pom } | undefined;
  for (let current = pom; current.parent;) {
    const ref = current.parent;
    const parent = findParent(current, ref, library);
    if (!parent) {
      externalRef = { ref, from: current };
      break;
    }
    if (parent.file === pom.file || ancestors.some((a) => a.file === parent.file) || ancestors.length >= MAX_CHAIN) {
      problems.push({ line: pom.parent?.line, message: `the <parent> chain of ${pom.file} loops at ${parent.file}` });
      break;
    }
    ancestors.push(parent);
    current = parent;
  }

  const chain = [pom, ...ancestors];
  const properties = new Map<string, string>();
  for (const p of [...chain].reverse()) for (const [k, v] of p.properties) properties.set(k, v);
  const coordinates: [string, string | undefined][] = [
    ['project.groupId', pom.groupId],
    ['project.artifactId', pom.artifactId],
    ['project.version', pom.version],
    ['project.parent.groupId', pom.parent?.groupId],
    ['project.parent.artifactId', pom.parent?.artifactId],
    ['project.parent.version', pom.parent?.version],
  ];
  for (const [key, value] of coordinates) {
    if (value === undefined) continue;
    properties.set(key, value);
    // Maven 2's deprecated spellings still appear in old POMs.
    properties.set(key.replace(/^project\./, 'pom.'), value);
    if (!key.startsWith('project.parent')) properties.set(key.replace(/^project\./, ''), value);
  }
  const resolve = (value: string) => interpolate(value, properties);
  const plain = (value: string | undefined) => (value === undefined ? undefined : resolve(value).value);
  const purlOf = (p: Pom) => mavenPurl(plain(p.groupId) ?? '', p.artifactId ?? '', plain(p.version));

  const explicit = new Map<string, Managed>();
  const boms: { purl: string; effective: EffectivePom }[] = [];
  const externalBoms: ExternalPom[] = [];
  for (const p of chain) {
    for (const dep of p.managed) {
      const groupId = plain(dep.groupId);
      const artifactId = plain(dep.artifactId);
      if (!groupId || !artifactId) continue;
      const version = plain(dep.version);
      if (dep.scope !== 'import') {
        const key = `${groupId}:${artifactId}`;
        if (!explicit.has(key)) explicit.set(key, { version, ...(p === pom ? {} : { by: purlOf(p) }) });
        continue;
      }
      const purl = mavenPurl(groupId, artifactId, version);
      const bom = depth < MAX_CHAIN ? library.find(groupId, artifactId, version) : undefined;
      if (bom && bom.file !== pom.file && !ancestors.some((a) => a.file === bom.file)) {
        boms.push({ purl, effective: effectivePom(bom, library, depth + 1) });
      } else if (!bom) {
        const line = p === pom ? dep.line : pom.parent?.line;
        externalBoms.push({ groupId, artifactId, version, purl, own: p === pom, ...(line ? { line } : {}) });
      }
    }
  }

  let externalParent: ExternalPom | undefined;
  if (externalRef?.ref.groupId && externalRef.ref.artifactId) {
    const { ref, from } = externalRef;
    const version = plain(ref.version);
    externalParent = {
      groupId: ref.groupId!,
      artifactId: ref.artifactId!,
      version,
      purl: mavenPurl(ref.groupId!, ref.artifactId!, version),
      own: from === pom,
      ...(pom.parent?.line ? { line: pom.parent.line } : {}),
    };
  }

  const managed = (name: string): Managed | undefined => {
    const own = explicit.get(name);
    if (own) return own;
    for (const bom of boms) {
      const found = bom.effective.managed(name);
      // The imported BOM is what the module names, whatever it inherits from.
      if (found) return { version: found.version, by: bom.purl };
    }
    return undefined;
  };

  return {
    pom,
    ancestors,
    externalBoms,
    ...(externalParent ? { externalParent } : {}),
    inherited: ancestors.flatMap((a) => a.dependencies),
    resolve,
    managed,
    problems,
  };
}

function findParent(child: Pom, ref: ParentRef, library: PomLibrary): Pom | undefined {
  if (!ref.groupId || !ref.artifactId) return undefined;
  if (ref.relativePath !== '') {
    const path = modulePom(dirname(child.file), ref.relativePath ?? '../pom.xml');
    const candidate = path === undefined || path === child.file ? undefined : library.load(path);
    if (candidate && matches(candidate, ref.groupId, ref.artifactId, ref.version, (v) => v)) return candidate;
  }
  const found = library.find(ref.groupId, ref.artifactId, ref.version);
  return found === child ? undefined : found;
}

/** `${name}` from the properties, chained (a property naming another) up to a bound. */
function interpolate(value: string, properties: ReadonlyMap<string, string>): { value: string; missing?: string } {
  let current = value;
  for (let depth = 0; depth < 10 && current.includes('${'); depth++) {
    const next = current.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
    if (next === current) break;
    current = next;
  }
  const missing = /\$\{([^}]+)\}/.exec(current)?.[1];
  return missing === undefined ? { value: current } : { value: current, missing };
}
