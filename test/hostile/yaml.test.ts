/** Hostile YAML in a crawled repo: each is refused with its position, and the repo beside it is still mapped. */
import path from 'node:path';
import { describe } from 'vitest';
import { manifest, orgWithBad, write } from './cases.js';
import { runRows, type Row } from './harness.js';

const bomb = ['depmap: 1', 'name: bomb', 'kind: service', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
for (let i = 1; i < 9; i++)
  bomb.push(
    `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
      .fill(`*${String.fromCharCode(96 + i)}`)
      .join(',')}]`,
  );

/** A row that scans `org/` with a bad manifest beside a good one. */
function scanRow(name: string, bad: string | Uint8Array, code: number, says: (string | RegExp)[]): Row {
  return {
    name,
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': bad });
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code,
    says,
    mapped: { snapshot: 'g.json', components: ['good'] },
  };
}

/** A row that validates one bad manifest. */
function validateRow(name: string, text: string | Uint8Array, code: number, says: (string | RegExp)[]): Row {
  return {
    name,
    setup: (dir) => {
      write(path.join(dir, 'depmap.yaml'), text);
      return { args: ['validate'] };
    },
    code,
    stdoutSays: says,
  };
}

const rows: Row[] = [
  scanRow('an alias bomb (billion laughs) is refused, not expanded', bomb.join('\n'), 1, [
    'bad',
    /more than 100 aliases|too many values/,
  ]),
  validateRow('an alias bomb is reported at its line', bomb.join('\n'), 1, [
    /depmap\.yaml:\d+:\d+: error: (more than 100 aliases|too many values)/,
  ]),
  validateRow(
    'flow nesting 20,000 deep says how deep, not "Maximum call stack"',
    manifest('x', `description: ${'['.repeat(20000)}${']'.repeat(20000)}\n`),
    1,
    ['nesting deeper than 64 levels'],
  ),
  validateRow(
    'block nesting past 64 levels is refused',
    manifest('x', Array.from({ length: 70 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' v\n'),
    1,
    ['nesting deeper than 64 levels'],
  ),
  validateRow('merge keys (<<) are refused', manifest('x', 'base: &b { owner: a }\nother:\n  <<: *b\n'), 1, [
    'merge keys (<<) are not supported',
  ]),
  validateRow('several documents in one file are refused', `${manifest('x')}---\n${manifest('y')}`, 1, [
    'found 2 YAML documents',
  ]),
  validateRow('duplicate keys are refused with their position', manifest('x', 'owner: a\nowner: b\n'), 1, [
    /depmap\.yaml:5:1: error: duplicate key/,
  ]),
  validateRow('depmap: 1e400 is reported as written, not as null', 'depmap: 1e400\nname: x\nkind: service\n', 1, [
    'spec version 1e400 is not supported',
  ]),
  validateRow('depmap: .inf and depmap: "1" are reported as written', 'depmap: .inf\nname: x\nkind: service\n', 1, [
    'spec version .inf is not supported',
  ]),
  validateRow('a missing kind is a missing field, not "undefined"', 'depmap: 1\nname: x\n', 1, [
    'missing required field "kind"',
  ]),
  validateRow(
    'bytes that are not UTF-8 are refused with their offset',
    Buffer.concat([Buffer.from(manifest('x', 'description: ')), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]),
    1,
    ['not valid UTF-8 (byte 0xff at offset'],
  ),
  validateRow('a raw NUL byte is refused at its position', manifest('x', 'description: "a\u0000b"\n'), 1, [
    'depmap.yaml:4:16: error: control character U+0000 is not allowed in YAML',
  ]),
  validateRow('a raw ESC byte is refused at its position', manifest('x', 'owner: a\u001b[31mred\n'), 1, [
    'depmap.yaml:4:9: error: control character U+001B is not allowed in YAML',
  ]),
  validateRow(
    'a __proto__ key stays a field and is refused as unknown',
    manifest('x', '__proto__:\n  polluted: yes\n'),
    1,
    ['unknown field "__proto__"'],
  ),
  validateRow(
    'a !!js/function tag is not run, and not accepted',
    manifest('x', 'description: !!js/function "function(){ return 1 }"\n'),
    1,
    ['depmap.yaml:4:14: error: unknown tag !!js/function'],
  ),
  validateRow('an empty file says it is empty', '', 1, ['file is empty']),
  validateRow('a file of only a comment says it is empty', '# nothing here\n', 1, ['file is empty']),
  validateRow('a scalar document is not a mapping', '"just text"\n', 1, ['a manifest must be a mapping']),
  validateRow(
    'a description over 2,000 characters is refused',
    manifest('x', `description: ${'a'.repeat(2001)}\n`),
    1,
    ['description'],
  ),
  validateRow(
    'tabs as indentation are pointed at',
    'depmap: 1\nname: x\nkind: service\nlibraries:\n\t- pkg:npm/a@1.0.0\n',
    1,
    [/depmap\.yaml:5:\d+: error:/],
  ),
  validateRow(
    'CRLF line endings and a BOM are read like any file',
    `\ufeff${manifest('x').replace(/\n/g, '\r\n')}`,
    0,
    ['1 manifest checked: all valid'],
  ),
  scanRow(
    'a manifest over 5 MB is refused before it is parsed',
    manifest('big', `description: x\n# ${'x'.repeat(5 * 1024 * 1024)}\n`),
    1,
    [/depmap\.yaml is 5,2\d\d,\d\d\d bytes, over the 5 MB limit/],
  ),
  validateRow(
    '100,000 library entries are read without a hang',
    manifest(
      'many',
      `libraries:\n${Array.from({ length: 100_000 }, (_, i) => `  - pkg:npm/p${i}@1.0.${i}`).join('\n')}\n`,
    ),
    0,
    ['all valid'],
  ),
  validateRow('a key of 10,000 characters is refused at its line', manifest('x', `${'k'.repeat(10_000)}: v\n`), 1, [
    /depmap\.yaml:4:1: error: .*1024 chars/,
  ]),
  validateRow('a complex mapping key is refused', manifest('x', '? [a, b]\n: c\n'), 1, [
    'complex mapping keys are not supported',
  ]),
  validateRow('an unknown alias is refused', manifest('x', 'owner: *nope\n'), 1, [/depmap\.yaml:4:\d+: error:/]),
];

describe('hostile YAML', () => runRows(rows));
