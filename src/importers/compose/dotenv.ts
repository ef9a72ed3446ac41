/** `.env` files as docker compose reads them: `KEY=value`, `export KEY=value`, quotes, comments. */
import { interpolate } from './interpolate.js';

export interface DotenvEntry {
  key: string;
  /** Undefined for a bare `KEY` line: compose takes its value from the environment. */
  value?: string;
  /** 1-based. */
  line: number;
  /** The value as written, when `${VAR}` expansion changed it. */
  written?: string;
}

/** The files are small; a longer one is not a `.env` file and is not read past this. */
const MAX_DOTENV_CHARS = 1024 * 1024;

/**
 * Every entry with its line. With `expand`, `${VAR}` in unquoted and double-quoted values takes
 * earlier entries' values, then `expand`'s (compose does this for `.env` and `env_file`).
 */
export function parseDotenvEntries(text: string, expand?: ReadonlyMap<string, string>): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const known = new Map(expand ?? []);
  const lines = text.slice(0, MAX_DOTENV_CHARS).split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const bare = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(line);
    if (bare) {
      entries.push({ key: bare[1]!, line: index + 1 });
      return;
    }
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) return;
    let value = match[2] ?? '';
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) {
      value = value.slice(1, value.lastIndexOf(quote));
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    const entry: DotenvEntry = { key: match[1]!, value, line: index + 1 };
    if (expand && quote !== "'" && value.includes('$')) {
      const expanded = interpolate(value, { env: known, missing: () => undefined });
      if (expanded !== value) Object.assign(entry, { value: expanded, written: value });
    }
    known.set(entry.key, entry.value ?? '');
    entries.push(entry);
  });
  return entries;
}

export function parseDotenv(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of parseDotenvEntries(text)) if (entry.value !== undefined) env.set(entry.key, entry.value);
  return env;
}
