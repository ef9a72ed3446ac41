/**
 * Every golden DOT file must be valid Graphviz: laid out with Graphviz itself (compiled to
 * WebAssembly, no browser) when @hpcc-js/wasm-graphviz is installed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN } from './orgs.js';

type Graphviz = { layout(dot: string, format: string, engine: string): string };
const MODULE = '@hpcc-js/wasm-graphviz';

async function loadGraphviz(): Promise<Graphviz | undefined> {
  try {
    const mod = (await import(/* @vite-ignore */ MODULE)) as { Graphviz: { load(): Promise<Graphviz> } };
    return await mod.Graphviz.load();
  } catch {
    return undefined;
  }
}

function dotFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return dotFiles(full, `${prefix}${name}/`);
    return name.endsWith('.dot') ? [`${prefix}${name}`] : [];
  });
}

const graphviz = await loadGraphviz();
const run = graphviz || process.env.DEPMAP_REQUIRE_GRAPHVIZ === '1' ? it : it.skip;

describe('DOT', () => {
  run('lays out every golden .dot file with Graphviz', () => {
    expect(graphviz, `${MODULE} is not installed`).toBeDefined();
    const files = dotFiles(GOLDEN);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const svg = (graphviz as Graphviz).layout(readFileSync(path.join(GOLDEN, file), 'utf8'), 'svg', 'dot');
      expect(svg, file).toContain('<svg');
    }
  });
});
