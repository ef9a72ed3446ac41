/**
 * Snapshot file version 2 (src/graph/snapshot-v2.ts): the same Snapshot as version 1 once
 * read, the same bytes for the same graph, merges of either version alike, located errors
 * for a damaged file; and the walk index of impact/deps/why (query-graph.ts) answering as
 * graphology does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM JavaScript of the benches, no types
import { generateOrg, manifestYaml } from '../../bench/lib/generate-org.mjs';
import { runCli } from '../../src/cli/main.js';
import { buildSnapshot } from '../../src/graph/build-graph.js';
import { findCycles } from '../../src/graph/find-cycles.js';
import { toGraphology } from '../../src/graph/graphology.js';
import { toQueryGraph } from '../../src/graph/query-graph.js';
import { parseSnapshot, serializeSnapshot } from '../../src/graph/snapshot.js';
import { dependenciesOf, impactOf, pathsBetween } from '../../src/graph/traverse.js';
import type { RepoEntry, Snapshot } from '../../src/graph/types.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { tempDir } from '../helpers/fs.js';
import { oddSnapshot } from '../render/odd-names.js';
import { observedSnapshot } from '../render/observed-org.js';

let dir: string;
const file = (name: string) => path.join(dir, name);
const text = (name: string) => readFileSync(file(name), 'utf8');

async function ok(args: string[]): Promise<string> {
  const result = await runCli(args);
  expect(result.stderr, args.join(' ')).not.toContain('internal error');
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** A generated organisation of `n` repos (the benches' generator), as a scan builds it. */
function generated(n: number): Snapshot {
  const org = generateOrg({ seed: 'snapshot-v2', components: n, internalLibraries: 200 }) as {
    components: { name: string }[];
  };
  const entries: RepoEntry[] = org.components.map((c) => {
    const result = parseManifest(manifestYaml(c) as string, 'depmap.yaml');
    if (!result.manifest) throw new Error(JSON.stringify(result.problems));
    return { id: c.name, source: c.name, manifests: [result.manifest], problems: [], status: 'ok' };
  });
  return buildSnapshot(entries, 'depmap test');
}

beforeAll(async () => {
  dir = tempDir();
  // Version 1 is the default: written without the flag here, and asked for by name in the shards.
  await ok(['scan', 'fixtures/demo-org', '--out', file('demo-v1.json'), '-q']);
  await ok(['scan', 'fixtures/demo-org', '--out', file('demo-v2.json'), '--snapshot-version', '2', '-q']);
  for (const shard of ['1/2', '2/2'])
    for (const version of ['1', '2'])
      await ok([
        'scan',
        'fixtures/demo-org',
        '--shard',
        shard,
        '--out',
        file(`shard-${shard[0]}-v${version}.json`),
        '--snapshot-version',
        version,
        '-q',
      ]);
});

