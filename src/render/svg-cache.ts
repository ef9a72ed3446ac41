/**
 * The SVG cache of `depmap docs`: drawing SVGs is most of a docs run, and a nightly run of a
 * large organisation changes a few diagrams. The cache is the last run's docs folder itself:
 * its SVGs, and a manifest beside them (SVG_CACHE_FILE) that says, for each, the key it was
 * drawn under and the hash of its bytes. A folder committed to a repo so carries its cache to
 * the next CI checkout, and no second copy of every SVG is kept anywhere.
 *
 * A key holds everything that changes an SVG's bytes: the diagram's Mermaid text, its name
 * (the SVG's ids come from it) and the drawing identity (svg.ts: depmap's and Mermaid's
 * versions, the config, the browser). A cached SVG is used only when its key matches and its
 * bytes hash to what the manifest recorded; anything else (a torn or hand-edited file, a
 * manifest of another format, an entry of another depmap) is drawn again. Pure: the caller
 * reads and writes the files.
 */
import { createHash } from 'node:crypto';

/** The manifest, at the top of the docs folder. */
export const SVG_CACHE_FILE = '.depmap-svg-cache.json';

const FORMAT = 'depmap-svg-cache';
const FORMAT_VERSION = 1;
const HEX = /^[0-9a-f]{64}$/;

export interface SvgCacheEntry {
  /** svgCacheKey() of what the SVG was drawn from. */
  key: string;
  /** sha256 of the SVG file's bytes. */
  sha256: string;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function svgCacheKey(identity: string, name: string, mermaid: string): string {
  return sha256(JSON.stringify([identity, name, mermaid]));
}

/** The manifest's entries by diagram name; undefined when it is not a manifest of this format. */
export function parseSvgCache(text: string): Map<string, SvgCacheEntry> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { format, version, svgs } = value as Record<string, unknown>;
  if (format !== FORMAT || version !== FORMAT_VERSION || typeof svgs !== 'object' || svgs === null) return undefined;
  const entries = new Map<string, SvgCacheEntry>();
  for (const [name, entry] of Object.entries(svgs)) {
    const { key, sha256: hash } = (entry ?? {}) as Record<string, unknown>;
    // A malformed entry is one SVG drawn again, not a reason to distrust the others.
    if (typeof key === 'string' && HEX.test(key) && typeof hash === 'string' && HEX.test(hash))
      entries.set(name, { key, sha256: hash });
  }
  return entries;
}

export function serializeSvgCache(entries: ReadonlyMap<string, SvgCacheEntry>): string {
  const svgs = Object.fromEntries(
    [...entries]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, entry]) => [name, { key: entry.key, sha256: entry.sha256 }]),
  );
  return `${JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, svgs }, null, 2)}\n`;
}

/** The cached SVG's text, when `bytes` are exactly what `entry` recorded and an SVG; else undefined. */
export function trustedSvg(entry: SvgCacheEntry, bytes: Uint8Array): string | undefined {
  if (sha256(bytes) !== entry.sha256) return undefined;
  const text = Buffer.from(bytes).toString('utf8');
  return text.startsWith('<svg ') ? text : undefined;
}
