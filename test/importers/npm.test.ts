import { describe, expect, it } from 'vitest';
import { byName, ids, importFixture, importerIdOf, lineText } from './fixture.js';
import { importFile } from '../../src/importers/index.js';

const noFiles = { readFile: () => undefined, transitive: false };

describe('package-lock.json', () => {
  it('v3: the root project’s direct dependencies, resolved, with aliases and links handled', () => {
    const result = importFixture('npm-lock-v3', 'package-lock.json');
    expect(result.problems).toEqual([]);
    expect(ids(result.libraries)).toEqual(['express@4.19.2', 'fsevents@2.3.3', 'lodash@4.17.21', 'typescript@5.4.5']);
    // "lodash-es": "npm:lodash@^4.17.21" installs lodash: the library is lodash.
    expect(byName(result.libraries, 'lodash')).toMatchObject({ scope: 'runtime', syntax: 'resolved' });
    expect(byName(result.libraries, 'typescript')?.scope).toBe('dev');
    expect(byName(result.libraries, 'fsevents')?.scope).toBe('optional');
    expect(lineText('npm-lock-v3', 'package-lock.json', byName(result.libraries, 'express')?.line)).toContain(
      '"node_modules/express"',
    );
    // Workspace links (@acme/shared) are this repo's own packages.
    expect(byName(result.libraries, '@acme/shared')).toBeUndefined();
  });

  it('v3 workspace: a package’s own nested install wins over the hoisted one', () => {
    const result = importFixture('npm-lock-v3', 'package-lock.json', { workspace: 'packages/api' });
    expect(ids(result.libraries)).toEqual(['express@4.18.3']);
    expect(lineText('npm-lock-v3', 'package-lock.json', result.libraries[0]?.line)).toContain(
      '"packages/api/node_modules/express"',
    );
  });

  it('v3 transitive: every installed package once per version, marked transitive', () => {
    const result = importFixture('npm-lock-v3', 'package-lock.json', { transitive: true });
    expect(ids(result.libraries)).toEqual([
      'accepts@1.3.8',
      'express@4.18.3',
      'express@4.19.2',
      'fsevents@2.3.3',
      'lodash@4.17.21',
      'mime-db@1.52.0',
      'mime-types@2.1.35',
      'typescript@5.4.5',
    ]);
    expect(result.libraries.find((l) => l.name === 'express' && l.version === '4.19.2')?.transitive).toBeUndefined();
    expect(byName(result.libraries, 'mime-db')?.transitive).toBe(true);
  });

  it('v1: direct dependencies named by the package.json beside it', () => {
    const result = importFixture('npm-lock-v1', 'package-lock.json');
    expect(ids(result.libraries)).toEqual(['left-pad@1.3.0', 'mocha@5.2.0', 'request@2.88.2']);
    expect(byName(result.libraries, 'mocha')?.scope).toBe('dev');
    const transitive = importFixture('npm-lock-v1', 'package-lock.json', { transitive: true });
    expect(ids(transitive.libraries)).toContain('debug@3.1.0');
    expect(ids(transitive.libraries)).toContain('aws-sign2@0.7.0');
  });

  it('v1 without package.json: every top-level entry, with a warning', () => {
    const text = JSON.stringify(
      { lockfileVersion: 1, dependencies: { a: { version: '1.0.0' }, b: { version: 'npm:c@2.0.0' } } },
      null,
      2,
    );
    const result = importFile(text, { file: 'package-lock.json', ...noFiles });
    expect(ids(result.libraries)).toEqual(['a@1.0.0', 'c@2.0.0']);
    expect(result.problems[0]).toMatchObject({ severity: 'warning' });
  });

  it('malformed JSON: a problem with the line, never a throw', () => {
    const result = importFile('{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "x", }\n  }\n}\n', {
      file: 'package-lock.json',
      ...noFiles,
    });
    expect(result.libraries).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.line).toBe(4);
    expect(result.problems[0]?.message).toMatch(/JSON syntax/);
  });
});

describe('package.json', () => {
  it('direct dependencies as ranges (native syntax); aliases resolve; local links are skipped', () => {
    const result = importFixture('npm-lock-v3', 'package.json');
    expect(ids(result.libraries)).toEqual([
      'express@^4.19.0',
      'fsevents@^2.3.3',
      'lodash@^4.17.21',
      'typescript@~5.4.0',
    ]);
    expect(result.libraries.every((l) => l.syntax === 'native')).toBe(true);
    expect(lineText('npm-lock-v3', 'package.json', byName(result.libraries, 'lodash')?.line)).toContain('"lodash-es"');
  });

  it('a non-string version is a problem at its line', () => {
    const result = importFile('{\n  "dependencies": {\n    "a": 1\n  }\n}', { file: 'package.json', ...noFiles });
    expect(result.problems).toEqual([{ line: 3, message: 'dependencies.a: the version must be a string' }]);
  });
});

