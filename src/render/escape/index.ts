/**
 * One escaping function per output format. Every string from data (manifests, lockfiles,
 * folder names) that enters one of these formats goes through its function here; the
 * hostile-string corpus in test/hostile runs through each of them.
 */
export { oneLine, plainText } from '../../util/control-chars.js';
export { dotString } from './dot.js';
export { githubData, githubProperty } from './github.js';
export { htmlText } from './html.js';
export { markdownAlt, markdownCell, markdownCode, markdownText } from './markdown.js';
export { mermaidBareText, mermaidLabel, mermaidYamlScalar } from './mermaid.js';
export { dslString } from './structurizr.js';
export { shellWord, terminalText } from './terminal.js';
export { xmlText } from './xml.js';
