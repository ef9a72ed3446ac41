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
  securityLevel: 'strict',
  maxTextSize: 50_000,
  maxEdges: 500,
  handDrawnSeed: 1,
  secure: SECURE,
} as const;
const TOO_LARGE = 'Maximum text size in diagram exceeded';

/**
 * Renders one diagram and serializes it as XML: HTML labels inside <foreignObject> must be
 * well-formed for the SVG to open outside a browser. Kept as text, as all the code that runs
 * in the page (see mermaid-page.ts).
 */
const RENDER = `(async ({ definition, id, config }) => {
  mermaid.initialize(config);
  const { svg } = await mermaid.render(id, definition);
  const container = document.getElementById('container');
  container.innerHTML = svg;
  const element = container.querySelector('svg');
  if (!element) return svg;
  element.style.backgroundColor = 'white';
  const xml = new XMLSerializer().serializeToString(element);
  container.innerHTML = '';
  return xml;
})`;

export async function renderDiagram(page: Page, name: string, definition: string): Promise<string> {
  const config: Record<string, unknown> = { ...BASE_CONFIG };
  const id = diagramId('svg', name);
  // At most one retry per limit: the limits are raised to fit this diagram.
  for (let attempt = 0; attempt < 3; attempt++) {
    let svg: string;
    try {
      svg = (await page.evaluate(`${RENDER}(${JSON.stringify({ definition, id, config })})`)) as string;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const edges = /Edge limit exceeded\. (\d+) edges found/.exec(message);
      if (edges && config.maxEdges === BASE_CONFIG.maxEdges) {
        config.maxEdges = Math.max(Number(edges[1]) * 2, 1000);
        continue;
      }
      throw new DepmapError(`diagram ${name}: Mermaid cannot draw it: ${firstLine(message)}`, { cause: error });
    }
    if (svg.includes(TOO_LARGE) && !definition.includes(TOO_LARGE)) {
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
