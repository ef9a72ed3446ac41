import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest, parseManifestBytes } from '../../src/manifest/parse.js';
import type { Problem } from '../../src/manifest/types.js';

const fixture = (rel: string) => path.join('fixtures/manifests', rel);
/** As validate reads a manifest: unpinned versions reported too. */
const parseFixture = (rel: string) => parseManifestBytes(readFileSync(fixture(rel)), rel, { reportUnpinned: true });
/** `line:col code path: message` — what a user sees, minus the file name. */
const brief = (p: Problem) => `${p.line}:${p.col} ${p.severity} ${p.code} ${p.path}: ${p.message}`;

describe('valid manifests', () => {
  it('reads every field of spec v1 with positions', () => {
    const { manifest, problems } = parseFixture('valid/full.yaml');
    expect(problems).toEqual([]);
    expect(manifest).toBeDefined();
    const m = manifest!;
    expect(m).toMatchObject({
      name: 'checkout',
      kind: 'service',
      system: 'commerce',
      owner: 'team-payments',
      tags: ['pci', 'tier-1'],
    });
    expect(m.links).toEqual([{ title: 'Runbook', url: 'https://wiki.example.com/checkout' }]);
    expect(m.provides.map((p) => `${p.api}@${p.version}/${p.protocol}`)).toEqual([
      'checkout-http@2.1.0/http',
      'checkout-events@1.0.0/kafka',
    ]);
    expect(m.libraries.map((l) => [l.purl, l.version, l.scope ?? '', l.pin.pinned])).toEqual([
      ['pkg:npm/express', '4.19.2', '', true],
      ['pkg:maven/org.slf4j/slf4j-api', '2.0.13', '', true],
      ['pkg:docker/postgres', 'sha256:4aea012537edfad80f98d870a36e6b90b4c09b27be7f4b4759d72db863baeebb', '', true],
      ['pkg:pypi/requests', '==2.31.0', '', true],
      ['pkg:npm/vitest', '2.0.4', 'test', true],
      ['pkg:cargo/serde', '=1.0.204', '', true],
    ]);
    expect(m.libraries[0]?.pos).toEqual({ line: 15, col: 5 });
    expect(m.fromRefs).toEqual([
      { section: 'libraries', index: 6, path: 'package-lock.json', transitive: false, pos: { line: 21, col: 13 } },
    ]);
    expect(m.services.map((s) => [s.name, s.kind, s.protocol, s.api ?? '', s.version ?? '', s.critical])).toEqual([
      ['payments', 'service', 'grpc', 'payments-grpc', '3.2.0', true],
      ['orders-db', 'database', 'sql', '', '', false],
      ['stripe', 'external', 'http', '', '2024-06-20', false],
      ['audit-log', 'service', 'x-syslog', '', '1.0.0', false],
    ]);
    expect(m.services[1]?.imagePin?.pinned).toBe(true);
    expect(m.services[2]).toMatchObject({
      url: 'https://api.stripe.com',
      description: 'Card payments',
      pos: { line: 25, col: 5 },
    });
  });

  it('accepts the smallest manifest', () => {
    const { manifest, problems } = parseFixture('valid/minimal.yaml');
    expect(problems).toEqual([]);
    expect(manifest).toMatchObject({ name: 'tiny', kind: 'library', libraries: [], services: [], provides: [] });
  });

  it('keeps numbers as written, so 2.10 is not read as 2.1', () => {
    const { manifest } = parseFixture('valid/numbers-as-text.yaml');
    expect(manifest?.provides[0]?.version).toBe('2.10');
    expect(manifest?.libraries[0]?.version).toBe('7.1');
  });
});

