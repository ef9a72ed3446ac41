/**
 * The architecture docs as files: index.md (overview diagram, systems, components,
 * resources, warnings), a page per system and per component, warnings.md, libraries.md,
 * every diagram as .mmd next to its page, and graph.json. Pure: the caller draws the SVGs
 * and writes the folder.
 *
 * Other parts of depmap add pages through `extraPages` (the history timeline does): each is
 * listed on the index under "More", and its diagrams are drawn like the others.
 */
import type { GraphNode, Snapshot } from '../../graph/types.js';
import { serializeSnapshot } from '../../graph/snapshot.js';
import { DISCOVERED_FROM, NOT_OBSERVED, OBSERVED_NODE, OBSERVED_ONLY } from '../legend.js';
import { renderFlowchart } from '../mermaid-flowchart.js';
import { planArchitecture } from '../plan.js';
import { systemMembers } from '../system-view.js';
import { componentPage, declaredAt } from './component-page.js';
import { LIBRARIES_PAGE, librariesPage } from './libraries-page.js';
import { anchor, diagramBlock, link, md, plural, table, type DiagramEmbed } from './markdown.js';
import { INLINE_LIST, SECTION_ROWS, Site } from './site.js';
import { systemPage } from './system-page.js';
import { WARNINGS_PAGE, warningCounts, warningsPage } from './warnings-page.js';

/** What a page added by another part of depmap gets to draw with. */
interface ExtraPageContext {
  snapshot: Snapshot;
  /** True when SVGs are drawn: use `diagram()` and it embeds the right thing either way. */
  svg: boolean;
  /** Markdown for a diagram on this page; `name` is its path without extension (`timeline`). */
  diagram(name: string, mermaid: string, alt: string): string;
}

export interface ExtraPage {
  /** Path inside the docs folder: `timeline.md`. */
  path: string;
  title: string;
  /** One line for the index. */
  summary?: string;
  render(context: ExtraPageContext): string;
  /** Other files to write with it (`timeline.json`), by path inside the docs folder. */
  files?: ReadonlyMap<string, string>;
}

export interface DocsOptions {
  /** Pages embed SVG images (drawn by the caller from `diagrams`); else Mermaid blocks. */
  svg: boolean;
  extraPages?: readonly ExtraPage[];
}

export interface Docs {
  /** Every file but the SVGs, by path inside the docs folder. */
  files: Map<string, string>;
  /** Every diagram, by path without extension: draw `<name>.svg` from each. */
  diagrams: { name: string; mermaid: string }[];
  /** What was split or left out, for stderr. */
  notes: string[];
}

const LEGEND =
  '<sub>**How to read the diagrams.** Boxes are components: rounded for services, a trapezoid for frontends, double sides for jobs and workers. ' +
  'Cylinders are databases and search engines, hexagons caches, parallelograms queues; orange pills are external services, red dashed ones unresolved services (called, but with no manifest). ' +
  'Edges go from caller to callee, labelled with the protocol and the API version used (a resource every caller reaches by the same protocol names it once, as in "queue · kafka"); thick edges are critical calls, dotted ones go to unresolved services, red ones have a version that is not pinned. ' +
  'Faded dashed boxes belong to other systems.</sub>';

/** Said only on a map that has discovered edges: the legend of a declared map stays as it was. */
const DISCOVERED_LEGEND =
  `<sub>**Discovered calls.** Dashed grey edges are ${DISCOVERED_FROM}. ` +
  'Nobody declared them, so they carry no API version: they are *unversioned*, which is not a finding, and are not drawn red (their images are still judged). ' +
  'Write a depmap.yaml for the component (`depmap init` starts one) to declare them.</sub>';

