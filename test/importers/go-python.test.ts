import { describe, expect, it } from 'vitest';
import { byName, ids, importFixture, importerIdOf, lineText } from './fixture.js';
import { importFile } from '../../src/importers/index.js';
import { parseRequirement } from '../../src/importers/python/pep508.js';

describe('go.mod', () => {
  const result = importFixture('go-mod', 'go.mod');

  it('direct requirements from single and block forms; indirect ones only with transitive', () => {
    expect(ids(result.libraries)).toEqual([
      'github.com/acme/logrus@v1.9.4-acme.1',
      'github.com/acme/shared-proto@v0.0.0-20240301120000-abcdef123456',
      'github.com/google/uuid@v1.6.0',
      'github.com/jackc/pgx/v5@v5.5.5',
      'golang.org/x/net@v0.25.0',
      'google.golang.org/grpc@v1.63.2',
    ]);
    const all = importFixture('go-mod', 'go.mod', { transitive: true });
    expect(byName(all.libraries, 'golang.org/x/sys')).toMatchObject({ version: 'v0.19.0', transitive: true });
  });

  it('replace with a module wins (the fork ships), version-specific replaces apply, local replaces warn', () => {
    expect(byName(result.libraries, 'github.com/sirupsen/logrus')).toBeUndefined();
    expect(lineText('go-mod', 'go.mod', byName(result.libraries, 'github.com/acme/logrus')?.line)).toMatch(
      /^replace github.com\/sirupsen\/logrus/,
    );
    expect(byName(result.libraries, 'golang.org/x/net')?.version).toBe('v0.25.0');
    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 27,
        severity: 'warning',
        message: expect.stringContaining('local folder ../shared-proto'),
      }),
    ]);
  });

  it('an unclosed block and a bad directive are problems with lines', () => {
    const bad = importFile('module x\n\nrequire (\n  a.example/b\n', {
      file: 'go.mod',
      readFile: () => undefined,
      transitive: false,
    });
    expect(bad.problems.map((p) => p.line)).toEqual([4, 5]);
  });
});

describe('requirements.txt', () => {
  const result = importFixture('python-requirements', 'requirements.txt');

  it('reads pins, ranges, extras, markers and hash continuations; names are PEP 503 normalized', () => {
    expect(ids(result.libraries)).toEqual([
      'celery@>=5.3,<6',
      'django@4.2.11',
      'flask-sqlalchemy@3.1.1',
      'numpy@',
      'psycopg2-binary@2.9.9',
      'requests@2.31.0',
    ]);
    expect(result.libraries.every((l) => l.syntax === 'native' && l.ecosystem === 'pypi')).toBe(true);
  });

  it('follows -r includes inside the repo and refuses cycles, missing files and escapes', () => {
    // flask-sqlalchemy comes from requirements/base.txt, reported at the -r line.
    expect(byName(result.libraries, 'flask-sqlalchemy')?.line).toBe(2);
    const messages = result.problems.map((p) => `${p.line} ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^2 requirements\/base.txt:2: -r \.\.\/requirements.txt includes itself/),
      expect.stringMatching(/^12 editable requirement skipped/),
      expect.stringMatching(/^13 \.\/vendor\/localpkg is a path or URL/),
      expect.stringMatching(/^14 -r requirements\/missing.txt: requirements\/missing.txt not found/),
      expect.stringMatching(/^15 -r \.\.\/outside.txt points outside the repo/),
    ]);
  });

  it('scope follows the file name', () => {
    const dev = importFixture('python-requirements', 'requirements-dev.txt');
    expect(byName(dev.libraries, 'pytest')).toMatchObject({ version: '8.1.1', scope: 'dev' });
    expect(byName(dev.libraries, 'django')?.scope).toBe('runtime');
  });

  it('PEP 508 requirement strings', () => {
    expect(parseRequirement('Requests[socks] == 2.31.0 ; python_version > "3"')).toEqual({
      name: 'requests',
      version: '2.31.0',
    });
    expect(parseRequirement('pkg ==2.*')).toEqual({ name: 'pkg', version: '==2.*' });
    expect(parseRequirement('pkg @ https://example.com/pkg.whl')).toEqual({
      name: 'pkg',
      url: 'https://example.com/pkg.whl',
    });
    expect(parseRequirement('not a requirement !')).toBeUndefined();
  });
});

describe('Python lockfiles', () => {
  it('poetry.lock: direct packages from pyproject.toml, with their groups', () => {
    const result = importFixture('poetry', 'poetry.lock');
    expect(result.problems).toEqual([]);
    expect(ids(result.libraries)).toEqual(['fastapi@0.110.1', 'pytest@8.1.1', 'sqlalchemy@2.0.29']);
    expect(byName(result.libraries, 'pytest')?.scope).toBe('test');
    expect(lineText('poetry', 'poetry.lock', byName(result.libraries, 'sqlalchemy')?.line)).toBe('name = "sqlalchemy"');
    const all = importFixture('poetry', 'poetry.lock', { transitive: true });
    expect(byName(all.libraries, 'anyio')?.transitive).toBe(true);
  });

  it('uv.lock: the editable project’s dependencies, optional and dev groups', () => {
    const result = importFixture('uv', 'uv.lock');
    expect(ids(result.libraries)).toEqual(['httpx@0.27.0', 'pydantic@2.6.4', 'ruff@0.3.5', 'sentry-sdk@1.44.1']);
    expect(byName(result.libraries, 'sentry-sdk')?.scope).toBe('optional');
    expect(byName(result.libraries, 'ruff')?.scope).toBe('dev');
    expect(byName(result.libraries, 'notifier')).toBeUndefined();
    expect(byName(importFixture('uv', 'uv.lock', { transitive: true }).libraries, 'certifi')?.transitive).toBe(true);
  });

  it('Pipfile.lock: == pins as versions, direct packages from the Pipfile', () => {
    const result = importFixture('pipfile', 'Pipfile.lock');
    expect(ids(result.libraries)).toEqual(['gunicorn@21.2.0', 'pytest@8.1.1', 'requests@2.31.0']);
    expect(byName(result.libraries, 'pytest')?.scope).toBe('dev');
    expect(ids(importFixture('pipfile', 'Pipfile.lock', { transitive: true }).libraries)).toContain('certifi@2024.2.2');
  });

  it('broken TOML is a problem with its line', () => {
    const result = importFile('[[package]]\nname = "a"\nversion = \n', {
      file: 'poetry.lock',
      readFile: () => undefined,
      transitive: false,
    });
    expect(result.problems[0]).toMatchObject({ line: 3 });
    expect(result.problems[0]?.message).toMatch(/^TOML syntax/);
  });
});

it('registry: Go and Python files go to their importers', () => {
  expect(importerIdOf('go.mod')).toBe('go-mod');
  expect(importerIdOf('requirements.txt')).toBe('requirements-txt');
  expect(importerIdOf('requirements/prod.txt')).toBe('requirements-txt');
  expect(importerIdOf('dev-requirements.txt')).toBe('requirements-txt');
  expect(importerIdOf('notes.txt')).toBeUndefined();
  expect(importerIdOf('poetry.lock')).toBe('poetry-lock');
  expect(importerIdOf('uv.lock')).toBe('uv-lock');
  expect(importerIdOf('Pipfile.lock')).toBe('pipfile-lock');
});
