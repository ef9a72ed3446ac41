/**
 * SVGs that print without a browser: every label is SVG `<text>` (no HTML in
 * `<foreignObject>`, which rsvg-convert, Inkscape and PDF converters leave empty), and Debian's
 * rsvg-convert draws those labels. Needs Chrome or Chromium and rsvg-convert (librsvg2-bin);
 * skipped without them, unless DEPMAP_REQUIRE_BROWSER=1 and DEPMAP_REQUIRE_RSVG=1 (CI).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, renderSvgs } from '../../src/render/svg.js';
import { renderView } from '../../src/render/select-view.js';
import { tempDir } from '../helpers/fs.js';
import { decodePng, type Image } from '../helpers/png.js';
import { expectedLabels, labelWords, textElements } from '../helpers/svg.js';
import { goldenMermaidFiles } from './orgs.js';
import { oddSnapshot } from './odd-names.js';

const hasRsvg = spawnSync('rsvg-convert', ['--version'], { encoding: 'utf8' }).status === 0;
const missing = [
  ...(findBrowser() || process.env.DEPMAP_REQUIRE_BROWSER === '1' ? [] : ['Chrome or Chromium']),
  ...(hasRsvg || process.env.DEPMAP_REQUIRE_RSVG === '1' ? [] : ['rsvg-convert (apt-get install librsvg2-bin)']),
];
const withTools = missing.length === 0 ? it : it.skip;
const skipped = missing.length === 0 ? '' : ` (skipped: no ${missing.join(', no ')})`;

/** The SVG drawn to PNG by rsvg-convert, decoded. */
function rsvgPixels(svg: string, name: string): Image {
  const dir = tempDir('depmap-rsvg-');
  const input = path.join(dir, `${name}.svg`);
  const output = path.join(dir, `${name}.png`);
  writeFileSync(input, svg);
  const result = spawnSync('rsvg-convert', [input, '-o', output], { encoding: 'utf8' });
  expect(result.status, `rsvg-convert ${name}: ${result.stderr}`).toBe(0);
  return decodePng(readFileSync(output));
}

const colours = (image: Image) => new Set(image.pixels).size;

/** Pixels that differ between two drawings of one size. */
function differing(a: Image, b: Image): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let count = 0;
  for (let i = 0; i < a.pixels.length; i++) if (a.pixels[i] !== b.pixels[i]) count++;
  return count;
}

const withoutText = (svg: string) => svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, '');

describe('SVG that prints without a browser', () => {
  withTools(
    `draws every label as SVG text, and rsvg-convert prints it${skipped}`,
    async () => {
      const golden = goldenMermaidFiles();
      const names = [
        'demo-org-docs/architecture.mmd',
        'demo-org/libraries-web-shop.mmd',
        'observed/beta/architecture.mmd',
      ];
      const diagrams = names.map((name) => ({ name, mermaid: golden.get(name) as string }));
      const svgs = await renderSvgs(diagrams);
      for (const { name, mermaid } of diagrams) {
        const svg = svgs.get(name) as string;
        expect(svg, name).not.toContain('<foreignObject');
        // rsvg-convert strips the space that starts a word's <tspan> unless told to keep it.
        const texts = svg.match(/<text\b[^>]*>/g) ?? [];
        expect(texts.length, name).toBeGreaterThan(0);
        for (const tag of texts) expect(tag, name).toContain('xml:space="preserve"');
        const said = textElements(svg).join('\n');
        const words = labelWords(expectedLabels(mermaid));
        expect(words.length, name).toBeGreaterThan(3);
        for (const word of words) expect(said, `${name}: ${word}`).toContain(word);
        // The HTML-only markup of the flowchart's detail lines is not printed as text.
        expect(said, name).not.toContain('<small>');

        // The same drawing with and without its <text>: rsvg-convert drew the labels, and
        // more than a few pixels of them (a label's glyphs, not a stray edge).
        const drawn = rsvgPixels(svg, 'drawn');
        const blank = rsvgPixels(withoutText(svg), 'blank');
        expect(colours(drawn), name).toBeGreaterThan(1);
        expect(differing(drawn, blank), name).toBeGreaterThan(words.length * 20);
      }
    },
    180_000,
  );

  withTools(
    `keeps names with markup, quotes and entities as the text they are${skipped}`,
    async () => {
      const [output] = renderView(oddSnapshot(), {
        view: 'architecture',
        format: 'mermaid',
        style: 'flowchart',
      }).outputs;
      const svg = (await renderSvgs([{ name: 'odd', mermaid: (output as { text: string }).text }])).get(
        'odd',
      ) as string;
      expect(svg).not.toContain('<foreignObject');
      // No element from a name: the angle brackets of `<script>` are text.
      expect(svg).not.toMatch(/<script/i);
      const texts = textElements(svg);
      const said = texts.join('\n');
      for (const text of [
        '<script>alert(1)</script>',
        'a"quote',
        '#hash;',
        'pipe|bar',
        'ünï-cödé',
        'db "main"',
        'Billing & Co',
        '16 "x" | y',
        '^1 <2',
      ]) {
        expect(said, text).toContain(text);
      }
      // Mermaid's own codes never show: `&` and `"` are drawn, not `&#38;` or `#34;`.
      expect(said).not.toMatch(/#\d+;/);
      const drawn = rsvgPixels(svg, 'odd');
      expect(differing(drawn, rsvgPixels(withoutText(svg), 'odd-blank'))).toBeGreaterThan(0);
    },
    120_000,
  );
});
