import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import { countDiff, describeDiff } from '../../src/graph/diff-describe.js';
import { diffGraphs, isEmptyDiff } from '../../src/graph/diff-graphs.js';
import { classifyImages, classifyVersions, describeMove } from '../../src/graph/diff-versions.js';
import type { RepoEntry, Snapshot } from '../../src/graph/types.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { renderDiffJson } from '../../src/render/diff/json.js';
import { renderDiffMarkdown } from '../../src/render/diff/markdown.js';
import { renderDiffMermaid } from '../../src/render/diff/mermaid.js';
import { renderDiffText } from '../../src/render/diff/text.js';

function graph(manifests: Record<string, string>, repo = 'org'): Snapshot {
  const entry: RepoEntry = { id: repo, source: repo, manifests: [], problems: [], status: 'ok' };
  for (const [file, text] of Object.entries(manifests)) {
    const parsed = parseManifest(text, file);
    if (!parsed.manifest) throw new Error(JSON.stringify(parsed.problems));
    entry.manifests.push(parsed.manifest);
  }
  return buildSnapshot([entry], 'test');
}

const checkout = (
  opts: {
    express?: string;
    owner?: string;
    protocol?: string;
    api?: string;
    provides?: string;
    image?: string;
    extra?: string[];
  } = {},
) =>
  [
    'depmap: 1',
    'name: checkout',
    'kind: service',
    'system: commerce',
    `owner: ${opts.owner ?? 'team-a'}`,
    'provides:',
    `  - { api: checkout-http, protocol: http, version: ${opts.provides ?? '2.1.0'} }`,
    'libraries:',
    `  - pkg:npm/express@${opts.express ?? '4.19.2'}`,
    'services:',
    `  - { name: payments, protocol: ${opts.protocol ?? 'grpc'}, api: ${opts.api ?? 'payments-grpc'}, version: 3.2.0 }`,
    `  - { name: orders-db, kind: database, image: "${opts.image ?? 'postgres:16.3'}" }`,
    ...(opts.extra ?? []),
    '',
  ].join('\n');

describe('classifyVersions', () => {
  it.each([
    ['4.19.2', '5.0.0', 'upgrade', 'major'],
    ['4.19.2', '4.20.0', 'upgrade', 'minor'],
    ['4.19.2', '4.19.3', 'upgrade', 'patch'],
    ['8.12.0', '8.11.0', 'downgrade', 'minor'],
    ['1.0.0-rc.1', '1.0.0', 'upgrade', 'prerelease'],
    ['v1.2', 'v1.3', 'upgrade', 'minor'],
    ['2024-06-20', '2023-10-16', 'downgrade', undefined],
    ['sha256:aaa', 'sha256:bbb', 'changed', undefined],
  ])('%s → %s is a %s %s', (from, to, direction, size) => {
    const move = classifyVersions(from, to);
    expect(move.direction).toBe(direction);
    expect(move.size).toBe(size);
  });

  it('judges images on their tags', () => {
    expect(classifyImages('postgres:16.3', 'postgres:17.0')).toMatchObject({ direction: 'upgrade', size: 'major' });
    expect(classifyImages('postgres:16.3', 'mysql:8.0').direction).toBe('changed');
    expect(describeMove(classifyVersions('1.0.0', '2.0.0'))).toBe('1.0.0 → 2.0.0 (major upgrade)');
  });
});

