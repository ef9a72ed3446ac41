/**
 * .NET project files (*.csproj, *.fsproj, *.vbproj) with central package management: a
 * `<PackageReference>` without a version takes it from the nearest Directory.Packages.props
 * above the project (`<PackageVersion>`), unless it has a `VersionOverride`. `$(Property)`
 * references resolve from the project's and the props file's own `<PropertyGroup>`s.
 * `GlobalPackageReference`s of the props file apply to every project.
 *
 * Versions keep NuGet's syntax, where a bare `1.2.3` means "1.2.3 or higher" and only
 * `[1.2.3]` is exact: the pin check reads them natively.
 */
import { ancestors, basename, dirname, inDir } from '../../util/paths.js';
import { attr, child, children, parseXml, text, type XmlElement } from '../util/xml.js';
import { emptyResult, type ImportContext, type ImportResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';

const PROJECT_FILE = /\.(cs|fs|vb)proj$/;

export const csprojImporter = defineImporter({
  id: 'csproj',
  files: '`*.csproj`, `*.fsproj`, `*.vbproj`, `Directory.Packages.props`',
  description: 'central package management, VersionOverride',
  // Every project of a folder is read; Directory.Packages.props only through them.
  library: { family: 'dotnet', rank: 1, kind: 'ranges', every: PROJECT_FILE },
  matches: (file) => PROJECT_FILE.test(file) || basename(file) === 'Directory.Packages.props',
  parse(source, ctx) {
    const result = emptyResult();
    const parsed = parseXml(source);
    if (!parsed.ok) {
      result.problems.push(parsed.problem);
      return result;
    }
    const project = child(parsed.root, 'Project');
    if (!project) {
      result.problems.push({ line: 1, message: 'no <Project> element: this is not an MSBuild project file' });
      return result;
    }
    const properties = new Map<string, string>();
    if (basename(ctx.file) === 'Directory.Packages.props') {
      collectProperties(project, properties);
      for (const item of itemsOf(project, 'PackageVersion')) {
        const name = attr(item, 'Include');
        if (!name) continue;
        result.libraries.push({
          ecosystem: 'nuget',
          name,
          version: expand(attr(item, 'Version') ?? text(item, 'Version'), properties),
          scope: 'runtime',
          line: parsed.lineOf(item),
          syntax: 'native',
        });
      }
      for (const item of itemsOf(project, 'GlobalPackageReference')) {
        const name = attr(item, 'Include');
        if (name)
          result.libraries.push({
            ecosystem: 'nuget',
            name,
            version: expand(attr(item, 'Version'), properties),
            scope: 'build',
            line: parsed.lineOf(item),
            syntax: 'native',
          });
      }
      return result;
    }

    const central = loadCentral(ctx, result);
    for (const [key, value] of central?.properties ?? []) properties.set(key, value);
    collectProperties(project, properties);
    const seen = new Set<string>();
    for (const item of itemsOf(project, 'PackageReference')) {
      const name = attr(item, 'Include') ?? attr(item, 'Update');
      if (!name) continue;
      const line = parsed.lineOf(item);
      const explicit =
        attr(item, 'VersionOverride') ??
        text(item, 'VersionOverride') ??
        attr(item, 'Version') ??
        text(item, 'Version');
      let version = expand(explicit, properties);
      if (version === undefined && central) version = central.versions.get(name.toLowerCase());
      if (version === undefined) {
        result.problems.push({
          line,
          message: `${name}: no version here${central ? ` nor in ${central.file}` : ' and no Directory.Packages.props above the project'}`,
          hint: 'add Version="…" or a <PackageVersion> in Directory.Packages.props',
          severity: 'warning',
        });
      }
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      result.libraries.push({ ecosystem: 'nuget', name, version, scope: scopeOf(item), line, syntax: 'native' });
    }
    for (const global of central?.globals ?? []) {
      if (seen.has(global.name.toLowerCase())) continue;
      result.libraries.push({
        ecosystem: 'nuget',
        name: global.name,
        version: global.version,
        scope: 'build',
        syntax: 'native',
      });
    }
    return result;
  },
});

function itemsOf(project: XmlElement, tag: string): XmlElement[] {
  return children(project, 'ItemGroup').flatMap((group) => children(group, tag));
}

/** Analyzers and build tools (`PrivateAssets="all"`) do not ship with the app. */
function scopeOf(item: XmlElement): LibraryScope {
  const privateAssets = (attr(item, 'PrivateAssets') ?? text(item, 'PrivateAssets') ?? '').toLowerCase();
  return privateAssets === 'all' ? 'build' : 'runtime';
}

function collectProperties(project: XmlElement, into: Map<string, string>): void {
  for (const group of children(project, 'PropertyGroup')) {
    for (const [key, value] of Object.entries(group)) {
      if (key.startsWith('@') || key === '#text') continue;
      const str = text(Array.isArray(value) ? value[0] : value);
      if (str !== undefined) into.set(key.toLowerCase(), str);
    }
  }
}

function expand(value: string | undefined, properties: Map<string, string>): string | undefined {
  if (value === undefined) return undefined;
  let current = value;
  for (let depth = 0; depth < 10 && current.includes('$('); depth++) {
    current = current.replace(
      /\$\(([A-Za-z_][\w.]*)\)/g,
      (whole, name: string) => properties.get(name.toLowerCase()) ?? whole,
    );
  }
  return current.includes('$(') ? undefined : current;
}

interface Central {
  file: string;
  versions: Map<string, string>;
  properties: Map<string, string>;
  globals: { name: string; version?: string }[];
}

function loadCentral(ctx: ImportContext, result: ImportResult): Central | undefined {
  for (const dir of ancestors(dirname(ctx.file))) {
    const file = inDir(dir, 'Directory.Packages.props');
    const source = ctx.readFile(file);
    if (source === undefined) continue;
    const parsed = parseXml(source);
    const project = parsed.ok ? child(parsed.root, 'Project') : undefined;
    if (!parsed.ok || !project) {
      result.problems.push({
        message: `${file}: ${parsed.ok ? 'no <Project> element' : parsed.problem.message}`,
        severity: 'warning',
      });
      return undefined;
    }
    const properties = new Map<string, string>();
    collectProperties(project, properties);
    const versions = new Map<string, string>();
    for (const item of itemsOf(project, 'PackageVersion')) {
      const name = attr(item, 'Include');
      const version = expand(attr(item, 'Version') ?? text(item, 'Version'), properties);
      if (name && version) versions.set(name.toLowerCase(), version);
    }
    const globals = itemsOf(project, 'GlobalPackageReference').flatMap((item) => {
      const name = attr(item, 'Include');
      return name ? [{ name, version: expand(attr(item, 'Version'), properties) }] : [];
    });
    return { file, versions, properties, globals };
  }
  return undefined;
}
