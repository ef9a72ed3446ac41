import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { buildDocs } from '../../src/render/docs/build-docs.js';
import { MERMAID_LIMITS } from '../../src/render/plan.js';
import { findBrowser } from '../../src/render/svg.js';
import { tempDir } from '../helpers/fs.js';
import { pageData } from '../helpers/explorer.js';
import { brokenLinks, filesUnder } from '../helpers/docs.js';
import { demoSnapshot, GOLDEN, largeOrg, ROOT } from '../render/orgs.js';

const withBrowser = findBrowser() || process.env.DEPMAP_REQUIRE_BROWSER === '1' ? it : it.skip;
const NO_BROWSER = { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' };

describe('depmap docs', () => {
  it('writes the demo docs as their golden files, with relative links that all resolve', async () => {
    const out = path.join(tempDir(), 'docs', 'architecture');
    const result = await runCli(
      ['docs', 'fixtures/demo-org', '--no-timeline', '--no-explorer', '--out', out, '--no-svg'],
      { cwd: ROOT },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/wrote .*architecture: 15 pages, 13 diagrams, graph.json/);
    const files = new Map(filesUnder(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
    // graph.json carries the depmap version: checked by what it holds.
    const data = new Set(['graph.json']);
    for (const [file, text] of files) {
      if (data.has(file)) continue;
      expect(text, file).toBe(readFileSync(path.join(GOLDEN, 'demo-org-docs', file), 'utf8'));
    }
    expect(filesUnder(path.join(GOLDEN, 'demo-org-docs')).sort()).toEqual(
      [...files.keys()].filter((f) => !data.has(f)).sort(),
    );
    expect(JSON.parse(files.get('graph.json') as string).format).toBe('depmap-snapshot');
    expect(brokenLinks(files)).toEqual([]);
    const index = files.get('index.md') as string;
    expect(index).toContain('| [Unpinned dependencies](warnings.md#unpinned-dependencies) | **1** |');
    expect(index).toContain('| [Service call cycles](warnings.md#service-call-cycles) | **1** |');
    expect(index).toContain(
      '| [checkout](components/checkout.md) | service | [commerce](systems/commerce.md) | team-payments | checkout |',
    );
  });

  it('writes explorer.html, linked from the index, unless --no-explorer', async () => {
    const out = path.join(tempDir(), 'arch');
    const run = await runCli(['docs', 'fixtures/demo-org', '--no-timeline', '--out', out, '--no-svg', '-q'], {
      cwd: ROOT,
    });
    expect(run.code).toBe(0);
    const graph = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8'));
    expect(pageData(readFileSync(path.join(out, 'explorer.html'), 'utf8')).nodes.count).toBe(graph.nodes.length);
    const index = readFileSync(path.join(out, 'index.md'), 'utf8');
    expect(index).toContain('· [Explorer](explorer.html) ·');
    expect(index).toContain('- [Explorer](explorer.html): the whole map, interactive');
  });

  it('replaces the folder cleanly on every run, and refuses folders it did not write', async () => {
    const parent = tempDir();
    const out = path.join(parent, 'arch');
    expect(
      (await runCli(['docs', 'fixtures/demo-org', '--no-timeline', '--out', out, '--no-svg', '-q'], { cwd: ROOT }))
        .code,
    ).toBe(0);
    writeFileSync(path.join(out, 'stale.md'), 'old');
    expect(
      (await runCli(['docs', 'fixtures/demo-org', '--no-timeline', '--out', out, '--no-svg', '-q'], { cwd: ROOT }))
        .code,
    ).toBe(0);
    expect(existsSync(path.join(out, 'stale.md'))).toBe(false);
    expect(readdirSync(parent)).toEqual(['arch']);

    const mine = path.join(parent, 'mine');
    mkdirSync(mine);
    writeFileSync(path.join(mine, 'notes.txt'), 'precious');
    const refused = await runCli(['docs', 'fixtures/demo-org', '--no-timeline', '--out', mine, '--no-svg'], {
      cwd: ROOT,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /refusing to replace .*mine: it has files, and depmap docs did not write it\n {2}hint: .*--force/,
    );
    expect(readFileSync(path.join(mine, 'notes.txt'), 'utf8')).toBe('precious');
    expect(
      (
        await runCli(['docs', 'fixtures/demo-org', '--no-timeline', '--out', mine, '--no-svg', '--force', '-q'], {
          cwd: ROOT,
        })
      ).code,
    ).toBe(0);
    expect(existsSync(path.join(mine, 'notes.txt'))).toBe(false);

    for (const bad of ['.', 'fixtures']) {
      const result = await runCli(['docs', 'fixtures/demo-org', '--no-timeline', '--out', bad, '--force'], {
        cwd: ROOT,
      });
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toMatch(/refusing to replace/);
    }
    const missing = await runCli(['docs', 'fixtures/demo-org'], { cwd: ROOT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--out <dir> is required/);
  });

  it('writes everything but the SVGs when there is no browser, and says so', async () => {
    const out = path.join(tempDir(), 'arch');
    const result = await runCli(['docs', 'fixtures/demo-org', '--no-timeline', '--out', out], {
      cwd: ROOT,
      env: NO_BROWSER,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /note: SVG needs Chrome or Chromium.*the docs are written without SVGs.*\n {2}hint: install Chromium/,
    );
    const files = filesUnder(out);
    expect(files.filter((f) => f.endsWith('.svg'))).toEqual([]);
    expect(files).toContain('components/checkout.mmd');
    expect(readFileSync(path.join(out, 'index.md'), 'utf8')).toContain('```mermaid\n');
  });

  withBrowser(
    'draws an SVG next to each page',
    async () => {
      const out = path.join(tempDir(), 'arch');
      const result = await runCli(['docs', 'fixtures/demo-org', '--no-timeline', '--out', out], { cwd: ROOT });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/13 diagrams, 13 SVGs/);
      const files = new Map(filesUnder(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
      expect(brokenLinks(files)).toEqual([]);
      expect(files.get('index.md')).toContain('![Architecture](architecture.svg)');
      expect(files.get('components/checkout.md')).toContain('](checkout.svg)');
      for (const [name, text] of files) if (name.endsWith('.svg')) expect(text, name).toMatch(/^<svg /);
      expect(files.get('systems/commerce.svg')).toContain('web-shop');
    },
    180_000,
  );

  it('has examples in its help', async () => {
    const result = await runCli(['docs', '--help']);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('depmap docs fixtures/demo-org --out docs/architecture');
  });
});

/** The rows of the first table under `## heading`, each as header → cell. */
function tableUnder(page: string, heading: string): Record<string, string>[] {
  const section = page.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  const lines = section.split('\n').filter((l) => l.startsWith('| '));
  const cells = (line: string) => line.slice(2, -2).split(' | ');
  const header = cells(lines[0] ?? '| |');
  return lines.slice(2).map((line) => Object.fromEntries(cells(line).map((cell, i) => [header[i] as string, cell])));
}

describe('docs pages', () => {
  it('keep the API version and the image of a call apart, the same way on component and system pages', async () => {
    const docs = buildDocs(await demoSnapshot(), { svg: false });
    const calls = tableUnder(docs.files.get('components/checkout.md') as string, 'Calls');
    const queue = calls.find((row) => row.Service === 'order-events');
    expect(queue).toMatchObject({ Version: '', Image: '`bitnami/kafka:3.7.0`' });
    expect(calls.find((row) => row.Service?.startsWith('[orders]'))).toMatchObject({ Version: '`1.8.0`', Image: '' });
    const out = tableUnder(docs.files.get('systems/commerce.md') as string, 'Calls out of the system');
    const fromCheckout = out.find((row) => row.From?.startsWith('[checkout]') && row.To === 'order-events');
    expect(fromCheckout).toMatchObject({ Version: '', Image: '`bitnami/kafka:3.7.0`' });
    // No column of empty cells where no call has an image.
    expect(
      Object.keys(tableUnder(docs.files.get('systems/commerce.md') as string, 'Calls into the system')[0] ?? {}),
    ).not.toContain('Image');
  });
});

describe('docs of a large organisation', () => {
  it('shows the systems overview, splits big systems into parts, and keeps every diagram under the limits', async () => {
    const { snapshot } = await largeOrg();
    const docs = buildDocs(snapshot, { svg: false });
    expect(brokenLinks(docs.files)).toEqual([]);
    const index = docs.files.get('index.md') as string;
    expect(index).toContain('overview of the systems');
    expect(docs.files.has('overview.mmd')).toBe(true);
    expect(docs.files.has('architecture.mmd')).toBe(false);
    expect(docs.files.get('systems/platform.md')).toMatch(/### System platform, part 1 of \d+/);
    expect(docs.notes.some((n) => n.startsWith('the organisation diagram has'))).toBe(true);
    const components = snapshot.nodes.filter((n) => n.type === 'component');
    expect([...docs.files.keys()].filter((f) => /^components\/[^/]+\.md$/.test(f)).length).toBe(components.length);
    for (const d of docs.diagrams) expect(d.mermaid.length, d.name).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
  });

  it('adds the pages other parts of depmap give it, and draws their diagrams', async () => {
    const snapshot = await demoSnapshot();
    const docs = buildDocs(snapshot, {
      svg: false,
      extraPages: [
        {
          path: 'timeline.md',
          title: 'Timeline',
          summary: 'what changed, month by month',
          render: (ctx) =>
            `# Timeline\n\n${ctx.diagram('timeline', 'timeline\n  2024-06 : checkout calls payments', 'Timeline')}\n`,
          files: new Map([['timeline.json', '[]\n']]),
        },
      ],
    });
    expect(docs.files.get('index.md')).toContain('## More\n\n- [Timeline](timeline.md): what changed, month by month');
    expect(docs.files.get('timeline.md')).toContain('```mermaid\ntimeline\n');
    expect(docs.files.get('timeline.mmd')).toBe('timeline\n  2024-06 : checkout calls payments');
    expect(docs.files.get('timeline.json')).toBe('[]\n');
    expect(docs.diagrams.map((d) => d.name)).toContain('timeline');
  });
});
