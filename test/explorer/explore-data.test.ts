/**
 * `depmap explore` without a browser: the data it embeds (every node and edge, strings once,
 * the lineage's versions as slider positions), the escaping of what manifests say, and the
 * command's errors. The page itself is driven in a real browser in explore-browser.test.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { explorerData, webAddress } from '../../src/render/explorer/explorer-data.js';
import { explorerHtml, scriptJson } from '../../src/render/explorer/explorer-html.js';
import { layoutGraph } from '../../src/render/explorer/layout.js';
import { columnValues, pageData } from '../helpers/explorer.js';
import { tempDir } from '../helpers/fs.js';
import { makeOrg } from '../helpers/org-history.js';
import { gitRepo } from '../helpers/git.js';
import { demoSnapshot, ROOT } from '../render/orgs.js';
import { oddSnapshot } from '../render/odd-names.js';

describe('explorer data', () => {
  it('carries every node and edge of the snapshot, each name once in the string table', async () => {
    const snapshot = await demoSnapshot();
    const data = explorerData({ snapshot, title: 'demo', generator: 'depmap test' });
    expect(data.nodes.count).toBe(snapshot.nodes.length);
    expect(data.edges.count).toBe(snapshot.edges.length);
    const n = data.nodes.count;
    const m = data.edges.count;
    const ids = columnValues(data.nodes.id, n).map((i) => data.strings[i]);
    expect([...ids].sort()).toEqual(snapshot.nodes.map((n) => n.id).sort());
    expect(new Set(data.strings).size).toBe(data.strings.length);
    // Each edge's ends are the indexes of its source and target.
    const source = columnValues(data.edges.source, m);
    const target = columnValues(data.edges.target, m);
    const pairs = source.map((s, e) => `${ids[s]} -> ${ids[target[e] as number]}`).sort();
    expect(pairs).toEqual(snapshot.edges.map((e) => `${e.source} -> ${e.target}`).sort());
    expect(data.history).toBeUndefined();
  });

  it('lays out the same graph the same way, with every position finite', () => {
    const input = {
      groups: ['a', 'a', 'b', 'b', '', ''],
      library: [0, 0, 0, 0, 1, 1],
      source: [0, 1, 2, 0, 2],
      target: [1, 2, 3, 4, 5],
    };
    const first = layoutGraph(input);
    expect([...first].every(Number.isFinite)).toBe(true);
    expect([...layoutGraph(input)]).toEqual([...first]);
    // Nodes do not all sit on one point.
    expect(new Set([...first].map((v) => v.toFixed(3))).size).toBeGreaterThan(4);
  });

  it('turns repo sources into web links without credentials, and nothing else into one', () => {
    expect(webAddress('https://user:token@github.com/acme/shop.git')).toBe('https://github.com/acme/shop');
    expect(webAddress('git@github.com:acme/shop.git')).toBe('https://github.com/acme/shop');
    expect(webAddress('https://gitlab.example.com/group/sub/repo')).toBe('https://gitlab.example.com/group/sub/repo');
    expect(webAddress('./repos/shop')).toBeUndefined();
    expect(webAddress('/abs/repos/shop')).toBeUndefined();
    expect(webAddress('javascript:alert(1)')).toBeUndefined();
    expect(webAddress('file:///etc/passwd')).toBeUndefined();
  });

  it('keeps hostile names as data: no markup, no script end, the names back intact', () => {
    const snapshot = oddSnapshot();
    const hostile = '</script><img src=x onerror=alert(1)><!--';
    snapshot.nodes[0]!.description = hostile;
    const data = explorerData({ snapshot, title: '<b>title</b></title>', generator: 'depmap test' });
    const html = explorerHtml(data, 'console.log("</script>")');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>title</b>');
    // Exactly the script elements the template has: nothing a name carried closed one early.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const back = pageData(html);
    expect(back.strings).toContain(hostile);
    expect(back.strings).toEqual(data.strings);
    expect(scriptJson('\u2028<&>')).toBe('"\\u2028\\u003c\\u0026\\u003e"');
  });

  it('folds the lineage into slider positions: every commit a position, each version its interval', async () => {
    const org = makeOrg();
    const out = path.join(tempDir(), 'map.html');
    const r = await runCli(['explore', path.join(org, '*'), '--history', '--out', out, '-q']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const data = pageData(readFileSync(out, 'utf8'));
    const history = data.history!;
    // Six commits in the two repos, at six distinct times.
    expect(history.times).toHaveLength(6);
    expect(history.times).toEqual([...history.times].sort((a, b) => a - b));
    expect(history.captions[0]).toMatch(/^2021-01-05 shop [0-9a-f]{7} checkout with log4j and express$/);
    // express went and came back: it holds two versions, the first closed at "drop express".
    const ids = columnValues(data.nodes.id, data.nodes.count).map((i) => data.strings[i]);
    const source = columnValues(data.edges.source, data.edges.count);
    const target = columnValues(data.edges.target, data.edges.count);
    const express = source.findIndex((s, e) => ids[s] === 'checkout' && ids[target[e] as number] === 'pkg:npm/express');
    expect(express).toBeGreaterThanOrEqual(0);
    const start = columnValues(history.start, data.edges.count + 1);
    expect((start[express + 1] as number) - (start[express] as number)).toBe(2);
  });
});

describe('explorer data of a history with calls by API', () => {
  it("matches the history's call to the API's name with the graph's call to its provider", async () => {
    const root = tempDir();
    gitRepo(
      [
        {
          date: '2024-01-01T09:00:00Z',
          author: 'Ann <ann@example.com>',
          message: 'tax',
          files: {
            'depmap.yaml':
              'depmap: 1\nname: tax\nkind: service\nprovides:\n  - { api: tax-grpc, protocol: grpc, version: 1.0.0 }\n',
          },
        },
      ],
      path.join(root, 'tax'),
    );
    gitRepo(
      [
        {
          date: '2024-02-01T09:00:00Z',
          author: 'Bob <bob@example.com>',
          message: 'shop calls tax by its API',
          files: {
            'depmap.yaml':
              'depmap: 1\nname: shop\nkind: service\nservices:\n  - { name: tax-grpc, api: tax-grpc, protocol: grpc, version: 1.0.0 }\n',
          },
        },
      ],
      path.join(root, 'shop'),
    );
    const out = path.join(root, 'map.html');
    expect((await runCli(['explore', path.join(root, '*'), '--history', '--out', out, '-q'])).code).toBe(0);
    const data = pageData(readFileSync(out, 'utf8'));
    const ids = columnValues(data.nodes.id, data.nodes.count).map((i) => data.strings[i]);
    // The graph's two components only: no node for the API's name, no edge only the history has.
    expect(ids.sort()).toEqual(['shop', 'tax']);
    expect(data.edges.count).toBe(1);
    const start = columnValues(data.history!.start, 2);
    expect(start[1]! - start[0]!).toBe(1);
  });
});

describe('depmap explore', () => {
  it('writes one self-contained page, says so, and exits 0', async () => {
    const dir = tempDir();
    const r = await runCli(['explore', path.join(ROOT, 'fixtures/demo-org/*'), '--out', 'map.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/depmap: wrote map\.html: \d+ nodes, \d+ edges/);
    const file = path.join(dir, 'map.html');
    const html = readFileSync(file, 'utf8');
    expect(statSync(file).size).toBeLessThan(15 * 1024 * 1024);
    // Nothing is loaded from anywhere: no src= or href= to a URL, and a policy that forbids it.
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
    expect(pageData(html).nodes.count).toBeGreaterThan(10);
  });

  it('writes the page to stdout with --out -', async () => {
    const r = await runCli(['explore', path.join(ROOT, 'fixtures/demo-org/*'), '--out', '-', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
  });

  it('refuses --history with a snapshot: a usage error, exit 2', async () => {
    const dir = tempDir();
    const snap = path.join(dir, 'g.json');
    expect((await runCli(['scan', path.join(ROOT, 'fixtures/demo-org/*'), '--out', snap, '-q'])).code).toBe(0);
    const r = await runCli(['explore', '--snapshot', snap, '--history']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--history reads the git history of the sources/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
