/**
 * The SVGs of `depmap docs`: each diagram whose SVG the last run drew under the same key is
 * taken from the last run's folder (render/svg-cache.ts says when it may be), and only the
 * others are drawn, with a progress bar while they are. The manifest of keys is written with
 * the SVGs, so it is swapped in with the rest of the folder, atomically.
 */
import path from 'node:path';
import { readRegularFileSync } from '../io/read-file.js';
import {
  parseSvgCache,
  serializeSvgCache,
  sha256,
  svgCacheKey,
  SVG_CACHE_FILE,
  trustedSvg,
  type SvgCacheEntry,
} from '../render/svg-cache.js';
import { svgStep } from '../render/svg-step.js';
import { terminalText } from '../render/escape/index.js';
import type { CliContext } from './context.js';
import { createProgress } from './progress.js';

/** Larger than any SVG depmap draws (a 500-edge diagram is a few MB): a bigger file is not one of them. */
const MAX_SVG_BYTES = 64 << 20;
const MAX_MANIFEST_BYTES = 64 << 20;

export interface DocsSvgs {
  /** `<name>.svg` and the cache manifest, by path inside the docs folder. */
  files: Map<string, string>;
  drawn: number;
  reused: number;
}

/** The last run's manifest, or an empty one (with a note when it was there but unreadable). */
function readManifest(dir: string, shown: string, ctx: CliContext): Map<string, SvgCacheEntry> {
  let text: string;
  try {
    text = readRegularFileSync(path.join(dir, SVG_CACHE_FILE), MAX_MANIFEST_BYTES).toString('utf8');
  } catch {
    // No manifest (a first run, an older depmap, --no-svg last time): every SVG is drawn.
    return new Map();
  }
  const entries = parseSvgCache(text);
  if (entries) return entries;
  ctx.stderr.write(
    `depmap: note: ${terminalText(path.join(shown, SVG_CACHE_FILE))} is not an SVG cache this depmap reads: every SVG is drawn again\n`,
  );
  return new Map();
}

function readCached(dir: string, name: string, entry: SvgCacheEntry): string | undefined {
  try {
    return trustedSvg(entry, readRegularFileSync(path.join(dir, `${name}.svg`), MAX_SVG_BYTES));
  } catch {
    return undefined;
  }
}

/**
 * SVGs for `diagrams`: from `reuse` (the last run's folder, as `shown` to the user) where the
 * cache holds them, drawn otherwise. `identity` is svg.ts's drawingIdentity().
 */
export async function docsSvgs(
  diagrams: readonly { name: string; mermaid: string }[],
  options: { identity: string; reuse?: { dir: string; shown: string }; quiet?: boolean },
  ctx: CliContext,
): Promise<DocsSvgs> {
  const previous = options.reuse ? readManifest(options.reuse.dir, options.reuse.shown, ctx) : new Map();
  const svgs = new Map<string, string>();
  const keys = new Map<string, string>();
  const missing: { name: string; text: string }[] = [];
  for (const { name, mermaid } of diagrams) {
    const key = svgCacheKey(options.identity, name, mermaid);
    keys.set(name, key);
    const entry = previous.get(name);
    const cached = entry?.key === key && options.reuse ? readCached(options.reuse.dir, name, entry) : undefined;
    if (cached === undefined) missing.push({ name, text: mermaid });
    else svgs.set(name, cached);
  }
  const reused = svgs.size;
  if (missing.length > 0) {
    const progress = createProgress(ctx.stderr, 'drawing SVGs', { quiet: options.quiet, env: ctx.env });
    try {
      const drawn = await svgStep({ newline: true })(missing, ctx.env, {
        onProgress: (done, total, name) => progress.update(done, total, name),
      });
      for (const { name, text } of drawn) svgs.set(name, text);
    } finally {
      progress.done();
    }
  }
  const files = new Map<string, string>();
  const manifest = new Map<string, SvgCacheEntry>();
  // In the order of the diagrams, whichever way each came.
  for (const { name } of diagrams) {
    const text = svgs.get(name) as string;
    files.set(`${name}.svg`, text);
    manifest.set(name, { key: keys.get(name) as string, sha256: sha256(text) });
  }
  files.set(SVG_CACHE_FILE, serializeSvgCache(manifest));
  return { files, drawn: missing.length, reused };
}
