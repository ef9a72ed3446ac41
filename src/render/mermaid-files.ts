import path from 'node:path';
import { resolveSvgFile } from './svg-stack.js';

/**
 * Mermaid as one script (faster to load than its ES modules: no request per chunk), and the
 * folder of the ELK layout's ES modules, from the optional packages installed beside depmap.
 */
export function mermaidFiles(): { bundle: string; elk: string } {
  const bundle = resolveSvgFile('mermaid/dist/mermaid.min.js');
  const elk = path.dirname(resolveSvgFile('@mermaid-js/layout-elk/dist/mermaid-layout-elk.esm.min.mjs'));
  return { bundle, elk };
}
