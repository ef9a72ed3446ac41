/**
 * Faults of the machine: a full disk (a real tmpfs where the machine allows mounting one,
 * else the process's file-size limit), a read-only file system, stdout to a full device or
 * a closed pipe, signals at named moments of a write (DEPMAP_TEST_PAUSE), and two runs
 * writing the same output. The old output stays byte for byte, nothing partial or temporary
 * is left, and the message says what failed and where.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { writeTree } from '../helpers/fs.js';
import { commit, initRepo } from '../helpers/git.js';
import { canMountTmpfs, manifest, mountTmpfs } from './cases.js';
import { BIN, leftovers, pausedAt, runDepmap, runRows, type Row, type Setup } from './harness.js';

/** An org big enough that its outputs do not fit in a few free KB. */
function bigOrg(dir: string, repos = 40): string {
  const org = path.join(dir, 'org');
  for (let i = 0; i < repos; i++) {
    const libs = Array.from({ length: 40 }, (_, j) => `  - pkg:npm/lib-${j}-with-a-long-name@${i}.${j}.0`).join('\n');
    writeTree(path.join(org, `repo${i}`), {
      'depmap.yaml': manifest(
        `svc${i}`,
        `system: sys${i % 4}\nlibraries:\n${libs}\nservices:\n  - { name: svc${(i + 1) % repos}, api: api, version: 1.0.0 }\n`,
      ),
    });
  }
  return org;
}

/** A depmap run's output made beforehand, to be kept through a failed rewrite. */
function before(dir: string, args: string[]): void {
  execFileSync(process.execPath, [BIN, ...args, '-q'], { cwd: dir, stdio: 'ignore' });
}

/**
 * Where a write will fail for want of space: a folder on a tmpfs with `free` bytes left, or
 * (without mount rights) the case folder with a file-size limit on the process.
 */
function fullDisk(
  dir: string,
  prepare: (out: string) => void,
  limitKb = 16,
): { out: string; wrap?: string[]; dirs: string[] } {
  // Room for a docs folder with its explorer.html (~0.2 MB) before the filler leaves one page.
  const mount = canMountTmpfs() ? mountTmpfs(1024 * 1024) : undefined;
  if (mount) {
    prepare(mount);
    // Leave one page: the old output is in place, the new one does not fit.
    const free = () =>
      Number(execFileSync('df', ['-B1', '--output=avail', mount], { encoding: 'utf8' }).split('\n')[1]);
    writeFileSync(path.join(mount, 'filler'), Buffer.alloc(Math.max(0, free() - 4096)));
    return { out: mount, dirs: [mount] };
  }
  const out = path.join(dir, 'disk');
  mkdirSync(out);
  prepare(out);
  return { out, wrap: ['bash', '-c', `ulimit -f ${limitKb}; exec "$@"`, 'bash'], dirs: [] };
}

const NO_SPACE =
  /no space left on device \(ENOSPC\)|file too large for this file system or the process file-size limit \(EFBIG\)/;

function fullDiskRow(
  name: string,
  make: (dir: string, out: string) => void,
  args: (out: string) => string[],
  kept: (out: string) => string,
): Row {
  return {
    name: `full disk: ${name} fails with exit 2 and leaves the old output as it was`,
    setup: (dir): Setup => {
      bigOrg(dir);
      // Without a tmpfs: a limit under the size of one diagram.
      const disk = fullDisk(dir, (out) => make(dir, out), name.startsWith('render') ? 1 : 16);
      return {
        args: args(disk.out),
        dirs: disk.dirs,
        unchanged: [kept(disk.out)],
        ...(disk.wrap ? { wrap: disk.wrap } : {}),
      };
    },
    code: 2,
    says: [NO_SPACE, 'cannot '],
  };
}

/** The component pages of the docs folder in the case. */
const pages = (dir: string) =>
  readdirSync(path.join(dir, 'docs', 'components'))
    .filter((f) => f.endsWith('.md'))
    .sort();

const rows: Row[] = [];

function add(row: Row): void {
  rows.push(row);
}

