/**
 * The awkward cases of the formats, end to end: what the importers report, judged by the pin
 * rules the way `from:` imports are. A version's syntax travels with it, so Cargo's bare
 * `1.0` and NuGet's bare `8.0.2` (ranges in their own syntax) are not taken for pins, while
 * the same text from a lockfile is.
 */
import { describe, expect, it } from 'vitest';
import { checkPin } from '../../src/manifest/pin/index.js';
import { byName, importFixture } from './fixture.js';
import type { ImportedLibrary } from '../../src/importers/types.js';

const verdict = (library: ImportedLibrary | undefined) => {
  if (!library) throw new Error('library not imported');
  return checkPin(library.ecosystem, library.version, { syntax: library.syntax }).pinned;
};

describe('pin verdicts of imported libraries', () => {
  it("Cargo.toml's bare versions are caret ranges; `=x.y.z` and git revs pin; Cargo.lock pins", () => {
    const toml = importFixture('cargo', 'crates/engine/Cargo.toml').libraries;
    expect(verdict(byName(toml, 'anyhow'))).toBe(false);
    expect(verdict(byName(toml, 'regex'))).toBe(true);
    expect(verdict(byName(toml, 'tower'))).toBe(true);
    expect(verdict(byName(importFixture('cargo', 'Cargo.lock').libraries, 'anyhow'))).toBe(true);
  });

  it("NuGet's bare versions are minimums; [x] is exact", () => {
    const libraries = importFixture('dotnet', 'src/Orders.Api/Orders.Api.csproj').libraries;
    expect(verdict(byName(libraries, 'Npgsql.EntityFrameworkCore.PostgreSQL'))).toBe(false);
    expect(verdict(byName(libraries, 'Serilog.AspNetCore'))).toBe(true);
  });

  it('package.json ranges are not pins; the lockfile’s resolved versions, aliases included, are', () => {
    expect(verdict(byName(importFixture('npm-lock-v3', 'package.json').libraries, 'express'))).toBe(false);
    const lock = importFixture('npm-lock-v3', 'package-lock.json').libraries;
    expect(verdict(byName(lock, 'express'))).toBe(true);
    expect(verdict(byName(lock, 'lodash'))).toBe(true);
  });

  it('requirements: == pins, ranges and bare names do not; Go pseudo-versions and replaced modules pin', () => {
    const requirements = importFixture('python-requirements', 'requirements.txt').libraries;
    expect(verdict(byName(requirements, 'django'))).toBe(true);
    expect(verdict(byName(requirements, 'celery'))).toBe(false);
    expect(verdict(byName(requirements, 'numpy'))).toBe(false);
    const go = importFixture('go-mod', 'go.mod').libraries;
    expect(verdict(byName(go, 'github.com/acme/shared-proto'))).toBe(true);
    expect(verdict(byName(go, 'github.com/acme/logrus'))).toBe(true);
  });

  it('Maven ranges and Gemfile pessimistic constraints are not pins', () => {
    expect(verdict(byName(importFixture('maven', 'pom.xml').libraries, 'org.apache.commons:commons-lang3'))).toBe(
      false,
    );
    expect(verdict(byName(importFixture('maven', 'pom.xml').libraries, 'com.google.protobuf:protobuf-java'))).toBe(
      true,
    );
    const gems = importFixture('ruby', 'Gemfile').libraries;
    expect(verdict(byName(gems, 'rails'))).toBe(false);
    expect(verdict(byName(gems, 'pg'))).toBe(true);
  });
});
