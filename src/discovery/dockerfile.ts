/**
 * What a Dockerfile tells of the image it builds without building it: the final stage's
 * `ENV` (with what it inherits from an earlier stage it starts `FROM`), its real base image
 * (through stage names), `EXPOSE`d ports. Addresses are often only here (`ENV CART_ENDPOINT
 * cart:8080`), so each key keeps its own line, also inside a `\`-continued `ENV`. `ARG`
 * defaults and build args (compose `build.args`) substitute into `ENV` and `FROM` as
 * `docker build` would; nothing runs.
 */
import { interpolate } from '../importers/compose/interpolate.js';
import { isSecretKey, maskCredentials } from '../importers/topology/addresses.js';
import type { DockerfileFacts, FileProblem, ImageRef, Setting } from './model.js';

const MAX_DOCKERFILE_CHARS = 1024 * 1024;
const MAX_EXPOSE_RANGE = 64;

interface Instruction {
  keyword: string;
  /** The arguments, continuation lines joined. */
  text: string;
  line: number;
  /** The escape character (`\`, or `` ` `` with the `# escape=` directive): it also escapes inside words. */
  escape: string;
  /** Where each physical line's part starts in `text`, for the line of a word. */
  starts: { offset: number; line: number }[];
}

interface Stage {
  name?: string;
  from?: ImageRef;
  env: Setting[];
  expose: number[];
  /** Variables in scope: the stage's ARGs and ENVs as they stand. */
  vars: Map<string, string>;
  /** The ENV values alone (unmasked): a stage built on this one inherits these, not its ARGs. */
  envValues: Map<string, string>;
}

export function readDockerfile(text: string, file: string, args: Record<string, string> = {}): DockerfileFacts {
  const problems: FileProblem[] = [];
  if (text.length > MAX_DOCKERFILE_CHARS) {
    problems.push({
      file,
      message: `file is larger than ${MAX_DOCKERFILE_CHARS / 1024} KiB; not read`,
      severity: 'error',
    });
    return { env: [], expose: [], problems };
  }
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions(text)) {
    const stage = stages[stages.length - 1];
    const lineOf = (offset: number): number =>
      instruction.starts.findLast((start) => start.offset <= offset)?.line ?? instruction.line;
    switch (instruction.keyword) {
      case 'FROM':
        stages.push(fromStage(instruction, file, globals, stages));
        break;
      case 'ARG':
        for (const word of words(instruction.text, instruction.escape)) {
          const [name = '', ...rest] = word.raw.split('=');
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
          const scope = stage ? stage.vars : globals;
          const fallback =
            rest.length > 0
              ? expand(rest.join('='), scope, instruction.escape).value
              : stage
                ? globals.get(name)
                : undefined;
          const value = Object.hasOwn(args, name) ? args[name] : fallback;
          if (value !== undefined) scope.set(name, value);
        }
        break;
      case 'ENV':
        if (stage)
          for (const pair of envPairs(instruction.text, instruction.escape))
            stage.env.push(envSetting(pair, stage, file, lineOf, instruction.escape));
        break;
      case 'EXPOSE':
        if (stage) stage.expose.push(...exposed(instruction.text, stage.vars, instruction.escape));
        break;
    }
  }
  const last = stages[stages.length - 1];
  if (!last) {
    problems.push({ file, line: 1, message: 'no FROM: not a Dockerfile', severity: 'warning' });
    return { env: [], expose: [], problems };
  }
  return {
    env: last.env,
    ...(last.from ? { from: last.from } : {}),
    expose: [...new Set(last.expose)],
    ...(problems.length > 0 ? { problems } : {}),
  };
}

/** A stage that starts `FROM` an earlier one inherits its environment, ports and base image. */
function fromStage(instruction: Instruction, file: string, globals: Map<string, string>, stages: Stage[]): Stage {
  const parts = words(instruction.text, instruction.escape).filter((word) => !word.raw.startsWith('--'));
  const written = parts[0]?.raw ?? '';
  const name = parts[1]?.raw.toLowerCase() === 'as' ? parts[2]?.raw.toLowerCase() : undefined;
  const { value, unset } = expand(written, globals, instruction.escape);
  const parent = stages.findLast((stage) => stage.name !== undefined && stage.name === value.toLowerCase());
  if (parent) {
    return {
      ...(name ? { name } : {}),
      ...(parent.from ? { from: parent.from } : {}),
      env: [...parent.env],
      expose: [...parent.expose],
      vars: new Map(parent.envValues),
      envValues: new Map(parent.envValues),
    };
  }
  const from: ImageRef = { file, line: instruction.line, written, ...(unset || value === '' ? {} : { ref: value }) };
  return { ...(name ? { name } : {}), from, env: [], expose: [], vars: new Map(), envValues: new Map() };
}

