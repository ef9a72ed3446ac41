/**
 * Hostile strings: what a repo we do not control can put in any text field. Each carries
 * the word INJECTED, so a check can tell that data started a line, closed a label or
 * became markup. Used by the escaping unit tests and by the injection rows.
 */
export const HOSTILE: readonly string[] = [
  // Mermaid: a directive that changes the renderer's config and CSS.
  "%%{init: {'themeCSS': '.node rect { fill: red } INJECTED { background: url(https://evil.example/t) }'}}%%",
  '%%{ init: { "theme": "dark", "fontFamily": "INJECTED" } }%%',
  // Mermaid: text that closes a label and starts nodes, edges and click handlers.
  '"] --> INJECTED["x',
  'a"]\nINJECTED["b',
  '|INJECTED| --> evil',
  'end\nsubgraph INJECTED\nclick A call alert()\n%% INJECTED comment',
  '#quot;#35; INJECTED #lt;script#gt;',
  // Terminal: colours, cursor moves, a hyperlink, the bell, a title change.
  '\u001b[31mINJECTED red\u001b[0m\u001b[2J\u001b[H',
  '\u001b]8;;https://evil.example\u0007INJECTED link\u001b]8;;\u0007\u0007',
  '\u001b]0;INJECTED title\u0007\u009b31m',
  // A line of its own, and CI logs' workflow commands on one, and older ones anywhere in a line.
  'line one\nINJECTED on a line of its own\r\nINJECTED again',
  'ok\n::set-output name=p::INJECTED',
  'ok\r\n::add-mask::INJECTED',
  'ok\n::error file=x,line=1::INJECTED',
  "ok ##[error]INJECTED ##vso[task.setvariable variable=p]INJECTED ##teamcity[message text='INJECTED']",
  // HTML, Markdown and XML.
  '<script>alert("INJECTED")</script><img src=x onerror=alert(1)>',
  '[INJECTED](javascript:alert(1)) ![INJECTED](https://evil.example/i.png)',
  '| INJECTED | cell |\n| --- |',
  '`INJECTED` ``code`` **bold** _em_ ~~gone~~ <!-- INJECTED -->',
  ']]><INJECTED/><![CDATA[ &amp; &#x41; \u0000',
  // Graphviz and DSL strings.
  '\\N \\G \\" INJECTED" ] ; evil [label="x',
  // Display order and line separators.
  '\u202eDETCEJNI\u202c \u2066INJECTED\u2069 \u2028INJECTED\u2029',
];

/** The strings as one, for a field that takes one text (each field gets one of them). */
export function hostile(i: number): string {
  return HOSTILE[i % HOSTILE.length] as string;
}
