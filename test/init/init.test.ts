import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/main.js';
import { tempDir, testDir } from '../helpers/fs.js';

/** A fixture under fixtures/init copied into a fresh folder that is a repo root (validate finds the root by .git). */
function repoFrom(fixture: string): string {
  const dir = path.join(tempDir(), fixture);
  cpSync(path.resolve('fixtures/init', fixture), dir, { recursive: true });
  mkdirSync(path.join(dir, '.git'));
  return dir;
}

const manifestAt = (dir: string, rel = 'depmap.yaml') =>
  parse(readFileSync(path.join(dir, rel), 'utf8')) as Record<string, any>;

describe('depmap init', () => {
  it('writes a manifest that validate accepts: named after its deployment, the package name an alias, libraries from the lockfile, services from compose', async () => {
    const dir = repoFrom('node-service');
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'depmap: wrote depmap.yaml: service app, libraries from 1 file, 3 services, 4 TODOs\nnext: settle the TODOs, then run `depmap validate`\n',
    );
    const manifest = manifestAt(dir);
    expect(manifest).toEqual({
      depmap: 1,
      // The compose service is what the deployment calls it; the package's name reaches it too.
      name: 'app',
      aliases: ['checkout'],
      kind: 'service',
      description: 'Turns a cart into a paid order',
      libraries: [{ from: 'package-lock.json' }],
      services: [
        { name: 'db', kind: 'database', protocol: 'postgres', image: 'postgres:16.3' },
        { name: 'sessions', kind: 'cache', protocol: 'redis', image: 'redis:7.2.5' },
        { name: 'orders', protocol: 'http', image: 'ghcr.io/acme/orders:1.9.0' },
      ],
    });
    const text = readFileSync(path.join(dir, 'depmap.yaml'), 'utf8');
    expect(text).toContain(
      '# TODO: the API version consumed; docker-compose.yml:8: url ORDERS_URL=http://orders:8080; high confidence',
    );
    expect(text).not.toContain('dev@');
    const validate = await runCli(['validate'], { cwd: dir });
    expect(validate.stdout).toMatch(/1 manifest checked: all valid/);
    expect(validate.code).toBe(0);
  });

  it('tests, fixtures and other manifests describe other systems: they are not read for services', async () => {
    const dir = repoFrom('node-service');
    mkdirSync(path.join(dir, 'test/fixtures'), { recursive: true });
    writeFileSync(
      path.join(dir, 'test/fixtures/docker-compose.yml'),
      'services:\n  app:\n    build: .\n    depends_on: [mock]\n  mock:\n    image: wiremock/wiremock:3.6.0\n',
    );
    mkdirSync(path.join(dir, 'other'));
    writeFileSync(
      path.join(dir, 'other/depmap.yml'),
      'depmap: 1\nname: other\nkind: service\nservices:\n  - { name: ghost }\n',
    );
    const result = await runCli(['init', '--dry-run'], { cwd: dir });
    expect(parse(result.stdout).services.map((s: { name: string }) => s.name)).toEqual(['db', 'sessions', 'orders']);
    expect(result.stdout).not.toMatch(/mock|ghost|test\/fixtures/);
  });

  it('never overwrites without --force; --force does', async () => {
    const dir = repoFrom('node-service');
    writeFileSync(path.join(dir, 'depmap.yaml'), 'depmap: 1\nname: mine\nkind: job\n');
    const refused = await runCli(['init'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'depmap: depmap.yaml already exists; not overwritten\n  hint: use --force to overwrite, or --dry-run to see what init would write\n',
    );
    expect(readFileSync(path.join(dir, 'depmap.yaml'), 'utf8')).toBe('depmap: 1\nname: mine\nkind: job\n');
    const forced = await runCli(['init', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(manifestAt(dir).name).toBe('app');
  });

  it('--dry-run prints the manifest and writes nothing', async () => {
    const dir = repoFrom('node-service');
    const result = await runCli(['init', dir, '--dry-run']);
    expect(result.code).toBe(0);
    expect(parse(result.stdout)).toMatchObject({
      name: 'app',
      aliases: ['checkout'],
      libraries: [{ from: 'package-lock.json' }],
    });
    expect(result.stderr).toBe('depmap: 1 manifest planned, nothing written (--dry-run)\n');
    expect(existsSync(path.join(dir, 'depmap.yaml'))).toBe(false);
  });

  it('--inline pins the direct dependencies as purls, with scopes', async () => {
    const dir = repoFrom('node-service');
    const result = await runCli(['init', '--inline', '--system', 'commerce', '--owner', 'team-payments'], { cwd: dir });
    expect(result.code).toBe(0);
    const manifest = manifestAt(dir);
    expect(manifest.libraries).toEqual([
      'pkg:npm/express@4.19.2',
      'pkg:npm/pg@8.12.0',
      { purl: 'pkg:npm/vitest@2.0.4', scope: 'dev' },
    ]);
    expect(manifest).toMatchObject({ system: 'commerce', owner: 'team-payments' });
    const validate = await runCli(['validate', '--strict'], { cwd: dir });
    // --strict fails only on unpinned versions: the libraries are pinned, the API versions of services are not yet.
    expect(validate.stdout).not.toMatch(/pkg:npm/);
  });

  it('--inline writes unpinned versions in the object form with a TODO, and stays valid', async () => {
    const dir = repoFrom('broken');
    const result = await runCli(['init', '--inline'], { cwd: dir });
    expect(result.code).toBe(0);
    const text = readFileSync(path.join(dir, 'depmap.yaml'), 'utf8');
    expect(text).toMatch(/- \{ ecosystem: pypi, name: flask, version: ">=3.0" \}\s+# TODO: pin an exact version/);
    expect(parse(text).libraries).toEqual([
      { ecosystem: 'pypi', name: 'flask', version: '>=3.0' },
      'pkg:pypi/gunicorn@22.0.0',
    ]);
    const validate = await runCli(['validate'], { cwd: dir });
    expect(validate.code).toBe(0);
  });

  it('a file it cannot read becomes a TODO, not a broken manifest', async () => {
    const dir = repoFrom('broken');
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(path.join(dir, 'depmap.yaml'), 'utf8');
    expect(text).toContain(
      '# - { from: package-lock.json }  TODO: package-lock.json could not be read (line 6: JSON syntax',
    );
    expect(parse(text).libraries).toEqual([{ from: 'requirements.txt' }]);
    const validate = await runCli(['validate'], { cwd: dir });
    expect(validate.code).toBe(0);
  });

  it('monorepo: one manifest per package, workspace lockfile shared, Backstage identity, tools skipped', async () => {
    const dir = repoFrom('monorepo');
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(
      result.stderr
        .split('\n')
        .filter((l) => l.startsWith('depmap: wrote'))
        .map((l) => l.replace(/:.*$/, '')),
    ).toEqual(['depmap', 'depmap', 'depmap']);
    expect(existsSync(path.join(dir, 'depmap.yaml'))).toBe(false);
    expect(existsSync(path.join(dir, 'tools/codegen/depmap.yaml'))).toBe(false);
    expect(manifestAt(dir, 'apps/api/depmap.yaml')).toMatchObject({
      name: 'api',
      kind: 'service',
      libraries: [{ from: '../../package-lock.json' }],
      services: [
        { name: 'db', kind: 'database', protocol: 'postgres', image: 'postgres:16.3' },
        { name: 'billing', protocol: 'grpc' },
      ],
    });
    expect(manifestAt(dir, 'apps/web/depmap.yaml')).toMatchObject({
      name: 'web',
      kind: 'frontend',
      services: [{ name: 'api', protocol: 'http' }],
    });
    expect(manifestAt(dir, 'services/billing/depmap.yaml')).toEqual({
      depmap: 1,
      name: 'billing',
      kind: 'service',
      system: 'shop',
      owner: 'team-billing',
      description: 'Invoices and payouts',
      provides: [{ api: 'billing-grpc', protocol: 'grpc', version: '1.3.0' }],
      libraries: [{ from: 'go.mod' }],
      services: [{ name: 'billing-ledger', kind: 'database' }],
    });
    const validate = await runCli(['validate'], { cwd: dir });
    expect(validate.stdout).toMatch(/3 manifests checked: all valid/);
    expect(validate.code).toBe(0);
  });

  it('monorepo: --name is refused, existing manifests are kept while the others are written', async () => {
    const dir = repoFrom('monorepo');
    const named = await runCli(['init', '--name', 'x'], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('--name and --kind apply to a single-package repo');
    writeFileSync(path.join(dir, 'apps/web/depmap.yaml'), 'depmap: 1\nname: web\nkind: frontend\n');
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('depmap: apps/web/depmap.yaml exists; not overwritten (use --force)');
    expect(readFileSync(path.join(dir, 'apps/web/depmap.yaml'), 'utf8')).toBe('depmap: 1\nname: web\nkind: frontend\n');
    expect(existsSync(path.join(dir, 'apps/api/depmap.yaml'))).toBe(true);
  });

  it('an empty folder still gets a valid manifest named after it, all TODOs', async () => {
    const dir = path.join(testDir({ 'Weird Name!/README.md': '# hi\n' }), 'Weird Name!');
    const result = await runCli(['init', dir]);
    expect(result.code).toBe(0);
    const manifest = manifestAt(dir);
    expect(manifest).toEqual({ depmap: 1, name: 'Weird-Name', kind: 'service' });
    const validate = await runCli(['validate', dir]);
    expect(validate.code).toBe(0);
  });

  it('a folder named in another alphabet: accents are dropped, letters that cannot be spelled leave a TODO placeholder', async () => {
    const accented = path.join(testDir({ 'ünï/README.md': '# hi\n' }), 'ünï');
    const result = await runCli(['init', accented, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('name: uni      # from folder name "ünï"\n');
    const chinese = path.join(testDir({ '服务/README.md': '# hi\n' }), '服务');
    mkdirSync(path.join(chinese, '.git'));
    expect((await runCli(['init', chinese])).code).toBe(0);
    const text = readFileSync(path.join(chinese, 'depmap.yaml'), 'utf8');
    expect(text).toContain('name: todo-name  # TODO: nothing of "服务" can be part of a name');
    expect((await runCli(['validate', chinese])).code).toBe(0);
    const mixed = path.join(testDir({ 'shop-日本/README.md': '# hi\n' }), 'shop-日本');
    expect((await runCli(['init', mixed, '--dry-run'])).stdout).toContain(
      'name: shop     # TODO: made from "shop-日本", without 日本',
    );
  });

  it('--name and --system that the spec refuses are usage errors that say what a name may hold', async () => {
    const dir = repoFrom('node-service');
    const name = await runCli(['init', '--name', 'bad name', '--dry-run'], { cwd: dir });
    expect(name).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'depmap: --name "bad name": use letters, digits, ".", "_" or "-", starting with a letter or digit\n  hint: e.g. --name bad-name\n',
    });
    const system = await runCli(['init', '--system', 'my sys', '--dry-run'], { cwd: dir });
    expect(system).toMatchObject({
      code: 2,
      stderr:
        'depmap: --system "my sys": use letters, digits, ".", "_" or "-", starting with a letter or digit\n  hint: e.g. --system my-sys\n',
    });
    expect(await runCli(['init', '--name', '日本'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: 'depmap: --name "日本": use letters, digits, ".", "_" or "-", starting with a letter or digit\n',
    });
    expect(await runCli(['init', '--owner', ''], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--owner "": must not be empty'),
    });
    expect(existsSync(path.join(dir, 'depmap.yaml'))).toBe(false);
  });

  it('a system named in a catalog file that the spec refuses becomes a TODO, not a crash', async () => {
    const dir = testDir({
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\nspec:\n  type: service\n  lifecycle: production\n  owner: team-shop\n  system: my sys\n',
    });
    const result = await runCli(['init', dir, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '# system: <system>  TODO: "my sys" is not a valid system name: use letters, digits',
    );
    expect(parse(result.stdout)).toMatchObject({ name: 'shop', owner: 'team-shop' });
  });

  it('a missing folder is an IO error; help has examples', async () => {
    const missing = await runCli(['init', 'no/such/dir']);
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'depmap: no/such/dir is not a folder\n  hint: give the folder of a repo\n',
    });
    const help = await runCli(['init', '--help']);
    expect(help.stdout).toContain('Examples:\n  $ depmap init ');
  });
});
