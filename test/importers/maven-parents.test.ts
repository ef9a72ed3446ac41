import { describe, expect, it } from 'vitest';
import { importFixture, lineText } from './fixture.js';
import { importFile } from '../../src/importers/index.js';
import type { ImportedLibrary } from '../../src/importers/types.js';

/** `name@version managedBy scope` of each library, in order. */
const rows = (libraries: ImportedLibrary[]) =>
  libraries.map((l) => `${l.name}@${l.version ?? ''} ${l.managedBy ?? '-'} ${l.scope}`);

const ROOT = 'pkg:maven/com.shop/shop-parent@1.4.0';

describe('pom.xml with parents and BOMs in the repo', () => {
  const orders = importFixture('maven-multi', 'services/orders/pom.xml');

  it('versions come from the module, its parents and the BOMs of the repo; outside ones are named, not guessed', () => {
    expect(rows(orders.libraries)).toEqual([
      // The parent's dependencyManagement, interpolated with the module's own netty.version.
      `io.netty:netty-handler@4.1.108.Final ${ROOT} runtime`,
      // An imported BOM of the repo (which inherits jackson.version from the root).
      'com.fasterxml.jackson.core:jackson-databind@2.17.0 pkg:maven/com.shop/shop-bom@1.4.0 runtime',
      // Outside BOM of the same group; outside parent for the rest.
      'org.springframework.cloud:spring-cloud-starter-config@ pkg:maven/org.springframework.cloud/spring-cloud-dependencies@2023.0.1 runtime',
      'org.acme.platform:acme-logging@ pkg:maven/org.acme.platform/acme-parent@7.2.0 runtime',
      // ${project.version} in the parent's dependencyManagement is the module's (${revision} → 1.4.0).
      `com.shop:shop-common@1.4.0 ${ROOT} runtime`,
      'com.shop:shop-api@1.4.0 - runtime',
      // The module's own dependencyManagement: managed, but by nobody else.
      'org.yaml:snakeyaml@2.2 - runtime',
      'com.google.guava:guava@33.0.0-jre pkg:maven/com.shop/shop-bom@1.4.0 test',
      // Inherited from the parent's <dependencies>.
      'org.slf4j:slf4j-api@2.0.12 - runtime',
      // The outside parent and BOM are libraries of the build, for skew.
      'org.acme.platform:acme-parent@7.2.0 - build',
      'org.springframework.cloud:spring-cloud-dependencies@2023.0.1 - build',
    ]);
  });

  it('lines point at the dependency, or at <parent> for what the parents give', () => {
    const line = (name: string) => orders.libraries.find((l) => l.name === name)?.line;
    expect(lineText('maven-multi', 'services/orders/pom.xml', line('io.netty:netty-handler'))).toBe('    <dependency>');
    expect(line('org.slf4j:slf4j-api')).toBe(4);
    expect(line('org.acme.platform:acme-parent')).toBe(4);
  });

  it('a commented-out <artifactId> is not read', () => {
    expect(orders.libraries.some((l) => l.name.endsWith(':jackson-core'))).toBe(false);
  });

  it('one warning per outside POM that manages versions, listing what it manages', () => {
    expect(orders.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [
        37,
        'warning',
        'one dependency takes its version from pkg:maven/org.springframework.cloud/spring-cloud-dependencies@2023.0.1, outside the repo: org.springframework.cloud:spring-cloud-starter-config',
      ],
      [
        41,
        'warning',
        'one dependency takes its version from pkg:maven/org.acme.platform/acme-parent@7.2.0, outside the repo: org.acme.platform:acme-logging',
      ],
    ]);
  });

  it('<relativePath/> finds the parent among the reactor modules', () => {
    const shipping = importFixture('maven-multi', 'services/shipping/pom.xml');
    expect(rows(shipping.libraries)).toEqual([
      `io.netty:netty-handler@4.1.100.Final ${ROOT} runtime`,
      'org.slf4j:slf4j-api@2.0.12 - runtime',
      'org.acme.platform:acme-parent@7.2.0 - build',
      'org.springframework.cloud:spring-cloud-dependencies@2023.0.1 - build',
    ]);
  });

  it('a POM at <relativePath> with other coordinates is not the parent: the parent is outside', () => {
    const billing = importFixture('maven-multi', 'services/billing/pom.xml');
    expect(rows(billing.libraries)).toEqual([
      'io.netty:netty-handler@ pkg:maven/org.acme/other-parent@3.0.0 runtime',
      'com.stripe:stripe-java@ - runtime',
      'org.acme:other-parent@3.0.0 - build',
    ]);
    expect(billing.problems.map((p) => p.message)).toEqual([
      'one dependency takes its version from pkg:maven/org.acme/other-parent@3.0.0, outside the repo: io.netty:netty-handler',
      '${stripe.version} is not defined in this file or its parent POMs in the repo (an outside parent, settings or command line)',
    ]);
  });

  it('an aggregator that lists a module without being its parent passes nothing on', () => {
    const app = importFixture('maven-aggregator', 'app/pom.xml');
    expect(rows(app.libraries)).toEqual([
      'io.lettuce:lettuce-core@ pkg:maven/org.springframework.boot/spring-boot-starter-parent@3.5.15 runtime',
      'com.auth0:java-jwt@ - runtime',
      'org.springframework.boot:spring-boot-starter-parent@3.5.15 - build',
    ]);
  });

  it('a parent chain that loops, or a parent that is not XML, is a problem; the module is still read', () => {
    const files: Record<string, string> = {
      'a/pom.xml':
        '<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version><parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version><relativePath>../b/pom.xml</relativePath></parent><dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>2</version></dependency></dependencies></project>',
      'b/pom.xml':
        '<project><groupId>g</groupId><artifactId>b</artifactId><version>1</version><parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version><relativePath>../a/pom.xml</relativePath></parent></project>',
      'c/pom.xml':
        '<project><parent><groupId>g</groupId><artifactId>d</artifactId><version>1</version><relativePath>../d/pom.xml</relativePath></parent><artifactId>c</artifactId></project>',
      'd/pom.xml': '<project><oops></project>',
    };
    const ctx = (file: string) => ({ file, readFile: (p: string) => files[p], transitive: false });
    const looped = importFile(files['a/pom.xml']!, ctx('a/pom.xml'));
    expect(looped.libraries.map((l) => `${l.name}@${l.version}`)).toEqual(['x:y@2']);
    expect(looped.problems.map((p) => p.message)).toEqual(['the <parent> chain of a/pom.xml loops at a/pom.xml']);
    const broken = importFile(files['c/pom.xml']!, ctx('c/pom.xml'));
    expect(broken.libraries.map((l) => `${l.name}@${l.version} ${l.scope}`)).toEqual(['g:d@1 build']);
    expect(broken.problems[0]?.message).toMatch(/^d\/pom.xml: XML syntax/);
  });
});
