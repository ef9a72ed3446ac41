/**
 * Markdown that GitHub and plain Markdown sites both render: escaped text, tables, relative
 * links, and diagrams as an SVG image (when one was drawn) with the Mermaid source, which
 * GitHub draws itself, beside it.
 */
import path from 'node:path';
import { htmlText, markdownAlt, markdownText as md } from '../escape/index.js';

/** Markdown's escapes (render/escape/markdown.ts) under the short names the pages use. */
export { markdownText as md, markdownCode as code } from '../escape/index.js';

/** A relative link from the page at `from` to the file at `to` (both relative to the docs root). */
export function link(from: string, to: string, text: string, anchor = ''): string {
  const rel = path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to);
  return `[${md(text)}](${encodeURI(rel)}${anchor ? `#${anchor}` : ''})`;
}

/** A GitHub-style table; `rows` hold Markdown already. */
export function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\n/g, ' ')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** GitHub's anchor for a heading. */
export function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

export const plural = (n: number, word: string, many = `${word}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

export interface DiagramEmbed {
  /** Path of the diagram inside the docs folder, without extension: `systems/commerce`. */
  name: string;
  mermaid: string;
  /** Alt text of the image. */
  alt: string;
}

/**
 * A diagram on the page at `page`. With an SVG: the image, then the Mermaid source folded
 * away (GitHub draws it there too, interactively). Without: the Mermaid block, which GitHub
 * and most documentation sites draw, and a link to the .mmd file.
 */
export function diagramBlock(page: string, diagram: DiagramEmbed, svg: boolean): string {
  const fence = diagram.mermaid.includes('```') ? '~~~~' : '```';
  const source = `${fence}mermaid\n${diagram.mermaid.trimEnd()}\n${fence}`;
  const file = (ext: string) => path.posix.relative(path.posix.dirname(page), `${diagram.name}.${ext}`);
  if (svg) {
    return [
      `![${markdownAlt(diagram.alt)}](${encodeURI(file('svg'))})`,
      '',
      `<details><summary>Mermaid source (<a href="${encodeURI(file('mmd'))}">${htmlText(path.posix.basename(diagram.name))}.mmd</a>)</summary>`,
      '',
      source,
      '',
      '</details>',
    ].join('\n');
  }
  return `${source}\n\n<sub>Source: [${md(path.posix.basename(diagram.name))}.mmd](${encodeURI(file('mmd'))})</sub>`;
}
