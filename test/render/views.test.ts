import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type GraphEdge,
  type GraphNode,
  type Snapshot,
} from '../../src/graph/types.js';
import { renderDot } from '../../src/render/dot.js';
import { diagramId, fileSlug } from '../../src/render/ids.js';
import { renderArchitecture } from '../../src/render/mermaid-architecture.js';
import { renderFlowchart } from '../../src/render/mermaid-flowchart.js';
import { mermaidLabel as mermaidText } from '../../src/render/escape/index.js';
import { callLabel, EXTERNAL_GROUP, indexGraph, SHARED_GROUP, systemKey } from '../../src/render/placement.js';
import { MERMAID_LIMITS, planArchitecture, planFocus, planSystem, truncate } from '../../src/render/plan.js';
import { architectureView } from '../../src/render/architecture-view.js';
import { focusView } from '../../src/render/focus-view.js';
import { librariesView } from '../../src/render/libraries-view.js';
import { overviewView } from '../../src/render/overview-view.js';
import { systemView } from '../../src/render/system-view.js';
import { ODD_COMPONENTS, oddSnapshot } from './odd-names.js';
import { discoveredSnapshot } from './discovered-org.js';
import { demoSnapshot } from './orgs.js';

const edgeCount = (mermaid: string) => mermaid.split('\n').filter((l) => /^\s+\S+ (-->|==>|-\.->)/.test(l)).length;

