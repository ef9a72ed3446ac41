/**
 * The SVG cache of `depmap docs`: real docs runs of a copy of the demo organisation, in a temp
 * folder, with a real browser. A second run draws only the diagrams whose Mermaid changed,
 * keeps the bytes of the others, and gives the folder a full redraw gives; whatever in the
 * cache is torn, edited or foreign is drawn again.
 */
import { chmodSync, cpSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { parseSvgCache, serializeSvgCache, SVG_CACHE_FILE, svgCacheKey } from '../../src/render/svg-cache.js';
import { drawingIdentity, findBrowser } from '../../src/render/svg.js';
import { tempDir, testDir } from '../helpers/fs.js';
import { ROOT } from '../render/orgs.js';

const withBrowser = findBrowser() || process.env.DEPMAP_REQUIRE_BROWSER === '1' ? it : it.skip;

/** A copy of the demo organisation's manifests (without their git history), and where its docs go. */
function demoCopy(): { org: string; out: string } {
  const dir = tempDir('depmap-svg-cache-');
  const org = path.join(dir, 'org');
  cpSync(path.join(ROOT, 'fixtures/demo-org'), org, {
    recursive: true,
    filter: (source) => path.basename(source) !== '.git',
  });
  return { org, out: path.join(dir, 'docs') };
}

/** Every file of a folder, by path inside it. */
function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory())
      for (const [rel, data] of readTree(full, `${prefix}${name}/`)) files.set(rel, data);
    else files.set(`${prefix}${name}`, readFileSync(full));
  }
  return files;
}

/** Diagram names (paths without .mmd) of a docs folder. */
const diagramsOf = (tree: Map<string, Buffer>) =>
  [...tree.keys()].filter((f) => f.endsWith('.mmd')).map((f) => f.slice(0, -'.mmd'.length));

