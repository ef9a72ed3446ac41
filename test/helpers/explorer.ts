/** Reading back what `depmap explore` (and `docs`) wrote. */
import { expect } from 'vitest';
import type { ExplorerData } from '../../src/render/explorer/types.js';

/** The JSON a written page carries, read back as the page reads it. */
export function pageData(html: string): ExplorerData {
  const match = /<script type="application\/json" id="depmap-data">([\s\S]*?)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse((match as RegExpExecArray)[1] as string) as ExplorerData;
}

/** The numbers of one of the page's columns (a width letter, then base64; '' is all defaults). */
export function columnValues(text: string, length: number, signed = false): number[] {
  if (text === '') return Array.from({ length }, () => (signed ? -1 : 0));
  const buf = Buffer.from(text.slice(1), 'base64');
  const width = { b: 1, h: 2, i: 4 }[text[0] as 'b' | 'h' | 'i'];
  const out: number[] = [];
  for (let i = 0; i < buf.length; i += width) out.push(buf.readUIntLE(i, width) - (signed ? 1 : 0));
  return out;
}