describe('snapshot version 2', () => {
  it('is not the default: version 1 keeps a changed version a changed line, version 2 renumbers its tables', () => {
    expect(text('demo-v1.json').split('\n')[0]).toContain('"version": 1');
    const v1 = parseSnapshot(text('demo-v1.json'), 'demo-v1.json');
    const bumped = JSON.parse(JSON.stringify(v1)) as typeof v1;
    const edge = bumped.edges.find((e) => e.type === 'uses-library' && e.version === '4.19.2');
    expect(edge).toBeDefined();
    (edge as { version?: string }).version = '4.19.3';
    const changed = (version: 1 | 2) => {
      const before = serializeSnapshot(v1, version).split('\n');
      const after = serializeSnapshot(bumped, version).split('\n');
      return after.filter((line, i) => line !== before[i]).length;
    };
    expect(changed(1)).toBe(1);
    expect(changed(2)).toBeGreaterThan(1);
  });

  it('scan --snapshot-version 2 writes it one item a line, a quarter of version 1 or less', () => {
    const lines = text('demo-v2.json').split('\n');
    expect(lines[0]).toBe('{"format": "depmap-snapshot", "version": 2, "generator": "depmap 0.1.0",');
    const v1 = parseSnapshot(text('demo-v1.json'), 'demo-v1.json');
    // Every repo, node, edge and problem on a line of its own: a changed edge is a changed line.
    const start = lines.indexOf('"edges": [');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 1 + v1.edges.length).every((l) => /^\[\d+,.*\],?$/.test(l))).toBe(true);
    expect(lines[start + 1 + v1.edges.length]).toBe('],');
    const generatedOrg = generated(40);
    expect(serializeSnapshot(generatedOrg, 2).length).toBeLessThan(serializeSnapshot(generatedOrg, 1).length / 4);
  });

  it('reads back as the same Snapshot as version 1: the demo org, a generated org, odd names, observations', () => {
    const demoV1 = parseSnapshot(text('demo-v1.json'), 'demo-v1.json');
    const demoV2 = parseSnapshot(text('demo-v2.json'), 'demo-v2.json');
    expect(demoV2).toEqual(demoV1);
    // Key order too: written as version 1 again, the bytes are the file scan wrote.
    expect(serializeSnapshot(demoV2, 1)).toBe(text('demo-v1.json'));
    for (const snapshot of [generated(60), oddSnapshot(), observedSnapshot()]) {
      const v1 = serializeSnapshot(snapshot, 1);
      const back = parseSnapshot(serializeSnapshot(snapshot, 2), 'x.json');
      expect(back).toEqual(parseSnapshot(v1, 'x.json'));
      expect(serializeSnapshot(back, 1)).toBe(v1);
    }
  });

  it('is deterministic: the same graph gives the same bytes, scanned again or written again', async () => {
    await ok(['scan', 'fixtures/demo-org', '--out', file('demo-v2-again.json'), '--snapshot-version', '2', '-q']);
    expect(text('demo-v2-again.json')).toBe(text('demo-v2.json'));
    const snapshot = generated(30);
    const bytes = serializeSnapshot(snapshot, 2);
    expect(serializeSnapshot(generated(30), 2)).toBe(bytes);
    expect(serializeSnapshot(parseSnapshot(bytes, 'x.json'), 2)).toBe(bytes);
  });

  it('version 1 is still read, and every query answers alike from either version', async () => {
    for (const args of [
      ['impact', 'payments'],
      ['impact', 'pkg:npm/express', '--format', 'json'],
      ['deps', 'web', '--format', 'json'],
      ['why', 'web', 'orders-db'],
      ['cycles'],
      ['skew', '--format', 'json'],
      ['list', 'libraries', '--format', 'json'],
      ['check'],
    ]) {
      const crawled = await runCli([...args, 'fixtures/demo-org', '-q']);
      const v1 = await runCli([...args, '--snapshot', file('demo-v1.json')]);
      const v2 = await runCli([...args, '--snapshot', file('demo-v2.json')]);
      expect(v1.code, args.join(' ')).toBe(crawled.code);
      expect(v1.stdout, args.join(' ')).toBe(crawled.stdout);
      expect(v2.stdout, args.join(' ')).toBe(v1.stdout);
      expect(v2.code, args.join(' ')).toBe(v1.code);
    }
  });

  it('merge of a version 1 and a version 2 shard is the merge of two version 1 shards', async () => {
    const merged = async (a: string, b: string, out: string) => {
      await ok(['merge', file(a), file(b), '--out', file(out), '--snapshot-version', '1', '-q']);
      return text(out);
    };
    const v1v1 = await merged('shard-1-v1.json', 'shard-2-v1.json', 'm11.json');
    expect(await merged('shard-1-v1.json', 'shard-2-v2.json', 'm12.json')).toBe(v1v1);
    expect(await merged('shard-1-v2.json', 'shard-2-v1.json', 'm21.json')).toBe(v1v1);
    expect(await merged('shard-1-v2.json', 'shard-2-v2.json', 'm22.json')).toBe(v1v1);
    // And that merge is the whole crawl, as before.
    expect(parseSnapshot(v1v1, 'm.json')).toEqual(parseSnapshot(text('demo-v1.json'), 'demo.json'));
    // merge writes version 2 when asked.
    await ok([
      'merge',
      file('shard-1-v1.json'),
      file('shard-2-v2.json'),
      '--out',
      file('m-v2.json'),
      '--snapshot-version',
      '2',
      '-q',
    ]);
    expect(text('m-v2.json')).toBe(text('demo-v2.json'));
  });

  const damage: [string, (raw: Record<string, any>) => void, string][] = [
    [
      'a string index past the table',
      (s) => (s.edges[3][3] = 99999),
      'edges[3].source names no entry of "strings" (99999)',
    ],
    ['an unknown shape', (s) => (s.nodes[2][0] = 4242), 'nodes[2] names no entry of "shapes" (4242)'],
    ['a value missing', (s) => s.repos[1].pop(), 'repos[1] has '],
    ['a shared value that is not there', (s) => (s.edges[0][5] = 777), 'edges[0].pin names no entry of "values" (777)'],
    ['no string table', (s) => delete s.strings, '"strings" must be a list of text'],
    [
      'an edge to a missing node',
      (s) => {
        s.strings.push('ghost');
        s.edges[3][4] = s.strings.length - 1;
      },
      'edges[3].target "ghost" is not a node of the snapshot',
    ],
    [
      'nesting without end',
      (s) => {
        s.shapes.push(['inner{']);
        s.nodes[0] = deep(s.shapes.length - 1, 200);
      },
      `nodes[0]${'.inner'.repeat(64)} nests deeper than 64 levels`,
    ],
  ];
  it.each(damage)('%s is a clear located error (exit 2), not a crash', async (_name, edit, message) => {
    const raw = JSON.parse(text('demo-v2.json')) as Record<string, any>;
    edit(raw);
    const bad = file('bad.json');
    writeFileSync(bad, JSON.stringify(raw));
    for (const args of [
      ['list', 'components'],
      ['impact', 'payments'],
      ['merge', bad, '--out', file('x.json')],
    ]) {
      const result = await runCli(args[0] === 'merge' ? args : [...args, '--snapshot', bad]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`bad.json: ${message}`);
      expect(result.stderr).not.toContain('internal error');
    }
  });

  /** repos[i]'s manifests in a file as parsed whole: [shape, id, source, manifests line, …] → the manifests section's line. */
  const manifestsOf = (raw: Record<string, any>, i: number): any[] => {
    const shape = raw.shapes[raw.repos[i][0]] as string[];
    return raw.manifests[raw.repos[i][shape.indexOf('manifests[') + 1]];
  };

  it('a damaged manifest is a located error when a command reads the manifests (merge), unseen by one that does not', async () => {
    const raw = JSON.parse(text('demo-v2.json')) as Record<string, any>;
    // repos[0]'s first manifest's name a string that is not there.
    const manifests = manifestsOf(raw, 0);
    const manifestShape = raw.shapes[manifests[1][0]] as string[];
    manifests[1][manifestShape.indexOf('name$') + 1] = 99999;
    const bad = file('bad-manifest.json');
    writeFileSync(bad, JSON.stringify(raw));
    expect((await runCli(['impact', 'payments', '--snapshot', bad])).code).toBe(0);
    const result = await runCli(['merge', bad, '--out', file('x.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'bad-manifest.json: repos[0].manifests[0].name names no entry of "strings" (99999)',
    );
    expect(result.stderr).not.toContain('internal error');
  });

  it('writes the manifests in a section of their own, which a query does not parse and merge does', async () => {
    const lines = text('demo-v2.json').split('\n');
    const v1 = parseSnapshot(text('demo-v1.json'), 'demo-v1.json');
    const start = lines.indexOf('"manifests": [');
    // Right after the repos: one line per repo, each repo naming its line.
    expect(start).toBe(lines.indexOf('"repos": [') + v1.repos.length + 2);
    expect(lines[start + 1 + v1.repos.length]).toBe('],');
    expect(lines[start + 1 + v1.repos.length + 1]).toBe('"nodes": [');
    // Not JSON where the manifests are: a query answers; merge, which reads them, says where.
    lines[start + 2] = `${lines[start + 2]?.slice(0, 20)}`;
    const bad = file('bad-section.json');
    writeFileSync(bad, lines.join('\n'));
    const impact = await runCli(['impact', 'payments', '--snapshot', bad, '--format', 'json']);
    expect(impact.code, impact.stderr).toBe(0);
    expect(impact.stdout).toBe(
      await ok(['impact', 'payments', '--snapshot', file('demo-v1.json'), '--format', 'json']),
    );
    const merge = await runCli(['merge', bad, '--out', file('x.json')]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain('bad-section.json: "manifests" is not JSON');
    expect(merge.stderr).not.toContain('internal error');
    // A repo naming a line the section does not have.
    const raw = JSON.parse(text('demo-v2.json')) as Record<string, any>;
    const shape = raw.shapes[raw.repos[1][0]] as string[];
    raw.repos[1][shape.indexOf('manifests[') + 1] = 9999;
    const far = file('far-line.json');
    writeFileSync(far, JSON.stringify(raw));
    const result = await runCli(['merge', far, '--out', file('x.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `far-line.json: repos[1].manifests names line 9999 of "manifests", which has ${v1.repos.length}`,
    );
  });

  it('reads a version 2 file written with the manifests in each repo line (before the section existed)', () => {
    const raw = JSON.parse(text('demo-v2.json')) as Record<string, any>;
    raw.repos.forEach((repo: any[], i: number) => {
      const shape = raw.shapes[repo[0]] as string[];
      repo[shape.indexOf('manifests[') + 1] = manifestsOf(raw, i);
    });
    delete raw.manifests;
    const inline = parseSnapshot(JSON.stringify(raw), 'inline.json');
    expect(inline).toEqual(parseSnapshot(text('demo-v1.json'), 'demo-v1.json'));
  });

  it('a truncated version 2 file is "not JSON", as version 1', async () => {
    const bad = file('cut.json');
    writeFileSync(bad, text('demo-v2.json').slice(0, 2000));
    const result = await runCli(['impact', 'payments', '--snapshot', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cut.json is not JSON');
  });
});

function deep(shape: number, levels: number): unknown {
  let value: unknown = [shape];
  for (let i = 0; i < levels; i++) value = [shape, value];
  return value;
}

describe('the walk index of impact, deps, why and cycles', () => {
  it('answers every walk as graphology does, the edge kept between two nodes included', () => {
    const snapshot = generated(30);
    // Parallel edges: a second edge between the same two nodes, added after the first.
    const first = snapshot.edges.find((e) => e.type === 'calls-service') as Snapshot['edges'][number];
    snapshot.edges.push({ ...first, key: `${first.key} (again)`, version: '9.9.9' });
    const graph = toGraphology(snapshot);
    const index = toQueryGraph(snapshot);
    // Every component and resource, and one library in five.
    const ids = snapshot.nodes.filter((n, i) => n.type !== 'library' || i % 5 === 0).map((n) => n.id);
    for (const id of ids) {
      expect(impactOf(index, id), id).toEqual(impactOf(graph, id));
      expect(dependenciesOf(index, id), id).toEqual(dependenciesOf(graph, id));
    }
    expect(impactOf(index, first.target).find((r) => r.id === first.source)?.via.version).toBe('9.9.9');
    const components = snapshot.nodes.filter((n) => n.type === 'component').map((n) => n.id);
    for (const from of components.slice(0, 6))
      for (const to of components.slice(-6))
        expect(pathsBetween(index, from, to)).toEqual(pathsBetween(graph, from, to));
    expect(index.nodes()).toEqual(graph.nodes());
  });

  it('finds the same service call cycles as graphology, from either snapshot version', () => {
    // 200 components: the generator's random calls make cycles, longer than pairs too.
    const snapshot = generated(200);
    const expected = findCycles(toGraphology(snapshot));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((c) => c.members.length > 2)).toBe(true);
    expect(findCycles(toQueryGraph(snapshot))).toEqual(expected);
    expect(findCycles(toQueryGraph(parseSnapshot(serializeSnapshot(snapshot, 2), 'x.json')))).toEqual(expected);
  });
});
