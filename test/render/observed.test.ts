/**
 * Diagrams of a map joined with its traces: observed-only calls dashed teal with their call
 * count, declared calls never seen faded, names only the traces know in dashed teal boxes,
 * each said in a legend, in every format; and a map without observations drawn as before.
 */
import { describe, expect, it } from 'vitest';
import type { GraphEdge, Snapshot } from '../../src/graph/types.js';
import { buildDocs } from '../../src/render/docs/build-docs.js';
import { NOT_OBSERVED, OBSERVED_NODE, OBSERVED_ONLY } from '../../src/render/legend.js';
import { NODE_PAINT, OBSERVED_EDGE, UNOBSERVED_EDGE, UNPINNED_EDGE } from '../../src/render/palette.js';
import { renderView, type ViewRequest } from '../../src/render/select-view.js';
import { observedSnapshot } from './observed-org.js';

type Request = Omit<ViewRequest, 'format' | 'style'> & Partial<Pick<ViewRequest, 'format' | 'style'>>;

const draw = (snapshot: Snapshot, request: Request) =>
  renderView(snapshot, { format: 'mermaid', style: 'flowchart', ...request }).outputs.map((o) => o.text);
const one = (snapshot: Snapshot, request: Request) => draw(snapshot, request)[0] as string;

/** Edge lines of a flowchart, in order (linkStyle numbers them so). */
const edgeLines = (mermaid: string) => mermaid.split('\n').filter((l) => /^\s+\S+ (-->|==>|-\.->)/.test(l));

/** The linkStyle that styles the `index`th edge. */
function linkStyleOf(mermaid: string, index: number): string | undefined {
  for (const line of mermaid.split('\n')) {
    const match = /^\s+linkStyle ([\d,]+) (.*)$/.exec(line);
    if (match?.[1]?.split(',').map(Number).includes(index)) return match[2];
  }
  return undefined;
}

function styleOfEdge(mermaid: string, from: string, to: string): { label: string; style: string | undefined } {
  const lines = edgeLines(mermaid);
  const index = lines.findIndex((l) => new RegExp(`^\\s+${from} \\S+(?:\\|"[^"]*"\\|)? ${to}$`).test(l));
  expect(index, `${from} → ${to}`).toBeGreaterThanOrEqual(0);
  const label = /\|"([^"]*)"\|/.exec(lines[index] as string)?.[1] ?? '';
  return { label, style: linkStyleOf(mermaid, index) };
}

const OBSERVED_STYLE = `stroke:${OBSERVED_EDGE.stroke},stroke-dasharray:${OBSERVED_EDGE.dash}`;
const FADED_STYLE = `stroke:${UNOBSERVED_EDGE.stroke},stroke-opacity:${UNOBSERVED_EDGE.opacity}`;

/** The snapshot as it was before the join: no presence, no observations, no observed-only calls or names. */
function withoutObservations(snapshot: Snapshot): Snapshot {
  const edges = snapshot.edges
    .filter((e) => e.presence !== 'observed-only')
    .map(({ presence: _p, observed: _o, ...rest }) => rest as GraphEdge);
  const { observed: _observed, ...rest } = snapshot;
  return { ...rest, nodes: snapshot.nodes.filter((n) => !n.observedOnly), edges };
}

