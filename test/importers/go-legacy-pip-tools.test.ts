import { describe, expect, it } from 'vitest';
import { byName, ids, importFixture, importerIdOf, lineText } from './fixture.js';
import { importFile } from '../../src/importers/index.js';
import { librarySourcesOf } from '../../src/importers/library-sources.js';
import { discoverRepo } from '../../src/importers/discover.js';
import { planInit } from '../../src/importers/init/plan-init.js';
import { unsupportedSourcesIn } from '../../src/importers/unsupported-sources.js';

const repoFiles = (files: Record<string, string>) =>
  Object.entries(files).map(([path, text]) => ({ path, read: () => text }));

describe('dep: Gopkg.lock and Gopkg.toml', () => {
  it('direct projects from input-imports and Gopkg.toml, at their v-tag or revision', () => {
    const result = importFixture('go-dep', 'Gopkg.lock');
    expect(ids(result.libraries)).toEqual(
      [
        'github.com/golang/protobuf@v1.2.0',
        // `1.6.2` is no Go version: the revision is what was pinned.
        'github.com/gorilla/mux@e3702bed27f0d39777b0b37b664b6280e8ef8fbf',
        // Required in Gopkg.toml, imported by nothing of the project's own.
        'github.com/pkg/errors@v0.8.0',
        // Only overridden: Gopkg.toml names it, so it is direct.
        'github.com/gorilla/context@08b5f424b9271eedf6f9f0ce86cb9396ed337a42',
      ].sort(),
    );
    expect(result.libraries.every((l) => l.syntax === 'resolved' && l.ecosystem === 'golang')).toBe(true);
    expect(lineText('go-dep', 'Gopkg.lock', byName(result.libraries, 'github.com/gorilla/mux')?.line)).toBe(
      '  name = "github.com/gorilla/mux"',
    );
    expect(result.problems).toEqual([]);
  });

  it('without input-imports or Gopkg.toml every project is taken, with a warning; transitive ones are marked', () => {
    const lock =
      '[[projects]]\n  name = "a.example/x"\n  revision = "1111111111111111111111111111111111111111"\n\n[[projects]]\n  name = "a.example/y"\n  version = "v2.0.0"\n  revision = "2222222222222222222222222222222222222222"\n';
    const alone = importFile(lock, { file: 'Gopkg.lock', readFile: () => undefined, transitive: false });
    expect(ids(alone.libraries)).toEqual([
      'a.example/x@1111111111111111111111111111111111111111',
      'a.example/y@v2.0.0',
    ]);
    expect(alone.problems).toEqual([expect.objectContaining({ line: 1, severity: 'warning' })]);
    const withImports = `${lock}\n[solve-meta]\n  input-imports = ["a.example/x/sub"]\n`;
    const all = importFile(withImports, { file: 'Gopkg.lock', readFile: () => undefined, transitive: true });
    expect(all.libraries.map((l) => [l.name, l.transitive ?? false])).toEqual([
      ['a.example/x', false],
      ['a.example/y', true],
    ]);
  });

  it('Gopkg.toml: constraints and overrides as written', () => {
    const result = importFixture('go-dep', 'Gopkg.toml');
    expect(result.libraries.map((l) => `${l.name}@${l.version} ${l.syntax}`)).toEqual([
      'github.com/gorilla/mux@1.6.0 native',
      'github.com/golang/protobuf@aa810b61a9c79d51363740d207bb46cf8e620ed5 native',
      'github.com/gorilla/context@master native',
    ]);
    expect(lineText('go-dep', 'Gopkg.toml', byName(result.libraries, 'github.com/gorilla/context')?.line)).toBe(
      '  name = "github.com/gorilla/context"',
    );
  });
});

describe('Glide and gb', () => {
  it('glide.lock: the packages glide.yaml imports, at their commits; test imports scoped', () => {
    const result = importFixture('go-glide', 'glide.lock');
    expect(result.libraries.map((l) => `${l.name}@${l.version} ${l.scope}`)).toEqual([
      'github.com/gorilla/mux@e3702bed27f0d39777b0b37b664b6280e8ef8fbf runtime',
      'github.com/sirupsen/logrus@d682213848ed68c0a260ca37d6dd5ace8423f5ba runtime',
      'github.com/stretchr/testify@12b6f73e6084dad08a7c6e575284b177ecafbc71 test',
    ]);
    expect(lineText('go-glide', 'glide.lock', byName(result.libraries, 'github.com/gorilla/mux')?.line)).toBe(
      '- name: github.com/gorilla/mux',
    );
    const all = importFixture('go-glide', 'glide.lock', { transitive: true });
    expect(byName(all.libraries, 'golang.org/x/sys')?.transitive).toBe(true);
  });

  it('glide.yaml: constraints as written', () => {
    expect(ids(importFixture('go-glide', 'glide.yaml').libraries)).toEqual([
      'github.com/gorilla/mux@^1.6.0',
      'github.com/sirupsen/logrus@v1.0.4',
      'github.com/stretchr/testify@^1.2.1',
    ]);
  });

  it('gb vendor/manifest: every vendored package at its revision', () => {
    const result = importFixture('go-gb', 'vendor/manifest');
    expect(ids(result.libraries)).toEqual([
      'github.com/pkg/errors@645ef00459ed84a119197bfb8d8205042c6df63d',
      'golang.org/x/net/context@f2499483f923065a842d38eb4c7f1927e6fc6e6d',
    ]);
    expect(lineText('go-gb', 'vendor/manifest', byName(result.libraries, 'golang.org/x/net/context')?.line)).toBe(
      '\t\t\t"importpath": "golang.org/x/net/context",',
    );
  });

  it('a folder takes the best Go source it has: go.mod, then Gopkg.lock, glide.lock, vendor/manifest, the manifests', () => {
    const sources = (paths: string[]) => librarySourcesOf('svc', new Set(paths)).map((s) => s.path);
    expect(sources(['svc/Gopkg.lock', 'svc/Gopkg.toml', 'svc/go.mod'])).toEqual(['svc/go.mod']);
    expect(sources(['svc/Gopkg.toml', 'svc/Gopkg.lock'])).toEqual(['svc/Gopkg.lock']);
    expect(sources(['svc/glide.yaml', 'svc/vendor/manifest'])).toEqual(['svc/vendor/manifest']);
    expect(sources(['svc/glide.yaml'])).toEqual(['svc/glide.yaml']);
  });

  it('registry: legacy Go files go to their importers', () => {
    expect(importerIdOf('Gopkg.lock')).toBe('gopkg-lock');
    expect(importerIdOf('svc/Gopkg.toml')).toBe('gopkg-toml');
    expect(importerIdOf('glide.lock')).toBe('glide-lock');
    expect(importerIdOf('glide.yaml')).toBe('glide-yaml');
    expect(importerIdOf('vendor/manifest')).toBe('gb-manifest');
    expect(importerIdOf('docs/manifest')).toBeUndefined();
  });
});

