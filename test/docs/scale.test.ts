/**
 * Docs of an organisation too big for single pages: long warning tables are split by system
 * (or ecosystem) into pages of their own, libraries by ecosystem, the index points to the
 * system pages instead of listing every component, and a version used by many components
 * is counted and listed on the library's page. Nothing is lost on the way: every finding is
 * on exactly one page, and every link resolves.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOrg, writeOrg } from '../../bench/lib/generate-org.mjs';
import { runCli } from '../../src/cli/main.js';
import { INLINE_LIST, SECTION_ROWS } from '../../src/render/docs/site.js';
import { brokenLinks, filesUnder } from '../helpers/docs.js';
import { tempDir } from '../helpers/fs.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

/** Table rows of a Markdown page (header and rule excluded). */
const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---')).length - 1;

describe('docs at scale', () => {
  it('splits what no one would read on one page, keeps every finding, and every link resolves', async () => {
    const root = tempDir();
    writeOrg(
      path.join(root, 'org'),
      generateOrg({
        components: 600,
        librariesPerComponent: 30,
        servicesPerComponent: 6,
        internalLibraries: 400,
        unpinnedLibraryRate: 0.06,
      }),
    );
    const out = path.join(root, 'docs');
    const r = await runCli(['docs', 'org/*', '--out', out, '--no-svg', '--no-timeline', '--no-explorer', '-q'], {
      cwd: root,
    });
    expect(r.code).toBe(0);
    const files = new Map(filesUnder(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
    const snapshot = parseSnapshot(files.get('graph.json') as string, 'graph.json');

    // Unpinned: more than a page's worth, so warnings.md counts them per system and each system's page lists its own.
    const unpinned = snapshot.edges.filter((e) => (!e.pin.pinned || e.imagePin?.pinned === false) && !e.transitive);
    expect(unpinned.length).toBeGreaterThan(SECTION_ROWS);
    const parts = [...files.keys()].filter((f) => f.startsWith('warnings/unpinned-'));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.reduce((sum, f) => sum + rows(files.get(f) as string), 0)).toBe(unpinned.length);
    const warnings = files.get('warnings.md') as string;
    for (const part of parts) expect(warnings).toContain(`(${part})`);

    // Libraries: one page per ecosystem, each library on exactly one of them.
    const used = snapshot.nodes.filter(
      (n) => n.type === 'library' && snapshot.edges.some((e) => e.target === n.id && !e.transitive),
    );
    expect(used.length).toBeGreaterThan(SECTION_ROWS);
    const ecosystems = [...files.keys()].filter((f) => f.startsWith('libraries/ecosystem-'));
    expect(ecosystems.length).toBeGreaterThan(1);
    expect(ecosystems.reduce((sum, f) => sum + rows(files.get(f) as string), 0)).toBe(used.length);

    // A library many components use: counted per version, listed in full on its own page.
    const popular = used
      .map((lib) => ({ lib, users: snapshot.edges.filter((e) => e.target === lib.id && !e.transitive) }))
      .sort((a, b) => b.users.length - a.users.length)[0]!;
    expect(popular.users.length).toBeGreaterThan(INLINE_LIST);
    const own = [...files.keys()].find(
      (f) => f.startsWith('libraries/pkg-') && files.get(f)!.includes(`\`${popular.lib.id}\``),
    );
    expect(own).toBeDefined();
    expect(rows(files.get(own!) as string)).toBe(popular.users.length);

    // The index points to the systems instead of 600 rows.
    const index = files.get('index.md') as string;
    expect(index).toContain("each system's page above lists its own");

    for (const [file, text] of files) {
      if (file.endsWith('.md')) expect(Buffer.byteLength(text), file).toBeLessThan(512 * 1024);
    }
    expect(brokenLinks(files)).toEqual([]);
    expect(statSync(path.join(out, 'index.md')).size).toBeGreaterThan(0);
  }, 120_000);
});
