/**
 * Markdown that GitHub and plain Markdown sites both render: escaped text, tables, relative
 * links, and diagrams as an SVG image (when one was drawn) with the Mermaid source, which
 * GitHub draws itself, beside it.
 */
import path from 'node:path';

/** Text that Markdown shows as it is: no emphasis, links, HTML or table breaks. */
export function md(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~>]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;');
}

/** Inline code that survives backticks inside. */
export function code(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\|/g, '\\|');
  const fence = clean.includes('`') ? '`` ' : '`';
  return `${fence}${clean}${fence === '`` ' ? ' ``' : '`'}`;
}

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

export const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

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
      `![${diagram.alt.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[[\]\\]/g, (c) => `\\${c}`)}](${encodeURI(file('svg'))})`,
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

function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
