/**
 * The two organisations the render tests draw: fixtures/demo-org, and the generated large
 * organisation (fixtures/large-org/generate.mjs). Both are read the way the CLI reads them,
 * with relative sources, so snapshots hold no temp paths and goldens stay stable.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadGraph } from '../../src/cli/load-graph.js';
import type { CliContext } from '../../src/cli/context.js';
import type { Snapshot } from '../../src/graph/types.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { generateLargeOrg } from '../../fixtures/large-org/generate.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GOLDEN = path.join(ROOT, 'fixtures/golden');

function quietContext(cwd: string): CliContext {
  return { stdout: { write: () => true }, stderr: { write: () => true }, cwd, env: { ...process.env }, exitCode: 0 };
}

let demo: Promise<Snapshot> | undefined;
let large: Promise<{ snapshot: Snapshot; dir: string }> | undefined;

export function demoSnapshot(): Promise<Snapshot> {
  demo ??= loadGraph(['fixtures/demo-org'], { quiet: true }, quietContext(ROOT)).then((g) => g.snapshot);
  return demo;
}

/** The large organisation, written to a temp folder; `dir` is its parent (the cwd to use). */
export function largeOrg(): Promise<{ snapshot: Snapshot; dir: string }> {
  large ??= (async () => {
    const dir = tempDir('depmap-large-org-');
    writeTree(path.join(dir, 'large-org'), generateLargeOrg());
    const { snapshot } = await loadGraph(['large-org'], { quiet: true }, quietContext(dir));
    return { snapshot, dir };
  })();
  return large;
}

export const updating = process.env.UPDATE_GOLDEN === '1';

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/**
 * Compares `files` with the golden folder `name` (fixtures/golden/<name>), file by file,
 * and fails on golden files nothing produced any more. UPDATE_GOLDEN=1 rewrites the folder.
 */
export function expectGoldenDir(name: string, files: ReadonlyMap<string, string>): void {
  const dir = path.join(GOLDEN, name);
  if (updating) {
    rmSync(dir, { recursive: true, force: true });
    for (const [rel, text] of files) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return;
  }
  const expected = listFiles(dir).sort();
  expect([...files.keys()].sort(), `files of ${name} (UPDATE_GOLDEN=1 to refresh)`).toEqual(expected);
  for (const [rel, text] of files) {
    expect(text, `${name}/${rel} differs from its golden (UPDATE_GOLDEN=1 to refresh)`).toBe(
      readFileSync(path.join(dir, rel), 'utf8'),
    );
  }
}

/** Every golden Mermaid file, for the SVG tests: path relative to fixtures/golden → text. */
export function goldenMermaidFiles(): Map<string, string> {
  return new Map(
    listFiles(GOLDEN)
      .filter((f) => f.endsWith('.mmd'))
      .sort()
      .map((f) => [f, readFileSync(path.join(GOLDEN, f), 'utf8')]),
  );
}