describe('invalid manifests: every problem, with file:line:col and a fix', () => {
  it('unknown fields, with did-you-mean', () => {
    const { manifest, problems } = parseFixture('invalid/unknown-field.yaml');
    expect(manifest).toBeUndefined();
    // No separate "missing name": the misspelt key says it.
    expect(problems.map(brief)).toEqual([
      '2:1 error unknown-field nmae: unknown field "nmae"; did you mean "name"?',
      '5:38 error unknown-field libraries[0].verison: unknown field "verison"; did you mean "version"?',
    ]);
    expect(problems[1]?.hint).toBe('allowed here: ecosystem, name, version, scope');
    expect(problems.every((p) => p.file === 'invalid/unknown-field.yaml')).toBe(true);
  });

  it('bad values of enums, protocols, ecosystems, purls and URLs', () => {
    const { problems } = parseFixture('invalid/bad-values.yaml');
    expect(problems.map(brief)).toEqual([
      '3:7 error invalid-value kind: "servce" is not one of the allowed values; did you mean "service"?',
      '5:33 error invalid-value services[0].protocol: "grcp" is not a known protocol; did you mean "grpc"?',
      '6:30 error invalid-value services[1].kind: "databse" is not one of the allowed values; did you mean "database"?',
      '7:37 error invalid-url services[2].url: "not a url" is not a URL',
      '9:18 error unknown-ecosystem libraries[0].ecosystem: unknown ecosystem "pipy"; did you mean "pypi"?',
      '10:5 error invalid-purl libraries[1]: "pkg:npm" is not a valid Package URL: "name" is a required component',
      '11:5 error invalid-purl libraries[2]: "42" is not a Package URL',
    ]);
    expect(problems[1]?.hint).toContain('x-<name> for another protocol');
  });

  it('missing required fields point at the entry that lacks them', () => {
    const { problems } = parseFixture('invalid/missing-required.yaml');
    expect(problems.map(brief)).toEqual([
      '1:1 error missing-field : missing required field "name"',
      '4:5 error missing-field provides[0]: missing required field "protocol"',
      '6:5 error missing-field services[0]: missing required field "name"',
    ]);
  });

  it('duplicates and paths that leave the repo', () => {
    const { problems } = parseFixture('invalid/duplicates.yaml');
    expect(problems.map(brief)).toEqual([
      '6:5 error duplicate libraries[1]: pkg:npm/express is listed twice (also libraries[0])',
      '9:5 error duplicate services[1]: service payments api payments-grpc is listed twice (also services[0])',
      '10:13 error path-escape services[2].from: "/etc/passwd" must be a relative path inside this repo',
    ]);
  });

  it('unpinned versions are warnings with the ecosystem rule and a concrete fix', () => {
    const { manifest, problems } = parseFixture('invalid/unpinned.yaml');
    expect(manifest).toBeDefined();
    expect(problems.map(brief)).toEqual([
      '5:5 warning unpinned libraries[0]: pkg:npm/express: "^4.19.0" is a caret range',
      '6:49 warning unpinned libraries[1].version: pkg:pypi/requests: ">=2.31" is a minimum version',
      '7:47 warning unpinned libraries[2].version: pkg:cargo/serde: "1.0.204" is a caret requirement in cargo',
      '9:68 warning unpinned services[0].version: service payments: "latest" names whatever version is current',
      '10:57 warning unpinned services[1].image: service cache: image "redis:latest" has the rolling tag "latest"',
    ]);
    expect(problems[0]?.hint).toBe('pin an exact version, e.g. 4.19.0');
    expect(problems[2]?.hint).toBe('pin an exact version, e.g. =1.0.204');
  });

  it('a provided api that is not pinned is named as check names it', () => {
    const text = 'depmap: 1\nname: x\nkind: service\nprovides:\n  - { api: x-http, protocol: http, version: latest }\n';
    expect(parseManifest(text, 'x.yaml', { reportUnpinned: true }).problems.map(brief)).toEqual([
      '5:45 warning unpinned provides[0].version: provided api x-http: "latest" names whatever version is current',
    ]);
  });

  it('unpinned versions are not reported unless asked (scan and history), the verdicts are kept', () => {
    const { manifest, problems } = parseManifestBytes(readFileSync(fixture('invalid/unpinned.yaml')), 'unpinned.yaml');
    expect(problems).toEqual([]);
    expect(manifest?.libraries.map((l) => l.pin.pinned)).toEqual([false, false, false]);
    expect(manifest?.services.map((s) => [s.pin.pinned, s.imagePin?.pinned])).toEqual([
      [false, undefined],
      [true, false],
    ]);
  });
});

