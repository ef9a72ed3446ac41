/**
 * The direct dependencies a pyproject.toml declares, for the lockfile importers that do not
 * say which of their packages are direct (poetry.lock). Reads Poetry's tables, PEP 621
 * `[project]` and PEP 735 `[dependency-groups]`.
 */
import { entriesOf, isRecord } from '../util/located.js';
import { tomlTable } from '../util/toml.js';
import type { LibraryScope } from '../types.js';
import { normalizePythonName, parseRequirement } from './pep508.js';

export function groupScope(group: string): LibraryScope {
  const name = group.toLowerCase();
  if (/test/.test(name)) return 'test';
  if (name === 'main' || name === 'default') return 'runtime';
  if (/dev|lint|doc|type/.test(name)) return 'dev';
  return 'optional';
}

/** Normalized name → scope, or undefined when there is no text or it is not valid TOML. */
export function pyprojectDependencies(text: string | undefined): Map<string, LibraryScope> | undefined {
  const doc = tomlTable(text);
  if (!doc) return undefined;
  const direct = new Map<string, LibraryScope>();
  const add = (name: string, scope: LibraryScope): void => {
    const normalized = normalizePythonName(name);
    if (normalized === 'python' || direct.has(normalized)) return;
    direct.set(normalized, scope);
  };
  const addRequirements = (list: unknown, scope: LibraryScope): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (typeof item !== 'string') continue;
      const requirement = parseRequirement(item);
      if (requirement) add(requirement.name, scope);
    }
  };

  const project = doc.project;
  if (isRecord(project)) {
    addRequirements(project.dependencies, 'runtime');
    for (const [group, list] of entriesOf(project['optional-dependencies']))
      addRequirements(list, groupScope(group) === 'runtime' ? 'optional' : groupScope(group));
  }
  for (const [group, list] of entriesOf(doc['dependency-groups'])) addRequirements(list, groupScope(group));

  const tool = isRecord(doc.tool) ? doc.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  for (const [name] of entriesOf(poetry.dependencies)) add(name, 'runtime');
  for (const [name] of entriesOf(poetry['dev-dependencies'])) add(name, 'dev');
  for (const [group, table] of entriesOf(poetry.group)) {
    if (!isRecord(table)) continue;
    for (const [name] of entriesOf(table.dependencies)) add(name, groupScope(group));
  }
  return direct;
}

/** The requirements a pyproject.toml declares with their specifiers as written (PEP 621, PEP 735, Poetry's strings). */
export function pyprojectRequirements(text: string | undefined): { name: string; version?: string }[] {
  const doc = tomlTable(text);
  if (!doc) return [];
  const out: { name: string; version?: string }[] = [];
  const addRequirements = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const requirement = typeof item === 'string' ? parseRequirement(item) : undefined;
      if (requirement && !requirement.url && requirement.name !== 'python') out.push(requirement);
    }
  };
  const project = isRecord(doc.project) ? doc.project : {};
  addRequirements(project.dependencies);
  for (const [, list] of entriesOf(project['optional-dependencies'])) addRequirements(list);
  for (const [, list] of entriesOf(doc['dependency-groups'])) addRequirements(list);
  const tool = isRecord(doc.tool) ? doc.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  for (const [name, spec] of entriesOf(poetry.dependencies)) {
    const normalized = normalizePythonName(name);
    if (normalized !== 'python')
      out.push(typeof spec === 'string' ? { name: normalized, version: spec } : { name: normalized });
  }
  return out;
}
