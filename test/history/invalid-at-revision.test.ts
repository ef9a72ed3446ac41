/**
 * A manifest that does not parse at a revision: what repoAtRevision reports (for `check
 * --base` and `diff`), and the last valid version that stands in for it, as in the timeline.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IoError } from '../../src/errors.js';
import { parseDate } from '../../src/history/dates.js';
import { orgAtDates } from '../../src/history/org-history.js';
import { repoAtRevision } from '../../src/history/revision.js';
import { gitRepo, initRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/fs.js';

const manifest = (name: string, express: string) =>
  `depmap: 1\nname: ${name}\nkind: service\nlibraries:\n  - pkg:npm/express@${express}\n`;
/** An unclosed flow sequence. */
const BROKEN = 'depmap: 1\nname: orders\nkind: [service\n';

describe('a manifest invalid at a revision', () => {
  const repo = gitRepo([
    {
      date: '2024-03-01T10:00:00Z',
      files: { 'depmap.yaml': manifest('orders', '4.19.2'), 'api/depmap.yaml': manifest('api', '1.0.0') },
    },
    { date: '2024-03-05T10:00:00Z', files: { 'depmap.yaml': manifest('orders', '4.19.3') } },
    { date: '2024-03-08T10:00:00Z', files: { 'depmap.yaml': BROKEN } },
    { date: '2024-03-15T10:00:00Z', files: { 'depmap.yaml': manifest('orders', '5.0.0') } },
  ]);
  const [, second, broken] = repo.commits as [string, string, string, string];

  it('is reported in problems with severity, code and position, and listed as stale', async () => {
    const entry = await repoAtRevision(repo.dir, broken);
    expect(entry.status).toBe('failed');
    const errors = entry.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.file)).toEqual(['depmap.yaml']);
    expect(errors[0]?.code).toBe('yaml-syntax');
    expect(entry.stale).toEqual([
      expect.objectContaining({ file: 'depmap.yaml', line: errors[0]?.line, col: errors[0]?.col }),
    ]);
    expect(entry.stale[0]?.lastValid).toBeUndefined();
    // Left out by default, as a scan of that checkout would leave it out.
    expect(entry.manifests.map((m) => m.name)).toEqual(['api']);
  });

  it('is mapped by its last valid version with lastValid, and still reported', async () => {
    const entry = await repoAtRevision(repo.dir, broken, { lastValid: true });
    expect(entry.manifests.map((m) => `${m.file}:${m.name}@${m.libraries[0]?.version}`)).toEqual([
      'api/depmap.yaml:api@1.0.0',
      'depmap.yaml:orders@4.19.3',
    ]);
    expect(entry.stale[0]).toMatchObject({ file: 'depmap.yaml', lastValid: second });
    expect(
      entry.problems.some((p) => p.file === 'depmap.yaml' && p.severity === 'error' && p.code === 'yaml-syntax'),
    ).toBe(true);
    expect(entry.status).toBe('failed');
  });

  it('needs no stand-in when every manifest is valid', async () => {
    const entry = await repoAtRevision(repo.dir, 'HEAD', { lastValid: true });
    expect(entry.stale).toEqual([]);
    expect(entry.status).toBe('ok');
    expect(entry.manifests.map((m) => m.libraries[0]?.version)).toEqual(['1.0.0', '5.0.0']);
  });

  it('has no stand-in when the file was never valid since it appeared', async () => {
    const fresh = gitRepo([
      { date: '2024-03-01T10:00:00Z', files: { 'depmap.yaml': manifest('orders', '1.0.0') } },
      { date: '2024-03-02T10:00:00Z', files: { 'depmap.yaml': null } },
      { date: '2024-03-03T10:00:00Z', files: { 'depmap.yaml': BROKEN } },
    ]);
    const entry = await repoAtRevision(fresh.dir, 'HEAD', { lastValid: true });
    expect(entry.manifests).toEqual([]);
    expect(entry.stale).toEqual([expect.objectContaining({ file: 'depmap.yaml' })]);
    expect(entry.stale[0]?.lastValid).toBeUndefined();
  });

  it('is the same at a date: the organisation keeps the last valid version and says which', async () => {
    const day = parseDate('2024-03-10', 'end', 'd');
    const org = await orgAtDates([{ id: 'orders', dir: repo.dir, display: 'orders' }], [day]);
    const [entry] = org.at.get(day) ?? [];
    expect(entry?.commit).toBe(broken);
    expect(entry?.manifests.map((m) => m.libraries[0]?.version)).toEqual(['1.0.0', '4.19.3']);
    const atRevision = await repoAtRevision(repo.dir, broken, { lastValid: true });
    expect(entry?.stale).toEqual(atRevision.stale);
    expect(entry?.stale[0]).toMatchObject({ file: 'depmap.yaml', line: 3, col: 7, lastValid: second }); // the unclosed [ of kind
  });
});

describe('a repo without commits', () => {
  it('says so instead of suggesting a shallow clone', async () => {
    const empty = initRepo(path.join(tempDir(), 'empty'));
    const error = await repoAtRevision(empty, 'HEAD').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IoError);
    expect((error as IoError).describe()).toMatch(/has no commits yet/);
    expect((error as IoError).describe()).not.toMatch(/shallow|fetch-depth/);
  });
});
