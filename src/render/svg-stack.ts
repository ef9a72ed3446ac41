/**
 * The SVG stack is optional: Mermaid, its ELK layout and puppeteer-core (which never
 * downloads a browser) are peers a user installs beside depmap when they want SVGs, and a
 * system Chrome or Chromium draws. A core install (validate, scan, check, diff, timeline,
 * docs as Markdown + Mermaid) carries none of their ~170 MB. They are resolved from where
 * depmap is installed, so a project's or a global node_modules both work.
 */
import { createRequire } from 'node:module';
import { DepmapError } from '../errors.js';

export const SVG_PACKAGES = ['mermaid', '@mermaid-js/layout-elk', 'puppeteer-core'] as const;
export type SvgPackage = (typeof SVG_PACKAGES)[number];

export const SVG_INSTALL = `npm install ${SVG_PACKAGES.join(' ')}`;
export const SVG_INSTALL_HINT = `install the optional SVG packages beside depmap: \`${SVG_INSTALL}\` (add -g for a global depmap; no browser is downloaded, depmap uses the machine's Chrome or Chromium)`;

const require = createRequire(import.meta.url);

/** A package's version where depmap finds it, or undefined when it is not installed. */
export function packageVersion(name: string): string | undefined {
  try {
    return (require(`${name}/package.json`) as { version?: string }).version ?? '';
  } catch {
    return undefined;
  }
}

export function missingSvgPackages(): SvgPackage[] {
  return SVG_PACKAGES.filter((name) => packageVersion(name) === undefined);
}

/** `SVG needs the optional packages mermaid, puppeteer-core`: the start of every message on them. */
export function svgNeeds(missing: readonly SvgPackage[]): string {
  return `SVG needs the optional package${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
}

/** Throws the one clear message when SVG is asked for without the packages. */
export function requireSvgPackages(): void {
  const missing = missingSvgPackages();
  if (missing.length > 0) {
    throw new DepmapError(`${svgNeeds(missing)}, which ${missing.length > 1 ? 'are' : 'is'} not installed`, {
      hint: SVG_INSTALL_HINT,
    });
  }
}

/** Resolves a file of an SVG package (after requireSvgPackages). */
export function resolveSvgFile(specifier: string): string {
  return require.resolve(specifier);
}
