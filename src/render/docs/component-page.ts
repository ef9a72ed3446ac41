/** A component's page: what it is, its neighbourhood, what it provides, calls and uses. */
import type { Declared, GraphEdge, GraphNode } from '../../graph/types.js';
import { fileSlug } from '../ids.js';
import { DISCOVERED_FROM } from '../legend.js';
import { observedCounts } from '../placement.js';
import { renderFlowchart } from '../mermaid-flowchart.js';
import { planFocus } from '../plan.js';
import { code, link, md, plural, table } from './markdown.js';
import type { Site } from './site.js';

export function declaredAt(declared: Declared | undefined): string {
  return declared ? code(`${declared.repo}: ${declared.file}:${declared.line}`) : '';
}

/**
 * The Pinned cell. A call discovered without a version is *unversioned*: no file can declare
 * one, so it is no finding and gets no bold mark (its image is still judged).
 */
export function pinCell(edge: GraphEdge): string {
  if (edge.presence === 'observed-only') return '';
  if (!edge.pin.pinned && !edge.pin.unversioned) return `**no**: ${md(edge.pin.reason ?? 'not pinned')}`;
  if (edge.imagePin?.pinned === false) return `**image not pinned**: ${md(edge.imagePin.reason ?? '')}`;
  return edge.pin.unversioned ? '*unversioned*' : 'yes';
}

/** The Version cell of a call: its API version, or "not declared" for a discovered call without one. */
export function versionCell(edge: GraphEdge): string {
  if (edge.presence === 'observed-only') return '';
  if (edge.version) return code(edge.version);
  return edge.pin.unversioned ? '*not declared*' : '';
}

const dash = (text: string | undefined) => (text ? code(text) : '');

/** The Declared cell of a call: where a manifest declares it; a call only observations show is declared nowhere. */
export function declaredCell(edge: GraphEdge): string {
  return edge.presence === 'observed-only' ? '*nowhere*' : declaredAt(edge.declared);
}

/**
 * The Observed cell, once observations are joined: what they counted of the call, and
 * whether it is undeclared (observed only) or never seen (stale or dormant).
 */
function observedCell(edge: GraphEdge): string {
  const counts = md(observedCounts(edge.observed));
  if (edge.presence === 'observed-only') return counts ? `**undeclared**: ${counts}` : '**undeclared**';
  if (!edge.observed) return '*not seen*';
  return edge.observed.lastSeen ? `${counts}, last ${md(edge.observed.lastSeen.slice(0, 10))}` : counts;
}

/**
 * A table of calls. Version is the API version; the container image of a resource is a
 * column of its own after it, there only when some call in the table has one. With
 * `observed` (observations joined), an Observed column before Declared.
 */
export function callsTable(
  header: string[],
  calls: GraphEdge[],
  row: (edge: GraphEdge) => string[],
  observed = false,
): string {
  const insert = (cells: string[], name: string, cell: string) => {
    const at = header.indexOf(name);
    return at < 0 ? [...cells, cell] : [...cells.slice(0, at), cell, ...cells.slice(at)];
  };
  let head = header;
  let rows = calls.map(row);
  if (observed) {
    rows = rows.map((cells, i) => insert(cells, 'Declared', observedCell(calls[i] as GraphEdge)));
    head = insert(head, 'Declared', 'Observed');
  }
  if (!calls.some((e) => e.image)) return table(head, rows);
  const at = head.indexOf('Version') + 1;
  const withImage = (cells: string[], image: string) => [...cells.slice(0, at), image, ...cells.slice(at)];
  return table(
    withImage(head, 'Image'),
    rows.map((cells, i) => withImage(cells, dash((calls[i] as GraphEdge).image))),
  );
}

