import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Mermaid as one script (faster to load than its ES modules: no request per chunk), and the
 * folder of the ELK layout's ES modules. Both are the copies @mermaid-js/mermaid-cli depends
 * on, so depmap draws what `mmdc` would.
 */
export function mermaidFiles(): { bundle: string; elk: string } {
  const require = createRequire(import.meta.url);
  const cli = createRequire(require.resolve('@mermaid-js/mermaid-cli'));
  const bundle = cli.resolve('mermaid/dist/mermaid.min.js');
  const elk = path.dirname(cli.resolve('@mermaid-js/layout-elk/dist/mermaid-layout-elk.esm.min.mjs'));
  return { bundle, elk };
}
