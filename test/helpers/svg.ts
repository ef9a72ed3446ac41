/** Reading an SVG that Mermaid drew, as a reader sees it: its text, and the labels a diagram asked for. */

/** The text a reader sees in an SVG: tags stripped, entities decoded. */
export function svgText(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

const decodeMermaid = (text: string) => text.replace(/#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/** The labels a Mermaid file asks for: node, subgraph and edge labels, architecture titles. */
export function expectedLabels(mermaid: string): string[] {
  const labels: string[] = [];
  for (const line of mermaid.split('\n')) {
    const quoted = /^\s+(?:subgraph )?\w+[[({/>]+"([^"]*)"/.exec(line) ?? /\|"([^"]*)"\|/.exec(line);
    if (quoted?.[1]) labels.push(decodeMermaid(quoted[1].split('<br/>')[0] as string));
    const title = /^\s+(?:service|group) \w+\([\w-]+\)\[([^\]]*)\]/.exec(line);
    if (title?.[1]) labels.push(title[1]);
  }
  return labels;
}

/** Single words: Mermaid wraps long labels over several lines. */
export const words = (labels: string[]) => [
  ...new Set(labels.flatMap((l) => l.split(/\s+/)).filter((w) => w.length > 0)),
];
