/**
 * What "nothing injected" means for each output format, checked on what depmap wrote. Every
 * hostile string carries the word INJECTED: wherever the format has syntax (outside quoted
 * labels and strings), the word must not appear, and the structure must be what depmap made.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { expectCleanStream } from './harness.js';

type Graphviz = { layout(dot: string, format: string, engine: string): string };
let graphviz: Graphviz | undefined | null = null;
async function loadGraphviz(): Promise<Graphviz | undefined> {
  if (graphviz === null) {
    try {
      const mod = (await import(/* @vite-ignore */ '@hpcc-js/wasm-graphviz')) as {
        Graphviz: { load(): Promise<Graphviz> };
      };
      graphviz = await mod.Graphviz.load();
    } catch {
      graphviz = undefined;
    }
  }
  return graphviz;
}

/** Text with every double-quoted string (backslash escapes honoured) taken out. */
function outsideQuotes(line: string, escapes = true): string {
  return escapes ? line.replace(/"(?:[^"\\]|\\.)*"/g, '""') : line.replace(/"[^"]*"/g, '""');
}

export function checkMermaid(text: string, file: string): void {
  expect(text, `${file}: a directive`).not.toContain('%%{');
  let front = text.startsWith('---\n');
  for (const [i, line] of text.split('\n').entries()) {
    if (front) {
      if (i > 0 && line === '---') front = false;
      continue;
    }
    // depmap's own comments (`%% depmap diff a → b`) are the one place for `%%`.
    const syntax = outsideQuotes(line, false).replace(/^\s*%% [^{}]*$/, '');
    expect(syntax, `${file}:${i + 1}: data outside a label: ${line}`).not.toMatch(/INJECTED|%%|click |javascript:/);
  }
}

/** A timeline or architecture diagram has no quoted labels: the data is turned into look-alikes. */
export function checkBareMermaid(text: string, file: string): void {
  expect(text, `${file}: a directive`).not.toMatch(/%%|#\d+;|\]\s*-->|:::/);
  for (const [i, line] of text.split('\n').entries())
    expect(line.trimStart(), `${file}:${i + 1}`).not.toMatch(/^(INJECTED|click|subgraph|style|classDef)/);
}

export function checkSvg(text: string, file: string): void {
  expect(text, file).toContain('<svg');
  expect(text, `${file}: a script`).not.toMatch(/<script|javascript:|<iframe|<img|<object|<embed/i);
  expect(text, `${file}: an event handler`).not.toMatch(/\son[a-z]+\s*=/i);
  for (const style of text.match(/<style[^>]*>[\s\S]*?<\/style>/g) ?? []) {
    expect(style, `${file}: data in the CSS`).not.toMatch(/INJECTED|evil\.example|red\s*}/);
  }
  expect(text, file).not.toContain('Maximum text size in diagram exceeded');
  expect(text, file).not.toContain('Syntax error in text');
}

/** A Markdown line without its code spans (shown as text, whatever they hold) and escaped backticks. */
export function withoutCode(line: string): string {
  let out = '';
  let rest = line.replace(/\\`/g, '');
  for (;;) {
    const open = /`+/.exec(rest);
    if (!open) return out + rest;
    const fence = open[0];
    const after = rest.slice(open.index + fence.length);
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`).exec(after);
    if (!close) return out + rest;
    out += `${rest.slice(0, open.index)}CODE`;
    rest = after.slice(close.index + fence.length);
  }
}

export function checkMarkdown(text: string, file: string): void {
  const lines = text.split('\n');
  // A Mermaid block is not Markdown (GitHub hands it to Mermaid as it is): it is checked as Mermaid below.
  const prose = withoutMermaidBlocks(lines).map(withoutCode);
  const offending = (pattern: RegExp) => prose.find((l) => pattern.test(l)) ?? null;
  expect(offending(/<script|<img|<iframe|<!--\s*INJECTED/i), `${file}: raw HTML from data`).toBeNull();
  expect(offending(/(?<!\\)\[INJECTED\]\(/), `${file}: a link from data`).toBeNull();
  expect(offending(/!\[[^\]]*INJECTED[^\]]*\]\(https:\/\/evil/), `${file}: an image from data`).toBeNull();
  let inFence = false;
  let columns = 0;
  // A Mermaid block (the picture of a diff) is data GitHub draws: checked as Mermaid, and it
  // must end where depmap ended it.
  let mermaid: string[] | undefined;
  for (const [i, line] of lines.entries()) {
    if (/^(```|~~~~)/.test(line)) {
      inFence = !inFence;
      if (mermaid) checkMermaid(mermaid.join('\n'), `${file}:${i + 1}`);
      mermaid = inFence && line === '```mermaid' ? [] : undefined;
    } else mermaid?.push(line);
    if (inFence) continue;
    expect(line.trimStart(), `${file}:${i + 1}: data started a line`).not.toMatch(/^(INJECTED|::)/);
    if (line.startsWith('|')) {
      // Cells split on pipes that are not escaped: data never adds a column.
      const cells = line.replace(/\\\\/g, '').split(/(?<!\\)\|/).length;
      if (columns === 0) columns = cells;
      expect(cells, `${file}:${i + 1}: a table row with another number of cells: ${line}`).toBe(columns);
    } else {
      columns = 0;
    }
  }
  expect(inFence, `${file}: a fence left open`).toBe(false);
}

