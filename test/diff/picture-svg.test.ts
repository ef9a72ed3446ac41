/**
 * The picture of a change, as GitHub would draw it: golden Mermaid and Markdown of the demo
 * organisation's history (fixtures/golden/diff), then drawn to SVG in Chromium with dagre (no
 * ELK: GitHub has none) and read back: every label, and each edge in its colour. Without a
 * browser the drawing is skipped, unless DEPMAP_REQUIRE_BROWSER=1 (CI).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { findBrowser, renderSvgs } from '../../src/render/svg.js';
import { expectedLabels, labelWords as words, svgText } from '../helpers/svg.js';
import { expectGoldenDir, GOLDEN, ROOT } from '../render/orgs.js';
import { cleanEnv } from '../check/run.js';

const withBrowser = findBrowser() || process.env.DEPMAP_REQUIRE_BROWSER === '1' ? it : it.skip;

/** The demo organisation's change between two dates, as `depmap diff` writes it. */
async function demoDiff(from: string, to: string, format: 'mermaid' | 'markdown'): Promise<string> {
  const r = await runCli(['diff', '--from-date', from, '--to-date', to, 'fixtures/demo-org', '--format', format], {
    cwd: ROOT,
    env: cleanEnv(),
  });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

const golden = (name: string) => readFileSync(path.join(GOLDEN, 'diff', name), 'utf8');

/** The style of the edge drawn from `from` to `to` (Mermaid ids), as the SVG has it. */
function edgeStyle(svg: string, from: string, to: string): string {
  const match = new RegExp(`<path [^>]*id="[^"]*L_${from}_${to}_\\d+"[^>]*style="([^"]*)"`).exec(svg);
  expect(match, `${from} → ${to}`).not.toBeNull();
  return match?.[1] ?? '';
}

describe('the picture of a change', () => {
  it('writes the demo organisation’s change as its golden files', async () => {
    // Spring to autumn 2025: two components added, others re-versioned. Backwards: removed.
    expectGoldenDir(
      'diff',
      new Map([
        ['demo-org.mmd', await demoDiff('2025-03-01', '2025-10-31', 'mermaid')],
        ['demo-org.md', await demoDiff('2025-03-01', '2025-10-31', 'markdown')],
        ['demo-org-backwards.mmd', await demoDiff('2025-10-31', '2025-03-01', 'mermaid')],
      ]),
    );
    // The Markdown embeds the very picture `--format mermaid` writes: one mechanism.
    expect(golden('demo-org.md')).toContain(`\`\`\`mermaid\n${golden('demo-org.mmd')}\`\`\``);
  });

  withBrowser(
    'draws it with dagre: every label, added green, removed red and dashed, changed amber',
    async () => {
      const forward = golden('demo-org.mmd');
      const backward = golden('demo-org-backwards.mmd');
      for (const mermaid of [forward, backward]) expect(mermaid).not.toMatch(/layout: elk|%%\{/);
      const svgs = await renderSvgs([
        { name: 'forward', mermaid: forward },
        { name: 'backward', mermaid: backward },
      ]);
      for (const [name, mermaid] of [
        ['forward', forward],
        ['backward', backward],
      ] as const) {
        const svg = svgs.get(name) as string;
        expect(svg, name).not.toContain('Maximum text size in diagram exceeded');
        expect(svg, name).not.toMatch(/Syntax error|Parse error/i);
        const text = svgText(svg);
        const expected = words(expectedLabels(mermaid));
        expect(expected.length).toBeGreaterThan(40);
        for (const word of expected) expect(text, `${name}: ${word}`).toContain(word);
      }
      const [f, b] = [svgs.get('forward') as string, svgs.get('backward') as string];
      // notifications → sendgrid came in: green and bold; going back it goes: red and dashed.
      expect(edgeStyle(f, 'n_notifications', 'n_sendgrid')).toContain('stroke:#16a34a;stroke-width:3px');
      expect(edgeStyle(b, 'n_notifications', 'n_sendgrid')).toContain(
        'stroke:#dc2626;stroke-width:2px;stroke-dasharray:5 5',
      );
      // catalog's database image moved: amber both ways.
      expect(edgeStyle(f, 'n_catalog', 'n_catalog_db')).toContain('stroke:#ca8a04');
      expect(edgeStyle(b, 'n_catalog', 'n_catalog_db')).toContain('stroke:#ca8a04');
      // web-shop still asks for checkout-http 2.1.0 of the re-versioned checkout: a grey neighbour.
      expect(edgeStyle(f, 'n_web_shop', 'n_checkout')).toContain('stroke:#94a3b8');
      // Each word is a <tspan> of its own: the words of a label are read with the space between them collapsed.
      expect(svgText(f).replace(/\s+/g, ' ')).toContain('checkout-http 2.1.0');
      // The re-versioned node is amber, the added one green.
      expect(f).toMatch(/class="node default changed" id="[^"]*flowchart-n_checkout-\d+"/);
      expect(f).toMatch(/class="node default added" id="[^"]*flowchart-n_notifications-\d+"/);
    },
    120_000,
  );
});
