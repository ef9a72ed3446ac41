/** A system's page: its diagram, components, resources, and the calls across its border. */
import type { GraphEdge, GraphNode } from '../../graph/types.js';
import { renderFlowchart } from '../mermaid-flowchart.js';
import { systemKey } from '../placement.js';
import { planSystem } from '../plan.js';
import { systemMembers } from '../system-view.js';
import { callsTable, declaredCell, pinCell, versionCell } from './component-page.js';
import { code, link, md, plural, table } from './markdown.js';
import type { Site } from './site.js';
import { splitByGroup } from './split.js';
import { fileSlug } from '../ids.js';

export function systemPage(site: Site, system: string | null): string {
  const page = site.systemPage(system);
  const index = site.index;
  const own = systemMembers(index, system);
  const members = new Set([...own.components, ...own.resources]);
  const title = system === null ? 'Components without a system' : `System ${system}`;
  const out: string[] = [
    `# ${md(title)}`,
    '',
    `${link(page, 'index.md', 'Architecture')} › ${md(system ?? 'no system')}`,
    '',
  ];
  const components = own.components.map((id) => index.nodes.get(id) as GraphNode);
  const owners = [...new Set(components.map((c) => c.owner).filter((o): o is string => o !== undefined))].sort();
  out.push(
    `${plural(components.length, 'component')}, ${plural(own.resources.length, 'resource')} of its own` +
      (owners.length > 0 ? `; owned by ${owners.map(md).join(', ')}` : '') +
      '.',
    '',
  );

  const plan = planSystem(index, system, { render: renderFlowchart });
  const base = page.replace(/\.md$/, '');
  plan.diagrams.forEach((diagram, i) => {
    if (plan.diagrams.length > 1) out.push(`### ${md(diagram.title)}`, '');
    out.push(site.diagram(page, plan.diagrams.length > 1 ? `${base}-part-${i + 1}` : base, diagram), '');
    for (const note of diagram.notes) out.push(`*${md(note)}*`, '');
  });
  if (plan.notes.length > 0) out.push(...plan.notes.map((n) => `*${md(n)}*`), '');

  const rows = components.map((c) => {
    const calls = (index.callsFrom.get(c.id) ?? []).length;
    const callers = (index.callsTo.get(c.id) ?? []).length;
    const provides = (c.provides ?? []).map((p) => code(`${p.api} ${p.version}`)).join(', ');
    return [site.nodeLink(page, c.id), md(c.kind), md(c.owner ?? ''), provides, String(calls), String(callers)];
  });
  out.push(
    '## Components',
    '',
    table(['Component', 'Kind', 'Owner', 'Provides', 'Calls', 'Called by'], rows) || 'None.',
    '',
  );

  if (own.resources.length > 0) {
    const resourceRows = own.resources.map((id) => {
      const node = index.nodes.get(id) as GraphNode;
      const users = (index.callsTo.get(id) ?? []).map((e) => site.nodeLink(page, e.source));
      const images = [
        ...new Set((index.callsTo.get(id) ?? []).map((e) => e.image).filter((i): i is string => i !== undefined)),
      ].map(code);
      return [md(id), md(node.kind), images.join(', '), [...new Set(users)].join(', ')];
    });
    out.push('## Resources', '', table(['Resource', 'Kind', 'Image', 'Used by'], resourceRows), '');
  }

  const ownKey = system === null ? undefined : systemKey(system);
  const crossing = (edge: GraphEdge, other: string) => !members.has(other) && index.groupOf.get(other) !== ownKey;
  const outgoing: GraphEdge[] = [];
  const incoming: GraphEdge[] = [];
  for (const id of own.components) {
    for (const e of index.callsFrom.get(id) ?? []) if (crossing(e, e.target)) outgoing.push(e);
    for (const e of index.callsTo.get(id) ?? []) if (crossing(e, e.source)) incoming.push(e);
  }
  const systemOf = (at: string, id: string) => {
    const node = index.nodes.get(id) as GraphNode;
    if (node.system) return site.systemLink(at, node.system);
    return node.unresolved ? '**unresolved**' : md(node.kind);
  };
  const callRow = (at: string, e: GraphEdge, other: string) => [
    site.nodeLink(at, e.source),
    site.nodeLink(at, e.target),
    systemOf(at, other),
    md(e.protocol ?? ''),
    e.api ? code(e.api) : '',
    versionCell(e),
    pinCell(e),
    declaredCell(e),
  ];
  const observed = site.snapshot.observed !== undefined;
  const header = ['From', 'To', 'System / kind', 'Protocol', 'API', 'Version', 'Pinned', 'Declared'];
  const slug = system === null ? '_none' : fileSlug(system);
  const calls = (heading: string, edges: GraphEdge[], other: (e: GraphEdge) => string, file: string) => {
    if (edges.length === 0) return;
    const section = splitByGroup(site, page, {
      items: edges,
      table: (at, list) => callsTable(header, [...list], (e) => callRow(at, e, other(e)), observed),
      group: (e) => index.nodes.get(other(e))?.system ?? '',
      groupLink: (at, group) => (group === '' ? '*none*' : site.systemLink(at, group)),
      heading,
      parent: system ?? 'No system',
      file: (group) => `systems/${slug}/${file}-${group === '' ? '_none' : fileSlug(group)}.md`,
      unit: 'call',
      units: 'calls',
      explain:
        heading === 'Calls out of the system'
          ? 'Calls from this system to that one.'
          : 'Calls from that system to this one.',
      column: 'System',
    });
    out.push(`## ${heading}`, '', section, '');
  };
  calls('Calls out of the system', outgoing, (e) => e.target, 'calls-to');
  calls('Calls into the system', incoming, (e) => e.source, 'calls-from');
  return `${out.join('\n').trimEnd()}\n`;
}
