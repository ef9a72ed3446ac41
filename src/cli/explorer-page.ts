/**
 * The explorer page as `explore` and `docs` write it: the graph (and its lineage, when the
 * history was read) laid out and embedded in the page bundle that `npm run build` made.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DepmapError } from '../errors.js';
import type { Lineage } from '../history/lineage.js';
import type { Snapshot } from '../graph/types.js';
import { readRegularFileSync } from '../io/read-file.js';
import { explorerData } from '../render/explorer/explorer-data.js';
import { explorerHtml } from '../render/explorer/explorer-html.js';
import { GENERATOR } from './load-graph.js';

const BUNDLE = 'explorer-page.js';

/** The page's script: beside the CLI's bundle in dist/, or in dist/ when run from the sources (tests). */
function readBundle(): string {
  const candidates = [new URL(`./${BUNDLE}`, import.meta.url), new URL(`../../dist/${BUNDLE}`, import.meta.url)];
  for (const url of candidates) {
    const file = fileURLToPath(url);
    if (existsSync(file)) return readRegularFileSync(file, 16 << 20).toString('utf8');
  }
  throw new DepmapError(`the explorer's page script (${BUNDLE}) is missing from this install`, {
    hint: 'reinstall depmap-cli; from a checkout, run `npm run build`',
  });
}

export function explorerPage(snapshot: Snapshot, title: string, lineage?: Lineage): string {
  const data = explorerData({ snapshot, title, generator: GENERATOR, ...(lineage ? { lineage } : {}) });
  return explorerHtml(data, readBundle());
}