function withoutMermaidBlocks(lines: readonly string[]): string[] {
  let inMermaid = false;
  return lines.filter((line) => {
    if (line === '```mermaid') inMermaid = true;
    else if (inMermaid && line === '```') {
      inMermaid = false;
      return false;
    }
    return !inMermaid;
  });
}

export async function checkDot(text: string, file: string): Promise<void> {
  for (const [i, line] of text.split('\n').entries())
    expect(outsideQuotes(line), `${file}:${i + 1}: data outside a string: ${line}`).not.toContain('INJECTED');
  const gv = await loadGraphviz();
  if (gv || process.env.DEPMAP_REQUIRE_GRAPHVIZ === '1') {
    expect(gv, '@hpcc-js/wasm-graphviz is not installed').toBeDefined();
    expect((gv as Graphviz).layout(text, 'svg', 'dot'), file).toContain('<svg');
  }
}

export function checkXml(text: string, file: string): void {
  expect(XMLValidator.validate(text), `${file} is not well-formed XML`).toBe(true);
}

export function checkJson(text: string, file: string): unknown {
  let value: unknown;
  expect(() => (value = JSON.parse(text)), `${file} is not JSON`).not.toThrow();
  return value;
}

/** SARIF: JSON, and message texts without control characters (viewers show them). */
export function checkSarif(text: string, file: string): void {
  const log = checkJson(text, file) as { runs: { results: { message: { text: string } }[] }[] };
  // Lossless otherwise: code scanning shows the text as text.
  for (const result of log.runs[0]?.results ?? [])
    expect(
      /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.exec(result.message.text),
      `${file}: a control character in a message`,
    ).toBeNull();
}

/** GitHub workflow commands: depmap's own annotations only, one per line. */
export function checkGithub(text: string, file: string): void {
  for (const line of text.split('\n').filter(Boolean)) {
    expect(line, `${file}: a line that is not an annotation or the summary`).toMatch(
      /^(::(error|warning|notice) [^\n]*::|depmap check: )/,
    );
  }
  expectCleanStream(text, file, { commandsAllowed: true });
}

export function checkDsl(text: string, file: string): void {
  let depth = 0;
  for (const [i, line] of text.split('\n').entries()) {
    const syntax = outsideQuotes(line);
    expect(syntax, `${file}:${i + 1}: data outside a string: ${line}`).not.toContain('INJECTED');
    depth += (syntax.match(/{/g) ?? []).length - (syntax.match(/}/g) ?? []).length;
  }
  expect(depth, `${file}: unbalanced braces`).toBe(0);
}

export function checkYaml(text: string, file: string): void {
  const docs = parseAllDocuments(text);
  for (const doc of Array.isArray(docs) ? docs : [docs]) expect(doc.errors, file).toEqual([]);
}

/** Checks every file under `dir` by its extension; returns how many were checked. */
export async function checkTree(dir: string): Promise<number> {
  let checked = 0;
  const walk = async (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) {
        await walk(full);
        continue;
      }
      await checkFile(full);
      checked++;
    }
  };
  await walk(dir);
  return checked;
}

export async function checkFile(file: string, format = path.extname(file).slice(1)): Promise<void> {
  const text = readFileSync(file, 'utf8');
  switch (format) {
    case 'mmd':
      if (
        /^(timeline|architecture-beta)/m.test(
          text.split('\n').find((l) => !l.startsWith('---') && !/^\w+:/.test(l) && !l.startsWith(' ')) ?? '',
        )
      )
        checkBareMermaid(text, file);
      else checkMermaid(text, file);
      return;
    case 'svg':
      return checkSvg(text, file);
    case 'md':
      return checkMarkdown(text, file);
    case 'dot':
      return checkDot(text, file);
    case 'xml':
      return checkXml(text, file);
    case 'json':
      checkJson(text, file);
      return;
    case 'sarif':
      return checkSarif(text, file);
    case 'dsl':
      return checkDsl(text, file);
    case 'yaml':
      return checkYaml(text, file);
    case 'github':
      return checkGithub(text, file);
    default:
      expectCleanStream(text, file);
  }
}
