/**
 * Writes a depmap.yaml by hand rather than through a YAML library, because what `init`
 * writes is meant to be read and edited: one entry per line in flow style, a comment on
 * each guess, and TODOs where a person has to decide.
 */
import { parse } from 'yaml';
import { quotedScalar } from '../../util/control-chars.js';

/** A scalar as YAML: plain when that reads back as the same string, else double-quoted. */
export function scalar(value: string, flow = false): string {
  const plain = flow ? /^[A-Za-z0-9][A-Za-z0-9_.\/@+-]*$/ : /^[A-Za-z0-9][A-Za-z0-9_.\/@:%+-]*$/;
  if (plain.test(value)) {
    try {
      if (parse(flow ? `{ k: ${value} }` : `k: ${value}`)?.k === value) return value;
    } catch {
      // Quoted below.
    }
  }
  return quotedScalar(value);
}

/** `{ a: 1, b: x }` with its values as YAML scalars; undefined values are left out. */
export function flowMap(entries: [string, string | boolean | undefined][]): string {
  const parts = entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'boolean' ? String(v) : scalar(v!, true)}`);
  return `{ ${parts.join(', ')} }`;
}

export interface Line {
  text: string;
  comment?: string;
}

/** Lines with their comments aligned in one column, as a person would. */
export function renderLines(lines: Line[]): string {
  const width = Math.min(60, Math.max(0, ...lines.filter((l) => l.comment && l.text.trim()).map((l) => l.text.length)));
  return lines
    .map(({ text, comment }) => {
      if (!comment) return text;
      const flat = comment.replace(/\s*[\r\n]+\s*/g, ' ');
      if (!text.trim()) return `${text}# ${flat}`;
      return `${text.padEnd(width)}  # ${flat}`;
    })
    .join('\n');
}