/** Said only on a map joined with observations (`--observed`). */
function observedLegend(snapshot: Snapshot): string {
  const observed = snapshot.observed as NonNullable<Snapshot['observed']>;
  const files = plural(observed.files.length, 'file');
  const window = observed.window ? `, from ${md(observed.window.from)} to ${md(observed.window.to)}` : '';
  return (
    `<sub>**Observed calls.** The calls were compared with observations (${files}${window}). ` +
    `Dashed teal edges are ${OBSERVED_ONLY}, labelled with how many calls were seen (and errors); ` +
    `faded grey edges are ${NOT_OBSERVED}; dashed teal boxes are ${OBSERVED_NODE}. ` +
    'Edges seen and declared are drawn as usual, with their call count. ' +
    'The tables of calls say the same in their Observed column.</sub>'
  );
}

export function buildDocs(input: Snapshot, options: DocsOptions): Docs {
  const site = new Site(input, options.svg);
  const snapshot = site.snapshot;
  const files = new Map<string, string>();
  const notes: string[] = [];
  const components = snapshot.nodes.filter((n) => n.type === 'component');
  const systems: (string | null)[] = [...site.index.systems];
  if (systemMembers(site.index, null).components.length > 0) systems.push(null);

  // Pages first: each registers its diagrams with the site.
  const extra = (options.extraPages ?? []).map((p) => {
    const context: ExtraPageContext = {
      snapshot,
      svg: options.svg,
      diagram: (name, mermaid, alt) => {
        site.diagrams.set(name, mermaid);
        return diagramBlock(p.path, { name, mermaid, alt } satisfies DiagramEmbed, options.svg);
      },
    };
    files.set(p.path, p.render(context));
    for (const [file, content] of p.files ?? []) files.set(file, content);
    return p;
  });
  files.set('index.md', indexPage(site, systems, extra, notes));
  for (const system of systems) files.set(site.systemPage(system), systemPage(site, system));
  for (const node of components) files.set(site.componentPage(node.id) as string, componentPage(site, node));
  files.set(WARNINGS_PAGE, warningsPage(site));
  files.set(LIBRARIES_PAGE, librariesPage(site));
  for (const [file, render] of site.pages) files.set(file, render());
  files.set('graph.json', serializeSnapshot(input));
  const diagrams = [...site.diagrams].map(([name, mermaid]) => ({ name, mermaid }));
  for (const d of diagrams) files.set(`${d.name}.mmd`, d.mermaid);
  return { files, diagrams, notes };
}

