/**
 * CLI misuse: wrong flags, values and combinations, and arguments that carry control
 * characters. Each is a usage error (exit 2) that says what is wrong and how to fix it,
 * never a stack trace, and never a folder replaced that should not be.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';
import { writeTree } from '../helpers/fs.js';
import { manifest } from './cases.js';
import { runRows, type Row } from './harness.js';

function usage(name: string, args: string[], says: (string | RegExp)[], more: Partial<Row> = {}): Row {
  return {
    name,
    setup: (dir) => {
      writeTree(path.join(dir, 'org', 'a'), {
        'depmap.yaml': manifest('a', 'system: s\nservices:\n  - { name: b, api: b-api, version: 1.0.0 }\n'),
      });
      writeTree(path.join(dir, 'org', 'b'), {
        'depmap.yaml': manifest('b', 'system: s\nprovides:\n  - { api: b-api, protocol: http, version: 1.0.0 }\n'),
      });
      return { args };
    },
    code: 2,
    says,
    ...more,
  };
}

const rows: Row[] = [
  usage('an unknown option', ['scan', 'org', '--no-such-flag'], ["unknown option '--no-such-flag'"]),
  usage('an unknown command, with a suggestion', ['scna', 'org'], ["unknown command 'scna'", 'scan']),
  usage('docs without --out', ['docs', 'org'], ['--out <dir> is required']),
  usage(
    'docs --out . would replace the working folder',
    ['docs', 'org', '--out', '.'],
    ['refusing to replace .', 'the current folder'],
    { unchanged: ['org'] },
  ),
  usage('docs --out / would replace the root', ['docs', 'org', '--out', '/'], ['refusing to replace /']),
  usage('docs --out ~ would replace the home folder', ['docs', 'org', '--out', os.homedir()], ['refusing to replace']),
  usage(
    'docs --out over a source',
    ['docs', 'org/a', '--out', 'org'],
    ['refusing to replace org: the source org/a is inside it'],
    { unchanged: ['org'] },
  ),
  {
    name: 'docs --out over a folder depmap did not write',
    setup: (dir) => {
      writeTree(path.join(dir, 'org', 'a'), { 'depmap.yaml': manifest('a') });
      writeTree(path.join(dir, 'mine'), { 'notes.txt': 'precious' });
      return { args: ['docs', 'org', '--out', 'mine', '--no-svg'] };
    },
    code: 2,
    says: ['refusing to replace mine: it has files, and depmap docs did not write it', '--force'],
    unchanged: ['mine'],
  },
  usage('--concurrency 0', ['scan', 'org', '--concurrency', '0'], ['--concurrency']),
  usage('--concurrency that is not a number', ['scan', 'org', '--concurrency', 'lots'], ['--concurrency']),
  usage(
    '--shard out of range',
    ['scan', 'org', '--shard', '3/2'],
    ['--shard "3/2" is not of the form i/n with 1 <= i <= n'],
  ),
  usage('--format not among the choices', ['validate', 'org', '--format', 'xml'], ["'xml' is invalid", 'text, json']),
  usage(
    'sources and --snapshot together',
    ['list', 'components', 'org', '--snapshot', 'g.json'],
    ['give sources or --snapshot, not both'],
  ),
  usage(
    'several diagrams to stdout',
    ['render', 'org', '--max-edges', '0', '--system', 's', '--view', 'system'],
    [/stdout takes one|--max-edges/],
  ),
  usage('--output without =', ['check', 'org', '--output', 'sarif'], ['--output']),
  usage('--output with an unknown format', ['check', 'org', '--output', 'sarf=x.sarif'], ['sarf']),
  usage('impact of an unknown node, with a suggestion', ['impact', 'bb', 'org'], ['"bb"', 'did you mean']),
  usage('--depth that is not a positive number', ['impact', 'a', 'org', '--depth', '-1'], ['--depth']),
  usage('why of a node to itself', ['why', 'a', 'a', 'org'], ['"a" and "a" are the same node']),
  usage(
    'list of something that is not listed',
    ['list', 'everything', 'org'],
    ['cannot list "everything"', 'components, services or libraries'],
  ),
  usage(
    'list --system that no component has, with a suggestion',
    ['list', 'components', 'org', '--system', 'ss'],
    ['no components with --system ss', 'did you mean "s"?'],
  ),
  usage('render --system that does not exist', ['render', 'org', '--system', 'nope'], ['no system named "nope"']),
  usage('timeline --since that is not a date', ['timeline', 'org', '--since', 'soon'], ['--since']),
  usage('diff with no revision', ['diff'], [/diff/]),
  usage(
    'init --name that is not a name',
    ['init', 'org/a', '--name', 'bad name!', '--dry-run'],
    ['--name "bad name!"'],
  ),
  usage('init of a folder that does not exist', ['init', 'nope'], ['nope is not a folder']),
  usage('export with an unknown format', ['export', '--format', 'graphml', 'org'], ["'graphml' is invalid"]),
  usage(
    'a path argument with control characters is echoed escaped',
    ['validate', 'no\u001b[31mpe\n::error::INJECTED'],
    ['does not exist'],
  ),
  usage(
    'a revision argument with control characters is refused',
    ['check', '--base', 'main\u0007'],
    ['refusing revision'],
  ),
  {
    name: 'validate of a path that does not exist',
    setup: () => ({ args: ['validate', 'nope'] }),
    code: 2,
    says: ['nope does not exist'],
  },
  {
    name: 'check with no manifest is a finding, not an error',
    setup: (dir) => (mkdirSync(path.join(dir, 'empty')), { args: ['check'], cwd: 'empty' }),
    code: 1,
  },
  {
    name: 'an invalid depmap.config.yaml in the working folder is reported at its line',
    setup: (dir) => (
      writeFileSync(
        path.join(dir, 'depmap.config.yaml'),
        'sources:\n  - { url: https://example.com/a.git, reff: main }\n',
      ),
      { args: ['list', 'components'] }
    ),
    code: 2,
    says: ['depmap.config.yaml:2:', 'reff'],
  },
];

describe('CLI misuse', () => runRows(rows));
