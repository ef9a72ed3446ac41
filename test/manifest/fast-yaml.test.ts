/**
 * The fast manifest reader (src/manifest/fast-yaml.ts) against `yaml` (load-yaml.ts): on every
 * YAML file of the repo, on generated manifests in flow and block style, on mutants of them, on
 * the hostile files of test/hostile/yaml.test.ts and on edge cases, the fast reader either
 * declines the file or gives the same values, the same line:col for every value and every key,
 * and the same parse result (manifest, declarations' positions, problems).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOrg, manifestYaml } from '../../bench/lib/generate-org.mjs';
import { createRng } from '../../bench/lib/prng.mjs';
import { readFastYaml } from '../../src/manifest/fast-yaml.js';
import { fastYamlDifference } from '../../src/manifest/fast-yaml-verify.js';
import { loadYaml } from '../../src/manifest/load-yaml.js';
import { parseManifest, parseManifestBytes } from '../../src/manifest/parse.js';
import type { ParseResult } from '../../src/manifest/types.js';
import { manifest } from '../hostile/cases.js';

const LOAD = { numbersAsText: true, keepNumberAt: new Set(['depmap']) };
const AS_VALIDATE = { reportUnpinned: true };

/**
 * Holds the two readers to each other on `text`; returns whether the fast one read it. The
 * parse results are compared whatever the reader: an invalid manifest goes to `yaml` anyway.
 */
function agree(text: string): boolean {
  expect(parseManifest(text, 'depmap.yaml', AS_VALIDATE, 'fast')).toStrictEqual(
    parseManifest(text, 'depmap.yaml', AS_VALIDATE, 'yaml'),
  );
  const fast = readFastYaml(text);
  if (!fast) return false;
  const slow = loadYaml(text, 'depmap.yaml', LOAD);
  if (!slow.ok) throw new Error(`the fast reader read a file yaml refuses:\n${text}\n${JSON.stringify(slow.problems)}`);
  const difference = fastYamlDifference(fast, slow.yaml);
  if (difference) throw new Error(`${difference}\nin:\n${text}`);
  return true;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name === 'node_modules' || name === '.git') continue;
    if (statSync(file).isDirectory()) yamlFiles(file, out);
    else if (/\.ya?ml$/.test(name)) out.push(file);
  }
  return out;
}

/** A generated component written in block style, with comments, blank lines and `indent`. */
function blockYaml(c: ReturnType<typeof generateOrg>['components'][number], indent: string, compact: boolean): string {
  const item = compact ? '' : indent;
  const lines = [
    '---',
    '# the manifest of one component',
    'depmap: 1',
    `name: ${c.name}`,
    `kind: "${c.kind}"`,
    `'system': ${c.system}   # its system`,
    `owner: '${c.owner}'`,
    'tags:',
    `${item}- tier-${c.tier}`,
    `${item}- ${c.ecosystem}`,
    'libraries:',
  ];
  c.libraries.forEach((lib: Record<string, string | boolean | undefined>, i: number) => {
    if (i % 7 === 3) lines.push('', `${item}# group ${i}`);
    const version = String(lib.version);
    if (i % 3 === 0) {
      lines.push(
        `${item}- ecosystem: ${lib.ecosystem}`,
        `${item}  name: "${lib.name}"`,
        `${item}  version: '${version}'`,
      );
      if (lib.scope) lines.push(`${item}  scope: ${lib.scope}`);
    } else {
      lines.push(`${item}- pkg:${lib.ecosystem === 'golang' ? 'golang' : 'npm'}/x${i}@${version}`);
    }
  });
  lines.push('services:');
  for (const s of c.services as Record<string, string | boolean | undefined>[]) {
    lines.push(`${item}-${indent}name: ${s.name}`);
    for (const key of ['kind', 'protocol', 'api', 'version', 'image', 'url'])
      if (s[key] !== undefined) lines.push(`${item} ${indent}${key}: ${JSON.stringify(s[key])}`);
    if (s.critical) lines.push(`${item} ${indent}critical: true # cannot work without it`);
  }
  return `${lines.join('\n')}\n`;
}

const org = generateOrg({ seed: 'fast-yaml', components: 120, librariesPerComponent: 24, servicesPerComponent: 5 });
const generated = [
  ...org.components.map((c: ReturnType<typeof generateOrg>['components'][number]) => manifestYaml(c)),
  ...org.components.map((c: ReturnType<typeof generateOrg>['components'][number], i: number) =>
    blockYaml(c, i % 2 ? '  ' : '    ', i % 3 === 0),
  ),
];

