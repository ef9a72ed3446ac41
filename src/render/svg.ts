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
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import os from 'node:os';
import { DepmapError } from '../errors.js';
import { VERSION } from '../version.js';
import { LABEL_PLACEMENT } from './elk-label-placement.js';
import { findBrowser, INSTALL_HINT, noBrowserMessage } from './find-browser.js';
import { launchBrowser } from './launch-browser.js';
import { mermaidPages, PAGE_CODE } from './mermaid-page.js';
import { DRAWING, renderDiagram } from './render-diagram.js';
import { packageVersion, requireSvgPackages, SVG_PACKAGES } from './svg-stack.js';

export { elkLayoutPatched } from './elk-label-placement.js';
export { findBrowser, INSTALL_HINT, noBrowserMessage };

/**
 * Everything but a diagram's own text and name that decides the bytes of its SVG, as one
 * hash: depmap's version, the versions of the packages that draw, the config and the page
 * code depmap draws with, and the browser. The browser is known by its path, size and time
 * of change (an upgrade changes them), not by its version: asking would launch it, which is
 * the cost a cache of SVGs saves. Fonts are not in it (see docs/commands/docs.md).
 * Undefined when SVGs cannot be drawn here.
 */
export function drawingIdentity(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const browser = findBrowser(env);
  if (!browser) return undefined;
  let stamp: string;
  try {
    const stats = statSync(browser);
    stamp = `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return undefined;
  }
  const packages = SVG_PACKAGES.map((name) => `${name}@${packageVersion(name) ?? 'missing'}`);
  const recipe = JSON.stringify([VERSION, packages, DRAWING, PAGE_CODE, LABEL_PLACEMENT, browser, stamp]);
  return createHash('sha256').update(recipe).digest('hex');
}

/** Called as each diagram is drawn, in the order they finish. */
export type DrawProgress = (done: number, total: number, name: string) => void;

/**
 * Renders every diagram to SVG with one browser, `concurrency` pages at a time (default: one
 * per CPU, at most 4). Results are keyed by name. Throws a DepmapError with an install
 * hint when there is no browser, and one naming the diagram when Mermaid rejects it.
 */
export async function renderSvgs(
  diagrams: { name: string; mermaid: string }[],
  options: { env?: NodeJS.ProcessEnv; concurrency?: number; onProgress?: DrawProgress } = {},
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
        options.onProgress?.(results.size, diagrams.length, diagram.name);
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