async function docs(org: string, out: string, ...extra: string[]) {
  const result = await runCli(['docs', org, '--no-timeline', '--out', out, ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** `(2 drawn, 11 unchanged)` from the summary line. */
function counts(stderr: string): { drawn: number; unchanged: number } {
  const match = /SVGs \((\d+) drawn, (\d+) unchanged\)/.exec(stderr);
  expect(match, stderr).not.toBeNull();
  return { drawn: Number(match?.[1]), unchanged: Number(match?.[2]) };
}

describe('the SVG cache of depmap docs', () => {
  withBrowser(
    'a second run with one repo changed draws only the diagrams it changed, and keeps the bytes of the others',
    async () => {
      const { org, out } = demoCopy();
      const first = await docs(org, out);
      const before = readTree(out);
      const names = diagramsOf(before);
      expect(names.length).toBeGreaterThan(10);
      expect(counts(first.stderr)).toEqual({ drawn: names.length, unchanged: 0 });
      const firstCache = parseSvgCache((before.get(SVG_CACHE_FILE) as Buffer).toString('utf8'));
      expect([...(firstCache?.keys() ?? [])].sort()).toEqual([...names].sort());

      // payments moves to a newer Stripe API: its edge label changes in a few diagrams.
      const manifest = path.join(org, 'payments/depmap.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"2024-06-20"', '"2024-09-30"'));
      const second = await docs(org, out);
      const after = readTree(out);
      expect(diagramsOf(after)).toEqual(names);
      const changed = names.filter((n) => !before.get(`${n}.mmd`)?.equals(after.get(`${n}.mmd`) as Buffer));
      expect(changed).toContain('components/payments');
      expect(changed.length).toBeLessThan(names.length / 2);
      expect(counts(second.stderr)).toEqual({ drawn: changed.length, unchanged: names.length - changed.length });
      const secondCache = parseSvgCache((after.get(SVG_CACHE_FILE) as Buffer).toString('utf8'));
      for (const name of names) {
        const svg = `${name}.svg`;
        if (changed.includes(name)) {
          expect(secondCache?.get(name)?.key, name).not.toBe(firstCache?.get(name)?.key);
          expect((after.get(svg) as Buffer).toString('utf8'), name).toContain('2024-09-30');
        } else {
          expect(secondCache?.get(name), name).toEqual(firstCache?.get(name));
          expect((after.get(svg) as Buffer).equals(before.get(svg) as Buffer), name).toBe(true);
        }
      }

      // --redraw draws every one again, and the folder is the one the cache gave, byte for byte.
      const third = await docs(org, out, '--redraw');
      expect(counts(third.stderr)).toEqual({ drawn: names.length, unchanged: 0 });
      const redrawn = readTree(out);
      const differs = [...after.keys()].filter((f) => !redrawn.get(f)?.equals(after.get(f) as Buffer));
      expect(differs).toEqual([]);
    },
    300_000,
  );

  withBrowser(
    'a torn, edited or foreign cache entry is drawn again, never trusted',
    async () => {
      const { org, out } = demoCopy();
      await docs(org, out);
      const before = readTree(out);
      const names = diagramsOf(before);
      const [torn, edited, foreign] = ['components/payments', 'components/orders', 'systems/catalog'];
      // A write cut short; another diagram's SVG (a valid SVG with the wrong bytes); an entry
      // of a depmap that drew under another key.
      truncateSync(path.join(out, `${torn}.svg`), 100);
      writeFileSync(path.join(out, `${edited}.svg`), before.get('components/accounts.svg') as Buffer);
      const cache = parseSvgCache(readFileSync(path.join(out, SVG_CACHE_FILE), 'utf8'));
      const entry = cache?.get(foreign);
      expect(entry).toBeDefined();
      cache?.set(foreign, { key: svgCacheKey('another depmap', foreign, ''), sha256: entry?.sha256 as string });
      writeFileSync(path.join(out, SVG_CACHE_FILE), serializeSvgCache(cache as NonNullable<typeof cache>));

      const second = await docs(org, out);
      expect(counts(second.stderr)).toEqual({ drawn: 3, unchanged: names.length - 3 });
      const after = readTree(out);
      for (const name of [torn, edited, foreign])
        expect((after.get(`${name}.svg`) as Buffer).equals(before.get(`${name}.svg`) as Buffer), name).toBe(true);
      expect((after.get(SVG_CACHE_FILE) as Buffer).equals(before.get(SVG_CACHE_FILE) as Buffer)).toBe(true);

      // A manifest that is not one: said once, and every SVG drawn.
      writeFileSync(path.join(out, SVG_CACHE_FILE), '{"format": "something else"');
      const third = await docs(org, out);
      expect(third.stderr).toContain(
        `${SVG_CACHE_FILE} is not an SVG cache this depmap reads: every SVG is drawn again`,
      );
      expect(counts(third.stderr)).toEqual({ drawn: names.length, unchanged: 0 });
      expect(
        readTree(out)
          .get(SVG_CACHE_FILE)
          ?.equals(before.get(SVG_CACHE_FILE) as Buffer),
      ).toBe(true);
    },
    300_000,
  );

  withBrowser(
    'shows a bar while SVGs are drawn, only on a terminal and without --quiet, coloured as colours are',
    async () => {
      const { org, out } = demoCopy();
      const run = (env: NodeJS.ProcessEnv, tty: boolean, ...extra: string[]) =>
        runCli(['docs', org, '--no-timeline', '--out', out, '--redraw', ...extra], {
          env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
          stderrIsTTY: tty,
        });
      const bar = /\r\x1b\[2Kdrawing SVGs (?:\x1b\[36m)?█*(?:\x1b\[39m)?░* (\d+)\/(\d+)/g;
      const plain = await run({}, true);
      const shown = [...plain.stderr.matchAll(bar)];
      expect(shown.length).toBeGreaterThan(0);
      // It counts up to every diagram, then is erased before the summary.
      const total = Number(shown[0]?.[2]);
      expect(shown.at(-1)?.[1]).toBe(String(total));
      expect(plain.stderr).toMatch(/\r\x1b\[2Kdepmap: wrote /);
      expect(plain.stderr).toContain('\x1b[36m');
      const uncoloured = (await run({ NO_COLOR: '1' }, true)).stderr;
      expect([...uncoloured.matchAll(bar)].length).toBeGreaterThan(0);
      expect(uncoloured).not.toContain('\x1b[36m');
      expect((await run({ FORCE_COLOR: '1' }, false)).stderr).not.toContain('drawing SVGs');
      expect((await run({}, true, '--quiet')).stderr).not.toContain('drawing SVGs');
    },
    300_000,
  );
});

describe('the SVG cache manifest', () => {
  it('reads back what it writes, and nothing of another format', () => {
    const key = svgCacheKey('identity', 'components/a', 'flowchart LR\n  a --> b\n');
    const entries = new Map([['components/a', { key, sha256: key }]]);
    expect(parseSvgCache(serializeSvgCache(entries))).toEqual(entries);
    for (const text of ['', 'null', '[]', '{"format":"depmap-svg-cache","version":2,"svgs":{}}', '{"svgs":{}}'])
      expect(parseSvgCache(text), text).toBeUndefined();
    // A malformed entry is left out; the others stay.
    const mixed = JSON.parse(serializeSvgCache(entries)) as { svgs: Record<string, unknown> };
    mixed.svgs['components/b'] = { key: 'not a hash', sha256: key };
    expect(parseSvgCache(JSON.stringify(mixed))).toEqual(entries);
  });

  it('keys by everything that changes the SVG: the drawing identity, the name and the Mermaid text', () => {
    const base = svgCacheKey('identity', 'a', 'flowchart LR\n');
    expect(svgCacheKey('identity', 'a', 'flowchart LR\n')).toBe(base);
    expect(
      new Set([
        base,
        svgCacheKey('other', 'a', 'flowchart LR\n'),
        svgCacheKey('identity', 'b', 'flowchart LR\n'),
        svgCacheKey('identity', 'a', 'flowchart TB\n'),
      ]).size,
    ).toBe(4);
  });

  it('knows the browser it draws with by its path, size and time of change, without starting it', () => {
    const dir = testDir({ 'chrome-a': '#!/bin/sh\n', 'chrome-b': '#!/bin/sh\n# another build\n' });
    for (const name of ['chrome-a', 'chrome-b']) chmodSync(path.join(dir, name), 0o755);
    const a = drawingIdentity({ PUPPETEER_EXECUTABLE_PATH: path.join(dir, 'chrome-a') });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(drawingIdentity({ PUPPETEER_EXECUTABLE_PATH: path.join(dir, 'chrome-a') })).toBe(a);
    expect(drawingIdentity({ PUPPETEER_EXECUTABLE_PATH: path.join(dir, 'chrome-b') })).not.toBe(a);
    expect(drawingIdentity({ PUPPETEER_EXECUTABLE_PATH: path.join(dir, 'missing') })).toBeUndefined();
  });
});
