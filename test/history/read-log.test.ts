/**
 * The main line's log is parsed as git streams it, so that blobs are asked for while the log
 * still runs: wherever git's output is cut into pieces (inside a record, a field, a path, a
 * multi-byte character), the commits are those of the whole text, each given once.
 */
import { execFileSync } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { LogParser, logArgs, readLog, type LogCommit } from '../../src/history/read-log.js';
import { BlobStore } from '../../src/history/blobs.js';
import { CatFile } from '../../src/history/cat-file.js';
import { git, gitRepo } from '../helpers/git.js';

/** The commits of `pieces` fed in turn, and the batches they came in. */
function parsePieces(pieces: readonly Buffer[]): { commits: LogCommit[]; batches: LogCommit[][] } {
  const parser = new LogParser();
  const decoder = new StringDecoder('utf8');
  const batches: LogCommit[][] = [];
  for (const piece of pieces) batches.push(parser.push(decoder.write(piece)));
  batches.push(parser.push(decoder.end(), true));
  return { commits: parser.commits, batches: batches.filter((b) => b.length > 0) };
}

describe('reading the log as it streams', () => {
  const { dir, commits } = gitRepo([
    { files: { 'depmap.yaml': 'depmap: 1\nname: a\nkind: service\n', 'svc/b/depmap.yaml': 'x: 1\n' } },
    { files: { 'README.md': 'no manifest here\n' }, message: 'docs only' },
    { files: { 'depmap.yaml': 'depmap: 1\nname: a\nkind: job\n' }, message: 'größer: ünïcödé 🚀 and \u0001 inside' },
    { files: { 'svc/b/depmap.yaml': null, 'svc/c d/depmap.yaml': 'y: 2\n' }, author: 'Zoë Ø <z@example.com>' },
  ]);
  const head = commits.at(-1) as string;
  const paths = [':(glob)**/depmap.yaml'];
  const bytes = execFileSync('git', logArgs(head, paths), { cwd: dir });

  it('gives the same commits whatever the pieces, each once, in the order git wrote them', () => {
    const whole = parsePieces([bytes]).commits;
    expect(whole.map((c) => c.subject)).toEqual(['commit 4', 'größer: ünïcödé 🚀 and \u0001 inside', 'commit 1']);
    expect(whole[0]?.author).toBe('Zoë Ø');
    expect(whole[0]?.changes.map((c) => `${c.status} ${c.path}`)).toEqual([
      'D svc/b/depmap.yaml',
      'A svc/c d/depmap.yaml',
    ]);
    // Cut in two at every byte, then in single bytes.
    for (let at = 1; at < bytes.length; at++) {
      const { commits: cut, batches } = parsePieces([bytes.subarray(0, at), bytes.subarray(at)]);
      expect(cut, `cut at byte ${at}`).toEqual(whole);
      expect(batches.flat()).toEqual(whole);
    }
    const singles = parsePieces([...bytes].map((b) => Buffer.from([b])));
    expect(singles.commits).toEqual(whole);
    expect(singles.batches.flat()).toEqual(whole);
    expect(singles.batches.length).toBe(whole.length);
  });

  it('hands every commit to the caller as it comes, and returns them oldest first', async () => {
    const streamed: LogCommit[] = [];
    const log = await readLog(head, { cwd: dir }, paths, (batch) => streamed.push(...batch));
    expect(streamed).toEqual([...log].reverse());
    expect(log.map((c) => c.oid)).toEqual([commits[0], commits[2], commits[3]]);
  });

  it('has a blob asked for again while in flight once the second ask resolves', async () => {
    const cat = new CatFile({ cwd: dir });
    try {
      const store = new BlobStore(cat);
      const oid = git(dir, ['rev-parse', `${head}:depmap.yaml`]);
      const other = git(dir, ['rev-parse', `${commits[0]}:depmap.yaml`]);
      const first = store.fetch([oid, other]);
      await store.fetch([oid]);
      expect(store.get(oid)?.toString()).toBe('depmap: 1\nname: a\nkind: job\n');
      expect(store.get(other)?.toString()).toBe('depmap: 1\nname: a\nkind: service\n');
      await first;
      await store.fetch(['0'.repeat(40)]);
      expect(store.missing.has('0'.repeat(40))).toBe(true);
    } finally {
      cat.close();
    }
  });
});

describe('a commit of very many files, arriving in small pieces', () => {
  it('is read a few dozen times, not once a piece, and whole', () => {
    const files = Object.fromEntries(
      Array.from({ length: 6000 }, (_, i) => [`vendor/pkg-${i}/deep/folder/depmap.yaml`, `n: ${i}\n`]),
    );
    const { dir, commits } = gitRepo([{ files: { 'a/depmap.yaml': 'x: 1\n' } }, { files }]);
    const bytes = execFileSync('git', logArgs(commits[1] as string, []), { cwd: dir });
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 256) pieces.push(bytes.subarray(at, at + 256));
    expect(pieces.length).toBeGreaterThan(2000);
    const parser = new LogParser();
    const decoder = new StringDecoder('utf8');
    for (const piece of pieces) parser.push(decoder.write(piece));
    parser.push(decoder.end(), true);
    expect(parser.commits.map((c) => c.changes.length)).toEqual([6000, 1]);
    expect(parser.commits).toEqual(parsePieces([bytes]).commits);
    // Read again only once as much again has come: log2 of the pieces, not their number.
    expect(parser.reads).toBeLessThan(40);
  });
});
