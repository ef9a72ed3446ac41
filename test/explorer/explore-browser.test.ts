/**
 * The explorer page in a real headless Chromium: search with completion, focus and depth,
 * filters, the hash that keeps a view, the time slider and a two-date diff on a real git
 * history, and a generated 10,000-node / 50,000-edge organisation. The counts the page shows
 * are checked against counts made here in Node from the same snapshot. No timings: those are
 * bench/explore's. Without a browser these tests are skipped, unless DEPMAP_REQUIRE_BROWSER=1.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg, manifestYaml, writeOrg } from '../../bench/lib/generate-org.mjs';
import { runCli } from '../../src/cli/main.js';
import type { Snapshot } from '../../src/graph/types.js';
import { launchBrowser } from '../../src/render/launch-browser.js';
import { findBrowser } from '../../src/render/svg.js';
import { tempDir } from '../helpers/fs.js';
import { makeOrg } from '../helpers/org-history.js';
import { ROOT } from '../render/orgs.js';
import { oddSnapshot } from '../render/odd-names.js';
import { observedSnapshot } from '../render/observed-org.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const executable = findBrowser();
const required = process.env.DEPMAP_REQUIRE_BROWSER === '1';
const withBrowser = executable || required ? it : it.skip;

interface Counts {
  nodes: number;
  edges: number;
  added: number;
  removed: number;
  changed: number;
  level: string;
}

/** Nodes within `depth` steps of `start`, either way, over every edge of the snapshot. */
function neighbourhood(snapshot: Snapshot, start: string, depth: number): number {
  const near = new Map<string, string[]>();
  const link = (a: string, b: string) => near.set(a, [...(near.get(a) ?? []), b]);
  for (const e of snapshot.edges) (link(e.source, e.target), link(e.target, e.source));
  const seen = new Set([start]);
  let ring = [start];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const v of ring) for (const u of near.get(v) ?? []) if (!seen.has(u)) (seen.add(u), next.push(u));
    ring = next;
  }
  return seen.size;
}

