/** Reading back what `depmap explore` (and `docs`) wrote. */
import { expect } from 'vitest';
import type { ExplorerData } from '../../src/render/explorer/types.js';

/** The JSON a written page carries, read back as the page reads it. */
export function pageData(html: string): ExplorerData {
  const match = /<script type="application\/json" id="depmap-data">([\s\S]*?)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse((match as RegExpExecArray)[1] as string) as ExplorerData;
}
