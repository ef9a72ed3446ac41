/** Everything that needs attention, with where it is declared. */
import type { GraphEdge, GraphNode } from '../../graph/types.js';
import { fileSlug } from '../ids.js';
import { declaredAt } from './component-page.js';
import { versionsCell } from './libraries-page.js';
import { code, link, md, plural, table } from './markdown.js';
import type { SkewReport } from '../../graph/find-skew.js';

type LibrarySkew = SkewReport['libraries'][number];
import { INLINE_LIST, type Site } from './site.js';
import { splitByGroup, type Split } from './split.js';

export const WARNINGS_PAGE = 'warnings.md';

/** The headings of the warnings page, with their counts, for the index. */
export function warningCounts(site: Site): { heading: string; count: number }[] {
  const w = site.warnings;
  const failed = site.snapshot.repos.filter((r) => r.status === 'failed').length;
  const problems = site.snapshot.problems.filter((p) => p.code !== 'unresolved-service').length;
  return [
    { heading: 'Unpinned dependencies', count: w.unpinned.length },
    { heading: 'Unresolved services', count: w.unresolved.length },
    { heading: 'Library version skew', count: w.skew.libraries.length },
    { heading: 'API version skew', count: w.skew.apis.length + w.skew.mismatches.length },
    { heading: 'Service call cycles', count: w.cycles.length },
    { heading: 'Repos that failed', count: failed },
    { heading: 'Other problems', count: problems },
  ];
}

export function warningsPage(site: Site): string {
  const page = WARNINGS_PAGE;
  const w = site.warnings;
  const index = site.index;
  const out: string[] = ['# Warnings', '', `${`[Architecture](index.md)`} › Warnings`, ''];
  const section = (heading: string, count: number, explain: string, body: () => string) => {
    out.push(`## ${heading}`, '', `${plural(count, 'finding')}. ${explain}`, '');
    if (count > 0) out.push(body(), '');
  };
  /** A table of findings, split by group past SECTION_ROWS rows (split.ts). */
  const findings = <T>(split: Omit<Split<T>, 'parent' | 'unit' | 'units'>) =>
    splitByGroup(site, page, { ...split, parent: 'Warnings', unit: 'finding', units: 'findings' });

  const unpinnedWhy = 'A version that is not exact can change under you: pin it.';
  section('Unpinned dependencies', w.unpinned.length, unpinnedWhy, () =>
    findings({
      items: w.unpinned,
      table: (at, edges) => unpinnedTable(site, at, edges),
      group: (e) => site.index.nodes.get(e.source)?.system ?? '',
      groupLink: (at, system) => (system === '' ? '*none*' : site.systemLink(at, system)),
      heading: 'Unpinned dependencies',
      file: (system) => `warnings/unpinned-${system === '' ? '_none' : fileSlug(system)}.md`,
      explain: unpinnedWhy,
      column: 'System',
    }),
  );

  section(
    'Unresolved services',
    w.unresolved.length,
    'Called, but no component is or provides them: add their manifest, or fix the name.',
    () =>
      table(
        ['Service', 'Called by', 'Declared'],
        w.unresolved.map((u) => [
          md(u.id),
          u.callers.map((e) => site.nodeLink(page, e.source)).join(', '),
          u.callers.map((e) => declaredAt(e.declared)).join('<br>'),
        ]),
      ),
  );

  const skewWhy = 'One library at several versions across components.';
  section('Library version skew', w.skew.libraries.length, skewWhy, () =>
    findings({
      items: w.skew.libraries,
      table: (at, items) => skewTable(site, at, items),
      group: (skew) => index.nodes.get(skew.library)?.ecosystem ?? '',
      groupLink: (_at, ecosystem) => md(ecosystem || 'other'),
      heading: 'Library version skew',
      file: (ecosystem) => `warnings/skew-${ecosystem === '' ? '_other' : fileSlug(ecosystem)}.md`,
      explain: skewWhy,
      column: 'Ecosystem',
    }),
  );

  const apiCount = w.skew.apis.length + w.skew.mismatches.length;
  const apiWhy = 'Consumers of one API at different versions, or at a version its provider does not provide.';
  const systemOf = (id: string) => index.nodes.get(id)?.system ?? '';
  const systemLink = (at: string, system: string) => (system === '' ? '*none*' : site.systemLink(at, system));
  const systemFile = (prefix: string) => (system: string) =>
    `warnings/${prefix}-${system === '' ? '_none' : fileSlug(system)}.md`;
  section('API version skew', apiCount, apiWhy, () => {
    const parts: string[] = [];
    if (w.skew.apis.length > 0) {
      parts.push(
        findings({
          items: w.skew.apis,
          table: (at, apis) => apiSkewTable(site, at, apis),
          group: (a) => systemOf(a.provider),
          groupLink: systemLink,
          heading: 'API version skew',
          file: systemFile('api-skew'),
          explain: apiWhy,
          column: 'System of the provider',
        }),
      );
    }
    if (w.skew.mismatches.length > 0) {
      parts.push(
        findings({
          items: w.skew.mismatches,
          table: (at, mismatches) => mismatchTable(site, at, mismatches),
          group: (m) => systemOf(m.consumer),
          groupLink: systemLink,
          heading: 'API version skew',
          file: systemFile('api-mismatch'),
          explain: 'Consumers of an API at a version its provider does not provide.',
          column: 'System of the consumer',
        }),
      );
    }
    return parts.join('\n\n');
  });

  section(
    'Service call cycles',
    w.cycles.length,
    'Components that call each other in a circle cannot be deployed or fail independently.',
    () =>
      table(
        ['Cycle', 'Components in it'],
        w.cycles.map((c) => [
          c.example.map((id) => site.nodeLink(page, id)).join(' → '),
          c.members.map((id) => site.nodeLink(page, id)).join(', '),
        ]),
      ),
  );

  const failed = site.snapshot.repos.filter((r) => r.status === 'failed');
  section(
    'Repos that failed',
    failed.length,
    'Read partly or not at all: their components may be missing from these pages.',
    () =>
      table(
        ['Repo', 'Problems'],
        failed.map((r) => [
          md(r.id),
          r.problems
            .filter((p) => p.severity === 'error')
            .map((p) => `${code(`${p.file}:${p.line}:${p.col}`)} ${md(p.message)}`)
            .join('<br>'),
        ]),
      ),
  );

  const problems = site.snapshot.problems.filter((p) => p.code !== 'unresolved-service');
  section('Other problems', problems.length, 'Found while merging the manifests into one map.', () =>
    table(
      ['Severity', 'Problem', 'Where'],
      problems.map((p) => [md(p.severity), md(p.message), p.locations.map((l) => declaredAt(l)).join('<br>')]),
    ),
  );
  return `${out.join('\n').trimEnd()}\n`;
}

