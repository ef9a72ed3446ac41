import { describe, expect, it } from 'vitest';
import { parseEntriesBatch, parseIncrementally } from '../../src/history/incremental-parse.js';
import { parseManifest } from '../../src/manifest/parse.js';
// @ts-expect-error: plain JavaScript shared with the benchmark
import { manifestVersions } from '../../bench/history/make-repo.mjs';

const full = (text: string) => parseManifest(text, 'depmap.yaml').manifest;

function check(before: string, after: string): 'incremental' | 'fallback' {
  const previous = full(before);
  if (!previous) throw new Error('base must be valid');
  const quick = parseIncrementally({ text: before, manifest: previous }, after, 'depmap.yaml', 'exact');
  if (quick === undefined) return 'fallback';
  expect(quick).toEqual(full(after));
  return 'incremental';
}

const base = [
  'depmap: 1',
  'name: checkout',
  'kind: service',
  'owner: team-a',
  'provides:',
  '  - { api: checkout-http, protocol: http, version: 2.1.0 }',
  'libraries:',
  '  - pkg:npm/express@4.19.2',
  '  - { ecosystem: npm, name: vitest, version: 2.0.4, scope: test }',
  '  - pkg:npm/pg@8.12.0',
  'services:',
  '  - name: payments',
  '    protocol: grpc',
  '    api: payments-grpc',
  '    version: 3.2.0',
  '  - { name: orders-db, kind: database, image: "postgres:16.3" }',
  '',
].join('\n');

describe('parseIncrementally', () => {
  it('gives exactly what a full parse gives, over 600 realistic edits', () => {
    const versions = manifestVersions(600, 7) as string[];
    let used = 0;
    for (let i = 1; i < versions.length; i++)
      if (check(versions[i - 1] as string, versions[i] as string) === 'incremental') used++;
    expect(used).toBeGreaterThan(580);
  });

  it.each([
    ['a version bump', (t: string) => t.replace('express@4.19.2', 'express@5.0.0'), 'incremental'],
    [
      'an added library',
      (t: string) => t.replace('  - pkg:npm/pg@8.12.0\n', '  - pkg:npm/pg@8.12.0\n  - pkg:npm/zod@3.0.0\n'),
      'incremental',
    ],
    ['a removed library', (t: string) => t.replace('  - pkg:npm/express@4.19.2\n', ''), 'incremental'],
    [
      'a multi-line service edited',
      (t: string) => t.replace('    version: 3.2.0', '    version: 3.3.0'),
      'incremental',
    ],
    [
      'a service added before the last',
      (t: string) =>
        t.replace(
          '  - { name: orders-db',
          '  - { name: search, protocol: http, version: 1.0.0 }\n  - { name: orders-db',
        ),
      'incremental',
    ],
    ['a provided version', (t: string) => t.replace('version: 2.1.0 }', 'version: 2.2.0 }'), 'incremental'],
    ['a duplicate', (t: string) => t.replace('pkg:npm/pg@8.12.0', 'pkg:npm/express@4.19.3'), 'fallback'],
    ['an owner change', (t: string) => t.replace('owner: team-a', 'owner: team-b'), 'incremental'],
    ['an owner quoted', (t: string) => t.replace('owner: team-a', 'owner: "team-b"'), 'incremental'],
    ['an owner emptied', (t: string) => t.replace('owner: team-a', 'owner: ""'), 'fallback'],
    ['an owner with a comment', (t: string) => t.replace('owner: team-a', 'owner: team-b # was a'), 'incremental'],
    ['a second owner', (t: string) => t.replace('owner: team-a', 'owner: team-a\nowner: team-b'), 'fallback'],
    ['the name', (t: string) => t.replace('name: checkout', 'name: till'), 'fallback'],
    ['an anchor', (t: string) => t.replace('  - pkg:npm/pg@8.12.0', '  - &pg pkg:npm/pg@8.12.0'), 'fallback'],
    ['an invalid entry', (t: string) => t.replace('pkg:npm/pg@8.12.0', 'not-a-purl'), 'fallback'],
    ['an import', (t: string) => t.replace('  - pkg:npm/pg@8.12.0', '  - { from: package-lock.json }'), 'fallback'],
    ['a new section', (t: string) => t.replace('services:', 'tags: [a]\nservices:'), 'fallback'],
  ])('%s', (_name, edit, expected) => {
    expect(check(base, edit(base))).toBe(expected);
  });

  it('shifts the lines of everything after an insertion', () => {
    const after = base.replace(
      '  - pkg:npm/express@4.19.2\n',
      '  - pkg:npm/express@4.19.2\n  - pkg:npm/a@1.0.0\n  - pkg:npm/b@1.0.0\n',
    );
    expect(check(base, after)).toBe('incremental');
  });
});

describe('parseEntriesBatch', () => {
  it('reads the same entry from several versions in one document, each where its version has it', () => {
    // Versions that add express, bump it, then add it back: one entry three times in the batch.
    const requests = [
      { section: 'libraries' as const, lines: ['  - pkg:npm/express@4.19.2'], start: 7, entries: 1 },
      { section: 'libraries' as const, lines: ['  - pkg:npm/express@4.19.2'], start: 9, entries: 1 },
      {
        section: 'libraries' as const,
        lines: ['  - pkg:npm/express@4.20.0', '  - pkg:npm/pg@8.12.0'],
        start: 3,
        entries: 2,
      },
    ];
    const parsed = parseEntriesBatch(requests, 'depmap.yaml', 'exact');
    expect(parsed.map((p) => p?.libraries.map((l) => `${l.purl}@${l.version} ${l.pos.line}:${l.pos.col}`))).toEqual([
      ['pkg:npm/express@4.19.2 8:5'],
      ['pkg:npm/express@4.19.2 10:5'],
      ['pkg:npm/express@4.20.0 4:5', 'pkg:npm/pg@8.12.0 5:5'],
    ]);
  });

  it('leaves a version that lists one library twice to the full parse, which reports it', () => {
    const after = base.replace('  - pkg:npm/pg@8.12.0\n', '  - pkg:npm/pg@8.12.0\n  - pkg:npm/express@4.20.0\n');
    expect(check(base, after)).toBe('fallback');
    expect(parseManifest(after, 'depmap.yaml').problems.map((p) => p.code)).toContain('duplicate');
  });
});
