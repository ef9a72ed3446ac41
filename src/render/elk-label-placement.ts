/**
 * Mermaid's ELK layout fixes every edge label at "CENTER": ELK then puts it in the middle
 * layer of a long edge, in a row with the labels of every other long edge, far from both ends,
 * and nobody can tell which line a label belongs to. At "HEAD" it sits just before the arrow
 * it describes. The option is written into the layout's code, not read from the config, so
 * the served module is changed; `elkLayoutPatched()` tells the tests when an upgrade moves it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mermaidFiles } from './mermaid-files.js';

export const LABEL_PLACEMENT = {
  from: '"edgeLabels.placement":"CENTER"',
  to: '"edgeLabels.placement":"HEAD"',
} as const;

/** A module of the ELK layout as the page gets it: labels by their arrowhead. */
export function patchLayout(code: Buffer): Buffer {
  const text = code.toString('utf8');
  return text.includes(LABEL_PLACEMENT.from)
    ? Buffer.from(text.split(LABEL_PLACEMENT.from).join(LABEL_PLACEMENT.to))
    : code;
}

/** Whether the installed ELK layout has the label placement depmap changes. */
export function elkLayoutPatched(): boolean {
  const { elk } = mermaidFiles();
  const files = readdirSync(elk, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
  return files.some((f) => readFileSync(path.join(elk, f), 'utf8').includes(LABEL_PLACEMENT.from));
}
