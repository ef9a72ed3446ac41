/**
 * zod's issues in depmap's words, whatever the file (manifest, policy, config): each one at
 * the value (or key) it is about, with a hint and a "did you mean". What differs between
 * files is configured, not copied: each file type gives an IssueDialect (the keys allowed at
 * each path, which option of a union a value meant, a few words of its own).
 */
import type { z } from 'zod';
import { didYouMean, suggest } from '../util/suggest.js';

export type Path = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

/** An issue in words, at a path of the value that was validated. */
interface IssueProblem {
  code: string;
  path: Path;
  message: string;
  hint?: string;
  /** Points at the key at `path` (an unknown field), not at its value. */
  key?: boolean;
}

interface IssueWords {
  code: string;
  message: string;
  hint?: string | undefined;
}

/** What the mapper needs to know of one type of file. */
export interface IssueDialect {
  /** Keys allowed in the mapping at `path`, for "did you mean" and the hint. */
  keysAt(path: Path, root: unknown): readonly string[];
  /** Of a union's options, the one the value's shape chose (an index into the issue's errors). */
  unionBranch(path: Path, value: unknown, options: number): number | undefined;
  /** What an entry at `path` may be, when it fits none of a union's options. */
  invalidEntry?(path: Path): { message: string; hint: string } | undefined;
  /** How unknown keys at `path` are named (`rule`) and the allowed ones introduced (`rules`). */
  keyNoun?(path: Path): { noun: string; list: string } | undefined;
  /** What a value at `path` must be one of (`severity of cycle`); else "one of the allowed values". */
  valueNoun?(path: Path, values: readonly string[]): string | undefined;
  /** How to add a required field that is missing. */
  requiredHint?(name: string, path: Path): string | undefined;
  /** Words of the file's own for an invalid value (a spec version, a protocol); else the shared ones. */
  ownWords?(issue: Issue, path: Path, input: unknown): IssueWords | undefined;
}

/** Every issue in words, at paths of `root`, the value that was validated. Issues that echo another are left out. */
export function explainIssues(issues: readonly Issue[], root: unknown, dialect: IssueDialect): IssueProblem[] {
  const out: IssueProblem[] = [];
  for (const issue of withoutEchoes(issues)) explain(issue, root, dialect, [], out);
  return out;
}

