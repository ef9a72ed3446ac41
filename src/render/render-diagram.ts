/** One Mermaid text → SVG in a page that has Mermaid loaded (mermaid-page.ts). */
import type { Page } from 'puppeteer-core';
import { DepmapError } from '../errors.js';
import { firstLine } from './first-line.js';
import { diagramId } from './ids.js';

/**
 * Mermaid's own limits, raised for one diagram only when it goes over them. Some shapes (the
 * stadium of external and unresolved services) are drawn by roughjs, which takes a random
 * seed unless given one: a fixed seed makes the same diagram the same bytes on every run.
 */
/**
 * Keys a diagram's own front matter or `%%{init}%%` directive may not change. Data cannot
 * write a directive (render/escape/mermaid.ts), and if one ever got through, it could still
 * not inject CSS (themeCSS lands in the SVG's <style>), fonts, themes or HTML labels.
 */
const SECURE = [
  'secure',
  'securityLevel',
  'startOnLoad',
  'maxTextSize',
  'maxEdges',
  'suppressErrorRendering',
  'themeCSS',
  'themeVariables',
  'fontFamily',
  'altFontFamily',
  'theme',
  'darkMode',
  'htmlLabels',
  'dompurifyConfig',
  'look',
  'handDrawnSeed',
  'fontSize',
];
const BASE_CONFIG = {
  startOnLoad: false,
  // Labels as SVG <text>, not HTML in <foreignObject>: rsvg-convert, Inkscape and PDF
  // converters draw no HTML, and printed empty boxes. Recent Mermaid 11 releases read the
  // top-level key (and call the flowchart's deprecated); earlier ones in the peer range read
  // only the flowchart's.
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  securityLevel: 'strict',
  maxTextSize: 50_000,
  maxEdges: 500,
  handDrawnSeed: 1,
  secure: SECURE,
} as const;
const TOO_LARGE = 'Maximum text size in diagram exceeded';
/**
 * Markup only HTML labels understand: the flowchart's detail lines are `<small>` for GitHub,
 * which draws HTML labels. SVG text has no smaller line, and would print the tags, so the SVG
 * draws the line at the label's size. Data never writes a tag (`<` from data is `#60;`).
 */
const HTML_ONLY = /<\/?small>/g;

/**
 * Renders one diagram and serializes it as XML, so the SVG opens outside a browser. Kept as
 * text, as all the code that runs in the page (see mermaid-page.ts).
 */
const RENDER = `(async ({ definition, id, config }) => {
  mermaid.initialize(config);
  const { svg } = await mermaid.render(id, definition);
  const container = document.getElementById('container');
  container.innerHTML = svg;
  const element = container.querySelector('svg');
  if (!element) return svg;
  element.style.backgroundColor = 'white';
  // Mermaid puts the space between two words at the start of the second word's <tspan>;
  // converters outside a browser (rsvg-convert) strip it unless told to keep spaces.
  for (const text of element.querySelectorAll('text')) {
    text.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
  }
  const xml = new XMLSerializer().serializeToString(element);
  container.innerHTML = '';
  return xml;
})`;

/** The words an SVG shows, one space apart: SVG text puts each word in a <tspan> of its own. */
function drawnText(svg: string): string {
  return svg.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
}

/** How this module draws, for a cache key: the config and the code the page runs. */
export const DRAWING = JSON.stringify({ config: BASE_CONFIG, render: RENDER, htmlOnly: HTML_ONLY.source });

export async function renderDiagram(page: Page, name: string, definition: string): Promise<string> {
  const config: Record<string, unknown> = { ...BASE_CONFIG };
  const id = diagramId('svg', name);
  // At most one retry per limit: the limits are raised to fit this diagram.
  for (let attempt = 0; attempt < 3; attempt++) {
    let svg: string;
    try {
      const drawn = definition.replace(HTML_ONLY, '');
      svg = (await page.evaluate(`${RENDER}(${JSON.stringify({ definition: drawn, id, config })})`)) as string;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const edges = /Edge limit exceeded\. (\d+) edges found/.exec(message);
      if (edges && config.maxEdges === BASE_CONFIG.maxEdges) {
        config.maxEdges = Math.max(Number(edges[1]) * 2, 1000);
        continue;
      }
      throw new DepmapError(`diagram ${name}: Mermaid cannot draw it: ${firstLine(message)}`, { cause: error });
    }
    if (drawnText(svg).includes(TOO_LARGE) && !definition.includes(TOO_LARGE)) {
      if (config.maxTextSize !== BASE_CONFIG.maxTextSize) {
        throw new DepmapError(`diagram ${name}: Mermaid refused it as too large (${definition.length} characters)`);
      }
      config.maxTextSize = definition.length + 1000;
      continue;
    }
    return svg;
  }
  throw new DepmapError(`diagram ${name}: Mermaid cannot draw it within raised limits`);
}