async function writePage(args: string[]): Promise<string> {
  const file = path.join(tempDir(), 'map.html');
  const r = await runCli(['explore', ...args, '--out', file, '-q']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return file;
}

async function snapshotOf(sources: string): Promise<Snapshot> {
  const file = path.join(tempDir(), 'graph.json');
  expect((await runCli(['scan', sources, '--out', file, '-q'])).code).toBe(0);
  return parseSnapshot(readFileSync(file, 'utf8'), 'graph.json') as Snapshot;
}

describe('the explorer in headless Chromium', () => {
  let browser: Browser | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    if (executable) browser = await launchBrowser(executable, process.env);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, hash = '', prepare?: (page: Page) => Promise<void>): Promise<Page> {
    if (!browser) throw new Error('no browser found (set PUPPETEER_EXECUTABLE_PATH or install chromium)');
    const page = await browser.newPage();
    await prepare?.(page);
    await page.setViewport({ width: 1400, height: 900 });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${pathToFileURL(file).href}${hash}`, { waitUntil: 'load' });
    await page.waitForFunction('window.__depmap__ && window.__depmap__.ready === true', { timeout: 60_000 });
    return page;
  }
  const counts = (page: Page) => page.evaluate(() => (window as any).__depmap__.counts() as Counts);
  const hits = (page: Page) => page.$$eval('#hits li[role=option]', (items) => items.map((li) => li.textContent ?? ''));
  const slide = (page: Page, id: string, value: number) =>
    page.$eval(
      `#${id}`,
      (el, v) => {
        (el as HTMLInputElement).value = String(v);
        el.dispatchEvent(new Event('input'));
      },
      value,
    );
  async function pick(page: Page, text: string) {
    const items = await page.$$('#hits li[role=option]');
    for (const item of items) {
      if ((await item.evaluate((li) => li.textContent)) === text) {
        await item.click();
        return;
      }
    }
    throw new Error(`no hit "${text}" in ${JSON.stringify(await hits(page))}`);
  }

  withBrowser('demo: every node drawn; search, focus and depth; filters; the hash keeps the view', async () => {
    const snapshot = await snapshotOf(path.join(ROOT, 'fixtures/demo-org/*'));
    const file = await writePage([path.join(ROOT, 'fixtures/demo-org/*')]);
    const page = await open(file);
    expect(await counts(page)).toMatchObject({ nodes: snapshot.nodes.length, edges: snapshot.edges.length });

    await page.type('#q', 'paym');
    expect(await hits(page)).toContain('payments (service)');
    await pick(page, 'payments (service)');
    expect(await page.evaluate(() => location.hash)).toContain('focus=payments');
    expect((await counts(page)).nodes).toBe(neighbourhood(snapshot, 'payments', 1));
    const details = await page.$eval('#details', (el) => (el.hidden ? '' : (el.textContent ?? '')));
    expect(details).toContain('payments');
    expect(details).toMatch(/called by \(\d+\)/);
    expect(details).toMatch(/\d+ depend on it/);

    await page.select('#depth', '2');
    expect((await counts(page)).nodes).toBe(neighbourhood(snapshot, 'payments', 2));
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('depth=2');

    // The same link, opened again, shows the same view.
    const again = await open(file, hash);
    expect((await counts(again)).nodes).toBe(neighbourhood(snapshot, 'payments', 2));
    expect(await again.$eval('#details h2', (el) => el.textContent)).toBe('payments');
    expect(await again.$eval('#depth', (el) => (el as HTMLSelectElement).value)).toBe('2');

    // Filters: one kind; then unpinned edges only.
    await again.click('#clear');
    await again.select('#f-kind', 'database');
    const databases = snapshot.nodes.filter((n) => n.kind === 'database').length;
    expect(databases).toBeGreaterThan(0);
    expect((await counts(again)).nodes).toBe(databases);
    await again.select('#f-kind', '');
    await again.select('#f-pin', 'unpinned');
    const unpinned = snapshot.edges.filter((e) => !e.pin.pinned || (e.imagePin && !e.imagePin.pinned)).length;
    expect(unpinned).toBeGreaterThan(0);
    expect((await counts(again)).edges).toBe(unpinned);
    expect(await again.evaluate(() => location.hash)).toContain('pin=unpinned');
    expect(errors).toEqual([]);
  });

  withBrowser('history: the slider shows the map at each commit, and two dates their diff', async () => {
    const org = makeOrg();
    const file = await writePage([path.join(org, '*'), '--history']);
    const page = await open(file);
    expect(await page.evaluate(() => (window as any).__depmap__.positions())).toBe(6);
    // Now: checkout and web, payments, log4j-core and express (back again); five edges.
    expect(await counts(page)).toMatchObject({ nodes: 5, edges: 5 });
    // After the first commit: checkout with log4j, express and its call to payments.
    await slide(page, 't', 0);
    expect(await counts(page)).toMatchObject({ nodes: 4, edges: 3 });
    expect(await page.$eval('#t-caption', (el) => el.textContent)).toContain('checkout with log4j and express');
    // After "log4j 2.14.1": web is there too, calling checkout and on log4j 2.16.0.
    await slide(page, 't', 2);
    expect(await counts(page)).toMatchObject({ nodes: 5, edges: 5 });
    // After "drop express".
    await slide(page, 't', 4);
    expect(await counts(page)).toMatchObject({ nodes: 4, edges: 4 });
    expect(await page.evaluate(() => location.hash)).toContain('date=2022-02-01T09%3A00%3A00Z');

    // From "log4j 2.14.1" to "drop express": express removed, log4j-core changed (2.14.1 → 2.15.0).
    await page.click('#compare');
    await slide(page, 't0', 2);
    expect(await counts(page)).toMatchObject({ added: 0, removed: 1, changed: 1 });
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('compare=2021-06-01T09%3A00%3A00Z');
    // And back: "drop express" → now adds express again.
    await slide(page, 't', 6);
    await slide(page, 't0', 4);
    expect(await counts(page)).toMatchObject({ added: 1, removed: 0, changed: 0 });

    const again = await open(file, hash);
    expect(await counts(again)).toMatchObject({ added: 0, removed: 1, changed: 1 });
    expect(errors).toEqual([]);
  });

  async function snapshotPage(snapshot: Snapshot): Promise<string> {
    const graphFile = path.join(tempDir(), 'graph.json');
    writeFileSync(graphFile, JSON.stringify(snapshot));
    return writePage(['--snapshot', graphFile]);
  }

  withBrowser('hostile names stay text: search, details and labels make no markup', async () => {
    const snapshot = oddSnapshot();
    const page = await open(await snapshotPage(snapshot));
    expect((await counts(page)).nodes).toBe(snapshot.nodes.length);
    await page.type('#q', '<script>');
    await pick(page, '<script>alert(1)</script> (service)');
    expect(await page.$eval('#details h2', (el) => el.textContent)).toBe('<script>alert(1)</script>');
    // Nothing a name said became an element: the page's own scripts only, no image, no alert.
    expect(await page.$$eval('script', (list) => list.length)).toBe(2);
    expect(await page.$$eval('img', (list) => list.length)).toBe(0);
    expect(errors).toEqual([]);
  });

  withBrowser('observed: the provenance filter shows what only traces know', async () => {
    const snapshot = observedSnapshot();
    const page = await open(await snapshotPage(snapshot));
    await page.click('#f-declared');
    await page.click('#f-discovered');
    const observedOnly = snapshot.nodes.filter((n) => n.observedOnly).map((n) => n.id);
    const onlyEdges = snapshot.edges.filter(
      (e) => e.presence === 'observed-only' && observedOnly.includes(e.source) && observedOnly.includes(e.target),
    );
    expect(observedOnly.length).toBeGreaterThan(0);
    expect(await counts(page)).toMatchObject({ nodes: observedOnly.length, edges: onlyEdges.length });
    expect(await page.evaluate(() => location.hash)).toContain('from=observed');
    expect(errors).toEqual([]);
  });

  withBrowser('without WebGL the page says so, and search and details still work', async () => {
    const file = await writePage([path.join(ROOT, 'fixtures/demo-org/*')]);
    const page = await open(file, '', (p) =>
      p.evaluateOnNewDocument(() => {
        const getContext = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
          return /webgl/i.test(kind) ? null : (getContext as (...a: unknown[]) => unknown).call(this, kind, ...rest);
        } as typeof getContext;
      }),
    );
    expect(await page.evaluate(() => (window as any).__depmap__.webgl)).toBe(false);
    expect(await page.$eval('#notice', (el) => (el.hidden ? '' : el.textContent))).toMatch(/no WebGL/);
    await page.type('#q', 'paym');
    await pick(page, 'payments (service)');
    expect(await page.$eval('#details h2', (el) => el.textContent)).toBe('payments');
    expect(errors).toEqual([]);
  });

  withBrowser(
    '10,000 nodes and 50,000 edges with a history: opens on the systems, search answers, focus shows the neighbourhood, the slider and the diff count right, the picture is drawn',
    async () => {
      // One monorepo of 2,100 components in two commits: the first without each component's
      // last two libraries and with every seventh component's first library at 0.0.1.
      const org = generateOrg({
        components: 2100,
        librariesPerComponent: 19,
        servicesPerComponent: 5,
        internalLibraries: 11000,
      });
      const before = {
        ...org,
        components: org.components.map((c, i) => ({
          ...c,
          libraries: c.libraries
            .slice(0, -2)
            .map((lib, k) =>
              k === 0 && i % 7 === 0 ? { ...lib, version: '0.0.1', form: 'purl', unpinned: false } : lib,
            ),
        })),
      };
      const root = tempDir();
      const mono = path.join(root, 'mono');
      let stream = '';
      const blob = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
      [before, org].forEach((version, n) => {
        stream += `commit refs/heads/main\ncommitter Dev <dev@example.com> ${1_700_000_000 + n * 86_400} +0000\n${blob(`version ${n + 1}`)}`;
        for (const c of version.components) stream += `M 100644 inline ${c.name}/depmap.yaml\n${blob(manifestYaml(c))}`;
      });
      execFileSync('git', ['init', '-q', '-b', 'main', mono]);
      execFileSync('git', ['fast-import', '--quiet'], { cwd: mono, input: stream, maxBuffer: 1 << 30 });
      execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: mono });
      writeOrg(path.join(root, 'before'), before);
      const snapshot = await snapshotOf(mono);
      const first = await snapshotOf(path.join(root, 'before'));
      expect(snapshot.nodes.length).toBeGreaterThanOrEqual(10_000);
      expect(snapshot.edges.length).toBeGreaterThanOrEqual(50_000);
      const file = await writePage([mono, '--history']);
      expect(statSync(file).size).toBeLessThanOrEqual(15 * 1024 * 1024);

      const page = await open(file);
      const overview = await counts(page);
      expect(overview.level).toBe('systems');
      // The overview: components and resources as points, libraries from a closer zoom.
      expect(overview.nodes).toBe(snapshot.nodes.filter((n) => n.type !== 'library').length);

      await page.type('#q', 'checkout-api');
      expect((await hits(page))[0]).toBe('checkout-api (service)');
      await page.keyboard.press('Enter');
      expect((await counts(page)).nodes).toBe(neighbourhood(snapshot, 'checkout-api', 1));
      await page.select('#depth', '2');
      expect((await counts(page)).nodes).toBe(neighbourhood(snapshot, 'checkout-api', 2));

      await page.click('#clear');
      await page.evaluate(() => (window as any).__depmap__.zoom(0.05));
      const close = await counts(page);
      expect(close.level).toBe('libraries');
      expect(close).toMatchObject({ nodes: snapshot.nodes.length, edges: snapshot.edges.length });

      // The slider at the first commit: the map of the first version, counted by a scan of it.
      expect(await page.evaluate(() => (window as any).__depmap__.positions())).toBe(2);
      await slide(page, 't', 0);
      expect(await counts(page)).toMatchObject({ nodes: first.nodes.length, edges: first.edges.length });
      // First commit → now: added, removed and re-versioned edges, by key, as the two scans have them.
      await slide(page, 't', 2);
      await page.click('#compare');
      await slide(page, 't0', 0);
      const keyed = (s: Snapshot) => new Map(s.edges.map((e) => [e.key, e.version]));
      const [was, is] = [keyed(first), keyed(snapshot)];
      const added = [...is.keys()].filter((k) => !was.has(k)).length;
      const removed = [...was.keys()].filter((k) => !is.has(k)).length;
      const changed = [...is].filter(([k, v]) => was.has(k) && was.get(k) !== v).length;
      expect(added).toBeGreaterThan(0);
      expect(changed).toBeGreaterThan(0);
      expect(await counts(page)).toMatchObject({ added, removed, changed });
      await page.click('#compare');

      // The picture: a screenshot of the page holds many colours, not a blank canvas.
      const png = await page.screenshot({ encoding: 'base64' });
      const colours = await page.evaluate(async (data: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
        ctx.drawImage(img, 0, 0);
        const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
        const seen = new Set<number>();
        for (let i = 0; i < pixels.length; i += 4 * 97)
          seen.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
        return seen.size;
      }, png);
      expect(colours).toBeGreaterThan(50);
      expect(errors).toEqual([]);
    },
    180_000,
  );
});