describe('diffGraphs', () => {
  it('finds nothing between equal graphs, wherever they were declared', () => {
    const a = graph({ 'depmap.yaml': checkout() }, 'repo-a');
    const b = graph({ 'services/checkout/depmap.yml': `# moved\n\n${checkout()}` }, 'repo-b');
    expect(isEmptyDiff(diffGraphs(a, b))).toBe(true);
  });

  it('reports versions with direction and size, pins, owner, provides, protocol and api', () => {
    const a = graph({ 'depmap.yaml': checkout() });
    const b = graph({
      'depmap.yaml': checkout({
        express: '^5.0.0',
        owner: 'team-b',
        provides: '3.0.0',
        protocol: 'http',
        api: 'payments-http',
        image: 'postgres:17.0',
      }),
    });
    const diff = diffGraphs(a, b);
    const lines = describeDiff(diff).map((l) => `${l.sign} ${l.text}`);
    expect(lines).toEqual([
      '~ checkout: owner team-a → team-b; provides checkout-http 2.1.0 → 3.0.0 (major upgrade)',
      '~ checkout → orders-db image postgres:16.3 → postgres:17.0 (major upgrade)',
      '~ checkout → payments protocol grpc → http; api payments-grpc → payments-http',
      '~ checkout: pkg:npm/express 4.19.2 → ^5.0.0 (major upgrade); version no longer pinned ("^5.0.0" is a caret range)',
    ]);
    const counts = countDiff(diff);
    expect(counts.versions).toEqual({ upgrades: 3, downgrades: 0, other: 0 });
    expect(counts.pins).toEqual({ gained: 0, lost: 1 });
  });

  it('reports added and removed components and edges', () => {
    const a = graph({ 'a/depmap.yaml': checkout(), 'b/depmap.yaml': 'depmap: 1\nname: legacy\nkind: job\n' });
    const b = graph({
      'a/depmap.yaml': checkout({ extra: ['  - { name: search, protocol: http, api: search-http, version: 1.0.0 }'] }),
      'c/depmap.yaml': 'depmap: 1\nname: search\nkind: service\n',
    });
    const lines = describeDiff(diffGraphs(a, b)).map((l) => `${l.sign} ${l.text}`);
    expect(lines).toContain('+ checkout → search (http search-http 1.0.0)');
    expect(lines).toContain('- component legacy (job)');
    expect(lines).toContain('+ component search (service)');
  });

  it('reports a called name that becomes a component as an added component', () => {
    const a = graph({ 'a/depmap.yaml': checkout() });
    const b = graph({ 'a/depmap.yaml': checkout(), 'b/depmap.yaml': 'depmap: 1\nname: payments\nkind: service\n' });
    const lines = describeDiff(diffGraphs(a, b)).map((l) => `${l.sign} ${l.text}`);
    expect(lines).toEqual(['+ component payments (service)']);
  });

  it('renders text, markdown, json and mermaid', () => {
    const report = {
      from: 'v1',
      to: 'v2',
      diff: diffGraphs(
        graph({ 'depmap.yaml': checkout() }),
        graph({
          'depmap.yaml': checkout({
            express: '4.18.0',
            extra: ['  - { name: search, protocol: http, version: 1.0.0 }'],
          }),
        }),
      ),
    };
    expect(renderDiffText(report)).toContain('~ checkout: pkg:npm/express 4.19.2 → 4.18.0 (minor downgrade)');
    expect(renderDiffMarkdown(report)).toContain('| library edges | 0 | 0 | 1 |');
    const json = JSON.parse(renderDiffJson(report));
    expect(json).toMatchObject({ format: 'depmap-diff', version: 1, from: 'v1', to: 'v2', changed: true });
    expect(json.edges.changed[0].version).toMatchObject({
      from: '4.19.2',
      to: '4.18.0',
      direction: 'downgrade',
      size: 'minor',
    });
    const mermaid = renderDiffMermaid(report);
    expect(mermaid).toMatch(/^---\nconfig:\n  flowchart:\n    curve: linear\n---\nflowchart LR\n/);
    expect(mermaid).toContain('n_checkout ==>|"http 1.0.0"| n_search');
    expect(mermaid).toContain('n_search["search"]:::added');
    expect(mermaid).toContain('n_checkout("checkout"):::context');
    expect(mermaid).toMatch(/\(\["pkg:npm\/express"\]\):::context/);
    expect(mermaid).toMatch(/linkStyle 0 stroke:#16a34a/);
    expect(renderDiffText({ from: 'a', to: 'b', diff: diffGraphs(graph({}), graph({})) })).toBe(
      'depmap diff a → b: no changes\n',
    );
  });

  it('draws removed edges dashed and escapes names', () => {
    const a = graph({
      'depmap.yaml': checkout({ extra: ['  - { name: api.example_v2, kind: external, url: "https://x.example" }'] }),
    });
    const b = graph({ 'depmap.yaml': checkout() });
    const mermaid = renderDiffMermaid({ from: 'a', to: 'b', diff: diffGraphs(a, b) });
    expect(mermaid).toMatch(/n_checkout -\.-> nx_api_example_v2_[0-9a-f]{8}/);
    expect(mermaid).toContain('stroke-dasharray:5 5');
  });
});
