/**
 * SVG as a step of an output format: the format renders Mermaid, and this step draws every
 * text of the run to SVG through the optional SVG stack (svg.ts, the one module that drives
 * a browser). Nothing of that stack is imported until a step runs or is asked about, so
 * listing the formats costs a command nothing.
 */
import type { NamedText, OutputStep, StepHooks } from './output-format.js';

/**
 * Mermaid → SVG for all `texts` with one browser. `newline` ends each SVG with one, as
 * render and docs have always written them; diff and timeline write the SVG as drawn.
 */
export function svgStep(options: { newline: boolean }): OutputStep {
  return async (texts: readonly NamedText[], env: NodeJS.ProcessEnv, hooks: StepHooks = {}) => {
    const { renderSvgs } = await import('./svg.js');
    // Shown before the browser starts: launching it and loading Mermaid take a second or two.
    if (texts.length > 0) hooks.onProgress?.(0, texts.length, '');
    const svgs = await renderSvgs(
      texts.map((t) => ({ name: t.name, mermaid: t.text })),
      { env, onProgress: hooks.onProgress },
    );
    return texts.map((t) => ({ name: t.name, text: `${svgs.get(t.name) ?? ''}${options.newline ? '\n' : ''}` }));
  };
}

/** Why SVGs cannot be drawn here (packages missing, no browser), before any work; undefined when they can. */
export async function svgUnavailable(env: NodeJS.ProcessEnv): Promise<{ reason: string; hint: string } | undefined> {
  const [{ missingSvgPackages, svgNeeds, SVG_INSTALL_HINT }, { findBrowser, noBrowserMessage, INSTALL_HINT }] =
    await Promise.all([import('./svg-stack.js'), import('./find-browser.js')]);
  const missing = missingSvgPackages();
  if (missing.length > 0) return { reason: svgNeeds(missing), hint: SVG_INSTALL_HINT };
  if (!findBrowser(env)) return { reason: noBrowserMessage(env), hint: INSTALL_HINT };
  return undefined;
}