describe('the fast YAML reader', () => {
  it('agrees with yaml on every YAML file of the repo, and reads every valid manifest', () => {
    const files = [...yamlFiles('fixtures'), ...yamlFiles('test'), ...yamlFiles('docs')];
    expect(files.length).toBeGreaterThan(40);
    const read = files.filter((file) => agree(readFileSync(file, 'utf8')));
    for (const dir of ['fixtures/manifests/valid/', 'fixtures/demo-org/'])
      for (const file of files.filter((f) => f.startsWith(dir))) expect(read, file).toContain(file);
  });

  it('reads every generated manifest, in flow and in block style, as yaml does', () => {
    for (const text of generated) expect(agree(text), text).toBe(true);
  });

  it('keeps each declaration at the line:col yaml gives', () => {
    const text = blockYaml(org.components[0], '  ', false);
    const fast = parseManifest(text, 'depmap.yaml', {}, 'fast').manifest!;
    const slow = parseManifest(text, 'depmap.yaml', {}, 'yaml').manifest!;
    expect(fast.libraries.map((l) => l.pos)).toEqual(slow.libraries.map((l) => l.pos));
    expect(fast.services.map((s) => s.pos)).toEqual(slow.services.map((s) => s.pos));
    expect(fast.pos).toEqual({ line: 4, col: 7 });
    expect(fast.services[0]?.pos.col).toBe(6);
  });

  it('agrees with yaml on thousands of mutants of generated manifests', () => {
    const rng = createRng('fast-yaml-mutants');
    const pieces = [
      ':',
      ': ',
      '#',
      ' #',
      ' ',
      '  ',
      '-',
      '- ',
      "'",
      '"',
      '\\',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a ',
      '*a',
      '!',
      '!!str ',
      '|',
      '>',
      '?',
      '? ',
      '%',
      '@',
      '`',
      '\n',
      '\n  ',
      '\n- ',
      'x',
      '0',
      '1.10',
      '.',
      '~',
      'null',
      'on',
      'true',
      '---',
      '...',
      '<<',
      '__proto__',
      'é',
      '\t',
      '\r',
    ];
    let read = 0;
    const mutants = 2500;
    for (let n = 0; n < mutants; n++) {
      let text = rng.pick(generated).split('\n').slice(0, rng.int(6, 30)).join('\n') + '\n';
      for (let k = rng.int(1, 3); k > 0; k--) {
        const at = rng.int(0, text.length);
        const kind = rng.int(0, 4);
        if (kind === 0) text = text.slice(0, at) + rng.pick(pieces) + text.slice(at);
        else if (kind === 1) text = text.slice(0, at) + rng.pick(pieces) + text.slice(at + 1);
        else if (kind === 2) text = text.slice(0, at) + text.slice(at + rng.int(1, 4));
        else {
          // Move a line's indentation.
          const start = text.lastIndexOf('\n', at - 1) + 1;
          text = rng.chance(0.5)
            ? `${text.slice(0, start)} ${text.slice(start)}`
            : text.slice(0, start) + text.slice(start).replace(/^ /, '');
        }
      }
      if (agree(text)) read++;
    }
    // Most mutants are still manifests the fast reader reads; the others go to yaml.
    expect(read).toBeGreaterThan(mutants / 4);
    expect(read).toBeLessThan(mutants);
  });

  it('declines what it cannot be sure of, and the manifest is read by yaml', () => {
    const declined = [
      'depmap: 1\nname: x\nkind: service\nowner: &o a\nsystem: *o\n',
      'depmap: 1\nname: x\nkind: service\ndescription: |\n  two\n  lines\n',
      'depmap: 1\nname: x\nkind: service\ndescription: >\n  folded\n',
      'depmap: 1\nname: x\nkind: service\ndescription: a plain\n  scalar on two lines\n',
      'depmap: 1\nname: x\nkind: service\ndescription: "a quoted\n  scalar on two lines"\n',
      'depmap: 1\nname: x\nkind: service\ntags: [a,\n  b]\n',
      'depmap: 1\nname: x\nkind: service\nlibraries:\n  - { purl: "pkg:npm/a@1", scope: [dev] }\n',
      'depmap: 1\nname: x\nkind: service\ntags: [a, b,]\n',
      'depmap: 1\nname: x\nkind: service\nowner: !!str a\n',
      'depmap: 1.0\nname: x\nkind: service\n',
      'depmap: 0x1\nname: x\nkind: service\n',
      'depmap: 1\nname: x\nkind: service\n1.10: x\n',
      'depmap: 1\nname: x\nkind: service\ntrue: x\n',
      'depmap: 1\nname: x\nkind: service\n"owner": a\nowner: b\n',
      'depmap: 1\nname: x\nkind: service\nlibraries:\n- - pkg:npm/a@1\n',
      'depmap: 1\r\nname: x\r\nkind: service\r\n',
      '  depmap: 1\n  name: x\n  kind: service\n',
      'depmap: 1\nname: x\nkind: service\n---\n',
      '%YAML 1.2\n---\ndepmap: 1\nname: x\nkind: service\n',
      '--- depmap: 1\n',
      '... depmap: 1\nname: x\nkind: service\n',
      'depmap: 1\nname: x\nkind: service\ndescription: "\\x41"\n',
      'depmap: 1\nname: x\nkind: service\nowner: a: b\n',
      'depmap: 1\nname: x\nkind: service\nowner: "a" b\n',
      'depmap: 1\nname: x\nkind: service\n? owner\n: a\n',
      '- depmap: 1\n',
    ];
    for (const text of declined) {
      expect(readFastYaml(text), text).toBeUndefined();
      agree(text);
    }
  });

  it('reads the YAML 1.2 core schema as load-yaml.ts does: on/yes/no are text, numbers are kept as written', () => {
    const text = [
      '---   # one document',
      'depmap: 1',
      'name: x   # a comment',
      'kind: service',
      'description: on yes no off y n 1.10 0x1F 1e3 .inf ~ null True FALSE',
      "owner: 'it''s: ours # not a comment'",
      'system: "a \\"quoted\\" \\u00e9 \\\\ \\t word"',
      'tags: [on, yes, "1.10", 1.10, 010, +1, -1, .5, 1e400, .NaN, 0o7, a b, "x, y", \'[z]\', c#d]',
      'links:',
      '- url: https://example.com/a#b?c=d&e=f',
      '  title: a:b "c" [d] {e}',
      'libraries:',
      '  - { ecosystem: npm, name: "@a/b", version: 1.10 }',
      '  - {ecosystem: pypi,name: requests,version: ==2.32.0}',
      '  - { purl: pkg:npm/a@1.0.0 , scope : test }',
      '  -   pkg:npm/c@1.0.0',
      '  - "pkg:npm/d@1.0.0"   # quoted',
      '  -',
      '    ecosystem: cargo',
      '    name: serde',
      '    version: =1.0.204',
      'services:',
      '  - name: b',
      '    version: 2024-06-20',
      '    critical: True',
      '    url: https://api.example.com:8443/v1',
      '',
      '# the end',
    ].join('\n');
    expect(agree(text)).toBe(true);
    const value = readFastYaml(text)!.value;
    expect(value.description).toBe('on yes no off y n 1.10 0x1F 1e3 .inf ~ null True FALSE');
    expect(value.tags).toEqual([
      'on',
      'yes',
      '1.10',
      '1.10',
      '010',
      '+1',
      '-1',
      '.5',
      '1e400',
      '.NaN',
      '0o7',
      'a b',
      'x, y',
      '[z]',
      'c#d',
    ]);
    expect(value.depmap).toBe(1);
    expect(value.owner).toBe("it's: ours # not a comment");
    expect(value.system).toBe('a "quoted" é \\ \t word');
  });

  it('reads empty values and keys as yaml does (the schema then refuses them, through yaml)', () => {
    for (const text of [
      'depmap: 1\nname:\nkind: service\n',
      'depmap: 1\nname: x\nkind: service\nowner:   # nobody\nlibraries:\n  -\n  - # none\n',
      'depmap: 1\nname: x\nkind: service\nlinks: []\ntags: []\nservices:\n- {}\n',
      'depmap: 1\nname: x\nkind: service\n__proto__:\n  polluted: yes\n',
      'depmap: 2\nname: x\nkind: service\n',
      'depmap: "1"\nname: x\nkind: service\n',
    ]) {
      expect(agree(text), text).toBe(true);
    }
  });

  it('finds a difference between two readings: a value, or a position', () => {
    const a = readFastYaml('depmap: 1\nname: x\n')!;
    const moved = loadYaml('# moved\ndepmap: 1\nname: x\n', 'f', LOAD);
    const other = loadYaml('depmap: 1\nname: y\n', 'f', LOAD);
    if (!moved.ok || !other.ok) throw new Error('unreadable');
    expect(fastYamlDifference(a, moved.yaml)).toMatch(/position of \[\]: 1:1 vs 2:1/);
    expect(fastYamlDifference(a, other.yaml)).toMatch(/values differ/);
  });
});

