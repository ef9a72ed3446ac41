/**
 * A history keeps every event for the whole run; their lists are kept at their length, and
 * every empty one is one shared frozen list (util/fit.ts). Frozen: a reader that pushed into
 * an event's list would throw here, instead of filling every event's empty list at once.
 */
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import { readRepoHistory } from '../../src/history/repo-history.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { fit } from '../../src/util/fit.js';
import { gitRepo } from '../helpers/git.js';

const manifest = (lines: string[]) =>
  `${['depmap: 1', 'name: checkout', 'kind: service', 'system: commerce', 'owner: team-a', ...lines].join('\n')}\n`;

describe('the lists of a history event', () => {
  it('are copies at their length, or the one frozen empty list', () => {
    const list = [1, 2, 3];
    const kept = fit(list);
    expect(kept).toEqual([1, 2, 3]);
    expect(kept).not.toBe(list);
    expect(fit([])).toBe(fit([]));
    expect(Object.isFrozen(fit([]))).toBe(true);
    expect(() => (fit([]) as number[]).push(1)).toThrow(TypeError);
  });

  it('share the empty list and hold what the commit changed', async () => {
    const { dir } = gitRepo([
      {
        message: 'add',
        date: '2024-01-01T10:00:00Z',
        files: { 'depmap.yaml': manifest(['libraries:', '  - pkg:npm/pg@8.12.0']) },
      },
      {
        message: 'bump',
        date: '2024-01-02T10:00:00Z',
        files: { 'depmap.yaml': manifest(['libraries:', '  - pkg:npm/pg@8.13.0']) },
      },
      {
        message: 'call',
        date: '2024-01-03T10:00:00Z',
        files: {
          'depmap.yaml': manifest([
            'libraries:',
            '  - pkg:npm/pg@8.13.0',
            'services:',
            '  - { name: payments, protocol: grpc, api: payments-grpc, version: 3.2.0 }',
          ]),
        },
      },
    ]);
    const { events } = await readRepoHistory(dir);
    expect(events.map((e) => e.subject)).toEqual(['add', 'bump', 'call']);
    const [, bump, call] = events;
    expect(bump?.diff.edges.changed.map((c) => `${c.from.version} -> ${c.to.version}`)).toEqual(['8.12.0 -> 8.13.0']);
    expect(bump?.diff.edges.changed[0]?.pin).toBe(bump?.invalid);
    expect(call?.diff.edges.added.map((e) => e.key)).toEqual(['checkout -> payments #payments-grpc (grpc)']);
    const empties = [
      bump?.invalid,
      bump?.fixed,
      bump?.diff.nodes.added,
      call?.diff.edges.removed,
      call?.diff.nodes.changed,
    ];
    for (const list of empties) {
      expect(list).toEqual([]);
      expect(Object.isFrozen(list)).toBe(true);
    }
    expect(new Set(empties).size).toBe(1);
  });
});

describe('the graphs a history diffs', () => {
  const typo = parseManifest(
    manifest(['services:', '  - { name: checkuot, protocol: grpc, api: checkuot-grpc, version: 1.0.0 }']),
    'depmap.yaml',
  ).manifest;
  const repos = [{ id: 'shop', source: 'shop', manifests: typo ? [typo] : [], problems: [], status: 'ok' as const }];
  const message = (hints?: boolean) =>
    buildSnapshot(repos, '', hints === undefined ? {} : { hints }).problems.find((p) => p.code === 'unresolved-service')
      ?.message;

  it('skip the "did you mean" nobody reads, and keep it everywhere else', () => {
    expect(message()).toBe(
      'service "checkuot" is not a component and no component provides it; did you mean "checkout"?',
    );
    expect(message(false)).toBe('service "checkuot" is not a component and no component provides it');
  });
});