function indexPage(site: Site, systems: (string | null)[], extra: readonly ExtraPage[], notes: string[]): string {
  const page = 'index.md';
  const { snapshot, index } = site;
  const count = (type: GraphNode['type']) => snapshot.nodes.filter((n) => n.type === type).length;
  const calls = snapshot.edges.filter((e) => e.type === 'calls-service').length;
  const uses = snapshot.edges.filter((e) => e.type === 'uses-library').length;
  const out: string[] = [
    '# Architecture',
    '',
    '<!-- Written by `depmap docs` from the depmap.yaml manifests: edit those, not this folder. -->',
    '',
    `${plural(count('component'), 'component')} in ${plural(index.systems.length, 'system')}, ${plural(count('resource'), 'resource')} and ` +
      `${plural(count('library'), 'library', 'libraries')}; ${plural(calls, 'service call')} and ${plural(uses, 'library use')}, ` +
      `from ${plural(snapshot.repos.length, 'repo')}.`,
    '',
    [
      `[Systems](#systems)`,
      `[Components](#components)`,
      `[Resources](#resources)`,
      `[Warnings](#warnings)`,
      link(page, LIBRARIES_PAGE, 'Libraries'),
      ...extra.map((p) => link(page, p.path, p.title)),
      link(page, 'graph.json', 'graph.json'),
    ].join(' · '),
    '',
  ];

  const plan = planArchitecture(index, { render: renderFlowchart });
  const first = plan.diagrams[0];
  out.push('## Overview', '');
  if (first && first.kind === 'architecture') {
    out.push(site.diagram(page, 'architecture', first), '');
  } else if (first) {
    out.push(
      'The whole map is too large for one readable diagram, so this overview shows the systems and how many calls go between them; ' +
        "each system's page has its own diagram.",
      '',
      site.diagram(page, 'overview', first),
      '',
    );
  }
  out.push(LEGEND, '');
  if (snapshot.edges.some((e) => e.discovered)) out.push(DISCOVERED_LEGEND, '');
  if (snapshot.observed) out.push(observedLegend(snapshot), '');
  for (const note of plan.notes) {
    notes.push(note);
    out.push(`*${md(note)}*`, '');
  }

  out.push('## Systems', '');
  const systemRows = systems.map((system) => {
    const own = systemMembers(index, system);
    const members = new Set([...own.components, ...own.resources]);
    let out = 0;
    let into = 0;
    for (const id of own.components) {
      out += (index.callsFrom.get(id) ?? []).filter((e) => !members.has(e.target)).length;
      into += (index.callsTo.get(id) ?? []).filter((e) => !members.has(e.source)).length;
    }
    const owners = [
      ...new Set(own.components.map((id) => index.nodes.get(id)?.owner).filter((o): o is string => o !== undefined)),
    ].sort();
    return [
      link(page, site.systemPage(system), system ?? 'no system'),
      String(own.components.length),
      String(own.resources.length),
      String(out),
      String(into),
      owners.map(md).join(', '),
    ];
  });
  out.push(
    table(['System', 'Components', 'Resources', 'Calls out', 'Calls in', 'Owners'], systemRows) ||
      'No systems: give components a `system:` in their manifests.',
    '',
  );

  out.push('## Components', '');
  const components = snapshot.nodes.filter((n) => n.type === 'component');
  if (components.length > SECTION_ROWS) {
    // Thousands of rows are no index: each system's page lists its own.
    out.push(
      `${plural(components.length, 'component')}: each system's page above lists its own, and every component has a page under \`components/\`.`,
      '',
    );
  }
  const componentRows = (components.length > SECTION_ROWS ? [] : components).map((n) => [
    site.nodeLink(page, n.id),
    md(n.kind),
    n.system ? site.systemLink(page, n.system) : '',
    md(n.owner ?? ''),
    md(n.declared?.repo ?? ''),
    declaredAt(n.declared),
    String((index.callsFrom.get(n.id) ?? []).length),
    String((index.callsTo.get(n.id) ?? []).length),
    String((index.librariesOf.get(n.id) ?? []).filter((e) => !e.transitive).length),
  ]);
  out.push(
    table(
      ['Component', 'Kind', 'System', 'Owner', 'Repo', 'Manifest', 'Calls', 'Called by', 'Libraries'],
      componentRows,
    ) || (components.length > 0 ? '' : 'No components.'),
    '',
  );

  out.push('## Resources', '', 'Databases, queues, caches, external and unresolved services the components call.', '');
  const resourceRows = snapshot.nodes
    .filter((n) => n.type === 'resource')
    .map((n) => {
      const users = [...new Set((index.callsTo.get(n.id) ?? []).map((e) => e.source))];
      const group = index.groupOf.get(n.id);
      const where = group?.startsWith('system:')
        ? site.systemLink(page, group.slice('system:'.length))
        : group === 'group:shared'
          ? '*shared*'
          : group === 'group:external'
            ? '*external*'
            : '';
      return [
        md(n.id),
        n.unresolved ? '**unresolved**' : md(n.kind),
        where,
        users.length > INLINE_LIST
          ? plural(users.length, 'component')
          : users.map((u) => site.nodeLink(page, u)).join(', '),
      ];
    });
  out.push(table(['Resource', 'Kind', 'System', 'Used by'], resourceRows) || 'None.', '');

  out.push('## Warnings', '');
  const counts = warningCounts(site);
  out.push(
    table(
      ['Warning', 'Count'],
      counts.map((c) => [
        link(page, WARNINGS_PAGE, c.heading, anchor(c.heading)),
        c.count > 0 ? `**${c.count}**` : '0',
      ]),
    ),
    '',
  );
  if (extra.length > 0) {
    out.push('## More', '');
    for (const p of extra) out.push(`- ${link(page, p.path, p.title)}${p.summary ? `: ${md(p.summary)}` : ''}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