// Full disk: each writer of depmap, with an old output in place.
for (const [name, make, args, kept] of [
  [
    'scan --out',
    (dir: string, out: string) => before(dir, ['scan', 'org/repo0', '--out', path.join(out, 'graph.json')]),
    (out: string) => ['scan', 'org', '--out', path.join(out, 'graph.json')],
    (out: string) => path.join(out, 'graph.json'),
  ],
  [
    'merge --out',
    (dir: string, out: string) => (
      before(dir, ['scan', 'org', '--out', 'all.json']),
      before(dir, ['scan', 'org/repo0', '--out', path.join(out, 'merged.json')])
    ),
    (out: string) => ['merge', 'all.json', '--out', path.join(out, 'merged.json')],
    (out: string) => path.join(out, 'merged.json'),
  ],
  [
    'render --out DIR',
    (dir: string, out: string) => before(dir, ['render', 'org/repo0', '--out', path.join(out, 'diagrams')]),
    (out: string) => ['render', 'org', '--max-edges', '5', '--out', path.join(out, 'diagrams')],
    (out: string) => path.join(out, 'diagrams'),
  ],
  [
    'docs --out DIR',
    (dir: string, out: string) =>
      before(dir, ['docs', 'org/repo0', '--out', path.join(out, 'docs'), '--no-svg', '--no-timeline']),
    (out: string) => ['docs', 'org', '--out', path.join(out, 'docs'), '--no-svg', '--no-timeline'],
    (out: string) => path.join(out, 'docs'),
  ],
  [
    'check --output sarif=',
    (dir: string, out: string) => writeFileSync(path.join(out, 'r.sarif'), 'old report'),
    (out: string) => [
      'check',
      'org',
      '--output',
      `sarif=${path.join(out, 'r.sarif')}`,
      '--output',
      `junit=${path.join(out, 'r.xml')}`,
    ],
    (out: string) => path.join(out, 'r.sarif'),
  ],
  [
    'export --out',
    (dir: string, out: string) => writeFileSync(path.join(out, 'bom.json'), 'old bom'),
    (out: string) => ['export', '--format', 'cyclonedx', 'org', '--out', path.join(out, 'bom.json')],
    (out: string) => path.join(out, 'bom.json'),
  ],
] as const) {
  add(fullDiskRow(name, make, args, kept));
}

add({
  name: 'full disk: timeline --out fails with exit 2 and leaves the old file as it was',
  setup: (dir) => {
    const repo = path.join(dir, 'hist');
    initRepo(repo);
    for (let i = 0; i < 60; i++)
      commit(
        repo,
        {
          files: {
            'depmap.yaml': manifest(
              'h',
              `libraries:\n${Array.from({ length: 30 }, (_, j) => `  - pkg:npm/library-${j}@${i}.${j}.0`).join('\n')}\n`,
            ),
          },
        },
        i,
      );
    const disk = fullDisk(dir, (out) => writeFileSync(path.join(out, 'timeline.md'), 'old timeline'));
    return {
      args: ['timeline', 'hist', '--granularity', 'commit', '--out', path.join(disk.out, 'timeline.md')],
      dirs: disk.dirs,
      unchanged: [path.join(disk.out, 'timeline.md')],
      ...(disk.wrap ? { wrap: disk.wrap } : {}),
    };
  },
  code: 2,
  says: [NO_SPACE],
});

add({
  name: 'stdout to a full device: exit 2 with the reason, no stack trace',
  setup: (dir) => (bigOrg(dir, 5), { args: ['scan', 'org', '--out', '-'], stdoutTo: '/dev/full' }),
  code: 2,
  says: ['cannot write to standard output: no space left on device (ENOSPC)'],
});

add({
  name: 'stdout to a full device from a query: exit 2 with the reason',
  setup: (dir) => (bigOrg(dir, 5), { args: ['list', 'libraries', 'org'], stdoutTo: '/dev/full' }),
  code: 2,
  says: ['cannot write to standard output: no space left on device (ENOSPC)'],
});

add({
  name: 'stdout closed early by the reader (| head -1) is not an error',
  setup: (dir) => (
    bigOrg(dir, 20),
    { args: ['list', 'libraries', 'org'], wrap: ['bash', '-c', 'set -o pipefail; "$@" | head -1 > /dev/null', 'bash'] }
  ),
  code: 0,
});

const readOnly = (): { dir?: string; why?: string } => {
  if (canMountTmpfs()) return { dir: mountTmpfs(64 * 1024, { readOnly: true }) as string };
  if (process.getuid?.() === 0) return { why: 'root without mount rights writes anywhere' };
  return {};
};

for (const [name, args] of [
  ['scan --out', (ro: string) => ['scan', 'org', '--out', path.join(ro, 'graph.json')]],
  ['scan --out into a new folder', (ro: string) => ['scan', 'org', '--out', path.join(ro, 'sub', 'graph.json')]],
  ['docs --out', (ro: string) => ['docs', 'org', '--out', path.join(ro, 'docs'), '--no-svg', '--no-timeline']],
  ['render --out', (ro: string) => ['render', 'org', '--out', path.join(ro, 'out')]],
  ['timeline --out', (ro: string) => ['timeline', 'org', '--out', path.join(ro, 't.md')]],
] as const) {
  add({
    name: `read-only output: ${name} says why, not ENOENT`,
    unavailable: () =>
      canMountTmpfs() || process.getuid?.() !== 0 ? undefined : 'root without mount rights writes anywhere',
    setup: (dir) => {
      bigOrg(dir, 2);
      let ro = readOnly().dir;
      if (!ro) {
        ro = path.join(dir, 'ro');
        mkdirSync(ro, { mode: 0o555 });
      }
      return { args: args(ro), dirs: [ro] };
    },
    code: 2,
    says: [/read-only file system \(EROFS\)|permission denied \(EACCES\)/],
  });
}

