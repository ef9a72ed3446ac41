/** The YAML mistakes people make, told as what was probably meant, at the line where it is made. */
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/manifest/parse.js';

const head = 'depmap: 1\nname: x\nkind: service\n';
const problems = (text: string) =>
  parseManifest(text, 'depmap.yaml').problems.map((p) => `${p.line}:${p.col} ${p.message} | ${p.hint ?? ''}`);

describe('YAML mistakes', () => {
  it.each([
    [
      "a list on its key's line",
      `${head}libraries: - pkg:npm/a@1.0.0\n`,
      '4:12 a list cannot start on the line of its key "libraries" | write "libraries:" alone on its line, and each entry below it as "  - …"',
    ],
    [
      'an entry indented less than the list',
      `${head}libraries:\n  - pkg:npm/a@1.0.0\n - pkg:npm/b@1.0.0\n`,
      '6:2 this "-" entry is indented less than the list above it | line its "-" up with the entries above, at column 3',
    ],
    [
      'an entry indented more than the list',
      `${head}libraries:\n  - pkg:npm/a@1.0.0\n   - pkg:npm/b@1.0.0\n`,
      '5:5 "pkg:npm/a@1.0.0 - pkg:npm/b@1.0.0" is not a valid Package URL: it has spaces | two entries ran together: line the "-" of the second up with the first',
    ],
    [
      'no space after a colon',
      'depmap: 1\nname:x\nkind: service\n',
      '2:1 no space after the colon in "name:x" | write "name: x"',
    ],
    [
      'a key indented under a key with a value',
      `${head}  owner: me\n`,
      '4:3 "owner" is indented under "kind: service", which already has a value | line "owner:" up with the other keys of its mapping',
    ],
    [
      'an unclosed quote, at its opening',
      'depmap: 1\nname: "x\nkind: service\n',
      '2:7 the quote opened at line 2, column 7 is never closed | close it with " on the same line',
    ],
    [
      'an unclosed flow mapping, at its opening',
      `${head}services:\n  - { name: a, kind: database\n`,
      '5:5 the "{" opened at line 5, column 5 is not closed | end the entry with "}" (a flow mapping stays on one line)',
    ],
    [
      'an unclosed single quote, at its opening',
      `${head}description: 'unclosed\nowner: a\n`,
      "4:14 the quote opened at line 4, column 14 is never closed | close it with ' on the same line",
    ],
    [
      'no space after a list dash',
      `${head}services:\n  -name: db\n    kind: database\n`,
      '5:3 no space after "-" in "-name: db" | write "- name: db": a list entry is "-" and a space',
    ],
    [
      'a key that lines up with no mapping',
      `${head}services:\n  - name: db\n  kind: database\n`,
      '6:3 "kind" at column 3 lines up with no mapping above it | move it to the column of the mapping it belongs to: the mappings above have their keys at column 1 or 5',
    ],
  ])('%s', (_what, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it("keeps the parser's words for what it does not recognise, with the general hint", () => {
    const [p] = parseManifest(`${head}libraries: [a, b\n`, 'depmap.yaml').problems;
    expect(p?.line).toBeGreaterThan(0);
    expect(p?.message.length).toBeGreaterThan(0);
  });
});
