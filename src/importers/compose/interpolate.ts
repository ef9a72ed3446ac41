/**
 * Compose variable substitution: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, and `$$` for a literal `$`.
 * Only the repo's `.env` is known (the shell that will run compose is not), so an unset
 * variable becomes an empty string as compose does, and is reported once.
 */
import type { ComposeNode, Where } from './compose-node.js';

export interface Interpolation {
  env: ReadonlyMap<string, string>;
  /** Called once per variable that is used but not set and has no default. */
  missing(name: string, required: boolean, message?: string): void;
}

export function interpolate(value: string, ctx: Interpolation, depth = 0): string {
  if (!value.includes('$')) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = value[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(value, i + 2);
      if (end < 0) {
        out += value.slice(i);
        break;
      }
      out += substitute(value.slice(i + 2, end), ctx, depth);
      i = end + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i + 1))?.[0];
    if (name) {
      out += lookup(name, ctx);
      i += 1 + name.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function lookup(name: string, ctx: Interpolation): string {
  const value = ctx.env.get(name);
  if (value === undefined) {
    ctx.missing(name, false);
    return '';
  }
  return value;
}

function substitute(expression: string, ctx: Interpolation, depth: number): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(expression);
  if (!match) return `\${${expression}}`;
  const [, name, operator, argument = ''] = match;
  const value = ctx.env.get(name!);
  const nested = (text: string): string => (depth < 8 ? interpolate(text, ctx, depth + 1) : text);
  switch (operator) {
    case undefined:
      return lookup(name!, ctx);
    case ':-':
      return value === undefined || value === '' ? nested(argument) : value;
    case '-':
      return value === undefined ? nested(argument) : value;
    case ':?':
    case '?':
      if (value === undefined || (operator === ':?' && value === '')) {
        ctx.missing(name!, true, argument);
        return '';
      }
      return value;
    case ':+':
      return value === undefined || value === '' ? '' : nested(argument);
    case '+':
      return value === undefined ? '' : nested(argument);
    default:
      return value ?? '';
  }
}

/**
 * Substitutes every string of a compose tree in place, keeping the text as written beside the
 * value. Keys are not substituted (compose does not either). `missing` hears each variable
 * without a value once per call, with the line where it was first used.
 */
export function interpolateTree(
  node: ComposeNode,
  env: ReadonlyMap<string, string>,
  missing: (name: string, required: boolean, message: string | undefined, at: Where) => void,
): void {
  const reported = new Set<string>();
  const visit = (current: ComposeNode, depth: number): void => {
    if (depth > 128) return;
    if (current.kind === 'map') for (const value of current.entries.values()) visit(value, depth + 1);
    else if (current.kind === 'seq') for (const item of current.items) visit(item, depth + 1);
    else if (typeof current.value === 'string' && current.value.includes('$')) {
      const unset: string[] = [];
      const value = interpolate(current.value, {
        env,
        missing(name, required, message) {
          unset.push(name);
          if (reported.has(name)) return;
          reported.add(name);
          missing(name, required, message, current.at);
        },
      });
      if (value !== current.value) {
        current.written = current.value;
        current.value = value;
      }
      if (unset.length > 0) current.unset = unset;
    }
  };
  visit(node, 0);
}
