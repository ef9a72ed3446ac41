/**
 * The formats table of docs/import-formats.md and init's help are written from the registry:
 * help is derived in code; the docs page, which cannot import code, is checked against the
 * table the registry gives, and a failure prints the table to paste.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { listImporters, type Importer } from '../../src/importers/index.js';
import { LIBRARY_FAMILIES } from '../../src/importers/library-sources.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th'];

/**
 * Where an importer's files stand among a folder's library sources. When only some of its
 * files are sources (`gems.locked` is read through `from:` alone), the column names those:
 * a glob of the files column counts when a name it stands for (`*` as `-dev`) is one.
 */
function inAFolder(importer: Importer): string {
  const role = importer.library;
  if (!role) return '';
  const members = LIBRARY_FAMILIES.find((family) => family.name === role.family)?.members ?? [];
  const place = members.indexOf(importer as (typeof members)[number]);
  const rank = members.length === 1 ? '' : `, ${ORDINALS[place]} of ${members.length}`;
  const every = role.every ? ', every one in the folder' : '';
  const files = [...importer.files.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
  const isSource = (file: string) => {
    const name = path.posix.basename(file.replaceAll('*', '-dev'));
    // A name may be a path inside the folder (gb's `vendor/manifest`).
    return (
      role.names?.includes(name) === true || role.names?.includes(file) === true || role.every?.test(name) === true
    );
  };
  const sources = files.filter(isSource);
  const only = sources.length < files.length ? `: ${sources.map((file) => `\`${file}\``).join(', ')} only` : '';
  const workspace = role.workspace ? '; a workspace package without a lockfile reads the one above' : '';
  return `${role.family}${rank} (${role.kind})${every}${only}${workspace}`;
}

function formatsTable(): string {
  const rows = listImporters().map((i) => `| ${i.files} | ${i.provides} | ${inAFolder(i)} | ${i.description} |`);
  return ['| files | gives | in a folder | notes |', '|---|---|---|---|', ...rows].join('\n');
}

/** The table of `page` whose header row is `header`: that line and the `|` lines after it. */
function tableIn(page: string, header: string): string {
  const lines = page.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) return '';
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('the importer lists of docs and help come from the registry', () => {
  it('docs/import-formats.md has the formats table of the registry', () => {
    const expected = formatsTable();
    const actual = tableIn(read('docs/import-formats.md'), expected.split('\n')[0]!);
    expect(actual, `docs/import-formats.md: replace the formats table with\n\n${expected}\n`).toBe(expected);
  });

  it("init's help names every importer's files", async () => {
    const help = (await runCli(['init', '--help'])).stdout.replace(/\s+/g, ' ');
    for (const importer of listImporters()) expect(help).toContain(importer.files.replaceAll('`', ''));
  });

  it('the README and the init page point to the formats page instead of copying it', () => {
    expect(read('README.md')).toContain('](docs/import-formats.md)');
    expect(read('docs/commands/init.md')).toContain('](../import-formats.md)');
  });
});
