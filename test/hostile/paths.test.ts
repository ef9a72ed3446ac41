/**
 * Paths and special files: FIFOs and devices where a file is expected, symlinks out of the
 * repo or in a loop, huge files. Nothing hangs, nothing fills memory, each says what it found
 * where, and the good repo beside the bad one is still mapped.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { writeTree } from '../helpers/fs.js';
import { fifo, manifest, orgWithBad, symlink, write } from './cases.js';
import { runRows, type Row } from './harness.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const GOOD_SNAPSHOT = (dir: string) => {
  writeTree(path.join(dir, 'good'), { 'depmap.yaml': manifest('good') });
};

/** A row where a file depmap reads by a fixed name in the working folder is a FIFO or /dev/zero. */
function cwdFileRow(file: string, args: string[], kind: 'fifo' | 'zero', words: (string | RegExp)[]): Row {
  return {
    name: `${file} in the working folder as ${kind === 'fifo' ? 'a FIFO' : 'a symlink to /dev/zero'}: ${args[0]} says so, without waiting`,
    setup: (dir) => {
      writeTree(dir, { 'depmap.yaml': manifest('me') });
      if (kind === 'fifo') fifo(path.join(dir, file));
      else symlink('/dev/zero', path.join(dir, file));
      return { args };
    },
    code: 2,
    says: [
      file,
      kind === 'fifo' ? 'is a FIFO (named pipe), not a file' : 'is a character device, not a file',
      ...words,
    ],
    limit: 20_000,
  };
}

/** A row where an argument names a FIFO or /dev/zero. */
function argFileRow(name: string, build: (special: string) => string[], kind: 'fifo' | 'zero'): Row {
  return {
    name: `${name} naming ${kind === 'fifo' ? 'a FIFO' : '/dev/zero'} says so, without waiting`,
    setup: (dir) => {
      writeTree(dir, { 'depmap.yaml': manifest('me') });
      const special = kind === 'fifo' ? fifo(path.join(dir, 'special.json')) : '/dev/zero';
      return { args: build(special) };
    },
    code: 2,
    says: [kind === 'fifo' ? 'is a FIFO (named pipe), not a file' : 'is a character device, not a file'],
    limit: 20_000,
  };
}

