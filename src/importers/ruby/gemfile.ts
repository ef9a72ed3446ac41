/**
 * Gemfile, read as text and never evaluated: `gem "name", "~> 1.2", ">= 1.2.3"` lines, with
 * the groups of `group :test do … end` blocks and `group:`/`groups:` options. Gems from
 * `path:` are this repo's own; `git:`/`github:` gems are reported with their `ref:` when
 * they have one. Anything computed (a version in a variable) cannot be read and is reported.
 */
import { basename } from '../../util/paths.js';
import { emptyResult, type LibraryScope } from '../types.js';
import { defineImporter } from '../define-importer.js';

function rubyGroupScope(groups: string[]): LibraryScope {
  if (groups.length === 0 || groups.some((g) => g === 'default' || g === 'production')) return 'runtime';
  if (groups.some((g) => g === 'test')) return groups.every((g) => g === 'test') ? 'test' : 'dev';
  if (groups.some((g) => g === 'development' || g === 'dev')) return 'dev';
  return 'optional';
}

export const gemfileImporter = defineImporter({
  id: 'gemfile',
  files: '`Gemfile`, `gems.rb`',
  description: 'read as text, never evaluated',
  library: { family: 'ruby', rank: 2, kind: 'ranges', names: ['Gemfile'] },
  matches: (file) => ['Gemfile', 'gems.rb'].includes(basename(file)),
  parse(text) {
    const result = emptyResult();
    const groupStack: string[][] = [];
    const blockStack: ('group' | 'other')[] = [];
    text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      const lineNo = index + 1;
      if (line === '') return;
      const group = /^group\s+(.+?)\s+do\b/.exec(line);
      if (group) {
        groupStack.push(symbols(group[1]!));
        blockStack.push('group');
        return;
      }
      if (/\bdo(\s*\|[^|]*\|)?$/.test(line) || /^(if|unless|case|begin|while|until)\b/.test(line)) {
        blockStack.push('other');
        return;
      }
      if (line === 'end') {
        if (blockStack.pop() === 'group') groupStack.pop();
        return;
      }
      const gem = /^gem\s*\(?\s*(['"])([^'"]+)\1(.*)$/.exec(line);
      if (!gem) return;
      const name = gem[2]!;
      const rest = gem[3] ?? '';
      const options = rest.replace(/\)\s*$/, '');
      const versions: string[] = [];
      let computed = false;
      for (const part of splitArgs(options)) {
        const trimmed = part.trim();
        if (trimmed === '') continue;
        const quoted = /^(['"])([^'"]*)\1$/.exec(trimmed);
        if (quoted) versions.push(quoted[2]!.trim());
        else if (!/^:?[a-z_]+\s*(=>|:)/.test(trimmed)) computed = true;
      }
      if (/\bpath:|:path\s*=>/.test(options)) return;
      const ownGroups = [...options.matchAll(/\bgroups?:\s*(\[[^\]]*\]|:[a-z_]+|['"][^'"]+['"])/g)].flatMap((m) =>
        symbols(m[1]!),
      );
      const groups = [...groupStack.flat(), ...ownGroups];
      let version = versions.length === 0 ? undefined : versions.join(', ');
      const git = /\b(git|github):/.test(options);
      if (git) {
        const ref = /\bref:\s*(['"])([^'"]+)\1/.exec(options)?.[2];
        version = ref ?? version;
        if (!ref)
          result.problems.push({
            line: lineNo,
            message: `${name}: git gem without ref:, which can move`,
            hint: 'add ref: "<commit>"',
            severity: 'warning',
          });
      }
      if (computed && versions.length === 0) {
        result.problems.push({
          line: lineNo,
          message: `${name}: the version is computed, not a literal; depmap does not evaluate Gemfiles`,
          severity: 'warning',
        });
      }
      result.libraries.push({
        ecosystem: 'gem',
        name,
        version,
        scope: rubyGroupScope(groups),
        line: lineNo,
        syntax: git && version !== undefined && /^[0-9a-f]{7,40}$/.test(version) ? 'resolved' : 'native',
      });
    });
    return result;
  },
});

function symbols(text: string): string[] {
  return [...text.matchAll(/:([a-z_]+)|['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? '').filter(Boolean);
}

/** Top-level comma-separated arguments (commas inside brackets stay). */
function splitArgs(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}