describe('every problem at once', () => {
  it('a schema error does not hide pin warnings, duplicates or bad import paths elsewhere in the file', () => {
    const text = [
      'depmap: 1',
      'name: x',
      'kind: service',
      'foo: 1',
      'libraries:',
      '  - { ecosystem: npm, name: express, version: "^4.19.0" }',
      '  - { ecosystem: npm, name: lodash, verison: 4.17.21 }',
      '  - pkg:npm/express@4.19.2',
      'services:',
      '  - { from: /etc/passwd }',
      '  - { name: payments, protocol: grcp, api: payments-grpc, version: 3.2.0 }',
      '',
    ].join('\n');
    const { manifest, problems } = parseManifest(text, 'x.yaml', { reportUnpinned: true });
    expect(manifest).toBeUndefined();
    expect(problems.map(brief)).toEqual([
      '4:1 error unknown-field foo: unknown field "foo"',
      '6:47 warning unpinned libraries[0].version: pkg:npm/express: "^4.19.0" is a caret range',
      '7:37 error unknown-field libraries[1].verison: unknown field "verison"; did you mean "version"?',
      '8:5 error duplicate libraries[2]: pkg:npm/express is listed twice (also libraries[0])',
      '10:13 error path-escape services[0].from: "/etc/passwd" must be a relative path inside this repo',
      '11:33 error invalid-value services[1].protocol: "grcp" is not a known protocol; did you mean "grpc"?',
    ]);
  });
});

describe('hostile input gets a clear error, never a hang or a crash', () => {
  const cases: [string, string][] = [
    ['invalid/empty.yaml', '1:1 error empty : file is empty'],
    ['invalid/syntax.yaml', '4:12 error yaml-syntax : the "[" opened at line 4, column 12 is not closed'],
    ['invalid/multi-doc.yaml', '4:1 error multiple-documents : found 2 YAML documents; a manifest is one document'],
    ['invalid/duplicate-key.yaml', '4:1 error duplicate-key : duplicate key: each key may appear once in a mapping'],
    ['invalid/alias-bomb.yaml', '6:10 error yaml-limit : more than 100 aliases'],
    ['invalid/latin1.yaml', '2:10 error encoding : not valid UTF-8 (byte 0xe9 at offset 19)'],
    [
      'invalid/future-version.yaml',
      '1:9 error spec-version depmap: spec version 2 is not supported; this depmap reads version 1',
    ],
  ];
  it.each(cases)('%s', (file, expected) => {
    const { manifest, problems } = parseFixture(file);
    expect(manifest).toBeUndefined();
    expect(problems.map(brief)).toEqual([expected]);
    expect(problems[0]?.hint).toBeTruthy();
  });

  it('a file over the size limit is refused before parsing', () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 'a');
    const { problems } = parseManifestBytes(big, 'big.yaml');
    expect(problems.map(brief)).toEqual(['1:1 error too-large : file is 6.0 MB, over the 5 MB limit']);
  });

  it('deep nesting is refused, not a stack overflow', () => {
    const deep = `depmap: 1\nname: deep\nkind: service\ntags: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    const { problems } = parseManifest(deep, 'deep.yaml');
    expect(problems[0]?.code).toBe('yaml-limit');
    expect(problems[0]?.message).toMatch(/nesting deeper than 64 levels/);
  });

  it('a scalar or a list is not a manifest', () => {
    expect(parseManifest('just text\n', 'x.yaml').problems.map(brief)).toEqual([
      '1:1 error not-a-mapping : a manifest must be a mapping of fields (depmap: 1, name: …)',
    ]);
    expect(parseManifest('- a\n- b\n', 'x.yaml').problems[0]?.code).toBe('not-a-mapping');
  });

  it('__proto__ keys cannot pollute objects', () => {
    const { problems } = parseManifest('depmap: 1\nname: a\nkind: service\n__proto__: { polluted: true }\n', 'x.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems.map(brief)).toEqual(['4:1 error unknown-field __proto__: unknown field "__proto__"']);
  });

  it('merge keys are refused rather than silently expanded', () => {
    const text = 'depmap: 1\nname: a\nkind: service\nbase: &b { x: 1 }\nother:\n  <<: *b\n';
    const { problems } = parseManifest(text, 'x.yaml');
    expect(problems.map(brief)).toEqual(['6:3 error yaml-limit : merge keys (<<) are not supported']);
  });
});