describe('ids and escaping', () => {
  it('keeps plain names readable and maps every other name to its own id', () => {
    expect(diagramId('n', 'orders-db')).toBe('n_orders_db');
    expect(diagramId('n', 'end')).toBe('n_end');
    const names = ['a-b', 'a_b', 'a b', 'a.b', 'A-b', 'ünï', '', '"', 'x'.repeat(200), 'o', 'x'];
    const ids = names.map((n) => diagramId('n', n));
    expect(new Set(ids).size).toBe(names.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(diagramId('n', 'a.b')).toBe(diagramId('n', 'a.b'));
  });

  it('gives file names that do not collide, even on case-insensitive file systems', () => {
    expect(fileSlug('commerce')).toBe('commerce');
    const slugs = ['Billing', 'billing', 'a/b', '../x', 'CON', 'data.ml', '.hidden'].map(fileSlug);
    expect(new Set(slugs.map((s) => s.toLowerCase())).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
  });

  it('writes quotes, entities and HTML in labels as Mermaid entities', () => {
    expect(mermaidText('a"b#c<d>&`e\nf')).toBe('a#34;b#35;c#60;d#62;#38;#96;e f');
  });
});

describe('views of the demo organisation', () => {
  it('places resources in the system of their callers, shared ones apart, externals together', async () => {
    const index = indexGraph(await demoSnapshot());
    expect(index.groupOf.get('orders-db')).toBe(systemKey('commerce'));
    expect(index.groupOf.get('order-events')).toBe(SHARED_GROUP);
    expect(index.groupOf.get('stripe')).toBe(EXTERNAL_GROUP);
    expect(index.groupOf.has('recommendations')).toBe(false);
  });

  it('draws shapes by kind and marks unresolved, critical and unpinned', async () => {
    const index = indexGraph(await demoSnapshot());
    const text = renderFlowchart(architectureView(index));
    expect(text).toContain('n_orders_db[("orders-db<br/><small>database · sql</small>")]');
    expect(text).toContain('n_session_cache{{"session-cache');
    expect(text).toContain('n_order_events[/"order-events');
    expect(text).toContain('n_web_shop[/"web-shop<br/><small>frontend</small>"\\]');
    expect(text).toContain('n_search_indexer[["search-indexer');
    expect(text).toContain('n_stripe(["stripe');
    expect(text).toContain('n_web_shop -.->|"http 1.0.0"| n_recommendations');
    expect(text).toContain('n_checkout ==>|"grpc 3.2.0"| n_payments');
    expect(text).toMatch(/class n_recommendations unresolved/);
    expect(text).not.toContain('lodash');
    const withLibraries = renderFlowchart(architectureView(index, { libraries: true }));
    expect(withLibraries).toMatch(/n_web_shop -->\|"\^4\.17\.21 · unpinned"\| nx_pkg_npm_lodash_\w+/);
    expect(withLibraries).toMatch(/linkStyle \d+ stroke:#dc2626/);
  });

  it('labels calls with protocol and version, and says what is not pinned', () => {
    const base = {
      key: 'a -> b',
      type: 'calls-service',
      source: 'a',
      target: 'b',
      declared: { repo: 'r', file: 'f', line: 1, col: 1 },
    } as const;
    expect(callLabel({ ...base, pin: { pinned: true }, protocol: 'grpc', version: '3.2.0' })).toBe('grpc 3.2.0');
    expect(callLabel({ ...base, pin: { pinned: false }, protocol: 'http', version: '2.x' })).toBe(
      'http 2.x · unpinned',
    );
    expect(callLabel({ ...base, pin: { pinned: true }, imagePin: { pinned: false }, protocol: 'sql' })).toBe(
      'sql · unpinned image',
    );
  });

  it('names the protocol once on a resource every caller reaches the same way, and labels only what differs', async () => {
    const snapshot = await demoSnapshot();
    const look = (diagram: ReturnType<typeof architectureView>) => {
      const node = (key: string) => diagram.nodes.find((n) => n.key === key);
      const into = (key: string) => diagram.edges.filter((e) => e.target === node(key)?.id).map((e) => e.label);
      return { node, into };
    };
    const { node, into } = look(architectureView(indexGraph(snapshot)));
    expect(node('order-events')?.detail).toBe('queue · kafka');
    expect(into('order-events')).toEqual([undefined, undefined, undefined]);
    expect(node('orders-db')?.detail).toBe('database · sql');
    // Services and third parties keep their labels: the API version is what matters there.
    expect(into('orders')).toEqual(['http 1.8.0', 'http 1.8.0']);
    expect(node('stripe')?.detail).toBe('external');
    expect(into('stripe')).toEqual(['http 2024-06-20']);
    expect(renderFlowchart(architectureView(indexGraph(snapshot)))).toContain('  n_checkout --> n_order_events\n');

    // A call that says more keeps what is particular to it; one with a version keeps them all.
    const change = (patch: Partial<GraphEdge>): Snapshot => ({
      ...snapshot,
      edges: snapshot.edges.map((e) => (e.source === 'orders' && e.target === 'order-events' ? { ...e, ...patch } : e)),
    });
    const unpinned = look(architectureView(indexGraph(change({ imagePin: { pinned: false, reason: 'a tag' } }))));
    expect(unpinned.node('order-events')?.detail).toBe('queue · kafka');
    expect(unpinned.into('order-events')).toEqual([undefined, undefined, 'unpinned image']);
    const versioned = look(architectureView(indexGraph(change({ version: '3.7' }))));
    expect(versioned.node('order-events')?.detail).toBe('queue');
    expect(versioned.into('order-events')).toEqual(['kafka', 'kafka', 'kafka 3.7']);
  });

  it('focuses on callers and callees, up to a depth', async () => {
    const index = indexGraph(await demoSnapshot());
    const keys = (d: { nodes: { key: string }[] }) => d.nodes.map((n) => n.key).sort();
    expect(keys(focusView(index, 'orders'))).toEqual(['checkout', 'inventory', 'order-events', 'orders', 'orders-db']);
    const deep = keys(focusView(index, 'checkout', { depth: 2 }));
    expect(deep).toContain('web-shop');
    expect(deep).toContain('stripe');
    expect(deep).not.toContain('catalog');
    expect(focusView(index, 'orders').nodes.find((n) => n.key === 'orders')?.focus).toBe(true);
    expect(keys(focusView(index, 'pkg:npm/express'))).toEqual(['checkout', 'notifications', 'pkg:npm/express']);
  });

  it("draws a system with the other systems' components faded in their own groups", async () => {
    const index = indexGraph(await demoSnapshot());
    const diagram = systemView(index, 'commerce');
    expect(diagram.groups.map((g) => `${g.label}:${g.style}`)).toEqual([
      'catalog (other system):ghost',
      'commerce:system',
      'identity (other system):ghost',
      'shared infrastructure:shared',
      'external services:external',
    ]);
    expect(diagram.nodes.find((n) => n.key === 'inventory')?.style).toBe('ghost');
    expect(diagram.nodes.some((n) => n.key === 'catalog-db')).toBe(false);
  });

  it("lists a component's libraries by ecosystem with versions and pin status", async () => {
    const index = indexGraph(await demoSnapshot());
    const diagram = librariesView(index, 'web-shop');
    expect(diagram.groups.map((g) => g.label)).toEqual(['npm']);
    expect(diagram.nodes.find((n) => n.label === 'lodash')?.style).toBe('unpinned');
    expect(diagram.edges.map((e) => e.label)).toContain('5.5.4 (dev)');
  });

  it('counts calls between systems in the overview, and who uses shared and external services', async () => {
    const diagram = overviewView(indexGraph(await demoSnapshot()));
    const edges = diagram.edges.map((e) => `${e.source}->${e.target}:${e.label}`);
    expect(edges).toEqual([
      'sys_catalog->sys_commerce:1 call',
      'sys_commerce->sys_catalog:2 calls',
      'sys_commerce->sys_identity:1 call',
    ]);
    expect(diagram.nodes.find((n) => n.id === 'grp_shared')?.detail).toBe('1 resource\nused by 2 systems');
  });

  it('draws names with any characters as valid, distinct ids and faithful labels', () => {
    const snapshot = oddSnapshot();
    const index = indexGraph(snapshot);
    const diagram = architectureView(index);
    const ids = diagram.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const groupIds = diagram.groups.map((g) => g.id);
    expect(new Set([...ids, ...groupIds]).size).toBe(ids.length + groupIds.length);
    const text = renderFlowchart(diagram);
    for (const line of text.split('\n').filter((l) => /^\s+n/.test(l) && l.includes('"'))) {
      // Quotes only open and close labels.
      expect(line.split('"').length % 2, line).toBe(1);
    }
    const decoded = text.replace(/#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    for (const name of ODD_COMPONENTS) expect(decoded).toContain(`"${name}<br/>`);
    expect(renderArchitecture(diagram)).not.toMatch(/\[[^\]\n]*\[/);
    const dot = renderDot(diagram);
    expect(dot).toContain('label="a\\"quote\\nservice"');
  });
});

function hubSnapshot(callers: number, options: { sameSystem?: boolean } = {}): Snapshot {
  const declared = { repo: 'r', file: 'depmap.yaml', line: 1, col: 1 };
  const nodes: GraphNode[] = [{ id: 'hub', type: 'component', kind: 'service', system: 'core', declared }];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < callers; i++) {
    const id = `caller-${String(i).padStart(4, '0')}`;
    nodes.push({
      id,
      type: 'component',
      kind: 'service',
      system: options.sameSystem ? 'core' : `s${i % 12}`,
      declared,
    });
    edges.push({
      key: `${id} -> hub`,
      type: 'calls-service',
      source: id,
      target: 'hub',
      pin: { pinned: true },
      declared,
      protocol: 'http',
      version: '1.0.0',
    });
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    generator: 'test',
    repos: [],
    nodes,
    edges,
    problems: [],
  };
}

describe("staying under Mermaid's limits", () => {
  const render = renderFlowchart;

  it('collapses the callers of a hub from other systems into one node per system', () => {
    const index = indexGraph(hubSnapshot(600));
    const plan = planSystem(index, 'core', { render });
    expect(plan.diagrams).toHaveLength(1);
    const text = render(plan.diagrams[0] as NonNullable<(typeof plan.diagrams)[0]>);
    expect(edgeCount(text)).toBe(12);
    expect(text).toContain('"50 calls"');
    expect(text).toContain('other system</small><br/><small>50 components involved');
    // Collapsing systems with many neighbours is how a system is drawn anyway: nothing to say.
    expect(plan.notes).toEqual([]);
  });

  it('splits a system into parts, and cuts one that cannot be split, saying how many edges were left out', () => {
    const index = indexGraph(hubSnapshot(700, { sameSystem: true }));
    const plan = planSystem(index, 'core', { render });
    expect(plan.diagrams.length).toBeGreaterThan(1);
    for (const diagram of plan.diagrams) {
      const text = render(diagram);
      expect(edgeCount(text)).toBeLessThanOrEqual(MERMAID_LIMITS.maxEdges);
      expect(text.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
    }
    expect(plan.notes[0]).toMatch(/split into \d+ parts$/);
  });

  it('draws the hundreds of callers of a hub as one node per system in its focus view', () => {
    const index = indexGraph(hubSnapshot(600));
    const plan = planFocus(index, 'hub', { render });
    const text = render(plan.diagrams[0] as NonNullable<(typeof plan.diagrams)[0]>);
    expect(edgeCount(text)).toBe(12);
    expect(text).toContain('agg_s0["s0<br/><small>components of this system</small>"]');
    expect(text).toContain('agg_s0 -->|"50 calls"| n_hub');
    expect(plan.notes).toEqual([
      'hub and its neighbours (depth 1): 600 edges (Mermaid draws at most 500) and 69,842 characters (Mermaid reads at most 50,000); neighbours drawn as one node per system',
    ]);
  });

  it('truncates to the most edges that fit', () => {
    const index = indexGraph(hubSnapshot(50, { sameSystem: true }));
    const limits = { maxEdges: 10, maxTextSize: 3_000 };
    const cut = truncate(systemView(index, 'core'), { render, limits });
    expect(cut.edges.length).toBeLessThanOrEqual(10);
    expect(render(cut).length).toBeLessThanOrEqual(3_000);
    expect(cut.notes.at(-1)).toMatch(/^\d+ of 50 edges left out to stay under Mermaid's limits$/);
  });

  it('keeps a small organisation in one diagram', async () => {
    const plan = planArchitecture(indexGraph(await demoSnapshot()), { render });
    expect(plan.diagrams.map((d) => d.name)).toEqual(['architecture']);
    expect(plan.notes).toEqual([]);
  });
});

describe('discovered calls', () => {
  it('are drawn in their own style, never red; declared calls keep theirs', () => {
    const diagram = architectureView(indexGraph(discoveredSnapshot()));
    const edges = diagram.edges.map((e) => {
      const [edge] = e.edges as [GraphEdge];
      return `${edge.source}->${edge.target}${e.discovered ? ' discovered' : ''}${e.unpinned ? ' red' : ''} "${e.label ?? ''}"`;
    });
    expect(edges).toEqual([
      'cart->cart-cache discovered "unpinned image"',
      'orders->cart discovered "http"',
      'orders->events discovered "unpinned image"',
      'orders->orders-db discovered ""',
      'payments->ledger red "grpc · unpinned"',
      'payments->orders "http 2.1.0"',
      'payments->payments-db ""',
      'web->cart discovered "http"',
      'web->orders discovered "http"',
      'worker->events discovered "unpinned image"',
    ]);
  });

  it('say nothing of their missing version: they are unversioned, not unpinned', () => {
    const call = discoveredSnapshot().edges.find((e) => e.key === 'web -> orders (http)') as GraphEdge;
    expect(call.pin).toEqual({
      pinned: true,
      unversioned: true,
      reason: 'discovered from deployment files; no API version declared',
    });
    expect(callLabel(call)).toBe('http');
    // A snapshot that says otherwise (hand-made) is still not unpinned.
    expect(callLabel({ ...call, pin: { pinned: false, unversioned: true } })).toBe('http');
  });

  it('get a legend in every renderer, only where a diagram draws them', async () => {
    const discovered = architectureView(indexGraph(discoveredSnapshot()));
    const legend = 'discovered from deployment files (not declared in a depmap.yaml)';
    expect(renderFlowchart(discovered)).toContain(`legend_discovered["dashed grey arrows: ${legend}"]`);
    expect(renderDot(discovered)).toContain(`"legend_from" -> "legend_to" [label="${legend}"`);
    expect(renderArchitecture(discovered)).toContain(`[(discovered): its calls are ${legend}] in grp_legend`);
    const declared = architectureView(indexGraph(await demoSnapshot()));
    for (const text of [renderFlowchart(declared), renderDot(declared), renderArchitecture(declared)])
      expect(text).not.toContain('legend');
  });

  it('make an aggregate discovered only when every call in it is', () => {
    const snapshot = discoveredSnapshot();
    const systems: Record<string, string> = {
      payments: 'billing',
      web: 'billing',
      orders: 'shop',
      worker: 'shop',
      cart: 'store',
    };
    const overview = overviewView(
      indexGraph({
        ...snapshot,
        nodes: snapshot.nodes.map((n) => (systems[n.id] ? { ...n, system: systems[n.id] } : n)),
      }),
    );
    const edge = (from: string, to: string) => {
      const found = overview.edges.find(
        (e) => e.source === diagramId('sys', from) && e.target === diagramId('sys', to),
      );
      return found && { label: found.label, discovered: found.discovered === true, red: found.unpinned };
    };
    // payments -> orders is declared, web -> orders discovered: the aggregate is drawn as declared.
    expect(edge('billing', 'shop')).toEqual({ label: '2 calls', discovered: false, red: false });
    expect(edge('billing', 'store')).toEqual({ label: '1 call', discovered: true, red: false });
    expect(edge('shop', 'store')).toEqual({ label: '1 call', discovered: true, red: false });
  });
});
