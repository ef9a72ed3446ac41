/**
 * Every Mermaid file depmap writes must parse in Mermaid: each golden .mmd is drawn to SVG
 * with one browser and checked for its labels. Without a browser these tests are skipped,
 * unless DEPMAP_REQUIRE_BROWSER=1 (CI), where a missing browser fails them.
 */
import { existsSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DepmapError } from '../../src/errors.js';
import { elkLayoutPatched, findBrowser, renderSvgs } from '../../src/render/svg.js';
import { testDir } from '../helpers/fs.js';
import { expectedLabels, svgText, words } from '../helpers/svg.js';
import { goldenMermaidFiles } from './orgs.js';
import { oddSnapshot } from './odd-names.js';
import { renderView, type ViewRequest } from '../../src/render/select-view.js';
import { DISCOVERED_FROM, NOT_OBSERVED, OBSERVED_NODE, OBSERVED_ONLY } from '../../src/render/legend.js';
import { OBSERVED_EDGE, UNOBSERVED_EDGE, UNPINNED_EDGE } from '../../src/render/palette.js';
import { discoveredSnapshot } from './discovered-org.js';
import { observedSnapshot } from './observed-org.js';

const browser = findBrowser();
const required = process.env.DEPMAP_REQUIRE_BROWSER === '1';
const withBrowser = browser || required ? it : it.skip;

