/** Every library, the versions in use and who uses each: "which versions are running?". */
import { compareVersions } from '../../graph/find-skew.js';
import type { GraphEdge } from '../../graph/types.js';
import { fileSlug } from '../ids.js';
import { isUnpinned } from '../placement.js';
import { code, md, plural, table } from './markdown.js';
import type { Site } from './site.js';

export const LIBRARIES_PAGE = 'libraries.md';

export function librariesPage(site: Site): string {
  const page = LIBRARIES_PAGE;
  const libraries = site.snapshot.nodes.filter((n) => n.type === 'library');
  const out: string[] = ['# Libraries', '', '[Architecture](index.md) › Libraries', ''];
  const rows: string[][] = [];
  let direct = 0;
  for (const lib of libraries) {
    const uses = (site.index.usersOf.get(lib.id) ?? []).filter((e) => !e.transitive);
    if (uses.length === 0) continue;
    direct++;
    const byVersion = new Map<string, GraphEdge[]>();
    for (const e of uses) {
      const version = e.version ?? '';
      byVersion.set(version, [...(byVersion.get(version) ?? []), e]);
    }
    const versions = [...byVersion]
      .sort(([a], [b]) => compareVersions(a, b))
      .map(([version, edges]) => {
        const mark = edges.some(isUnpinned) ? ' **unpinned**' : '';
        return `${version ? code(version) : '*no version*'}${mark}: ${edges.map((e) => site.nodeLink(page, e.source)).join(', ')}`;
      });
    const name = `<a id="${fileSlug(lib.id)}"></a>${md(lib.name ?? lib.id)}`;
    rows.push([
      name,
      md(lib.ecosystem ?? lib.kind),
      code(lib.id),
      byVersion.size > 1 ? `**${byVersion.size}**` : '1',
      versions.join('<br>'),
    ]);
  }
  out.push(
    `${plural(direct, 'library', 'libraries')} used directly by the components; transitive ones from lockfiles are in graph.json.`,
    '',
  );
  out.push(table(['Library', 'Ecosystem', 'Package URL', 'Versions', 'Used by'], rows) || 'No libraries declared.', '');
  return `${out.join('\n').trimEnd()}\n`;
}
