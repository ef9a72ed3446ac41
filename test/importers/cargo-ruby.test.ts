import { describe, expect, it } from 'vitest';
import { byName, ids, importFixture, lineText } from './fixture.js';
import { importFile } from '../../src/importers/index.js';

describe('Cargo.toml', () => {
  const result = importFixture('cargo', 'crates/engine/Cargo.toml');

  it('keeps Cargo’s version requirements as written: a bare "1.0" is a caret range for the pin check', () => {
    expect(byName(result.libraries, 'anyhow')).toMatchObject({ version: '1.0', syntax: 'native', scope: 'runtime' });
    expect(byName(result.libraries, 'regex')?.version).toBe('=1.10.4');
    expect(byName(result.libraries, 'rust_decimal')).toMatchObject({ version: '~1.35', scope: 'optional' });
  });

  it('resolves renames, workspace inheritance (both spellings) and target tables; skips path crates', () => {
    expect(byName(result.libraries, 'serde_json')?.version).toBe('1.0.115');
    expect(byName(result.libraries, 'json')).toBeUndefined();
    expect(byName(result.libraries, 'serde')?.version).toBe('1.0.197');
    expect(byName(result.libraries, 'tokio')?.version).toBe('1.37');
    expect(lineText('cargo', 'crates/engine/Cargo.toml', byName(result.libraries, 'tokio')?.line)).toBe(
      'tokio.workspace = true',
    );
    expect(byName(result.libraries, 'nix')?.version).toBe('0.28');
    expect(byName(result.libraries, 'local-utils')).toBeUndefined();
    expect(byName(result.libraries, 'proptest')?.scope).toBe('dev');
    expect(byName(result.libraries, 'prost-build')?.scope).toBe('build');
  });

  it('a git rev pins; a branch warns', () => {
    expect(byName(result.libraries, 'tower')).toMatchObject({
      version: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      syntax: 'resolved',
    });
    expect(byName(result.libraries, 'hyper')?.version).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 16, severity: 'warning', message: expect.stringContaining('branch master') }),
    ]);
  });
});

describe('Cargo.lock', () => {
  it('direct crates are the dependencies of the local (sourceless) crates; "name version" picks one of two versions', () => {
    const result = importFixture('cargo', 'Cargo.lock');
    expect(result.problems).toEqual([]);
    expect(ids(result.libraries)).toEqual(['anyhow@1.0.82', 'regex@1.10.4', 'serde@1.0.197', 'tokio@1.37.0']);
    expect(lineText('cargo', 'Cargo.lock', byName(result.libraries, 'regex')?.line)).toBe('name = "regex"');
    expect(byName(result.libraries, 'regex')?.line).toBe(39);
    const all = importFixture('cargo', 'Cargo.lock', { transitive: true });
    expect(ids(all.libraries)).toEqual([
      'anyhow@1.0.82',
      'bytes@1.6.0',
      'regex@1.10.4',
      'regex@1.9.6',
      'serde@1.0.197',
      'tokio@1.37.0',
    ]);
  });
});

describe('Gemfile', () => {
  const result = importFixture('ruby', 'Gemfile');

  it('reads gem lines without evaluating Ruby: several requirements, groups, git refs; path gems skipped', () => {
    expect(byName(result.libraries, 'rails')).toMatchObject({
      version: '~> 7.1.3, >= 7.1.3.2',
      scope: 'runtime',
      syntax: 'native',
    });
    expect(byName(result.libraries, 'pg')?.version).toBe('1.5.6');
    expect(byName(result.libraries, 'rspec-rails')?.scope).toBe('dev');
    expect(byName(result.libraries, 'capybara')).toMatchObject({ scope: 'test' });
    expect(byName(result.libraries, 'capybara')?.version).toBeUndefined();
    expect(byName(result.libraries, 'rubocop')?.scope).toBe('dev');
    expect(byName(result.libraries, 'acme_sdk')).toMatchObject({ version: '9f8e7d6c5b4a', syntax: 'resolved' });
    expect(byName(result.libraries, 'internal_tools')).toBeUndefined();
  });
});

describe('Gemfile.lock', () => {
  it('DEPENDENCIES are direct; versions from specs without platform suffixes; scopes from the Gemfile', () => {
    const result = importFixture('ruby', 'Gemfile.lock');
    expect(result.problems).toEqual([]);
    expect(ids(result.libraries)).toEqual([
      'acme_sdk@0.9.1',
      'capybara@3.40.0',
      'nokogiri@1.16.4',
      'pg@1.5.6',
      'puma@6.4.2',
      'rails@7.1.3.2',
      'rspec-rails@6.1.2',
      'rubocop@1.63.1',
    ]);
    expect(byName(result.libraries, 'capybara')?.scope).toBe('test');
    expect(lineText('ruby', 'Gemfile.lock', byName(result.libraries, 'nokogiri')?.line)).toBe(
      '    nokogiri (1.16.4-x86_64-linux)',
    );
    const all = importFixture('ruby', 'Gemfile.lock', { transitive: true });
    expect(byName(all.libraries, 'rack')).toMatchObject({ version: '3.0.10', transitive: true });
    expect(byName(all.libraries, 'internal_tools')).toBeUndefined();
  });
});

describe('Cargo.lock read for one workspace member', () => {
  it('takes only that crate’s dependencies', () => {
    const lock = [
      'version = 3',
      '[[package]]\nname = "a"\nversion = "0.1.0"\ndependencies = ["serde"]',
      '[[package]]\nname = "b"\nversion = "0.1.0"\ndependencies = ["tokio"]',
      '[[package]]\nname = "serde"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
      '[[package]]\nname = "tokio"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"',
    ].join('\n\n');
    const files: Record<string, string> = { 'crates/b/Cargo.toml': '[package]\nname = "b"\n' };
    const result = importFile(lock, {
      file: 'Cargo.lock',
      readFile: (p) => files[p],
      transitive: false,
      workspace: 'crates/b',
    });
    expect(ids(result.libraries)).toEqual(['tokio@1.0.0']);
    expect(
      ids(importFile(lock, { file: 'Cargo.lock', readFile: () => undefined, transitive: false }).libraries),
    ).toEqual(['serde@1.0.0', 'tokio@1.0.0']);
  });
});
