/**
 * Every library, the versions in use and who uses each: "which versions are running?". A
 * version used by many components is counted here and listed on the library's own page.
 */
import { compareVersions } from '../../graph/find-skew.js';
import type { GraphEdge, GraphNode } from '../../graph/types.js';
import { fileSlug } from '../ids.js';
import { isUnpinned } from '../placement.js';
import { declaredAt } from './component-page.js';
import { code, link, md, plural, table } from './markdown.js';
import { INLINE_LIST, type Site } from './site.js';
import { splitByGroup } from './split.js';

export const LIBRARIES_PAGE = 'libraries.md';

/** One version of a library and who is on it. */
interface VersionUse {
  version: string;
  components: readonly string[];
  unpinned?: boolean;
}

/**
 * A library's versions and who is on each: the components' links, or, when more than
 * INLINE_LIST use it in all, how many are on each version, and a link to the library's own
 * page that lists them (at 3,000 components the lists made 13–14 MB pages).
 */
export function versionsCell(
  site: Site,
  page: string,
  lib: GraphNode | undefined,
  versions: readonly VersionUse[],
): string {
  const label = (v: VersionUse) =>
    `${v.version ? code(v.version) : '*no version*'}${v.unpinned ? ' **unpinned**' : ''}`;
  const total = versions.reduce((sum, v) => sum + v.components.length, 0);
  if (lib && total > INLINE_LIST) {
    const counts = versions.map((v) => `${label(v)} ${v.components.length}`).join(' · ');
    return `${libraryPageLink(site, page, lib, plural(total, 'component'))}: ${counts}`;
  }
  return versions.map((v) => `${label(v)}: ${v.components.map((c) => site.nodeLink(page, c)).join(', ')}`).join('<br>');
}

/** A link to the library's own page, which is made once, when first linked to. */
function libraryPageLink(site: Site, page: string, library: GraphNode, text: string): string {
  const target = site.libraryPage(library.id);
  if (!site.pages.has(target)) site.pages.set(target, () => libraryPage(site, library));
  return link(page, target, text);
}

/** The direct uses of a library by version, versions in order. */
function usesByVersion(site: Site, library: GraphNode): [string, GraphEdge[]][] {
  const byVersion = new Map<string, GraphEdge[]>();
  for (const e of site.index.usersOf.get(library.id) ?? []) {
    if (e.transitive) continue;
    const version = e.version ?? '';
    byVersion.set(version, [...(byVersion.get(version) ?? []), e]);
  }
  return [...byVersion].sort(([a], [b]) => compareVersions(a, b));
}

export function librariesPage(site: Site): string {
  const page = LIBRARIES_PAGE;
  const used = site.snapshot.nodes.filter(
    (n) => n.type === 'library' && (site.index.usersOf.get(n.id) ?? []).some((e) => !e.transitive),
  );
  const out: string[] = ['# Libraries', '', '[Architecture](index.md) › Libraries', ''];
  out.push(
    `${plural(used.length, 'library', 'libraries')} used directly by the components; transitive ones from lockfiles are in graph.json.`,
    '',
  );
  const section = splitByGroup(site, page, {
    items: used,
    table: (at, libraries) => librariesTable(site, at, libraries),
    group: (lib) => lib.ecosystem ?? lib.kind,
    groupLink: (_at, ecosystem) => md(ecosystem),
    heading: 'Libraries',
    parent: 'Libraries',
    file: (ecosystem) => site.librariesPageOf({ id: '', type: 'library', kind: ecosystem, ecosystem }),
    unit: 'library',
    units: 'libraries',
    explain: 'Used directly by the components.',
    column: 'Ecosystem',
  });
  out.push(section || 'No libraries declared.', '');
  return `${out.join('\n').trimEnd()}\n`;
}

function librariesTable(site: Site, page: string, libraries: readonly GraphNode[]): string {
  const rows = libraries.map((lib) => {
    const byVersion = usesByVersion(site, lib);
    const versions = versionsCell(
      site,
      page,
      lib,
      byVersion.map(([version, edges]) => ({
        version,
        components: edges.map((e) => e.source),
        unpinned: edges.some(isUnpinned),
      })),
    );
    const name = `<a id="${fileSlug(lib.id)}"></a>${md(lib.name ?? lib.id)}`;
    return [
      name,
      md(lib.ecosystem ?? lib.kind),
      code(lib.id),
      byVersion.length > 1 ? `**${byVersion.length}**` : '1',
      versions,
    ];
  });
  return table(['Library', 'Ecosystem', 'Package URL', 'Versions', 'Used by'], rows);
}

/** One library: every component that uses it directly, by version, with where each declares it. */
function libraryPage(site: Site, library: GraphNode): string {
  const page = site.libraryPage(library.id);
  const name = library.name ?? library.id;
  const out: string[] = [
    `# ${md(name)}`,
    '',
    `${link(page, 'index.md', 'Architecture')} › ${link(page, site.librariesPageOf(library), 'Libraries', fileSlug(library.id))} › ${md(name)}`,
    '',
    `${code(library.id)} (${md(library.ecosystem ?? library.kind)})`,
    '',
  ];
  const rows: string[][] = [];
  for (const [version, edges] of usesByVersion(site, library)) {
    for (const e of [...edges].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))) {
      rows.push([
        version ? code(version) : '*no version*',
        isUnpinned(e) ? '**unpinned**' : 'pinned',
        site.nodeLink(page, e.source),
        md(e.scope ?? ''),
        declaredAt(e.declared),
      ]);
    }
  }
  out.push(table(['Version', 'Pin', 'Component', 'Scope', 'Declared'], rows), '');
  return `${out.join('\n').trimEnd()}\n`;
}