describe('SVG through one browser', () => {
  withBrowser(
    'draws every golden Mermaid file, and each SVG holds its labels',
    async () => {
      const files = goldenMermaidFiles();
      expect(files.size).toBeGreaterThan(30);
      const svgs = await renderSvgs([...files].map(([name, mermaid]) => ({ name, mermaid })));
      expect([...svgs.keys()]).toEqual([...files.keys()]);
      for (const [name, mermaid] of files) {
        const svg = svgs.get(name) as string;
        expect(svg, name).toMatch(/^<svg /);
        expect(svg, name).not.toContain('Maximum text size in diagram exceeded');
        expect(svg, name).not.toMatch(/Syntax error|Parse error/i);
        // architecture-beta breaks long names inside words: compare without spaces there.
        const squeeze = name.includes('beta/') ? (t: string) => t.replace(/\s+/g, '') : (t: string) => t;
        const text = squeeze(svgText(svg));
        const expected = words(expectedLabels(mermaid));
        expect(expected.length, name).toBeGreaterThan(0);
        for (const word of expected) expect(text, `${name}: ${word}`).toContain(squeeze(word));
      }
    },
    600_000,
  );

  withBrowser(
    'draws names with any characters',
    async () => {
      const snapshot = oddSnapshot();
      const outputs = renderView(snapshot, { view: 'architecture', format: 'mermaid', style: 'flowchart' }).outputs;
      const beta = renderView(snapshot, { view: 'architecture', format: 'mermaid', style: 'architecture' }).outputs;
      const svgs = await renderSvgs([
        { name: 'flowchart', mermaid: (outputs[0] as { text: string }).text },
        { name: 'beta', mermaid: (beta[0] as { text: string }).text },
      ]);
      const text = svgText(svgs.get('flowchart') as string);
      for (const word of [
        'end',
        'graph',
        'a"quote',
        '<script>alert(1)</script>',
        '#hash;',
        'ünï-cödé',
        'o-ring',
        'x-ray',
        'a_b',
        'a-b',
        'pipe|bar',
      ]) {
        expect(text, word).toContain(word);
      }
      expect(svgText(svgs.get('beta') as string)).toContain('ünï-cödé');
    },
    120_000,
  );

  withBrowser(
    'draws a discovered map with its legend, its calls dashed and grey, none red',
    async () => {
      const snapshot = discoveredSnapshot();
      const text = (style: 'flowchart' | 'architecture', focus?: string) =>
        (
          renderView(
            snapshot,
            focus
              ? { view: 'focus', focus, format: 'mermaid', style }
              : { view: 'architecture', format: 'mermaid', style },
          ).outputs[0] as { text: string }
        ).text;
      const svgs = await renderSvgs([
        { name: 'flowchart', mermaid: text('flowchart') },
        { name: 'beta', mermaid: text('architecture') },
        { name: 'focus', mermaid: text('flowchart', 'cart') },
      ]);
      const said = (name: string) => svgText(svgs.get(name) as string).replace(/\s+/g, ' ');
      expect(said('flowchart')).toContain(`dashed grey arrows: ${DISCOVERED_FROM}`);
      expect(said('beta')).toContain(`(discovered): its calls are ${DISCOVERED_FROM}`);
      expect(said('focus')).toContain(`dashed grey arrows: ${DISCOVERED_FROM}`);
      // Every edge of the focus on cart is discovered: dashed grey, and no red anywhere.
      const focus = svgs.get('focus') as string;
      expect(focus).toMatch(/stroke:#64748b;stroke-dasharray:6 4/);
      expect(focus).not.toContain(UNPINNED_EDGE.stroke);
    },
    120_000,
  );

  withBrowser(
    'draws a map joined with its traces: observed-only calls dashed teal with their count, unseen ones faded, a legend',
    async () => {
      const snapshot = observedSnapshot();
      const text = (request: Pick<ViewRequest, 'view' | 'focus' | 'style'>) =>
        (renderView(snapshot, { format: 'svg', ...request }).outputs[0] as { text: string }).text;
      const svgs = await renderSvgs([
        { name: 'flowchart', mermaid: text({ view: 'architecture', style: 'flowchart' }) },
        { name: 'beta', mermaid: text({ view: 'focus', focus: 'payments', style: 'architecture' }) },
      ]);
      const flowchart = svgs.get('flowchart') as string;
      const said = (name: string) => svgText(svgs.get(name) as string).replace(/\s+/g, ' ');
      const path = (from: string, to: string) => {
        const match = new RegExp(`<path [^>]*id="[^"]*L_${from}_${to}_\\d+"[^>]*style="([^"]*)"`).exec(flowchart);
        expect(match, `${from} → ${to}`).not.toBeNull();
        return match?.[1] ?? '';
      };
      // The undeclared call web → payments: dashed teal, 2px, its count as its label.
      expect(path('n_web', 'n_payments')).toContain(
        `stroke:${OBSERVED_EDGE.stroke};stroke-dasharray:${OBSERVED_EDGE.dash};stroke-width:2px`,
      );
      expect(said('flowchart')).toContain('http · 57 calls · 2 errors');
      // Declared, never seen: faded. Unseen but unpinned: red wins. Seen and declared: as ever.
      expect(path('n_orders', 'n_search')).toContain(
        `stroke:${UNOBSERVED_EDGE.stroke};stroke-opacity:${UNOBSERVED_EDGE.opacity}`,
      );
      expect(path('n_payments', 'n_ledger')).toContain(`stroke:${UNPINNED_EDGE.stroke}`);
      expect(path('n_web', 'n_orders')).not.toMatch(/#0d9488|#94a3b8/);
      expect(said('flowchart')).toContain('http 2.1.0 · 1,204 calls · 3 errors');
      // fraud-check, a name only the traces know: a dashed teal box.
      expect(flowchart).toMatch(
        /class="node default observed" id="[^"]*flowchart-n_fraud_check-\d+"[\s\S]*?style="[^"]*stroke:#0d9488 !important;stroke-width:2px !important;stroke-dasharray:5 4/,
      );
      expect(said('flowchart')).toContain(`dashed teal arrows, with their call count: ${OBSERVED_ONLY}`);
      expect(said('flowchart')).toContain(`faded grey arrows: ${NOT_OBSERVED}`);
      expect(said('flowchart')).toContain(`dashed teal boxes: ${OBSERVED_NODE}`);
      // architecture-beta cannot dash an arrow: the legend names the calls.
      const beta = said('beta').replace(/\s+/g, '');
      expect(beta).toContain('web→payments(57calls)'.replace(/\s+/g, ''));
      expect(beta).toContain('fraud-check(observedonly)');
    },
    120_000,
  );

  withBrowser(
    "raises Mermaid's limits for one diagram instead of drawing its error",
    async () => {
      const long = `flowchart LR\n${Array.from({ length: 200 }, (_, i) => `  n${i}["${'x'.repeat(250)} ${i}"] --> n${i + 1}`).join('\n')}\n`;
      expect(long.length).toBeGreaterThan(50_000);
      const many = `flowchart LR\n${Array.from({ length: 520 }, (_, i) => `  a${i % 40} --> b${i}`).join('\n')}\n`;
      const svgs = await renderSvgs([
        { name: 'long', mermaid: long },
        { name: 'many', mermaid: many },
      ]);
      expect(svgs.get('long')).not.toContain('Maximum text size in diagram exceeded');
      expect(svgText(svgs.get('long') as string)).toContain('199');
      expect(svgText(svgs.get('many') as string)).toContain('b519');
    },
    300_000,
  );

  withBrowser(
    'draws the same bytes every time, whatever the order and the number of pages',
    async () => {
      // The demo docs' diagrams hold pills (external and unresolved services), which Mermaid
      // draws with roughjs: without a fixed seed their paths change on every run.
      const files = [...goldenMermaidFiles()].filter(([name]) => name.startsWith('demo-org-docs/'));
      expect(files.some(([, mermaid]) => mermaid.includes('(["'))).toBe(true);
      const diagrams = files.map(([name, mermaid]) => ({ name, mermaid }));
      const first = await renderSvgs(diagrams);
      const second = await renderSvgs([...diagrams].reverse(), { concurrency: 1 });
      // Names, not texts: a diff of two SVGs says nothing a reader can use.
      expect(diagrams.map((d) => d.name).filter((name) => second.get(name) !== first.get(name))).toEqual([]);
    },
    300_000,
  );

  withBrowser(
    'puts an edge label by the arrowhead it belongs to, not halfway down a long edge',
    async () => {
      // ELK's default puts the label in the middle layer of the edge, where a row of labels of
      // other long edges sits too, far from both ends.
      const definition =
        '---\nconfig:\n  layout: elk\n---\nflowchart TB\n  a --> b --> c --> d --> e\n  a -->|"far"| e\n';
      const svg = (await renderSvgs([{ name: 'far', mermaid: definition }])).get('far') as string;
      const y = (pattern: RegExp) => Number((pattern.exec(svg) ?? [])[1]);
      const label = y(
        /<g class="edgeLabel" transform="translate\([\d.-]+, ([\d.-]+)\)">(?:(?!<g class="edgeLabel").)*?far/s,
      );
      const node = (name: string) =>
        y(new RegExp(`-flowchart-${name}-\\d+"[^>]*transform="translate\\([\\d.-]+, ([\\d.-]+)\\)"`));
      expect(Number.isFinite(label) && Number.isFinite(node('a')) && Number.isFinite(node('e'))).toBe(true);
      // Between d and e: in the last layer before the target.
      expect(label).toBeGreaterThan(node('d'));
      expect(label).toBeLessThan(node('e'));
    },
    120_000,
  );

  it('finds the edge label placement it changes in the installed ELK layout', () => {
    expect(elkLayoutPatched()).toBe(true);
  });

  withBrowser(
    'names the diagram Mermaid cannot parse',
    async () => {
      const error = await renderSvgs([{ name: 'broken', mermaid: 'flowchart LR\n  a --> \n  ((( b' }]).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DepmapError);
      expect((error as Error).message).toMatch(/^diagram broken: Mermaid cannot draw it: /);
    },
    120_000,
  );
});

describe('finding a browser', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH first, and only when it is an executable file', () => {
    const dir = testDir({ 'my-chrome': '#!/bin/sh\n', 'not-a-browser': 'text' });
    const fake = path.join(dir, 'my-chrome');
    chmodSync(fake, 0o755);
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: fake })).toBe(fake);
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: path.join(dir, 'missing') })).toBeUndefined();
    if (process.getuid?.() !== 0)
      expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: path.join(dir, 'not-a-browser') })).toBeUndefined();
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: dir })).toBeUndefined();
  });

  it('finds the system browser, or a browser on PATH', () => {
    const found = findBrowser({ PATH: '' });
    if (found) expect(existsSync(found)).toBe(true);
    const dir = testDir({ chromium: '#!/bin/sh\n' });
    const onPath = findBrowser({ PATH: dir });
    expect(onPath).toBeDefined();
    expect(existsSync(onPath as string)).toBe(true);
  });

  it("finds a browser in Puppeteer's cache", () => {
    const dir = testDir({ 'chrome/linux-131.0.6778.204/chrome-linux64/chrome': '#!/bin/sh\n' });
    const found = findBrowser({ PATH: '', PUPPETEER_CACHE_DIR: dir });
    // A system browser comes first when there is one.
    if (!findBrowser({ PATH: '', PUPPETEER_CACHE_DIR: path.join(dir, 'none') })) {
      expect(found).toBe(path.join(dir, 'chrome/linux-131.0.6778.204/chrome-linux64/chrome'));
    } else expect(found).toBeDefined();
  });

  it('fails with an install hint when there is no browser', async () => {
    const error = await renderSvgs([{ name: 'x', mermaid: 'flowchart LR\n  a --> b' }], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepmapError);
    expect((error as DepmapError).message).toContain(
      'PUPPETEER_EXECUTABLE_PATH names /nonexistent/chrome, which does not exist',
    );
    expect((error as DepmapError).hint).toMatch(/apt-get install chromium/);
  });

  it('launches nothing for no diagrams', async () => {
    expect((await renderSvgs([], { env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' } })).size).toBe(0);
  });
});