function unpinnedTable(site: Site, page: string, edges: readonly GraphEdge[]): string {
  return table(
    ['Component', 'Depends on', 'Version', 'Why', 'Fix', 'Declared'],
    edges.map((e) => {
      const target = site.index.nodes.get(e.target) as GraphNode;
      const verdict = e.pin.pinned ? (e.imagePin ?? e.pin) : e.pin;
      const version = e.pin.pinned ? e.image : e.version;
      return [
        site.nodeLink(page, e.source),
        site.nodeLink(page, e.target) + (target.type === 'library' ? ` (${md(target.ecosystem ?? '')})` : ''),
        version ? code(version) : '*none*',
        md(verdict.reason ?? ''),
        md(verdict.hint ?? ''),
        declaredAt(e.declared),
      ];
    }),
  );
}

function apiSkewTable(site: Site, page: string, apis: readonly SkewReport['apis'][number][]): string {
  return table(
    ['Provider', 'API', 'Provided', 'Consumed'],
    apis.map((a) => {
      const total = a.versions.reduce((sum, v) => sum + v.consumers.length, 0);
      return [
        site.nodeLink(page, a.provider),
        code(a.api),
        a.provided.map(code).join(', '),
        a.versions
          .map((v) => `${code(v.version)}: ${consumersCell(site, page, a.provider, v.consumers, total)}`)
          .join('<br>'),
      ];
    }),
  );
}

function mismatchTable(site: Site, page: string, mismatches: readonly SkewReport['mismatches'][number][]): string {
  return table(
    ['Consumer', 'Provider', 'API', 'Consumes', 'Provided', 'Declared'],
    mismatches.map((m) => [
      site.nodeLink(page, m.consumer),
      site.nodeLink(page, m.provider),
      code(m.api),
      code(m.version),
      m.provided.map(code).join(', '),
      declaredAt(m.declared),
    ]),
  );
}

function skewTable(site: Site, page: string, skews: readonly LibrarySkew[]): string {
  return table(
    ['Library', 'Versions'],
    skews.map((skew) => {
      const lib = site.index.nodes.get(skew.library);
      const name = md(lib?.name ?? skew.library) + (lib?.ecosystem ? ` (${md(lib.ecosystem)})` : '');
      return [
        name,
        lib ? versionsCell(site, page, lib, skew.versions) : versionsCell(site, page, undefined, skew.versions),
      ];
    }),
  );
}

/** The consumers of one API version, or past INLINE_LIST in all their number (the provider's page lists its callers). */
function consumersCell(
  site: Site,
  page: string,
  provider: string,
  consumers: readonly string[],
  total: number,
): string {
  if (total <= INLINE_LIST) return consumers.map((c) => site.nodeLink(page, c)).join(', ');
  const target = site.componentPage(provider);
  const text = plural(consumers.length, 'consumer');
  return target ? link(page, target, text) : text;
}