for (const command of [
  ['scan', 'org', '--out', 'README.md/graph.json'],
  ['docs', 'org', '--out', 'README.md/docs', '--no-svg', '--no-timeline'],
  ['render', 'org', '--out', 'README.md/out'],
  ['timeline', 'org', '--out', 'README.md/t.md'],
  ['check', 'org', '--output', 'sarif=README.md/r.sarif'],
]) {
  add({
    name: `--out under a file: ${command[0]} says which part is a file, no stack trace`,
    setup: (dir) => (bigOrg(dir, 2), writeFileSync(path.join(dir, 'README.md'), 'a file'), { args: command }),
    code: 2,
    says: [/README\.md.*(is a file, not a folder|a part of the path is a file, not a folder)/],
    unchanged: ['README.md'],
  });
}

/** A row that stops depmap at `point` and sends `signal`; the old output must survive. */
function signalRow(
  name: string,
  point: string,
  signal: NodeJS.Signals,
  args: string[],
  kept: string,
  exit: number,
  more: Partial<Row> = {},
): Row {
  return {
    name: `${signal} ${name}`,
    setup: (dir) => {
      bigOrg(dir, 6);
      if (kept === 'graph.json') before(dir, ['scan', 'org/repo0', '--out', 'graph.json']);
      if (kept === 'docs') before(dir, ['docs', 'org/repo0', '--out', 'docs', '--no-svg', '--no-timeline']);
      return {
        args,
        env: { DEPMAP_TEST_PAUSE: point },
        during: async (child, run) => {
          await pausedAt(run, point);
          child.kill(signal);
        },
      };
    },
    code: exit,
    says: [`interrupted by ${signal}; partial output removed`],
    unchanged: [kept],
    ...more,
  };
}

add(
  signalRow(
    'during scan --out, after the temp file is written: removed, the old snapshot kept',
    'write:temp-written',
    'SIGTERM',
    ['scan', 'org', '--out', 'graph.json'],
    'graph.json',
    143,
  ),
);
add(
  signalRow(
    'during scan --out (Ctrl-C): removed, the old snapshot kept',
    'write:temp-written',
    'SIGINT',
    ['scan', 'org', '--out', 'graph.json'],
    'graph.json',
    130,
  ),
);
add(
  signalRow(
    'during docs --out, with the new folder staged: staging and lock removed, the old docs kept',
    'docs:staged',
    'SIGTERM',
    ['docs', 'org', '--out', 'docs', '--no-svg', '--no-timeline'],
    'docs',
    143,
  ),
);
add(
  signalRow(
    'during docs --out (Ctrl-C), staged',
    'docs:staged',
    'SIGINT',
    ['docs', 'org', '--out', 'docs', '--no-svg', '--no-timeline'],
    'docs',
    130,
  ),
);
add({
  ...signalRow(
    'between the two renames of the docs swap: the swap is finished, nothing left over',
    'docs:between-renames',
    'SIGTERM',
    ['docs', 'org', '--out', 'docs', '--no-svg', '--no-timeline'],
    'docs',
    143,
  ),
  unchanged: [],
  then: (_run, dir) => {
    // The new folder, complete: all six repos' pages.
    expect(pages(dir)).toEqual(['svc0.md', 'svc1.md', 'svc2.md', 'svc3.md', 'svc4.md', 'svc5.md']);
  },
});

/** Kills a depmap run with SIGKILL at `point` (nothing can clean up), for the next run to recover. */
async function killedAt(dir: string, args: string[], point: string): Promise<void> {
  await runDepmap(
    {
      args,
      env: { DEPMAP_TEST_PAUSE: point },
      during: async (child, run) => {
        await pausedAt(run, point);
        child.kill('SIGKILL');
      },
    },
    dir,
  );
}

add({
  name: 'SIGKILL between the two renames of the docs swap: the next docs run finishes it and cleans up',
  setup: async (dir) => {
    bigOrg(dir, 6);
    before(dir, ['docs', 'org/repo0', '--out', 'docs', '--no-svg', '--no-timeline']);
    await killedAt(dir, ['docs', 'org', '--out', 'docs', '--no-svg', '--no-timeline'], 'docs:between-renames');
    expect(existsSync(path.join(dir, 'docs')), 'the kill left the folder swapped out').toBe(false);
    expect(leftovers(dir).length).toBeGreaterThan(0);
    return { args: ['docs', 'org/repo1', '--out', 'docs', '--no-svg', '--no-timeline'] };
  },
  code: 0,
  says: ['note: finished the replacement of', 'wrote docs'],
  then: (_run, dir) => expect(pages(dir)).toEqual(['svc1.md']),
});

