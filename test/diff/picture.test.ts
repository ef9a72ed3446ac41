/**
 * The picture of a diff (issue 16): the changed nodes and their neighbours, in Mermaid, never
 * over GitHub's limits: Mermaid's 500 edges and 50,000 characters, and a pull request comment's
 * 65,536 characters. A change of hundreds of edges is cropped, and the text says by how much.
 */
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import { diffGraphs } from '../../src/graph/diff-graphs.js';
import type { RepoEntry, Snapshot } from '../../src/graph/types.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { buildReport } from '../../src/policy/report.js';
import type { Violation } from '../../src/policy/types.js';
import { renderMarkdown } from '../../src/render/ci/markdown.js';
import { COMMENT_LIMIT, renderDiffMarkdown } from '../../src/render/diff/markdown.js';
import { diffPicture, renderDiffMermaid } from '../../src/render/diff/mermaid.js';
import type { DiffReport } from '../../src/render/diff/model.js';
import { MERMAID_LIMITS, READABLE_EDGES } from '../../src/render/plan.js';

function graph(manifests: Record<string, string>): Snapshot {
  const entry: RepoEntry = { id: 'org', source: 'org', manifests: [], problems: [], status: 'ok' };
  for (const [file, text] of Object.entries(manifests)) {
    const parsed = parseManifest(text, file);
    if (!parsed.manifest) throw new Error(JSON.stringify(parsed.problems));
    entry.manifests.push(parsed.manifest);
  }
  return buildSnapshot([entry], 'test');
}

function report(before: Snapshot, after: Snapshot): DiffReport {
  return { from: 'main', to: 'feature', diff: diffGraphs(before, after), before, after };
}

/**
 * `components` services, each calling the next `calls` ones and using `libraries` libraries.
 * `after` re-versions every call, upgrades every library and adds one of each per component:
 * components × (calls + libraries + 2) changed edges.
 */
function org(components: number, side: 'before' | 'after', calls = 3, libraries = 3): Snapshot {
  const v = side === 'before' ? '1.0.0' : '2.0.0';
  const manifests: Record<string, string> = {};
  for (let i = 0; i < components; i++) {
    const services = Array.from(
      { length: calls + (side === 'after' ? 1 : 0) },
      (_, k) => `  - { name: service-${(i + k + 1) % components}, protocol: http, version: ${v} }`,
    );
    const libs = Array.from(
      { length: libraries + (side === 'after' ? 1 : 0) },
      (_, k) => `  - pkg:npm/library-number-${(i * 7 + k) % 200}@${v}`,
    );
    manifests[`service-${i}/depmap.yaml`] = [
      'depmap: 1',
      `name: service-${i}`,
      'kind: service',
      'libraries:',
      ...libs,
      'services:',
      ...services,
      '',
    ].join('\n');
  }
  return graph(manifests);
}

/** The edges of a Mermaid flowchart: lines with an arrow. */
const edgeLines = (mermaid: string) => mermaid.split('\n').filter((l) => / (==>|-\.->|-->)/.test(l));

/** The first Mermaid block of a Markdown text. */
function mermaidBlock(markdown: string): string {
  const block = /^```mermaid\n([\s\S]*?)\n```$/m.exec(markdown);
  expect(block, 'a Mermaid block').not.toBeNull();
  return (block as RegExpExecArray)[1] as string;
}

const checkout = (payments: string, extra: string[] = []) =>
  [
    'depmap: 1',
    'name: checkout',
    'kind: service',
    'libraries:',
    '  - pkg:npm/express@4.19.2',
    'services:',
    `  - { name: payments, protocol: grpc, api: payments-grpc, version: ${payments} }`,
    ...extra,
    '',
  ].join('\n');
const payments = (version: string) =>
  `depmap: 1\nname: payments\nkind: service\nprovides:\n  - { api: payments-grpc, protocol: grpc, version: ${version} }\nservices:\n  - { name: payments-db, kind: database, protocol: sql }\n`;

