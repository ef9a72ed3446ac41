/** Snapshots for export tests, built from real manifests by the real graph build. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import type { RepoEntry, Snapshot } from '../../src/graph/types.js';
import { parseManifest } from '../../src/manifest/parse.js';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** One repo per entry: `{ repoId: depmap.yaml text }`. */
export function snapshotOf(manifests: Record<string, string>, options: { discovered?: string[] } = {}): Snapshot {
  const repos: RepoEntry[] = Object.entries(manifests).map(([id, text]) => {
    const parsed = parseManifest(text, 'depmap.yaml');
    if (!parsed.manifest)
      throw new Error(`${id}: ${parsed.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')}`);
    const repo: RepoEntry = { id, source: id, manifests: [parsed.manifest], problems: [], status: 'ok' };
    if (options.discovered?.includes(id)) repo.discovered = true;
    return repo;
  });
  return buildSnapshot(repos, 'depmap test');
}

/** The demo organisation under fixtures/demo-org. */
export function demoOrg(): Snapshot {
  const dir = join(ROOT, 'fixtures/demo-org');
  const manifests: Record<string, string> = {};
  for (const repo of readdirSync(dir).sort()) manifests[repo] = readFileSync(join(dir, repo, 'depmap.yaml'), 'utf8');
  return snapshotOf(manifests);
}