/** The hostile files of test/hostile/yaml.test.ts (which runs them through the CLI), by name. */
function hostileFiles(): Record<string, string | Uint8Array> {
  const bomb = ['depmap: 1', 'name: bomb', 'kind: service', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    bomb.push(
      `${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    );
  }
  const nested = (levels: number) =>
    manifest('x', Array.from({ length: levels }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' v\n');
  return {
    'alias bomb': bomb.join('\n'),
    'flow nesting 20,000 deep': manifest('x', `description: ${'['.repeat(20000)}${']'.repeat(20000)}\n`),
    'block nesting 70 deep': nested(70),
    'merge key': manifest('x', 'base: &b { owner: a }\nother:\n  <<: *b\n'),
    'two documents': `${manifest('x')}---\n${manifest('y')}`,
    'duplicate key': manifest('x', 'owner: a\nowner: b\n'),
    'depmap: 1e400': 'depmap: 1e400\nname: x\nkind: service\n',
    'depmap: .inf': 'depmap: .inf\nname: x\nkind: service\n',
    'missing kind': 'depmap: 1\nname: x\n',
    'not UTF-8': Buffer.concat([
      Buffer.from(manifest('x', 'description: ')),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]),
    NUL: manifest('x', 'description: "a\u0000b"\n'),
    ESC: manifest('x', 'owner: a\u001b[31mred\n'),
    ['__proto__']: manifest('x', '__proto__:\n  polluted: yes\n'),
    'js/function tag': manifest('x', 'description: !!js/function "function(){ return 1 }"\n'),
    empty: '',
    'only a comment': '# nothing here\n',
    'a scalar document': '"just text"\n',
    'description over 2,000 characters': manifest('x', `description: ${'a'.repeat(2001)}\n`),
    'tab as indentation': 'depmap: 1\nname: x\nkind: service\nlibraries:\n\t- pkg:npm/a@1.0.0\n',
    'CRLF and BOM': `\ufeff${manifest('x').replace(/\n/g, '\r\n')}`,
    'over 5 MB': manifest('big', `description: x\n# ${'x'.repeat(5 * 1024 * 1024)}\n`),
    '100,000 libraries': manifest(
      'many',
      `libraries:\n${Array.from({ length: 100_000 }, (_, i) => `  - pkg:npm/p${i}@1.0.${i}`).join('\n')}\n`,
    ),
    'key of 10,000 characters': manifest('x', `${'k'.repeat(10_000)}: v\n`),
    'complex key': manifest('x', '? [a, b]\n: c\n'),
    'unknown alias': manifest('x', 'owner: *nope\n'),
    // Past what the fast reader takes on, below yaml's limit.
    'block nesting 40 deep': nested(40),
  };
}

/**
 * Where `yaml` runs out of stack on 20,000 nested "[" depends on the stack left at that moment:
 * the same call made twice stops at another column, and says so once or twice. Those columns
 * are left out, and the repeats.
 */
function withoutStackColumn(result: ParseResult): ParseResult {
  const seen = new Set<string>();
  const problems = result.problems
    .map((p) => (p.code === 'yaml-limit' && p.message.startsWith('nesting') ? { ...p, col: 0 } : p))
    .filter((p) => !seen.has(JSON.stringify(p)) && seen.add(JSON.stringify(p)));
  return { ...result, problems };
}

describe('the hostile YAML files, through both readers', () => {
  it('gives the same problems at the same positions, and the limits hold on the fast path', () => {
    const readFast: string[] = [];
    for (const [name, input] of Object.entries(hostileFiles())) {
      const bytes = typeof input === 'string' ? Buffer.from(input) : input;
      const fast = parseManifestBytes(bytes, 'depmap.yaml', AS_VALIDATE, 'fast');
      const slow = parseManifestBytes(bytes, 'depmap.yaml', AS_VALIDATE, 'yaml');
      expect(withoutStackColumn(fast), name).toStrictEqual(withoutStackColumn(slow));
      if (typeof input === 'string' && readFastYaml(input)) readFast.push(name);
    }
    // Valid YAML within the fast reader's shape; the first three have errors, reported through yaml.
    expect(readFast).toEqual(['missing kind', '__proto__', 'description over 2,000 characters', '100,000 libraries']);
  });
});
