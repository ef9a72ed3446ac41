import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { flowMap, renderLines, scalar } from '../../src/importers/init/manifest-yaml.js';
import { relativePath } from '../../src/util/paths.js';
import { findUnits } from '../../src/importers/init/find-units.js';
import { deriveName, manifestName } from '../../src/importers/init/identify.js';

describe('init: writing YAML by hand', () => {
  it('quotes exactly the scalars that would not read back as the same string', () => {
    for (const value of [
      'checkout',
      'pkg:npm/express@4.19.2',
      '1.0',
      '2024-06-20',
      'true',
      'no',
      '~',
      '@scope/x',
      '>=3.0',
      'a: b',
      'x #y',
      'null',
      'postgres:16.3@sha256:ab',
      '',
      'ünïcode',
    ]) {
      expect(parse(`k: ${scalar(value)}`).k).toBe(value);
      expect(parse(`k: ${flowMap([['v', value]])}`).k.v).toBe(value);
    }
    expect(scalar('checkout')).toBe('checkout');
    expect(scalar('1.0')).toBe('"1.0"');
    expect(
      flowMap([
        ['from', 'package-lock.json'],
        ['transitive', true],
        ['skip', undefined],
      ]),
    ).toBe('{ from: package-lock.json, transitive: true }');
  });

  it('aligns comments and keeps comment-only lines at their indentation', () => {
    expect(
      renderLines([
        { text: 'a: 1', comment: 'one' },
        { text: 'bbbb: 2', comment: 'two' },
        { text: '  ', comment: 'inside' },
        { text: '', comment: 'top' },
      ]),
    ).toBe('a: 1     # one\nbbbb: 2  # two\n  # inside\n# top');
  });
});

describe('init: units and names', () => {
  const read = (files: Record<string, string>) => (p: string) => files[p];

  it('a workspace root is not a unit; its packages are; samples and tools are not units', () => {
    const files = {
      'package.json': '{"workspaces":["packages/*"]}',
      'packages/a/package.json': '{}',
      'packages/b/go.mod': 'module b',
      'examples/demo/package.json': '{}',
    };
    expect(findUnits(Object.keys(files), read(files))).toEqual({
      units: [{ dir: 'packages/a' }, { dir: 'packages/b' }],
      monorepo: true,
    });
  });

  it('a single package, or nothing recognisable, is one unit at the root', () => {
    expect(findUnits(['package.json', 'src/index.js'], read({ 'package.json': '{}' }))).toEqual({
      units: [{ dir: '' }],
      monorepo: false,
    });
    expect(findUnits(['README.md'], read({}))).toEqual({ units: [{ dir: '' }], monorepo: false });
  });

  it('a Cargo workspace manifest without [package] is not a crate', () => {
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["crates/x"]\n',
      'crates/x/Cargo.toml': '[package]\nname = "x"\n',
    };
    expect(findUnits(Object.keys(files), read(files)).units).toEqual([{ dir: 'crates/x' }]);
  });

  it('names: scopes dropped, other characters made safe', () => {
    expect(manifestName('@acme/web-shop')).toBe('web-shop');
    expect(manifestName('github.com/acme/shop/billing')).toBe('billing');
    expect(manifestName('My Service!')).toBe('My-Service');
    expect(manifestName('***')).toBe('todo-name');
    expect(deriveName('ünï')).toEqual({ name: 'uni', original: 'ünï' });
    expect(deriveName('Ærøskøbing straße')).toEqual({ name: 'AEroskobing-strasse', original: 'Ærøskøbing straße' });
    expect(deriveName('服务')).toMatchObject({ name: 'todo-name', doubt: expect.stringContaining('choose one') });
    expect(deriveName('a服务')).toMatchObject({ name: 'a', doubt: expect.stringContaining('without 服务') });
    expect(deriveName('x!')).toMatchObject({ name: 'x', doubt: expect.any(String) });
    expect(deriveName('web-shop')).toEqual({ name: 'web-shop' });
  });

  it('relative paths between repo folders', () => {
    expect(relativePath('services/a', 'package-lock.json')).toBe('../../package-lock.json');
    expect(relativePath('', 'a/b.txt')).toBe('a/b.txt');
    expect(relativePath('a/b', 'a/c/d.txt')).toBe('../c/d.txt');
    expect(relativePath('a', 'a/x.json')).toBe('x.json');
  });
});
