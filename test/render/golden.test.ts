/**
 * Golden files of every view, format and style, on the demo organisation and on a generated
 * large one (1,000+ edges, so every way of splitting is exercised). Refresh them with
 * `UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts` and review the diff.
 */
import { describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../src/graph/snapshot.js';
import type { Snapshot } from '../../src/graph/types.js';
import { buildDocs } from '../../src/render/docs/build-docs.js';
import { MERMAID_LIMITS } from '../../src/render/plan.js';
import { renderView, type ViewRequest } from '../../src/render/select-view.js';
import { discoveredSnapshot } from './discovered-org.js';
import { observedSnapshot } from './observed-org.js';
import { demoSnapshot, expectGoldenDir, largeOrg } from './orgs.js';

type Request = Omit<ViewRequest, 'style' | 'format'> & Partial<Pick<ViewRequest, 'style' | 'format'>>;

/** Renders `request` and adds its outputs to `files`, as `<prefix><name>.<ext>`. */
function add(files: Map<string, string>, snapshot: Snapshot, request: Request, prefix = ''): string[] {
  const rendered = renderView(snapshot, { format: 'mermaid', style: 'flowchart', ...request });
  for (const o of rendered.outputs) {
    const file = `${prefix}${o.name}.${o.extension}`;
    expect(files.has(file), `${file} rendered twice`).toBe(false);
    files.set(file, o.text);
  }
  return rendered.notes;
}

describe('golden diagrams: demo-org', () => {
  it('draws every view in every format as its golden file', async () => {
    const snapshot = await demoSnapshot();
    const files = new Map<string, string>();
    add(files, snapshot, { view: 'architecture' });
    add(files, snapshot, { view: 'architecture', style: 'architecture' }, 'beta/');
    add(files, snapshot, { view: 'architecture', libraries: true }, 'with-libraries/');
    add(files, snapshot, { view: 'overview' });
    for (const system of ['catalog', 'commerce', 'identity']) {
      add(files, snapshot, { view: 'system', system });
      add(files, snapshot, { view: 'system', system, format: 'dot' });
    }
    add(files, snapshot, { view: 'system', system: 'commerce', style: 'architecture' }, 'beta/');
    add(files, snapshot, { view: 'focus', focus: 'orders' });
    add(files, snapshot, { view: 'focus', focus: 'checkout', depth: 2 }, 'depth-2/');
    add(files, snapshot, { view: 'focus', focus: 'pkg:npm/express' });
    add(files, snapshot, { view: 'libraries', focus: 'web-shop' });
    add(files, snapshot, { view: 'libraries', focus: 'web-shop', format: 'dot' });
    for (const view of ['architecture', 'overview'] as const) add(files, snapshot, { view, format: 'dot' });
    add(files, snapshot, { view: 'focus', focus: 'orders', format: 'dot' });
    add(files, snapshot, { view: 'architecture', format: 'json' });
    add(files, snapshot, { view: 'focus', focus: 'orders', format: 'json' });
    expectGoldenDir('demo-org', files);
  });

  it('writes the docs folder as its golden files (without SVGs)', async () => {
    const snapshot = await demoSnapshot();
    const docs = buildDocs(snapshot, { svg: false });
    expect(docs.files.get('graph.json')).toBe(serializeSnapshot(snapshot));
    // graph.json holds the depmap version; it is checked above, not frozen.
    const files = new Map([...docs.files].filter(([name]) => name !== 'graph.json'));
    expectGoldenDir('demo-org-docs', files);
  });

  it('is deterministic: the same graph in another order gives the same bytes', async () => {
    const snapshot = await demoSnapshot();
    const shuffled: Snapshot = {
      ...snapshot,
      nodes: [...snapshot.nodes].reverse(),
      edges: [...snapshot.edges].reverse(),
    };
    for (const view of ['architecture', 'overview'] as const) {
      const a = renderView(snapshot, { view, format: 'mermaid', style: 'flowchart' }).outputs.map((o) => o.text);
      const b = renderView(shuffled, { view, format: 'mermaid', style: 'flowchart' }).outputs.map((o) => o.text);
      expect(b).toEqual(a);
    }
    expect(buildDocs(shuffled, { svg: false }).files.get('index.md')).toBe(
      buildDocs(snapshot, { svg: false }).files.get('index.md'),
    );
  });
});

describe('golden diagrams: a partly discovered organisation', () => {
  it('draws discovered calls dashed and grey with a legend, declared ones as before', () => {
    const snapshot = discoveredSnapshot();
    const files = new Map<string, string>();
    add(files, snapshot, { view: 'architecture' });
    add(files, snapshot, { view: 'architecture', style: 'architecture' }, 'beta/');
    add(files, snapshot, { view: 'architecture', format: 'dot' });
    add(files, snapshot, { view: 'architecture', format: 'json' });
    add(files, snapshot, { view: 'overview' });
    add(files, snapshot, { view: 'focus', focus: 'cart' });
    add(files, snapshot, { view: 'focus', focus: 'cart', style: 'architecture' }, 'beta/');
    add(files, snapshot, { view: 'libraries', focus: 'orders' });
    expectGoldenDir('discovered', files);
  });

  it('writes the docs folder as its golden files: discovered calls are unversioned, not unpinned', () => {
    const docs = buildDocs(discoveredSnapshot(), { svg: false });
    expectGoldenDir('discovered-docs', new Map([...docs.files].filter(([name]) => name !== 'graph.json')));
  });
});

describe('golden diagrams: an organisation joined with its traces', () => {
  it('draws observed-only calls dashed teal with their counts, unseen ones faded, with a legend', () => {
    const snapshot = observedSnapshot();
    const files = new Map<string, string>();
    add(files, snapshot, { view: 'architecture' });
    add(files, snapshot, { view: 'architecture', style: 'architecture' }, 'beta/');
    add(files, snapshot, { view: 'architecture', format: 'dot' });
    add(files, snapshot, { view: 'architecture', format: 'json' });
    add(files, snapshot, { view: 'overview' });
    add(files, snapshot, { view: 'overview', format: 'dot' });
    add(files, snapshot, { view: 'overview', style: 'architecture' }, 'beta/');
    add(files, snapshot, { view: 'system', system: 'shop' });
    add(files, snapshot, { view: 'system', system: 'billing', format: 'dot' });
    add(files, snapshot, { view: 'focus', focus: 'orders' });
    add(files, snapshot, { view: 'focus', focus: 'payments', style: 'architecture' }, 'beta/');
    expectGoldenDir('observed', files);
  });

  it('writes the docs folder as its golden files, with an Observed column and its legend', () => {
    const docs = buildDocs(observedSnapshot(), { svg: false });
    expectGoldenDir('observed-docs', new Map([...docs.files].filter(([name]) => name !== 'graph.json')));
  });
});

describe('golden diagrams: a generated large organisation', () => {
  it('has more than 1,000 service calls (so splitting is exercised)', async () => {
    const { snapshot } = await largeOrg();
    expect(snapshot.edges.filter((e) => e.type === 'calls-service').length).toBeGreaterThan(1000);
  });

  it("splits the architecture into an overview and a diagram per system, every one under Mermaid's limits", async () => {
    const { snapshot } = await largeOrg();
    const files = new Map<string, string>();
    const notes = add(files, snapshot, { view: 'architecture' });
    expect(notes[0]).toMatch(
      /^the organisation diagram has 1,\d{3} edges \(Mermaid draws at most 500\).*overview of the systems and one diagram per system/,
    );
    expect(notes.some((n) => /^system platform: .*split into \d+ parts$/.test(n))).toBe(true);
    expect(files.has('overview.mmd')).toBe(true);
    expect([...files.keys()].filter((f) => f.startsWith('system-platform-part-')).length).toBeGreaterThan(1);
    add(files, snapshot, { view: 'overview', style: 'architecture' }, 'beta/');
    add(files, snapshot, { view: 'overview', format: 'dot' });
    add(files, snapshot, { view: 'system', system: 'payments' }, 'payments/');
    add(files, snapshot, { view: 'focus', focus: 'pf-wallets-api' });
    add(files, snapshot, { view: 'libraries', focus: 'end' });
    for (const [file, text] of files) {
      if (!file.endsWith('.mmd')) continue;
      expect(text.length, file).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
      // Readable once opened full size: a diagram of more than 80 calls is a hairball.
      expect(text.split('\n').filter((l) => /^\s+\S+ (-->|==>|-\.->)/.test(l)).length, file).toBeLessThanOrEqual(80);
    }
    expectGoldenDir('large-org', files);
  });
});
