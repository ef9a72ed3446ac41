/**
 * What a Spring Boot module's configuration says for the profiles a deployment activates:
 * its name, the properties that say where it connects, and its gateway routes. Files are
 * read in Spring Boot's order (bootstrap, then application, then each active profile's
 * file; packaged `src/main/resources/` and its `config/` before the module folder's, and a
 * `.properties` over a `.yml` beside it), documents activated by profile expressions,
 * later ones overriding earlier ones (a list is replaced whole), `spring.config.import`ed
 * files followed inside the repo, then `${...}` resolved from the workload's environment.
 * Tests (`src/test`) are never read.
 */
import type { FileProblem, ModuleConfig, RepoFiles, Setting } from './model.js';
import { readConfigDocuments, type ConfigDocument, type MergedEntry } from './spring-documents.js';
import { profileExpressions, profilesMatch } from './spring-profiles.js';
import { resolvePlaceholders, type PlaceholderScope } from './spring-placeholders.js';
import { configImports } from './spring-imports.js';
import { springRoutes } from './spring-routes.js';
import { isAddressSetting, isSecretKey, maskSecrets, maskedSecretWritten } from './spring-addresses.js';
import { inDir } from '../util/paths.js';

export interface ModuleConfigOptions {
  /**
   * The active profiles, in order (`SPRING_PROFILES_ACTIVE`); empty: the environment's
   * `SPRING_PROFILES_ACTIVE`, else the files' own `spring.profiles.active`, else `default`.
   */
  profiles: readonly string[];
  /** The workload's environment, for `${VAR}`. */
  env?: ReadonlyMap<string, string>;
}

const EXTENSIONS = ['yaml', 'yml', 'properties'];

export function readModuleConfig(files: RepoFiles, moduleDir: string, options: ModuleConfigOptions): ModuleConfig {
  const present = new Set(files.paths);
  const problems: FileProblem[] = [];
  const resources = inDir(moduleDir, 'src/main/resources');
  // Packaged files first, the module folder's after them: Spring's order, the later wins.
  const groups = [
    [resources, inDir(resources, 'config')],
    [moduleDir, inDir(moduleDir, 'config')],
  ];
  const named = (dirs: readonly string[], base: string): string[] =>
    dirs.flatMap((dir) => EXTENSIONS.map((ext) => inDir(dir, `${base}.${ext}`)));
  const everywhere = (base: string): string[] => groups.flatMap((dirs) => named(dirs, base));

  const cache = new Map<string, ConfigDocument[]>();
  const texts = new Map<string, string>();
  const documentsOf = (file: string): ConfigDocument[] => {
    let documents = cache.get(file);
    if (documents === undefined) {
      const text = files.read(file);
      if (text === undefined) {
        problems.push({ file, line: 1, message: 'could not be read', severity: 'warning' });
        documents = [];
      } else {
        texts.set(file, text);
        const read = readConfigDocuments(file, text);
        problems.push(...read.problems);
        documents = read.documents;
      }
      cache.set(file, documents);
    }
    return documents;
  };

  // The lead passes SPRING_PROFILES_ACTIVE as `profiles`; the environment is the fallback.
  const given =
    options.profiles.length > 0
      ? options.profiles
      : profileExpressions(options.env?.get('SPRING_PROFILES_ACTIVE') ?? '');
  const profiles = activeProfiles(
    given,
    [...everywhere('bootstrap'), ...everywhere('application')].filter((f) => present.has(f)).flatMap(documentsOf),
  );
  const active = new Set(profiles);
  const order = [
    ...everywhere('bootstrap'),
    ...profiles.flatMap((p) => everywhere(`bootstrap-${p}`)),
    // Within each group, a profile's file overrides the plain one.
    ...groups.flatMap((dirs) => [
      ...named(dirs, 'application'),
      ...profiles.flatMap((p) => named(dirs, `application-${p}`)),
    ]),
  ].filter((file, index, all) => present.has(file) && all.indexOf(file) === index);

  const merged = new Map<string, MergedEntry>();
  let seq = 0;
  const scope: PlaceholderScope = { env: options.env, property: (key) => merged.get(key)?.value };
  const visited = new Set<string>();
  const apply = (file: string, depth: number): void => {
    visited.add(file);
    for (const document of documentsOf(file)) {
      if (!applies(document, active)) continue;
      // A list set again is replaced whole, not merged item by item.
      for (const root of listRoots(document))
        for (const key of [...merged.keys()]) if (key.startsWith(`${root}[`)) merged.delete(key);
      for (const entry of document.entries)
        merged.set(entry.key, { value: entry.value, file: document.file, line: entry.line, seq: seq++ });
      const imports = configImports(document, { moduleDir, resources, present, scope, depth });
      problems.push(...imports.problems);
      for (const imported of imports.files) if (!visited.has(imported)) apply(imported, depth + 1);
    }
  };
  for (const file of order) if (!visited.has(file)) apply(file, 0);

  const resolved = new Map<string, string>();
  for (const [key, entry] of merged) resolved.set(key, resolvePlaceholders(entry.value, scope));
  const config: ModuleConfig = { settings: [], routes: [], problems };
  const name = resolved.get('spring.application.name')?.trim();
  if (name) config.name = name;
  const entries = [...merged].sort((a, b) => a[1].seq - b[1].seq);
  for (const [key, entry] of entries) {
    const setting = settingOf(key, entry, resolved.get(key) ?? entry.value);
    if (setting) config.settings.push(setting);
  }
  config.routes = springRoutes(
    entries,
    resolved,
    (file, line) => texts.get(file)?.split(/\r?\n/)[line - 1]?.trim() ?? '',
  );
  return config;
}

function activeProfiles(given: readonly string[], base: ConfigDocument[]): string[] {
  const always = base.filter((d) => d.onProfile === undefined && d.onCloudPlatform === undefined);
  const last = (key: string): string | undefined =>
    always.flatMap((d) => d.entries.filter((e) => e.key === key)).at(-1)?.value;
  const list = (text: string | undefined) => profileExpressions(text ?? '').filter((p) => /^[\w.-]+$/.test(p));
  const chosen = given.length > 0 ? [...given] : list(last('spring.profiles.active'));
  const profiles = [...list(last('spring.profiles.include')), ...chosen];
  return profiles.length > 0 ? [...new Set(profiles)] : ['default'];
}

function applies(document: ConfigDocument, active: ReadonlySet<string>): boolean {
  // The cloud platform a workload runs on is not known from its files: such documents are left out.
  if (document.onCloudPlatform !== undefined) return false;
  return document.onProfile === undefined || profilesMatch(document.onProfile, active);
}

function listRoots(document: ConfigDocument): Set<string> {
  const roots = new Set<string>();
  for (const { key } of document.entries) {
    const at = key.search(/\[\d+\]/);
    if (at > 0) roots.add(key.slice(0, at));
  }
  return roots;
}

function settingOf(key: string, entry: MergedEntry, value: string): Setting | undefined {
  const at = { file: entry.file, line: entry.line };
  if (isSecretKey(key)) {
    if (value.trim() === '') return undefined;
    const written = maskedSecretWritten(entry.value);
    return { key, value: '***', ...(written ? { written } : {}), via: 'properties', ...at };
  }
  if (!isAddressSetting(key, value)) return undefined;
  const masked = maskSecrets(value);
  const written = maskSecrets(entry.value);
  return { key, value: masked, ...(written !== masked ? { written } : {}), via: 'properties', ...at };
}