function envSetting(
  pair: { key: string; raw: string; offset: number },
  stage: Stage,
  file: string,
  lineOf: (offset: number) => number,
  escape: string,
): Setting {
  const { value } = expand(pair.raw, stage.vars, escape);
  stage.vars.set(pair.key, value);
  stage.envValues.set(pair.key, value);
  const at = { file, line: lineOf(pair.offset) };
  if (isSecretKey(pair.key)) return { key: pair.key, value: '***', via: 'dockerfile', ...at };
  const written = pair.raw.includes('$') ? maskCredentials(unquoted(pair.raw)) : undefined;
  const masked = maskCredentials(value);
  return {
    key: pair.key,
    value: masked,
    ...(written !== undefined && written !== masked ? { written } : {}),
    via: 'dockerfile',
    ...at,
  };
}

/** `ENV K=v K2="v 2"` or the older `ENV K v with spaces`. */
function envPairs(text: string, escape: string): { key: string; raw: string; offset: number }[] {
  const list = words(text, escape);
  const first = list[0];
  if (!first) return [];
  if (!first.raw.includes('=')) {
    const rest = text.slice(first.offset + first.raw.length).trim();
    return [{ key: first.raw, raw: rest, offset: first.offset }];
  }
  return list
    .filter((word) => /^[^=]+=/.test(word.raw))
    .map((word) => {
      const eq = word.raw.indexOf('=');
      return { key: word.raw.slice(0, eq), raw: word.raw.slice(eq + 1), offset: word.offset };
    });
}

function exposed(text: string, vars: Map<string, string>, escape: string): number[] {
  const ports: number[] = [];
  for (const word of words(text, escape)) {
    const match = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(expand(word.raw, vars, escape).value);
    if (!match) continue;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Math.min(Number(match[2]), first + MAX_EXPOSE_RANGE - 1);
    for (let port = first; port <= last && port < 65536; port++) if (port > 0) ports.push(port);
  }
  return ports;
}

/** Words split on whitespace outside quotes, as written (quotes and escapes kept), with their offsets. */
function words(text: string, escape: string): { raw: string; offset: number }[] {
  const out: { raw: string; offset: number }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | undefined;
    while (i < text.length && (quote !== undefined || !/\s/.test(text[i]!))) {
      const c = text[i]!;
      if (c === escape && quote !== "'") i++;
      else if (quote === undefined && (c === '"' || c === "'")) quote = c;
      else if (c === quote) quote = undefined;
      i++;
    }
    out.push({ raw: text.slice(start, i), offset: start });
  }
  return out;
}

/** A word's value: quotes removed, `\x` escapes resolved, `$VAR` / `${VAR…}` substituted outside single quotes. */
function expand(raw: string, vars: ReadonlyMap<string, string>, escape: string): { value: string; unset: boolean } {
  let value = '';
  let unset = false;
  let quote: string | undefined;
  const missing = (): void => void (unset = true);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === escape && quote !== "'" && i + 1 < raw.length) value += raw[++i];
    else if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = undefined;
    else if (c === '$' && quote !== "'") {
      const reference = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/.exec(raw.slice(i))?.[0];
      if (!reference) value += c;
      else {
        value += interpolate(reference, { env: vars, missing });
        i += reference.length - 1;
      }
    } else value += c;
  }
  return { value, unset };
}

function unquoted(raw: string): string {
  return /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
}

/** Logical instructions: comments dropped, `\` continuations joined, heredoc bodies skipped. */
function instructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escapeDirective = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(lines[0] ?? '');
  const escape = escapeDirective?.[1] ?? '\\';
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  let heredoc: { word: string; tabs: boolean } | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (heredoc) {
      const body = heredoc.tabs ? raw.replace(/^\t+/, '') : raw;
      if (body.trim() === heredoc.word) heredoc = undefined;
      return;
    }
    // Comments and blank lines end nothing, not even inside a continuation.
    if (/^\s*#/.test(raw) || raw.trim() === '') return;
    const trimmed = raw.replace(/\s+$/, '');
    const continues = trimmed.endsWith(escape);
    const part = continues ? trimmed.slice(0, -1) : trimmed;
    if (current === undefined) {
      const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(part);
      if (!match) return;
      current = { keyword: match[1]!.toUpperCase(), text: match[2] ?? '', line, escape, starts: [{ offset: 0, line }] };
    } else {
      current.starts.push({ offset: current.text.length, line });
      current.text += part;
    }
    if (continues) return;
    const here = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(current.text);
    if (here && ['RUN', 'COPY', 'ADD'].includes(current.keyword)) heredoc = { word: here[3]!, tabs: here[1] === '-' };
    out.push(current);
    current = undefined;
  });
  if (current) out.push(current);
  return out;
}
