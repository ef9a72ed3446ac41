import { describe, expect, it } from 'vitest';
import { byName, ids, importFixture, importerIdOf, lineText } from './fixture.js';
import { importFile } from '../../src/importers/index.js';

describe('pom.xml', () => {
  const result = importFixture('maven', 'pom.xml');

  it('resolves ${properties} within the file (chained too), project coordinates and dependencyManagement', () => {
    expect(byName(result.libraries, 'io.grpc:grpc-netty-shaded')?.version).toBe('1.63.0');
    expect(byName(result.libraries, 'com.google.protobuf:protobuf-java')?.version).toBe('3.25.3');
    expect(byName(result.libraries, 'com.google.guava:guava')?.version).toBe('33.1.0-jre');
    expect(byName(result.libraries, 'com.acme:inventory-api')?.version).toBe('2.3.0-SNAPSHOT');
    expect(lineText('maven', 'pom.xml', byName(result.libraries, 'io.grpc:grpc-netty-shaded')?.line)).toContain(
      '<dependency>',
    );
  });

  it('maps Maven scopes and keeps ranges for the pin check', () => {
    expect(byName(result.libraries, 'org.apache.commons:commons-lang3')).toMatchObject({
      version: '[3.12,4.0)',
      scope: 'optional',
      syntax: 'native',
    });
    expect(byName(result.libraries, 'jakarta.servlet:jakarta.servlet-api')?.scope).toBe('build');
    expect(byName(result.libraries, 'org.junit.jupiter:junit-jupiter')?.scope).toBe('test');
  });

  it('what only a parent POM or an undefined property knows is reported, not guessed', () => {
    expect(byName(result.libraries, 'org.springframework.boot:spring-boot-starter-web')?.version).toBeUndefined();
    expect(byName(result.libraries, 'org.junit.jupiter:junit-jupiter')?.version).toBeUndefined();
    expect(result.problems.map((p) => [p.line, p.severity])).toEqual([
      [45, 'warning'],
      [80, 'warning'],
    ]);
    expect(result.problems[1]?.message).toContain('${junit.version}');
  });

  it('broken XML is a problem with its line', () => {
    const bad = importFile('<project>\n  <dependencies>\n    <dependency>\n  </dependencies>\n</project>\n', {
      file: 'pom.xml',
      readFile: () => undefined,
      transitive: false,
    });
    expect(bad.problems[0]?.line).toBe(4);
    expect(bad.problems[0]?.message).toMatch(/^XML syntax/);
  });
});

describe('build.gradle(.kts)', () => {
  it('Groovy DSL: string and map notations; a variable version is reported', () => {
    const result = importFixture('gradle', 'build.gradle');
    expect(ids(result.libraries)).toEqual([
      'com.google.guava:guava@33.1.0-jre',
      'junit:junit@4.13.2',
      'org.apache.commons:commons-text@1.12.0',
      'org.projectlombok:lombok@1.18.32',
      'org.slf4j:slf4j-api@',
    ]);
    expect(byName(result.libraries, 'org.projectlombok:lombok')?.scope).toBe('build');
    expect(result.problems).toEqual([expect.objectContaining({ line: 11, severity: 'warning' })]);
  });

  it('Kotlin DSL: literal coordinates, platform(), version catalog aliases; comments and project() skipped', () => {
    const result = importFixture('gradle', 'app/build.gradle.kts');
    expect(ids(result.libraries)).toEqual([
      'ch.qos.logback:logback-classic@1.5.6',
      'com.fasterxml.jackson.core:jackson-databind@2.17.0',
      'com.squareup.okhttp3:okhttp@4.12.0',
      'io.ktor:ktor-server-core@',
      'org.junit.jupiter:junit-jupiter@5.10.2',
      'org.postgresql:postgresql@42.7.3',
      'software.amazon.awssdk:bom@2.25.31',
    ]);
    expect(result.problems.map((p) => p.line)).toEqual([10]);
  });
});

describe('.NET projects', () => {
  it('central package management: versions from Directory.Packages.props, VersionOverride wins, global references added', () => {
    const result = importFixture('dotnet', 'src/Orders.Api/Orders.Api.csproj');
    expect(ids(result.libraries)).toEqual([
      'Grpc.AspNetCore@2.63.0',
      'Microsoft.EntityFrameworkCore@8.0.4',
      'Nerdbank.GitVersioning@3.6.133',
      'Npgsql.EntityFrameworkCore.PostgreSQL@8.0.2',
      'Polly@',
      'Serilog.AspNetCore@[8.0.1]',
      'StyleCop.Analyzers@1.1.118',
    ]);
    // NuGet's bare 1.2.3 is a minimum version: kept as written for the pin check.
    expect(byName(result.libraries, 'Npgsql.EntityFrameworkCore.PostgreSQL')?.syntax).toBe('native');
    expect(byName(result.libraries, 'StyleCop.Analyzers')?.scope).toBe('build');
    expect(result.problems).toEqual([expect.objectContaining({ line: 17, message: expect.stringContaining('Polly') })]);
  });

  it('a project without central management: Version attributes, <Version> elements, $(properties)', () => {
    const result = importFixture('dotnet-legacy', 'Billing.csproj');
    expect(ids(result.libraries)).toEqual(['Dapper@2.1.35', 'Newtonsoft.Json@13.0.3', 'xunit@2.7.0']);
  });

  it('Directory.Packages.props itself lists the central versions', () => {
    const result = importFixture('dotnet', 'Directory.Packages.props');
    expect(byName(result.libraries, 'Microsoft.EntityFrameworkCore')?.version).toBe('8.0.4');
    expect(result.libraries).toHaveLength(6);
  });
});

describe('composer', () => {
  it('composer.json: constraints as written, platform packages skipped', () => {
    const result = importFixture('composer', 'composer.json');
    expect(ids(result.libraries)).toEqual([
      'guzzlehttp/guzzle@7.8.1',
      'laravel/framework@^11.0',
      'phpunit/phpunit@^11.0',
    ]);
  });

  it('composer.lock: direct packages named by composer.json; transitive on request', () => {
    const result = importFixture('composer', 'composer.lock');
    expect(ids(result.libraries)).toEqual([
      'guzzlehttp/guzzle@7.8.1',
      'laravel/framework@v11.4.0',
      'phpunit/phpunit@11.1.2',
    ]);
    expect(lineText('composer', 'composer.lock', byName(result.libraries, 'laravel/framework')?.line)).toContain(
      '"laravel/framework"',
    );
    expect(
      byName(importFixture('composer', 'composer.lock', { transitive: true }).libraries, 'guzzlehttp/psr7')?.transitive,
    ).toBe(true);
  });
});

it('registry: JVM, .NET and PHP files go to their importers', () => {
  expect(importerIdOf('pom.xml')).toBe('pom-xml');
  expect(importerIdOf('build.gradle.kts')).toBe('build-gradle');
  expect(importerIdOf('src/A/A.csproj')).toBe('csproj');
  expect(importerIdOf('src/A/A.fsproj')).toBe('csproj');
  expect(importerIdOf('composer.lock')).toBe('composer-lock');
});