describe('pnpm-lock.yaml', () => {
  it('v9 workspace importer: aliases to the real package, peer suffixes stripped, links skipped', () => {
    const result = importFixture('pnpm-v9', 'pnpm-lock.yaml', { workspace: 'apps/web' });
    expect(result.problems).toEqual([]);
    expect(ids(result.libraries)).toEqual(['lodash@4.17.21', 'react-dom@18.2.0', 'react@18.2.0']);
    expect(lineText('pnpm-v9', 'pnpm-lock.yaml', byName(result.libraries, 'lodash')?.line)).toContain('my-lodash:');
  });

  it('v9 root importer and transitive packages', () => {
    expect(ids(importFixture('pnpm-v9', 'pnpm-lock.yaml').libraries)).toEqual(['prettier@3.2.5']);
    const all = importFixture('pnpm-v9', 'pnpm-lock.yaml', { transitive: true });
    expect(ids(all.libraries)).toEqual([
      'js-tokens@4.0.0',
      'lodash@4.17.21',
      'loose-envify@1.4.0',
      'prettier@3.2.5',
      'react-dom@18.2.0',
      'react@18.2.0',
      'scheduler@0.23.0',
    ]);
    expect(byName(all.libraries, 'scheduler')?.transitive).toBe(true);
  });

  it('v6: top-level importer, `/name@version` aliases', () => {
    const result = importFixture('pnpm-v6', 'pnpm-lock.yaml');
    expect(ids(result.libraries)).toEqual(['@babel/code-frame@7.22.13', 'lodash@4.17.20', 'react-dom@18.2.0']);
    expect(byName(result.libraries, 'lodash')?.scope).toBe('dev');
  });

  it('v5: bare versions with `_peer` suffixes and `/name/version` keys', () => {
    const result = importFixture('pnpm-v5', 'pnpm-lock.yaml', { transitive: true });
    expect(ids(result.libraries)).toEqual(['@types/node@18.19.3', 'styled-components@5.3.11', 'undici-types@5.26.5']);
    expect(byName(result.libraries, 'undici-types')).toMatchObject({ transitive: true, scope: 'dev' });
  });
});

describe('yarn.lock', () => {
  it('classic: direct dependencies from package.json, resolved through the multi-descriptor keys', () => {
    const result = importFixture('yarn-classic', 'yarn.lock');
    expect(result.problems).toEqual([]);
    expect(ids(result.libraries)).toEqual([
      '@babel/code-frame@7.12.13',
      'eslint@8.57.0',
      'string-width@4.2.3',
      'vue@3.4.21',
    ]);
    expect(byName(result.libraries, 'eslint')?.scope).toBe('dev');
    expect(lineText('yarn-classic', 'yarn.lock', byName(result.libraries, 'string-width')?.line)).toContain(
      '"string-width-cjs@npm:string-width@^4.2.0"',
    );
  });

  it('berry: the workspace entry names the direct descriptors; `resolution` gives the real package', () => {
    const result = importFixture('yarn-berry', 'yarn.lock', { workspace: 'packages/app' });
    expect(result.problems).toEqual([]);
    expect(ids(result.libraries)).toEqual(['lodash@4.17.21', 'resolve@1.22.8', 'string-width@4.2.3']);
    expect(ids(importFixture('yarn-berry', 'yarn.lock').libraries)).toEqual(['typescript@5.3.3']);
  });

  it('berry transitive: patch: and npm: resolutions of one version are one library; workspaces are not libraries', () => {
    const result = importFixture('yarn-berry', 'yarn.lock', { transitive: true });
    expect(ids(result.libraries)).toEqual([
      'function-bind@1.1.2',
      'lodash@4.17.21',
      'resolve@1.22.8',
      'string-width@4.2.3',
      'typescript@5.3.3',
    ]);
  });

  it('classic without package.json warns that it cannot tell direct dependencies', () => {
    const result = importFile('# yarn lockfile v1\n\n\na@^1.0.0:\n  version "1.0.1"\n', {
      file: 'yarn.lock',
      ...noFiles,
    });
    expect(result.libraries).toEqual([]);
    expect(result.problems[0]?.severity).toBe('warning');
    expect(
      ids(
        importFile('# yarn lockfile v1\n\n\na@^1.0.0:\n  version "1.0.1"\n', {
          file: 'yarn.lock',
          readFile: () => undefined,
          transitive: true,
        }).libraries,
      ),
    ).toEqual(['a@1.0.1']);
  });
});

it('registry: npm files go to their importers', () => {
  expect(importerIdOf('package-lock.json')).toBe('package-lock');
  expect(importerIdOf('web/npm-shrinkwrap.json')).toBe('package-lock');
  expect(importerIdOf('apps/web/package.json')).toBe('package-json');
  expect(importerIdOf('pnpm-lock.yaml')).toBe('pnpm-lock');
  expect(importerIdOf('yarn.lock')).toBe('yarn-lock');
});