describe('a map joined with its traces, as a Mermaid flowchart', () => {
  const snapshot = observedSnapshot();
  const architecture = one(snapshot, { view: 'architecture' });

  it('draws an observed-only call dashed teal, with its call count and errors, never red', () => {
    const web = styleOfEdge(architecture, 'n_web', 'n_payments');
    expect(web.label).toBe('http · 57 calls · 2 errors');
    expect(web.style).toContain(OBSERVED_STYLE);
    expect(web.style).not.toContain(UNPINNED_EDGE.stroke);
    expect(styleOfEdge(architecture, 'n_reporter', 'n_orders').label).toBe('http · 40 calls');
  });

  it('fades a declared call the traces never show, and keeps a seen one as it was, with its count', () => {
    const stale = styleOfEdge(architecture, 'n_orders', 'n_search');
    expect(stale).toEqual({ label: 'http 1.0.0', style: `${FADED_STYLE},color:${UNOBSERVED_EDGE.text}` });
    const seen = styleOfEdge(architecture, 'n_web', 'n_orders');
    expect(seen).toEqual({ label: 'http 2.1.0 · 1,204 calls · 3 errors', style: undefined });
    // Critical, seen: thick as ever.
    expect(edgeLines(architecture)).toContain('  n_orders ==>|"grpc 1.4.0 · 310 calls"| n_payments');
  });

  it('keeps an unpinned call red even when the traces never show it', () => {
    const ledger = styleOfEdge(architecture, 'n_payments', 'n_ledger');
    expect(ledger.label).toBe('grpc ^3.0.0 · unpinned');
    expect(ledger.style).toContain(`stroke:${UNPINNED_EDGE.stroke}`);
  });

  it('draws a name only the traces know in a dashed teal box, and says all three in the legend', () => {
    expect(architecture).toContain('n_fraud_check(["fraud-check<br/><small>service · observed only · http</small>"])');
    expect(architecture).toContain(`classDef observed fill:${NODE_PAINT.observed.fill},stroke:${OBSERVED_EDGE.stroke}`);
    expect(architecture).toMatch(/classDef observed [^\n]*stroke-dasharray/);
    expect(architecture).toContain('  class n_fraud_check observed');
    expect(architecture).toContain(`legend_observed["dashed teal arrows, with their call count: ${OBSERVED_ONLY}"]`);
    expect(architecture).toContain(`legend_unobserved["faded grey arrows: ${NOT_OBSERVED}"]`);
    expect(architecture).toContain(`legend_observed_node["dashed teal boxes: ${OBSERVED_NODE}"]`);
  });

  it('gives a legend line only for what the diagram draws', () => {
    // The focus on search: two calls into it, neither seen; no undeclared call, no observed-only name.
    const focus = one(snapshot, { view: 'focus', focus: 'search' });
    expect(focus).toContain('legend_unobserved');
    expect(focus).not.toContain('legend_observed');
    expect(focus).not.toContain('legend_discovered');
  });

  it('draws an aggregate observed-only (or faded) only when all its calls are, and counts a mix', () => {
    const overview = one(snapshot, { view: 'overview' });
    expect(styleOfEdge(overview, 'sys_ops', 'sys_shop')).toEqual({
      label: '1 call · 40 observed calls',
      style: `${OBSERVED_STYLE},stroke-width:2px,color:${OBSERVED_EDGE.text}`,
    });
    expect(styleOfEdge(overview, 'sys_billing', 'sys_shop').style).toBe(`${FADED_STYLE},color:${UNOBSERVED_EDGE.text}`);
    // orders → payments (seen, declared), web → payments and orders → ledger (undeclared).
    expect(styleOfEdge(overview, 'sys_shop', 'sys_billing')).toEqual({
      label: '3 calls · 2 undeclared · 376 observed calls · 2 errors',
      style: 'stroke-width:2px',
    });
  });

  it('draws a collapsed neighbour the same way in a system view', () => {
    const system = draw(snapshot, { view: 'system', system: 'billing', maxEdges: 80 });
    const text = system.join('\n');
    expect(text).toContain('n_web');
    expect(styleOfEdge(system[0] as string, 'n_web', 'n_payments').style).toContain(OBSERVED_STYLE);
  });

  it('draws a map without observations as before: no presence, no legend, no counts', () => {
    const plain = withoutObservations(snapshot);
    const text = one(plain, { view: 'architecture' });
    expect(text).not.toContain('legend');
    expect(text).not.toContain('calls');
    expect(text).not.toContain(OBSERVED_EDGE.stroke);
    expect(text).not.toContain(UNOBSERVED_EDGE.stroke);
    // Presence marks without a joined summary: nothing is stale, only unknown.
    const marked = { ...snapshot, observed: undefined };
    const marks = one(marked, { view: 'architecture' });
    expect(marks).not.toContain('legend_unobserved');
    expect(marks).toContain('legend_observed');
  });

  it('escapes what the traces name: node names and protocols reach Mermaid only as entities', () => {
    const odd = observedSnapshot();
    odd.nodes.push({ id: 'x"]-->evil<script>%%{init}%%', type: 'resource', kind: 'service', observedOnly: true });
    odd.edges.push({
      key: 'web -> odd [observed]',
      type: 'calls-service',
      source: 'web',
      target: 'x"]-->evil<script>%%{init}%%',
      pin: { pinned: true, unversioned: true },
      declared: { repo: 'observed', file: 'traces.jsonl', line: 1, col: 1 },
      presence: 'observed-only',
      observed: { calls: 3, errors: 0, protocol: 'h"t|tp<b>', sources: ['traces.jsonl'] },
    });
    const text = one(odd, { view: 'architecture' });
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('%%{');
    expect(text).toContain('#34;t|tp#60;b#62; · 3 calls');
    const beta = one(odd, { view: 'architecture', style: 'architecture' });
    expect(beta).not.toMatch(/\[[^\]\n]*"\]-->/);
    expect(beta).not.toContain('%%');
    const dot = one(odd, { view: 'architecture', format: 'dot' });
    expect(dot).toContain('label="h\\"t|tp<b> · 3 calls"');
  });
});

describe('a map joined with its traces, in architecture-beta, DOT and JSON', () => {
  const snapshot = observedSnapshot();

  it('architecture-beta cannot style edges: its legend names the calls, and the node its title', () => {
    const beta = one(snapshot, { view: 'focus', focus: 'payments', style: 'architecture' });
    expect(beta).toContain('service n_fraud_check(cloud)[fraud-check (observed only)] in sys_billing');
    expect(beta).toContain(
      `service legend_observed(disk)[arrows ${OBSERVED_ONLY}: payments → fraud-check (12 calls), web → payments (57 calls)] in grp_legend`,
    );
    expect(beta).toContain(`service legend_unobserved(disk)[arrows ${NOT_OBSERVED}: payments → ledger] in grp_legend`);
    expect(beta).toContain(`service legend_observed_node(disk)[(observed only): ${OBSERVED_NODE}] in grp_legend`);
  });

  it('architecture-beta names five calls, then how many more', () => {
    const many = observedSnapshot();
    for (let i = 0; i < 7; i++)
      many.edges.push({
        ...(many.edges.find((e) => e.presence === 'observed-only') as GraphEdge),
        key: `web -> payments (http) [observed ${i}]`,
        source: 'reporter',
        target: ['web', 'search', 'ledger', 'payments', 'orders-db', 'fraud-check', 'reporter'][i] as string,
      });
    const beta = one(many, { view: 'architecture', style: 'architecture' });
    expect(beta).toMatch(/service legend_observed\(disk\)\[[^\]]*, and \d+ more\] in grp_legend/);
  });

  it('DOT draws observed-only calls dashed teal and unseen ones faded, with sample edges in the legend', () => {
    const dot = one(snapshot, { view: 'architecture', format: 'dot' });
    expect(dot).toContain(
      `"n_web" -> "n_payments" [label="http · 57 calls · 2 errors", penwidth=2, style="dashed", color="${OBSERVED_EDGE.stroke}", fontcolor="${OBSERVED_EDGE.text}"];`,
    );
    expect(dot).toContain(`"n_orders" -> "n_search" [label="http 1.0.0", color="#94a3b899", fontcolor="#94a3b8"];`);
    expect(dot).toContain(
      `"n_payments" -> "n_ledger" [label="grpc ^3.0.0 · unpinned", color="${UNPINNED_EDGE.stroke}"`,
    );
    expect(dot).toContain(`"n_fraud_check" [label="fraud-check\\nservice · observed only · http"`);
    expect(dot).toMatch(/"n_fraud_check" \[[^\]]*style="rounded,filled,dashed"/);
    expect(dot).toContain(`"legend_observed_from" -> "legend_observed_to" [label="${OBSERVED_ONLY}, with the number`);
    expect(dot).toContain(`"legend_unobserved_from" -> "legend_unobserved_to" [label="${NOT_OBSERVED}"`);
    expect(dot).toContain(`"legend_observed_node" [label="${OBSERVED_NODE}"`);
  });

  it('JSON says each drawn edge’s presence, with the observations of the calls behind it', () => {
    const json = JSON.parse(one(snapshot, { view: 'overview', format: 'json' })) as {
      legend: string[];
      edges: { source: string; target: string; presence?: string; label: string; edges: GraphEdge[] }[];
    };
    expect(json.legend).toEqual([
      `dashed teal arrows, with their call count: ${OBSERVED_ONLY}`,
      `faded grey arrows: ${NOT_OBSERVED}`,
    ]);
    const edge = (source: string, target: string) => json.edges.find((e) => e.source === source && e.target === target);
    expect(edge('system:ops', 'system:shop')?.presence).toBe('observed-only');
    expect(edge('system:ops', 'system:shop')?.edges[0]?.observed?.calls).toBe(40);
    expect(edge('system:billing', 'system:shop')?.presence).toBe('declared-only');
    expect(edge('system:shop', 'system:billing')).not.toHaveProperty('presence');
    expect(
      edge('system:shop', 'system:billing')
        ?.edges.map((e) => e.presence)
        .sort(),
    ).toEqual(['declared-and-observed', 'observed-only', 'observed-only']);
  });
});

describe('docs of a map joined with its traces', () => {
  it('adds an Observed column to the tables of calls and a paragraph to the legend', () => {
    const docs = buildDocs(observedSnapshot(), { svg: false });
    const orders = docs.files.get('components/orders.md') as string;
    expect(orders).toContain('| Critical | Observed | Declared |');
    expect(orders).toMatch(
      /\| \[ledger\]\(ledger\.md\) \| service \| grpc \|.*\| \*\*undeclared\*\*: 9 calls \| \*nowhere\* \|/,
    );
    expect(orders).toMatch(/\| \[search\]\(search\.md\) \|.*\| \*not seen\* \| `orders: depmap\.yaml:10` \|/);
    expect(orders).toContain('| 1,204 calls · 3 errors, last 2026-12-05 |');
    expect(docs.files.get('index.md')).toContain('**Observed calls.**');
    const plain = buildDocs(withoutObservations(observedSnapshot()), { svg: false });
    expect(plain.files.get('components/orders.md')).not.toContain('Observed');
    expect(plain.files.get('index.md')).not.toContain('Observed calls');
  });
});