describe('dependency files depmap does not read', () => {
  it('are named with what to do, unless the folder has a source of the same family', () => {
    expect(unsupportedSourcesIn(['Godeps/Godeps.json', 'web/package.json', 'api/go.mod', 'api/vendor.conf'])).toEqual([
      {
        path: 'Godeps/Godeps.json',
        family: 'go',
        format: 'godep',
        hint: 'migrate to Go modules (`go mod init` imports it), or list the libraries as purls in depmap.yaml',
      },
    ]);
  });

  it('scan --discover reports them; a repo with only Gopkg.lock gets its libraries', () => {
    const found = discoverRepo(
      repoFiles({
        'Gopkg.lock': '[[projects]]\n  name = "a.example/x"\n  version = "v1.0.0"\n',
        'tools/Godeps/Godeps.json': '{"Deps": []}',
      }),
    );
    expect(found.libraries.map((l) => `${l.name}@${l.version} ${l.file}`)).toEqual(['a.example/x@v1.0.0 Gopkg.lock']);
    expect(found.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'Gopkg.lock: Gopkg.lock does not say which projects are direct (no input-imports) and no readable Gopkg.toml is beside it; taking every project',
      'tools/Godeps/Godeps.json: tools/Godeps/Godeps.json (godep) is a dependency file depmap does not read',
    ]);
  });

  it('init names the unread file instead of "no lockfile found"', () => {
    const [planned] = planInit(repoFiles({ 'Godeps/Godeps.json': '{"Deps": []}', 'main.go': 'package main' }), {
      rootName: 'legacy',
    });
    expect(planned?.text).toContain(
      '# libraries: - <purl>  TODO: Godeps/Godeps.json (godep) is a dependency file depmap does not read: migrate to Go modules',
    );
    expect(planned?.text).not.toContain('no lockfile');
  });

  it('init reads a repo that has only Gopkg.lock', () => {
    const [planned] = planInit(
      repoFiles({ 'Gopkg.lock': '[[projects]]\n  name = "a.example/x"\n  version = "v1.0.0"\n' }),
      {
        rootName: 'legacy',
      },
    );
    expect(planned?.text).toContain('  - { from: Gopkg.lock }  # 1 direct dependency');
    expect(planned?.text).not.toContain('no lockfile');
  });
});

describe('pip-tools: requirements.in beside a compiled requirements.txt', () => {
  it('the direct dependencies are the .in names, at the .txt pins, as resolved versions', () => {
    const result = importFixture('pip-tools', 'requirements.txt');
    expect(result.libraries.map((l) => `${l.name}@${l.version} ${l.syntax} ${l.line}`)).toEqual([
      'django@4.2.11 resolved 16',
      'requests@2.31.0 resolved 22',
      'celery@5.3.6 resolved 11',
    ]);
    expect(result.problems).toEqual([]);
    const all = importFixture('pip-tools', 'requirements.txt', { transitive: true });
    expect(byName(all.libraries, 'kombu')).toMatchObject({ version: '5.3.5', transitive: true, syntax: 'resolved' });
  });

  it('a name of the .in the .txt does not pin is kept as written, with a warning', () => {
    const files: Record<string, string> = { 'requirements.in': 'flask>=3\nrequests\n' };
    const result = importFile('requests==2.31.0\n', {
      file: 'requirements.txt',
      readFile: (p) => files[p],
      transitive: false,
    });
    expect(result.libraries.map((l) => `${l.name}@${l.version ?? ''} ${l.syntax}`)).toEqual([
      'flask@>=3 native',
      'requests@2.31.0 resolved',
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'flask is in requirements.in but not pinned here; the file may need compiling again',
    ]);
  });

  it('a requirements.txt without a .in beside it is read as before; a .in alone gives its ranges', () => {
    expect(ids(importFixture('python-requirements', 'requirements-dev.txt').libraries)).toContain('pytest@8.1.1');
    expect(ids(importFixture('pip-tools', 'requirements.in').libraries)).toEqual([
      'celery@~=5.3',
      'django@>=4.2,<5',
      'requests@',
    ]);
  });
});
