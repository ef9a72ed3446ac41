/**
 * The deployable units of a repo, for `depmap init`: one per package (a folder with its own
 * package.json, go.mod, Cargo.toml with [package], pyproject.toml, pom.xml, *.csproj, …).
 * A workspace root (npm/pnpm/yarn workspaces, a Cargo or Go workspace, a Maven parent with
 * <modules>) is not a unit of its own: its packages are. A repo with nothing recognisable is
 * one unit at its root.
 */
import { jsonObject } from '../util/json-with-lines.js';
import { isRecord } from '../util/located.js';
import { basename, dirname, inDir } from '../../util/paths.js';
import { tomlTable } from '../util/toml.js';

const PACKAGE_FILES = [
  'package.json',
  'go.mod',
  'Gopkg.toml',
  'Gopkg.lock',
  'glide.yaml',
  'glide.lock',
  'Cargo.toml',
  'pyproject.toml',
  'setup.py',
  'Pipfile',
  'requirements.txt',
  'Gemfile',
  'composer.json',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
];
/** Folders whose packages are samples, tests or tooling, not deployable units. */
export const NOT_UNITS =
  /(^|\/)(examples?|samples?|demos?|docs?|test|tests|__tests__|fixtures?|__fixtures__|testdata|e2e|benchmarks?|scripts|tools|\.github|\.devcontainer)(\/|$)/;

export interface Unit {
  /** Repo-relative folder, '' for the root. */
  dir: string;
}

export interface UnitsResult {
  units: Unit[];
  /** True when the root is a workspace of several packages. */
  monorepo: boolean;
}

export function findUnits(paths: readonly string[], read: (path: string) => string | undefined): UnitsResult {
  const present = new Set(paths);
  const dirs = [...new Set(paths.filter((p) => isPackageFile(p)).map(dirname))]
    .filter((dir) => dir === '' || !NOT_UNITS.test(dir))
    .sort();
  const packageDirs = dirs.filter((dir) => isPackageDir(dir, present, read));
  const rootIsWorkspace = isWorkspaceRoot(present, read);
  const nested = packageDirs.filter((dir) => dir !== '');
  if (nested.length === 0) return { units: [{ dir: '' }], monorepo: false };
  if (rootIsWorkspace || !packageDirs.includes('')) return { units: nested.map((dir) => ({ dir })), monorepo: true };
  return { units: packageDirs.map((dir) => ({ dir })), monorepo: true };
}

function isPackageFile(path: string): boolean {
  const name = basename(path);
  return PACKAGE_FILES.includes(name) || /\.(cs|fs|vb)proj$/.test(name);
}

/** A Cargo workspace's root manifest without a [package] is not a crate. */
function isPackageDir(dir: string, present: ReadonlySet<string>, read: (path: string) => string | undefined): boolean {
  const files = [...present].filter((p) => dirname(p) === dir && isPackageFile(p));
  return files.some((file) => {
    if (basename(file) !== 'Cargo.toml') return true;
    return isRecord(tomlTable(read(file))?.package);
  });
}

function isWorkspaceRoot(present: ReadonlySet<string>, read: (path: string) => string | undefined): boolean {
  if (
    present.has('pnpm-workspace.yaml') ||
    present.has('lerna.json') ||
    present.has('go.work') ||
    present.has('nx.json') ||
    present.has('turbo.json')
  )
    return true;
  const pkg = jsonObject(read('package.json'));
  if (pkg && pkg.workspaces !== undefined) return true;
  if (isRecord(tomlTable(read('Cargo.toml'))?.workspace)) return true;
  const pom = read('pom.xml');
  if (pom !== undefined && /<modules>/.test(pom)) return true;
  const gradleSettings = read('settings.gradle') ?? read('settings.gradle.kts');
  if (gradleSettings !== undefined && /\binclude\s*\(?\s*['"]/.test(gradleSettings)) return true;
  return false;
}

export function unitFile(unit: Unit): string {
  return inDir(unit.dir, 'depmap.yaml');
}
