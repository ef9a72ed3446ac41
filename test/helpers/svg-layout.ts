/**
 * Where things landed in an SVG that Mermaid drew, measured by the browser that draws them
 * (bounding boxes in the SVG's own units, whatever the shape or the kind of label), and the
 * faults a reader sees: nodes on top of each other, labels on top of each other or of a node,
 * a label nearer another edge than its own.
 */
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/render/launch-browser.js';
import { findBrowser } from '../../src/render/svg.js';

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SvgLayout {
  /** Flowchart nodes and architecture services. */
  nodes: Box[];
  /** Edge labels with text, by the edge's id (`L_a_b_0`). */
  labels: Box[];
  /** Each edge's line, as points, by the edge's id. */
  edges: Map<string, { x: number; y: number }[]>;
}

/** Measures each SVG in one page of one browser. */
export async function measureSvgs(svgs: ReadonlyMap<string, string>): Promise<Map<string, SvgLayout>> {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error('no browser');
  const browser: Browser = await launchBrowser(executablePath, process.env);
  const out = new Map<string, SvgLayout>();
  try {
    const page = await browser.newPage();
    for (const [name, svg] of svgs) {
      await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      const measured = await page.evaluate(() => {
        const root = document.querySelector('svg') as SVGSVGElement;
        // Boxes in the SVG's user units: screen boxes mapped back through the root's matrix.
        const inverse = (root.getScreenCTM() as DOMMatrix).inverse();
        const box = (el: Element, id: string) => {
          const r = el.getBoundingClientRect();
          const a = new DOMPoint(r.left, r.top).matrixTransform(inverse);
          const b = new DOMPoint(r.right, r.bottom).matrixTransform(inverse);
          return { id, x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
        };
        const nodes = [...root.querySelectorAll('g.node, g.architecture-service')].map((el) => box(el, el.id));
        const labels = [...root.querySelectorAll('g.edgeLabel')]
          .filter((el) => (el.textContent ?? '').trim() !== '')
          .map((el) => box(el, el.querySelector('[data-id]')?.getAttribute('data-id') ?? ''));
        const edges: [string, { x: number; y: number }[]][] = [];
        for (const path of root.querySelectorAll<SVGPathElement>('path[data-edge="true"], g.edgePaths path')) {
          const id = path.getAttribute('data-id') ?? path.id.replace(/^.*?(L_)/, '$1');
          const ctm = path.getScreenCTM() as DOMMatrix;
          const length = path.getTotalLength();
          const points = [];
          for (let d = 0; d <= length; d += 4) {
            const p = path.getPointAtLength(d).matrixTransform(ctm).matrixTransform(inverse);
            points.push({ x: p.x, y: p.y });
          }
          edges.push([id, points]);
        }
        return { nodes, labels, edges };
      });
      out.set(name, { nodes: measured.nodes, labels: measured.labels, edges: new Map(measured.edges) });
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** Area two boxes share, shrunk by `slack` on every side (a touch is no overlap). */
function overlap(a: Box, b: Box, slack = 1): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) - 2 * slack;
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) - 2 * slack;
  return w > 0 && h > 0 ? w * h : 0;
}

/** Pairs of boxes that overlap, as `a × b`. */
export function overlapping(boxes: readonly Box[], others: readonly Box[] = boxes): string[] {
  const same = boxes === others;
  const out: string[] = [];
  boxes.forEach((a, i) => {
    others.forEach((b, j) => {
      if (same && j <= i) return;
      if (overlap(a, b) > 0) out.push(`${a.id} × ${b.id}`);
    });
  });
  return out;
}

const distance = (box: Box, points: readonly { x: number; y: number }[]) => {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return Math.min(...points.map((p) => Math.hypot(p.x - cx, p.y - cy)));
};

/** How far from its label an edge may pass and still be the label's. */
const TOUCH = 8;

/**
 * Labels a reader would give to another edge: their own line does not pass through them, or
 * another edge's line passes nearer their centre. Labels whose edge is unknown count too.
 */
export function strayLabels(layout: SvgLayout): string[] {
  const out: string[] = [];
  for (const label of layout.labels) {
    const own = layout.edges.get(label.id);
    if (!own) {
      out.push(`${label.id || '(no id)'}: no edge`);
      continue;
    }
    // On its line, or touching it (ELK puts labels beside their edge).
    const inside = own.some(
      (p) =>
        p.x >= label.x - TOUCH &&
        p.x <= label.x + label.width + TOUCH &&
        p.y >= label.y - TOUCH &&
        p.y <= label.y + label.height + TOUCH,
    );
    const mine = distance(label, own);
    const nearer = [...layout.edges].filter(([id, points]) => id !== label.id && distance(label, points) < mine - 1);
    if (!inside) out.push(`${label.id}: its edge does not touch it`);
    else if (nearer.length > 0) out.push(`${label.id}: nearer ${nearer.map(([id]) => id).join(', ')}`);
  }
  return out;
}
