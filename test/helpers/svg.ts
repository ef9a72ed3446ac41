/** Reading SVGs in tests: the text a reader sees, the labels a Mermaid file asks for. */

/** XML/HTML character references decoded; `&amp;` last, so `&amp;lt;` stays `&lt;`. */
export function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** The text a reader sees in an SVG: tags stripped, entities decoded. */
export function svgText(svg: string): string {
  return decodeXml(svg.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' '));
}

/**
 * What each SVG `<text>` element says, tags stripped and entities decoded. Mermaid puts each
 * word in a `<tspan>` with the space before it, so the words of a line join as written.
 */
export function textElements(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    decodeXml((m[1] as string).replace(/<[^>]+>/g, '')),
  );
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
export const labelWords = (labels: string[]) => [
  ...new Set(labels.flatMap((l) => l.split(/\s+/)).filter((w) => w.length > 0)),
];
