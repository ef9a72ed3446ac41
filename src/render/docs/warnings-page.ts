/** Everything that needs attention, with where it is declared. */
import type { GraphNode } from '../../graph/types.js';
import { declaredAt } from './component-page.js';
import { code, md, plural, table } from './markdown.js';
import type { Site } from './site.js';

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

  section('Unpinned dependencies', w.unpinned.length, 'A version that is not exact can change under you: pin it.', () =>
    table(
      ['Component', 'Depends on', 'Version', 'Why', 'Fix', 'Declared'],
      w.unpinned.map((e) => {
        const target = index.nodes.get(e.target) as GraphNode;
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
    ),
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

  section('Library version skew', w.skew.libraries.length, 'One library at several versions across components.', () =>
    table(
      ['Library', 'Versions'],
      w.skew.libraries.map((s) => {
        const lib = index.nodes.get(s.library);
        const versions = s.versions.map(
          (v) => `${code(v.version)}: ${v.components.map((c) => site.nodeLink(page, c)).join(', ')}`,
        );
        return [md(lib?.name ?? s.library) + (lib?.ecosystem ? ` (${md(lib.ecosystem)})` : ''), versions.join('<br>')];
      }),
    ),
  );

  const apiCount = w.skew.apis.length + w.skew.mismatches.length;
  section(
    'API version skew',
    apiCount,
    'Consumers of one API at different versions, or at a version its provider does not provide.',
    () => {
      const parts: string[] = [];
      if (w.skew.apis.length > 0) {
        parts.push(
          table(
            ['Provider', 'API', 'Provided', 'Consumed'],
            w.skew.apis.map((a) => [
              site.nodeLink(page, a.provider),
              code(a.api),
              a.provided.map(code).join(', '),
              a.versions
                .map((v) => `${code(v.version)}: ${v.consumers.map((c) => site.nodeLink(page, c)).join(', ')}`)
                .join('<br>'),
            ]),
          ),
        );
      }
      if (w.skew.mismatches.length > 0) {
        parts.push(
          table(
            ['Consumer', 'Provider', 'API', 'Consumes', 'Provided', 'Declared'],
            w.skew.mismatches.map((m) => [
              site.nodeLink(page, m.consumer),
              site.nodeLink(page, m.provider),
              code(m.api),
              code(m.version),
              m.provided.map(code).join(', '),
              declaredAt(m.declared),
            ]),
          ),
        );
      }
      return parts.join('\n\n');
    },
  );

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