const rows: Row[] = [
  argFileRow('--snapshot', (f) => ['list', 'components', '--snapshot', f], 'fifo'),
  argFileRow('--snapshot', (f) => ['list', 'components', '--snapshot', f], 'zero'),
  argFileRow('merge input', (f) => ['merge', f, '--out', 'm.json'], 'fifo'),
  argFileRow('merge input', (f) => ['merge', f, '--out', 'm.json'], 'zero'),
  argFileRow('check --org', (f) => ['check', '--org', f], 'fifo'),
  argFileRow('check --org', (f) => ['check', '--org', f], 'zero'),
  argFileRow('--config', (f) => ['scan', '--config', f], 'fifo'),
  argFileRow('--policy', (f) => ['check', '--policy', f], 'zero'),
  argFileRow('--baseline', (f) => ['check', '--baseline', f], 'fifo'),
  argFileRow('diff of snapshots', (f) => ['diff', f, f.replace(/special\.json$/, 'other.json')], 'fifo'),
  cwdFileRow('depmap.policy.yaml', ['check'], 'fifo', []),
  cwdFileRow('depmap.policy.yaml', ['check'], 'zero', []),
  cwdFileRow('depmap-baseline.json', ['check'], 'fifo', []),
  cwdFileRow('depmap-baseline.json', ['check'], 'zero', []),
  cwdFileRow('depmap.config.yaml', ['scan'], 'fifo', []),
  cwdFileRow('depmap.config.yaml', ['list', 'components'], 'zero', []),
  {
    name: 'a depmap.yaml that is a FIFO is named as one, and the repo beside it is mapped',
    setup: (dir) => {
      orgWithBad(dir, {});
      fifo(path.join(dir, 'org', 'bad', 'depmap.yaml'));
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 1,
    says: ['org/bad/depmap.yaml:1:1: error: depmap.yaml is a FIFO (named pipe), not a file'],
    mapped: { snapshot: 'g.json', components: ['good'] },
  },
  {
    name: 'validate names a FIFO depmap.yaml instead of "no depmap.yaml found"',
    setup: (dir) => {
      fifo(path.join(dir, 'repo', 'depmap.yaml'));
      writeTree(path.join(dir, 'repo', 'pkg'), { 'depmap.yaml': manifest('pkg') });
      return { args: ['validate', 'repo'] };
    },
    code: 1,
    stdoutSays: [
      'repo/depmap.yaml:1:1: error: depmap.yaml is a FIFO (named pipe), not a file',
      '2 manifests checked: 1 invalid',
    ],
  },
  {
    name: 'a depmap.yaml symlinked to /dev/zero is not followed out of the repo',
    setup: (dir) => {
      orgWithBad(dir, {});
      symlink('/dev/zero', path.join(dir, 'org', 'bad', 'depmap.yaml'));
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 0,
    mapped: { snapshot: 'g.json', components: ['good'] },
    then: (_run, dir) => {
      const bad = parseSnapshot(readFileSync(path.join(dir, 'g.json'), 'utf8'), 'g.json').repos.find(
        (r) => r.id === 'bad',
      );
      expect(JSON.stringify(bad?.problems)).toContain('symlink to a file outside the folder');
    },
  },
  {
    name: 'a depmap.yaml symlinked to a FIFO inside the repo is named as a FIFO',
    setup: (dir) => {
      orgWithBad(dir, {});
      fifo(path.join(dir, 'org', 'bad', 'pipe'));
      symlink('pipe', path.join(dir, 'org', 'bad', 'depmap.yaml'));
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 1,
    says: ['is a FIFO (named pipe), not a file'],
    mapped: { snapshot: 'g.json', components: ['good'] },
  },
  {
    name: 'a folder named depmap.yaml is said to be a folder',
    setup: (dir) => {
      mkdirSync(path.join(dir, 'repo', 'depmap.yaml'), { recursive: true });
      return { args: ['validate', 'repo'] };
    },
    code: 1,
    says: ['a folder named depmap.yaml, not a file'],
  },
  {
    name: '.git/HEAD as a FIFO does not stop the crawl: the repo is mapped without its commit',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad') });
      fifo(path.join(dir, 'org', 'bad', '.git', 'HEAD'));
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 0,
    mapped: { snapshot: 'g.json', components: ['good', 'bad'] },
    then: (_run, dir) =>
      expect(readFileSync(path.join(dir, 'g.json'), 'utf8')).toContain(
        '.git/HEAD is a FIFO (named pipe), not a file: the commit is not recorded',
      ),
  },
  {
    name: '.git symlinked to /dev/zero does not fill memory: the repo is mapped without its commit',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad') });
      symlink('/dev/zero', path.join(dir, 'org', 'bad', '.git'));
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 0,
    mapped: { snapshot: 'g.json', components: ['good', 'bad'] },
    then: (_run, dir) =>
      expect(readFileSync(path.join(dir, 'g.json'), 'utf8')).toContain(
        '.git is a character device, not a folder or a file',
      ),
  },
  {
    name: 'a symbolic HEAD pointing out of .git is not read',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad'), '.git/HEAD': 'ref: ../../../../../../etc/passwd\n' });
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 0,
    mapped: { snapshot: 'g.json', components: ['good', 'bad'] },
  },
  {
    name: 'a lockfile import that is a FIFO is a problem at the from: line, not a hang',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad', 'libraries:\n  - from: package-lock.json\n') });
      fifo(path.join(dir, 'org', 'bad', 'package-lock.json'));
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 1,
    says: ['org/bad/depmap.yaml:5:11', '"package-lock.json" is a FIFO (named pipe), not a file'],
    mapped: { snapshot: 'g.json', components: ['good', 'bad'] },
  },
  {
    name: 'an import in a symlink loop says it is a loop, not that it does not exist',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad', 'libraries:\n  - from: a.lock\n') });
      symlink('b.lock', path.join(dir, 'org', 'bad', 'a.lock'));
      symlink('a.lock', path.join(dir, 'org', 'bad', 'b.lock'));
      return { args: ['validate', 'org/bad'] };
    },
    code: 1,
    stdoutSays: ['libraries[0].from: "a.lock" is a symlink loop'],
  },
  {
    name: 'an import that climbs out of the repo is refused',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad', 'libraries:\n  - from: ../../../../../../etc/passwd\n') });
      return { args: ['validate', 'org/bad'] };
    },
    code: 1,
    stdoutSays: ['points outside the repo'],
  },
  {
    name: 'an absolute import path is refused',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad', 'libraries:\n  - from: /etc/passwd\n') });
      return { args: ['validate', 'org/bad'] };
    },
    code: 1,
    stdoutSays: ['"/etc/passwd" must be a relative path inside this repo'],
  },
  {
    name: 'an import symlinked to a file outside the repo is refused',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad', 'libraries:\n  - from: package-lock.json\n') });
      write(path.join(dir, 'secret', 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
      symlink(path.join(dir, 'secret', 'package-lock.json'), path.join(dir, 'org', 'bad', 'package-lock.json'));
      return { args: ['validate', 'org/bad'] };
    },
    code: 1,
    stdoutSays: ['is a symlink to a file outside the repo'],
  },
  {
    name: 'an import symlinked to /dev/zero is refused as outside the repo',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad', 'libraries:\n  - from: package-lock.json\n') });
      symlink('/dev/zero', path.join(dir, 'org', 'bad', 'package-lock.json'));
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 1,
    says: ['is a symlink to a file outside the repo'],
    mapped: { snapshot: 'g.json', components: ['good', 'bad'] },
  },
  {
    name: 'a lockfile over 50 MB is refused with its size',
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad', 'libraries:\n  - from: requirements.txt\n') });
      writeFileSync(path.join(dir, 'org', 'bad', 'requirements.txt'), Buffer.alloc(51 * 1024 * 1024, 0x61));
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: 1,
    says: ['"requirements.txt" is 53,477,376 bytes, over the 50 MB limit'],
    mapped: { snapshot: 'g.json', components: ['good', 'bad'] },
  },
  {
    name: "--discover reads no FIFO, device or outside file among a repo's compose files",
    setup: (dir) => {
      orgWithBad(dir, {
        'docker-compose.yml':
          'services:\n  api:\n    image: app:1.0.0\n    env_file: [app.env, outside.env]\n    environment:\n      DB_URL: postgres://db:5432/app\n  db:\n    image: postgres:16.3\n',
      });
      fifo(path.join(dir, 'org', 'bad', 'app.env'));
      symlink('/dev/zero', path.join(dir, 'org', 'bad', 'outside.env'));
      return { args: ['scan', 'org', '--discover', '--out', 'g.json'] };
    },
    code: [0, 1],
    mapped: { snapshot: 'g.json', components: ['good'] },
  },
  {
    name: 'docs --out whose index.md is a FIFO is refused, not waited on',
    setup: (dir) => {
      GOOD_SNAPSHOT(dir);
      fifo(path.join(dir, 'out', 'index.md'));
      return { args: ['docs', 'good', '--out', 'out', '--no-svg', '--no-timeline'] };
    },
    code: 2,
    says: ['refusing to replace out'],
  },
  {
    name: 'a docs lock file that is a FIFO (committed by a pull request) is swept, and the docs written',
    setup: (dir) => {
      GOOD_SNAPSHOT(dir);
      fifo(path.join(dir, '.out.lock'));
      return { args: ['docs', 'good', '--out', 'out', '--no-svg', '--no-timeline'] };
    },
    code: 0,
    says: ['wrote out'],
  },
  {
    name: '$GITHUB_STEP_SUMMARY as a FIFO is an error, not a hang',
    setup: (dir) => {
      writeTree(dir, { 'depmap.yaml': manifest('me') });
      return { args: ['check', '--format', 'markdown'], env: { GITHUB_STEP_SUMMARY: fifo(path.join(dir, 'summary')) } };
    },
    code: 2,
    says: ['$GITHUB_STEP_SUMMARY', 'is a FIFO'],
  },
  {
    name: 'a source folder that is a FIFO says what it is',
    setup: (dir) => {
      fifo(path.join(dir, 'repo'));
      return { args: ['validate', 'repo'] };
    },
    code: 2,
    says: ['repo is a FIFO (named pipe), neither a file nor a folder'],
  },
  {
    name: 'a folder of a crawl that cannot be read is reported, the rest mapped',
    unavailable: () => (process.getuid?.() === 0 ? 'root reads every folder' : undefined),
    setup: (dir) => {
      orgWithBad(dir, { 'depmap.yaml': manifest('bad') });
      mkdirSync(path.join(dir, 'org', 'bad', 'locked'), { mode: 0o000 });
      return { args: ['scan', 'org', '--out', 'g.json'] };
    },
    code: [0, 1],
    mapped: { snapshot: 'g.json', components: ['good', 'bad'] },
  },
];

describe('hostile paths and special files', () => runRows(rows));