function explain(issue: Issue, root: unknown, dialect: IssueDialect, prefix: Path, out: IssueProblem[]): void {
  const path: Path = [...prefix, ...issue.path];
  const input = valueAt(root, path);
  const add = (at: Path, words: IssueWords, key = false) => {
    const p: IssueProblem = { code: words.code, path: at, message: words.message };
    if (words.hint) p.hint = words.hint;
    if (key) p.key = true;
    out.push(p);
  };
  const missing = () => {
    const name = String(path[path.length - 1]);
    add(path.slice(0, -1), {
      code: 'missing-field',
      message: `missing required field "${name}"`,
      hint: dialect.requiredHint?.(name, path),
    });
  };
  const empty = () =>
    add(path, {
      code: 'empty-value',
      message: `${formatPath(path)} is empty`,
      hint: 'give it a value or remove the line',
    });

  switch (issue.code) {
    case 'invalid_union': {
      if (input === undefined) return missing();
      const errors = (issue as { errors?: Issue[][] }).errors ?? [];
      const branch = dialect.unionBranch(path, input, errors.length);
      const chosen = branch === undefined ? undefined : errors[branch];
      if (chosen) {
        for (const inner of withoutEchoes(chosen)) explain(inner, root, dialect, path, out);
        return;
      }
      const entry = dialect.invalidEntry?.(path);
      add(
        path,
        entry
          ? { code: 'invalid-entry', ...entry }
          : { code: 'invalid-value', message: `invalid value ${describeType(input)}` },
      );
      return;
    }
    case 'unrecognized_keys': {
      const allowed = dialect.keysAt(path, root);
      const listed = allowed.filter((k) => k !== '$schema');
      const named = dialect.keyNoun?.(path) ?? { noun: 'field', list: 'allowed here' };
      for (const key of issue.keys) {
        add(
          [...path, key],
          {
            code: 'unknown-field',
            message: `unknown ${named.noun} "${key}"${didYouMean(key, allowed)}`,
            hint: listed.length > 0 ? `${named.list}: ${listed.join(', ')}` : undefined,
          },
          true,
        );
      }
      return;
    }
    case 'invalid_type':
      if (input === undefined) return missing();
      if (input === null) return empty();
      add(path, {
        code: 'invalid-type',
        message: `must be ${article(issue.expected)}, not ${describeType(input)}`,
        hint: typeHint(issue.expected, input),
      });
      return;
    case 'invalid_value': {
      if (input === undefined) return missing();
      const own = dialect.ownWords?.(issue, path, input);
      if (own) return add(path, own);
      const values = issue.values.map(String);
      const noun = dialect.valueNoun?.(path, values);
      const shown = values.length > 12 ? `${values.slice(0, 12).join(', ')}, …` : values.join(', ');
      add(path, {
        code: 'invalid-value',
        message: `"${String(input)}" ${noun ? `is not a valid ${noun}` : 'is not one of the allowed values'}${didYouMean(String(input), values)}`,
        hint: `use one of: ${shown}`,
      });
      return;
    }
    case 'invalid_format':
      add(
        path,
        dialect.ownWords?.(issue, path, input) ?? {
          code: 'invalid-format',
          message: `"${String(input)}": ${issue.message}`,
        },
      );
      return;
    case 'too_small':
    case 'too_big': {
      if (issue.code === 'too_small' && typeof input === 'string' && input.length === 0) return empty();
      const bound =
        issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      const code = issue.code === 'too_small' ? 'too-small' : 'too-big';
      if (typeof input === 'number') add(path, { code, message: `must be ${bound}, not ${input}` });
      else if (typeof input === 'string')
        add(path, { code, message: `must be ${bound} characters long, not ${input.length}` });
      else if (Array.isArray(input)) add(path, { code, message: `must list ${bound} entries, not ${input.length}` });
      else add(path, { code, message: issue.message });
      return;
    }
    case 'custom': {
      const params = (issue.params ?? {}) as { code?: string; hint?: string };
      add(path, { code: params.code ?? 'invalid-value', message: issue.message, hint: params.hint });
      return;
    }
    default:
      add(path, { code: 'invalid-value', message: issue.message });
  }
}

/**
 * `nmae: x` gives two issues, an unknown field and a missing "name"; the first says it all
 * ("did you mean name?"), so the second is dropped.
 */
function withoutEchoes<T extends { code: string; path: PropertyKey[]; keys?: string[] }>(issues: readonly T[]): T[] {
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    for (const key of issue.keys ?? []) misspelt.add(`${formatPath(issue.path)}|${key}`);
  }
  if (misspelt.size === 0) return [...issues];
  return issues.filter((issue) => {
    if (issue.code !== 'invalid_type' && issue.code !== 'invalid_union') return true;
    const name = issue.path[issue.path.length - 1];
    if (typeof name !== 'string') return true;
    const parent = formatPath(issue.path.slice(0, -1));
    return ![...misspelt].some((entry) => {
      const [at, key] = entry.split('|') as [string, string];
      return at === parent && suggest(key, [name]).length > 0;
    });
  });
}

function typeHint(expected: string, input: unknown): string | undefined {
  if (expected === 'array') return 'write a list: each entry on its own line starting with "- "';
  if (expected === 'string' && typeof input === 'boolean') return 'quote it, e.g. "true"';
  if (expected === 'boolean' && typeof input === 'string') return 'write true or false without quotes';
  if (expected === 'object') return 'write a mapping of fields (key: value)';
  return undefined;
}

/** "a list", "text"…: what zod expected, in a file author's words. */
function article(expected: string): string {
  switch (expected) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'int':
      return 'a whole number';
    default:
      return `a ${expected}`;
  }
}

/** What was found instead, in the same words. */
function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

/** The value at a zod issue's path in the parsed input. */
export function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const segment of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[segment as string];
  }
  return v;
}

/** `libraries[3].version` */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}
