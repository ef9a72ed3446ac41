/**
 * The one module that drives a browser: Mermaid text → SVG with one headless Chromium for all
 * the diagrams of a run. Launching the browser is the slow part (≈0.5 s), and so is loading
 * Mermaid into a page (mermaid-cli's renderMermaid() does both per diagram), so each page
 * loads Mermaid once and renders many diagrams; a few pages render in parallel. Mermaid, the
 * ELK layout and puppeteer-core are optional packages (svg-stack.ts); depmap draws what `mmdc`
 * would with them, with one exception: edge labels sit by their arrowhead (elk-label-placement.ts).
 *
 * puppeteer-core is imported lazily (launch-browser.ts): commands that draw nothing must not pay for it.
 */
import os from 'node:os';
import { DepmapError } from '../errors.js';
import { findBrowser, INSTALL_HINT, noBrowserMessage } from './find-browser.js';
import { launchBrowser } from './launch-browser.js';
import { mermaidPages } from './mermaid-page.js';
import { renderDiagram } from './render-diagram.js';
import { requireSvgPackages } from './svg-stack.js';

export { elkLayoutPatched } from './elk-label-placement.js';
export { findBrowser, INSTALL_HINT, noBrowserMessage };

/**
 * Renders every diagram to SVG with one browser, `concurrency` pages at a time (default: one
 * per CPU, at most 4). Results are keyed by name. Throws a DepmapError with an install
 * hint when there is no browser, and one naming the diagram when Mermaid rejects it.
 */
export async function renderSvgs(
  diagrams: { name: string; mermaid: string }[],
  options: { env?: NodeJS.ProcessEnv; concurrency?: number } = {},
): Promise<Map<string, string>> {
  const results = new Map<string, string>();
  if (diagrams.length === 0) return results;
  const names = new Set<string>();
  for (const d of diagrams) {
    if (names.has(d.name)) throw new DepmapError(`two diagrams are named ${d.name}`);
    names.add(d.name);
  }
  const env = options.env ?? process.env;
  requireSvgPackages();
  const executablePath = findBrowser(env);
  if (!executablePath) throw new DepmapError(noBrowserMessage(env), { hint: INSTALL_HINT });
  const openPage = mermaidPages();
  const browser = await launchBrowser(executablePath, env);
  try {
    const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    // A page per CPU: each page is a renderer process laying out on its own core (bench/render:
    // 50 diagrams on 2 CPUs, 2 pages ≈ 1.25× faster than 1).
    const workers = Math.max(1, Math.min(options.concurrency ?? Math.min(cpus, 4), diagrams.length));
    let next = 0;
    const work = async () => {
      const page = await openPage(browser);
      while (next < diagrams.length) {
        const diagram = diagrams[next++] as { name: string; mermaid: string };
        results.set(diagram.name, await renderDiagram(page, diagram.name, diagram.mermaid));
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: workers }, work));
  } finally {
    await browser.close();
  }
  // In the order given, whatever order the pages finished in.
  return new Map(diagrams.map((d) => [d.name, results.get(d.name) as string]));
}
