/**
 * What each importer declares about its role (types.ts) is what it does: the names of its
 * library role are the files it reads, a family ranks its members once, and a sniffer knows
 * its own fixtures by content alone. Every importer has a fixture.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectImporter, findImporter, listImporters } from '../../src/importers/index.js';
import { LIBRARY_FAMILIES } from '../../src/importers/library-sources.js';
import { FIXTURES } from './fixture.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const fixtures = files(FIXTURES).map((file) => path.relative(FIXTURES, file).split(path.sep).join('/'));

describe('importer roles', () => {
  it('every importer reads at least one fixture', () => {
    const unread = listImporters().filter((importer) => !fixtures.some((file) => findImporter(file) === importer));
    expect(unread.map((i) => i.id)).toEqual([]);
  });

  it("a library role's names and patterns are files its importer reads", () => {
    for (const importer of listImporters()) {
      const role = importer.library;
      if (!role) continue;
      for (const name of role.names ?? []) {
        expect(findImporter(name)?.id, name).toBe(importer.id);
        expect(findImporter(`services/api/${name}`)?.id, name).toBe(importer.id);
      }
      const every = role.every;
      if (!every) continue;
      const matched = fixtures.filter((file) => every.test(path.posix.basename(file)));
      expect(matched.length, importer.id).toBeGreaterThan(0);
      for (const file of matched) expect(findImporter(file)?.id, file).toBe(importer.id);
    }
  });

  it('a family ranks each member once, stands together in the registry, and has a lockfile for its workspaces', () => {
    const ids = listImporters().map((i) => i.id);
    for (const family of LIBRARY_FAMILIES) {
      const ranks = family.members.map((m) => m.library.rank);
      expect(new Set(ranks).size, family.name).toBe(ranks.length);
      const at = family.members.map((m) => ids.indexOf(m.id)).sort((a, b) => a - b);
      expect(at.at(-1)! - at[0]!, family.name).toBe(at.length - 1);
      if (family.members.some((m) => m.library.workspace))
        expect(family.members.some((m) => m.library.kind === 'lockfile' && m.library.names)).toBe(true);
    }
  });

  it('a sniffer knows its importer fixtures by content, under a name that says nothing', () => {
    for (const importer of listImporters()) {
      const sniff = importer.sniff;
      if (!sniff) continue;
      // An API definition a catalog points to lives in the catalog's folder but is no entity.
      const own = fixtures.filter((file) => findImporter(file) === importer && !file.endsWith('.openapi.yaml'));
      for (const file of own) {
        const text = readFileSync(path.join(FIXTURES, file), 'utf8');
        const nameless = `infra/unnamed${path.posix.extname(file)}`;
        expect(detectImporter(nameless, text)?.id, file).toBe(importer.id);
      }
    }
  });
});