add({
  name: 'SIGKILL between the two renames: a run that fails early still restores the folder first',
  setup: async (dir) => {
    bigOrg(dir, 3);
    before(dir, ['docs', 'org/repo0', '--out', 'docs', '--no-svg', '--no-timeline']);
    await killedAt(dir, ['docs', 'org', '--out', 'docs', '--no-svg', '--no-timeline'], 'docs:between-renames');
    return { args: ['docs', 'no-such-folder', '--out', 'docs', '--no-svg', '--no-timeline'] };
  },
  code: 2,
  says: ['note: finished the replacement of', 'no-such-folder does not exist'],
  // The folder is back whole: the run was killed after the old one was moved, so the new one (three pages) is it.
  then: (_run, dir) => expect(pages(dir)).toEqual(['svc0.md', 'svc1.md', 'svc2.md']),
});

add({
  name: 'SIGKILL of an older depmap between its renames (no journal): the next run completes the swap',
  setup: (dir) => {
    bigOrg(dir, 2);
    before(dir, ['docs', 'org', '--out', 'staged', '--no-svg', '--no-timeline']);
    before(dir, ['docs', 'org/repo0', '--out', 'old', '--no-svg', '--no-timeline']);
    execFileSync('mv', [path.join(dir, 'staged'), path.join(dir, '.docs.new.99999999.0a1b2c3d')]);
    execFileSync('mv', [path.join(dir, 'old'), path.join(dir, '.docs.old.99999999.0a1b2c3d')]);
    return { args: ['docs', 'org/repo1', '--out', 'docs', '--no-svg', '--no-timeline'] };
  },
  code: 0,
  says: ['note: finished the replacement of'],
});

add({
  name: 'SIGKILL after the temp file of scan --out is written: the next write of the file sweeps it',
  setup: async (dir) => {
    bigOrg(dir, 3);
    await killedAt(dir, ['scan', 'org', '--out', 'graph.json'], 'write:temp-written');
    expect(leftovers(dir).length, 'the kill left a temp file').toBe(1);
    return { args: ['scan', 'org', '--out', 'graph.json'] };
  },
  code: 0,
  mapped: { snapshot: 'graph.json', components: ['svc0', 'svc1', 'svc2'] },
});

add({
  name: 'two docs runs on one folder: the second is refused while the first holds it, the first finishes',
  setup: (dir) => {
    bigOrg(dir, 3);
    before(dir, ['docs', 'org/repo0', '--out', 'docs', '--no-svg', '--no-timeline']);
    return {
      args: ['docs', 'org', '--out', 'docs', '--no-svg', '--no-timeline'],
      env: { DEPMAP_TEST_PAUSE: 'docs:staged' },
      during: async (child, run) => {
        await pausedAt(run, 'docs:staged');
        const second = await runDepmap(
          { args: ['docs', 'org/repo1', '--out', 'docs', '--no-svg', '--no-timeline'] },
          dir,
        );
        expect(second.code, second.stderr).toBe(2);
        expect(second.stderr).toMatch(/docs is being written by another depmap \(pid \d+\)/);
        child.kill('SIGTERM');
      },
    };
  },
  code: 143,
  unchanged: ['docs'],
});

add({
  name: 'two scans writing one snapshot at once: both succeed, the file is one of them, whole',
  setup: (dir) => {
    bigOrg(dir, 20);
    return {
      args: ['scan', 'org', '--out', 'graph.json'],
      during: async () => {
        const other = await runDepmap({ args: ['scan', 'org', '--out', 'graph.json'] }, dir);
        expect(other.code, other.stderr).toBe(0);
      },
    };
  },
  code: 0,
  mapped: { snapshot: 'graph.json', components: ['svc0', 'svc19'] },
});

add({
  name: 'a scan that finishes while another is stopped mid-write: the stopped one is killed, the file is whole',
  setup: (dir) => {
    bigOrg(dir, 4);
    return {
      args: ['scan', 'org', '--out', 'graph.json'],
      env: { DEPMAP_TEST_PAUSE: 'write:temp-written' },
      during: async (child, run) => {
        await pausedAt(run, 'write:temp-written');
        const other = await runDepmap({ args: ['scan', 'org/repo0', '--out', 'graph.json'] }, dir);
        expect(other.code, other.stderr).toBe(0);
        child.kill('SIGTERM');
      },
    };
  },
  code: 143,
  mapped: { snapshot: 'graph.json', components: ['svc0'] },
});

describe('faults: full disks, read-only folders, signals, concurrent writers', () => runRows(rows));