describe('the picture of a diff', () => {
  it('draws added green, removed red and dashed, re-versioned amber, and the unchanged calls of a changed node', () => {
    const before = graph({
      'checkout/depmap.yaml': checkout('3.2.0', ['  - { name: ledger, protocol: http, version: 1.0.0 }']),
      'payments/depmap.yaml': payments('3.2.0'),
      'web/depmap.yaml':
        'depmap: 1\nname: web\nkind: frontend\nservices:\n  - { name: payments, protocol: grpc, version: 3.2.0 }\n',
    });
    const after = graph({
      'checkout/depmap.yaml': checkout('4.0.0', ['  - { name: fraud, protocol: http, version: 1.0.0 }']),
      'payments/depmap.yaml': payments('4.0.0'),
      'web/depmap.yaml':
        'depmap: 1\nname: web\nkind: frontend\nservices:\n  - { name: payments, protocol: grpc, version: 3.2.0 }\n',
    });
    const mermaid = renderDiffMermaid(report(before, after));
    expect(mermaid).not.toContain('layout: elk');
    expect(mermaid).toContain('n_checkout ==>|"http 1.0.0"| n_fraud');
    expect(mermaid).toContain('n_checkout -.->|"http 1.0.0"| n_ledger');
    expect(mermaid).toContain('n_checkout -->|"3.2.0 → 4.0.0 (major upgrade)"| n_payments');
    expect(mermaid).toContain('n_payments("payments: provides payments-grpc 3.2.0 → 4.0.0 (major upgrade)"):::changed');
    // The neighbours of the re-versioned payments: web still asks for 3.2.0; its database, drawn as one.
    expect(mermaid).toContain('n_web -->|"grpc 3.2.0"| n_payments');
    expect(mermaid).toContain('n_payments_db[("payments-db")]:::context');
    const edges = edgeLines(mermaid);
    const index = (text: string) => edges.findIndex((l) => l.includes(text));
    const styleOf = (i: number) =>
      mermaid.split('\n').find((l) => new RegExp(`linkStyle (\\d+,)*${i}(,\\d+)* `).test(l));
    expect(styleOf(index('n_fraud'))).toContain('stroke:#16a34a');
    expect(styleOf(index('n_ledger'))).toContain('stroke:#dc2626,stroke-width:2px,stroke-dasharray:5 5');
    expect(styleOf(index('3.2.0 → 4.0.0'))).toContain('stroke:#ca8a04');
    expect(styleOf(index('n_web'))).toContain('stroke:#94a3b8');
    // Nothing was left out: no note.
    expect(mermaid).not.toContain('more[');
  });

  it('crops a change of hundreds of edges to Mermaid’s limits and says how many edges it left out', () => {
    const r = report(org(120, 'before'), org(120, 'after'));
    const changed = r.diff.edges.added.length + r.diff.edges.removed.length + r.diff.edges.changed.length;
    expect(changed).toBeGreaterThan(600);
    const picture = diffPicture(r);
    const drawn = edgeLines(picture.text).length;
    expect(drawn).toBeLessThan(MERMAID_LIMITS.maxEdges);
    expect(drawn).toBe(picture.edges.drawn);
    expect(picture.text.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
    // Each changed edge drawn or counted as left out, in the picture's own note.
    expect(picture.text).toContain(
      `  more["… not drawn, to stay readable and under GitHub's limits: ${changed - drawn} changed edges`,
    );
    // Service changes come before library changes.
    const calls = edgeLines(picture.text).filter((l) => l.includes('n_service_') && / n_service_\d+$/.test(l));
    expect(calls.length).toBe(
      r.diff.edges.added.filter((e) => e.type === 'calls-service').length +
        r.diff.edges.changed.filter((e) => e.type === 'calls-service').length,
    );
  });

  it('stays under the character limit when the edge budget alone would not', () => {
    const r = report(org(120, 'before'), org(120, 'after'));
    const picture = diffPicture(r, { maxEdges: 480, maxChars: 12_000 });
    expect(picture.text.length).toBeLessThanOrEqual(12_000);
    expect(picture.edges.drawn).toBeLessThan(480);
    expect(picture.leftOut).toMatch(/^not drawn, to stay readable and under GitHub's limits: \d+ changed edges/);
  });

  it('keeps a Markdown diff under a pull request comment’s limit, with a readable picture and the count of what it left out', () => {
    const r = report(org(60, 'before'), org(60, 'after'));
    const markdown = renderDiffMarkdown(r);
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const block = mermaidBlock(markdown);
    const drawn = edgeLines(block).length;
    expect(drawn).toBe(READABLE_EDGES);
    expect(block.length).toBeLessThan(MERMAID_LIMITS.maxTextSize);
    const changes = r.diff.edges.added.length + r.diff.edges.removed.length + r.diff.edges.changed.length;
    expect(markdown).toContain(
      `The picture draws ${drawn} of ${changes} changed edges: not drawn, to stay readable and under GitHub's limits: ${changes - drawn} changed edges (the lists below have every change).`,
    );
    // The lists still have every change.
    expect(markdown.match(/^- [➕➖✏]/gmu)?.length).toBe(changes);
  });

  it('leaves the picture out, and says so, when the lists take the whole comment', () => {
    const r = report(org(400, 'before', 4, 4), org(400, 'after', 4, 4));
    const markdown = renderDiffMarkdown(r);
    expect(markdown).not.toContain('```mermaid');
    expect(markdown).toContain(
      '_The picture of the change is left out: the rest of this report takes nearly all of the 65,536 characters',
    );
  });

  it('fits the picture into what the check summary leaves of a comment', () => {
    const r = report(org(120, 'before'), org(120, 'after'));
    const violation = (i: number): Violation => ({
      rule: 'unpinned',
      severity: 'error',
      repo: 'org',
      file: 'depmap.yaml',
      path: `service-${i}/depmap.yaml`,
      line: 4,
      col: 5,
      subject: `pkg:npm/library-${i}`,
      message: `pkg:npm/library-${i}@^1.0.0 is a range: pin an exact version so every build gets the same code`,
      fingerprint: `f${i}`,
    });
    const check = (violations: number) =>
      buildReport({
        tool: { name: 'depmap', version: '0.0.0' },
        failOn: 'error',
        scope: 'repo',
        base: 'main',
        rules: [],
        manifests: ['depmap.yaml'],
        violations: Array.from({ length: violations }, (_, i) => violation(i)),
        known: [],
        stale: [],
      });
    const sizes: number[] = [];
    for (const violations of [1, 100, 250, 330, 360]) {
      const markdown = renderMarkdown(check(violations), { change: r });
      expect(markdown.length, `${violations} violations`).toBeLessThanOrEqual(COMMENT_LIMIT);
      expect(markdown).toContain('### The architecture against `main`');
      const block = mermaidBlock(markdown);
      sizes.push(block.length);
      expect(edgeLines(block).length).toBeLessThanOrEqual(READABLE_EDGES);
      expect(markdown).toMatch(
        /The picture draws \d+ of \d+ changed edges: not drawn, to stay readable and under GitHub's limits: \d+ changed edges \(depmap diff main lists every change\)\./,
      );
    }
    // With fewer violations the picture has more room; with more, less, never over the comment.
    expect(Math.min(...sizes)).toBeLessThan(Math.max(...sizes));
    // A table of violations that fills the comment leaves no room: the picture is left out, and that is said.
    expect(renderMarkdown(check(400), { change: r })).toContain(
      '_The picture of the change is left out: the rest of this report takes nearly all of the 65,536 characters GitHub shows in a comment (depmap diff main lists every change)._',
    );
    // No change: said, not drawn.
    const same = org(3, 'before');
    expect(renderMarkdown(check(0), { change: report(same, same) })).toContain('No change to the dependency graph.');
    // No --base: no section.
    expect(renderMarkdown(check(0))).not.toContain('architecture');
  });
});