export function componentPage(site: Site, node: GraphNode): string {
  const page = site.componentPage(node.id) as string;
  const index = site.index;
  const out: string[] = [];
  const crumbs = [link(page, 'index.md', 'Architecture')];
  if (node.system) crumbs.push(site.systemLink(page, node.system));
  out.push(`# ${md(node.id)}`, '', `${crumbs.join(' › ')} › ${md(node.id)}`, '');
  if (node.description) out.push(`> ${md(node.description)}`, '');
  const facts: string[][] = [['Kind', md(node.kind)]];
  facts.push(['System', node.system ? site.systemLink(page, node.system) : '*none*']);
  if (node.owner) facts.push(['Owner', md(node.owner)]);
  if (node.declared) facts.push(['Repo', md(node.declared.repo)], ['Manifest', declaredAt(node.declared)]);
  if (node.tags && node.tags.length > 0) facts.push(['Tags', node.tags.map(md).join(', ')]);
  if (node.discovered) facts.push(['Source', DISCOVERED_FROM]);
  out.push(table(['', ''], facts), '');

  const plan = planFocus(index, node.id, { depth: 1, render: renderFlowchart });
  out.push('## Neighbourhood', '', 'What calls it and what it calls.', '');
  plan.diagrams.forEach((diagram, i) => {
    out.push(site.diagram(page, `components/${fileSlug(node.id)}${i > 0 ? `-${i + 1}` : ''}`, diagram), '');
    for (const note of diagram.notes) out.push(`*${md(note)}*`, '');
  });

  if (node.provides && node.provides.length > 0) {
    const rows = node.provides.map((p) => {
      const consumers = (index.callsTo.get(node.id) ?? []).filter((e) => e.api === p.api);
      const list = consumers.map((e) => `${site.nodeLink(page, e.source)}${e.version ? ` (${md(e.version)})` : ''}`);
      return [code(p.api), md(p.protocol), code(p.version), list.join(', ')];
    });
    out.push('## Provides', '', table(['API', 'Protocol', 'Version', 'Consumers (version they use)'], rows), '');
  }

  const observed = site.snapshot.observed !== undefined;
  const calls = index.callsFrom.get(node.id) ?? [];
  out.push('## Calls', '');
  if (calls.length === 0) out.push('Nothing.', '');
  else {
    const header = ['Service', 'Kind', 'Protocol', 'API', 'Version', 'Pinned', 'Critical', 'Declared'];
    const row = (e: GraphEdge) => {
      const target = index.nodes.get(e.target) as GraphNode;
      const kind = target.unresolved ? '**unresolved**' : md(target.kind);
      return [
        site.nodeLink(page, e.target),
        kind,
        md(e.protocol ?? ''),
        dash(e.api),
        versionCell(e),
        pinCell(e),
        e.critical ? 'yes' : '',
        declaredCell(e),
      ];
    };
    out.push(callsTable(header, calls, row, observed), '');
  }

  const callers = index.callsTo.get(node.id) ?? [];
  out.push('## Called by', '');
  if (callers.length === 0) out.push('Nothing in the map calls it.', '');
  else {
    const header = ['Component', 'System', 'Protocol', 'API', 'Version', 'Pinned', 'Declared'];
    const row = (e: GraphEdge) => {
      const source = index.nodes.get(e.source) as GraphNode;
      return [
        site.nodeLink(page, e.source),
        site.systemLink(page, source.system),
        md(e.protocol ?? ''),
        dash(e.api),
        versionCell(e),
        pinCell(e),
        declaredCell(e),
      ];
    };
    out.push(callsTable(header, callers, row, observed), '');
  }

  const uses = index.librariesOf.get(node.id) ?? [];
  const direct = uses.filter((e) => !e.transitive);
  out.push('## Libraries', '');
  if (uses.length === 0) out.push('None declared.', '');
  else {
    const rows = direct.map((e) => {
      const lib = index.nodes.get(e.target) as GraphNode;
      return [
        link(page, site.librariesPageOf(lib), lib.name ?? lib.id, fileSlug(lib.id)),
        md(lib.ecosystem ?? lib.kind),
        dash(e.version),
        md(e.scope ?? 'runtime'),
        pinCell(e),
        declaredAt(e.declared),
      ];
    });
    out.push(table(['Library', 'Ecosystem', 'Version', 'Scope', 'Pinned', 'Declared'], rows), '');
    const transitive = uses.length - direct.length;
    if (transitive > 0)
      out.push(
        `And ${plural(transitive, 'transitive library', 'transitive libraries')} from lockfiles (in graph.json).`,
        '',
      );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
