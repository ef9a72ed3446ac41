import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, testDir, writeTree } from '../helpers/fs.js';

const manifest = (name: string) => `depmap: 1\nname: ${name}\nkind: service\n`;

describe('odd paths get a clear word', () => {
  it('a device, a folder named depmap.yaml, a symlinked folder leading out', async () => {
    expect((await runCli(['validate', '/dev/null'])).stderr).toBe(
      'depmap: /dev/null is a character device, neither a file nor a folder\n  hint: give a depmap.yaml or a folder that contains some\n',
    );
    const outside = testDir({ 'depmap.yaml': manifest('outside') });
    const dir = testDir({ 'depmap.yaml': manifest('inside') });
    mkdirSync(path.join(dir, 'sub', 'depmap.yaml'), { recursive: true });
    symlinkSync(outside, path.join(dir, 'linked'));
    const result = await runCli(['validate', dir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/sub\/depmap.yaml: not followed: a folder named depmap.yaml, not a file/);
    expect(result.stderr).toMatch(/linked: not followed: symlink to a folder outside the folder/);
  });

  it('a folder of symlinks to repos is a folder of repos', async () => {
    const a = testDir({ 'depmap.yaml': manifest('a') });
    const b = testDir({ 'depmap.yaml': manifest('b') });
    const org = tempDir();
    symlinkSync(a, path.join(org, 'a'));
    symlinkSync(b, path.join(org, 'b'));
    const result = await runCli(['scan', org]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^2 repos \(2 mapped, 0 failed, 0 without manifest\): 2 components/);
  });

  it('a config with an empty source list is an error at its line', async () => {
    const dir = testDir({ 'depmap.config.yaml': 'concurrency: 2\nsources: []\n' });
    const result = await runCli(['scan'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('depmap: depmap.config.yaml:2:10: sources: the list is empty');
  });
});

describe('queries', () => {
  it('exit 1 when a repo failed, as scan does, while still answering', async () => {
    const org = tempDir();
    writeTree(org, { 'a/depmap.yaml': manifest('a'), 'b/depmap.yaml': 'depmap: 1\nname: b\nkind: servce\n' });
    const result = await runCli(['list', 'components', org]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('a  ');
    expect(result.stderr).toContain('repo b failed');
  });

  it('a filter value no node has gets a did-you-mean; why of a node to itself is a usage error', async () => {
    const typo = await runCli(['list', 'services', 'fixtures/demo-org', '--kind', 'databse']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('depmap: no services with --kind databse\n  hint: did you mean "database"?\n');
    const same = await runCli(['why', 'checkout', 'checkout', 'fixtures/demo-org']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('"checkout" and "checkout" are the same node');
  });

  it('usage errors from the option parser read like every other error', async () => {
    const result = await runCli(['scan', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("depmap: unknown option '--bogus'\n");
  });
});

describe('validate hints', () => {
  it('a service without a name is told what a service name is', async () => {
    const file = path.join(tempDir(), 'depmap.yaml');
    writeFileSync(file, 'depmap: 1\nname: a\nkind: service\nservices:\n  - { protocol: http }\n');
    const result = await runCli(['validate', file]);
    expect(result.stdout).toContain(
      'hint: add "name: <service>": a component\'s name, or the name of a database, queue or third party',
    );
  });
});

describe('empty and wrong targets', () => {
  it('scan and docs of folders without a single manifest exit 1 with what to do; docs writes nothing', async () => {
    const dir = testDir({ 'repos/a/README.md': 'a', 'repos/b/package.json': '{}' });
    writeFileSync(path.join(dir, 'old.json'), 'the snapshot of last night');
    const scan = await runCli(['scan', 'repos', '--out', 'old.json'], { cwd: dir });
    expect(scan.code).toBe(1);
    expect(scan.stderr).toContain('depmap: no depmap.yaml in any of the 2 repos of repos: nothing to map');
    for (const command of [
      ['render', 'repos'],
      ['list', 'components', 'repos'],
      ['export', '--format', 'cyclonedx', 'repos'],
      ['impact', 'a', 'repos'],
    ]) {
      const other = await runCli(command, { cwd: dir });
      expect(other.code, command.join(' ')).toBe(1);
      expect(other.stderr).toContain('nothing to map');
    }
    expect(scan.stderr).toContain('`depmap init <repo>`');
    expect(scan.stderr).toContain('--discover');
    expect(readFileSync(path.join(dir, 'old.json'), 'utf8')).toBe('the snapshot of last night');
    const docs = await runCli(['docs', 'repos', '--out', 'site', '--no-svg'], { cwd: dir });
    expect(docs.code).toBe(1);
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
    // A shard may hold only repos without manifests: that is not an error.
    expect((await runCli(['scan', 'repos', '--shard', '1/1'], { cwd: dir })).code).toBe(0);
  });

  it('a file given where a repo folder is expected says so and names the folder', async () => {
    const dir = testDir({ 'repo/depmap.yaml': 'depmap: 1\nname: a\nkind: service\n' });
    for (const command of [
      ['scan', 'repo/depmap.yaml'],
      ['timeline', 'repo/depmap.yaml'],
      ['docs', 'repo/depmap.yaml', '--out', 'site', '--no-svg'],
      ['list', 'components', 'repo/depmap.yaml'],
    ]) {
      const result = await runCli(command, { cwd: dir });
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stderr).toBe(
        'depmap: repo/depmap.yaml is a file: a source is the folder of a repo (or of many)\n  hint: give its folder: repo\n',
      );
    }
  });
});

describe('validate and check agree', () => {
  it('two manifests of one name are invalid for both, at the name', async () => {
    const dir = testDir({
      'depmap.yaml': 'depmap: 1\nname: d\nkind: service\n',
      'sub/depmap.yaml': 'depmap: 1\nname: d\nkind: worker\n',
    });
    const validate = await runCli(['validate'], { cwd: dir });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(
      'depmap.yaml:2:7: error: name: component "d" is also declared in sub/depmap.yaml:2:7',
    );
    const check = await runCli(['check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('component "d" is declared twice');
  });
});

describe('clone failures', () => {
  it("keep git's own reason and are not placed at a made-up line of the URL", async () => {
    const dir = tempDir();
    const url = `file://${path.join(dir, 'no-such-repo')}`;
    const result = await runCli(['scan', url, '--cache-dir', path.join(dir, 'cache')], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `    ${url}: error: cannot clone ${url}: fatal: '${path.join(dir, 'no-such-repo')}' does not appear to be a git repository`,
    );
    expect(result.stderr).not.toContain(`${url}:1:1`);
    expect(result.stderr).toContain('hint: check the URL, the ref and your access to the repository');
  });
});
