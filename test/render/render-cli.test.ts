import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { READABLE_EDGES } from '../../src/render/plan.js';
import { findBrowser } from '../../src/render/svg.js';
import { tempDir } from '../helpers/fs.js';
import { GOLDEN, largeOrg, ROOT } from './orgs.js';

const golden = (file: string) => readFileSync(path.join(GOLDEN, file), 'utf8');
const withBrowser = findBrowser() || process.env.DEPMAP_REQUIRE_BROWSER === '1' ? it : it.skip;

describe('depmap render', () => {
  it('prints the architecture of a small organisation as one Mermaid flowchart', async () => {
    const result = await runCli(['render', 'fixtures/demo-org', '-q'], { cwd: ROOT });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(golden('demo-org/architecture.mmd'));
  });

  it('draws a focus, a system and a library view in each format', async () => {
    const focus = await runCli(['render', 'fixtures/demo-org', '-q', '--focus', 'orders', '--format', 'dot'], {
      cwd: ROOT,
    });
    expect(focus.stdout).toBe(golden('demo-org/focus-orders.dot'));
    const system = await runCli(
      ['render', 'fixtures/demo-org', '-q', '--system', 'commerce', '--style', 'architecture'],
      { cwd: ROOT },
    );
    expect(system.stdout).toBe(golden('demo-org/beta/system-commerce.mmd'));
    const libraries = await runCli(
      ['render', 'fixtures/demo-org', '-q', '--view', 'libraries', '--focus', 'web-shop'],
      { cwd: ROOT },
    );
    expect(libraries.stdout).toBe(golden('demo-org/libraries-web-shop.mmd'));
    const json = await runCli(['render', 'fixtures/demo-org', '-q', '--format', 'json'], { cwd: ROOT });
    expect(JSON.parse(json.stdout).nodes.length).toBeGreaterThan(15);
  });

  it('reads a snapshot as well as sources', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'graph.json');
    expect((await runCli(['scan', 'fixtures/demo-org', '-q', '--out', file], { cwd: ROOT })).code).toBe(0);
    const result = await runCli(['render', '--snapshot', file, '--view', 'overview'], { cwd: ROOT });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(golden('demo-org/overview.mmd'));
  });

  it('says what is wrong with a view request (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['--system', 'comerce'], /no system named "comerce"\n {2}hint: did you mean "commerce"\?/],
      [['--focus', 'ordres'], /no node named "ordres"/],
      [['--view', 'libraries'], /--view libraries needs --focus <node>/],
      [['--view', 'libraries', '--focus', 'orders-db'], /needs a component; orders-db is not one/],
      [['--format', 'dot', '--style', 'architecture'], /--style architecture is a Mermaid syntax/],
      [['--view', 'overview', '--system', 'commerce'], /--system does not apply to --view overview/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['render', 'fixtures/demo-org', '-q', ...args], { cwd: ROOT });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    }
  });

  it('needs --out for a view split into several diagrams, and says what was split', async () => {
    const { dir } = await largeOrg();
    const stdout = await runCli(['render', 'large-org', '-q'], { cwd: dir });
    expect(stdout.code).toBe(2);
    expect(stdout.stderr).toMatch(/the organisation diagram has 1,\d{3} edges/);
    expect(stdout.stderr).toMatch(/this view is \d+ diagrams, and stdout takes one\n {2}hint: give --out <dir>/);

    const out = path.join(tempDir(), 'diagrams');
    const result = await runCli(['render', 'large-org', '-q', '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/system platform: .* split into \d+ parts/);
    const files = readdirSync(out).sort();
    expect(files).toContain('overview.mmd');
    expect(files.filter((f) => f.startsWith('system-platform-part-')).length).toBeGreaterThan(1);
    for (const file of files) expect(readFileSync(path.join(out, file), 'utf8')).toBe(golden(`large-org/${file}`));
  });

  it('draws the whole view in DOT, which has no limits', async () => {
    const { dir } = await largeOrg();
    const result = await runCli(['render', 'large-org', '-q', '--format', 'dot'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l.includes(' -> ')).length).toBeGreaterThan(1000);
  });

  it('fails SVG with an install hint when there is no browser', async () => {
    const result = await runCli(['render', 'fixtures/demo-org', '-q', '--format', 'svg'], {
      cwd: ROOT,
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /SVG needs Chrome or Chromium, and PUPPETEER_EXECUTABLE_PATH names \/nonexistent\/chrome, which does not exist\n {2}hint: install Chromium/,
    );
  });

  withBrowser(
    'prints one SVG, or writes one per diagram',
    async () => {
      const result = await runCli(['render', 'fixtures/demo-org', '-q', '--focus', 'checkout', '--format', 'svg'], {
        cwd: ROOT,
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^<svg [^>]*>/);
      expect(result.stdout).toContain('payments');
      const out = tempDir();
      const files = await runCli(
        ['render', 'fixtures/demo-org', '-q', '--system', 'commerce', '--format', 'svg', '--out', out],
        { cwd: ROOT },
      );
      expect(files.code).toBe(0);
      expect(readdirSync(out)).toEqual(['system-commerce.svg']);
    },
    120_000,
  );

  withBrowser(
    'counts the SVGs it draws on a terminal, and only there: stdout holds the SVG alone',
    async () => {
      const args = ['render', 'fixtures/demo-org', '--focus', 'checkout', '--format', 'svg'];
      const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' };
      const tty = await runCli(args, { cwd: ROOT, env, stderrIsTTY: true });
      expect(tty.code).toBe(0);
      expect(tty.stderr).toContain('\r\x1b[2Kdrawing SVGs ░░░░░░░░░░░░░░░░░░░░░░░░ 0/1');
      expect(tty.stderr).toContain('\r\x1b[2Kdrawing SVGs ████████████████████████ 1/1 focus-checkout');
      expect(tty.stdout).toMatch(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);
      for (const extra of [[], ['-q']]) {
        const quiet = await runCli([...args, ...extra], { cwd: ROOT, env, stderrIsTTY: extra.length > 0 });
        expect(quiet.stderr).not.toContain('drawing SVGs');
      }
    },
    120_000,
  );

  it('has examples in its help', async () => {
    const result = await runCli(['render', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('--focus <node>');
  });

  it('states the default edge budget it splits at', async () => {
    const help = (await runCli(['render', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`(default ${READABLE_EDGES};`);
    expect(help).toContain(`Over ${READABLE_EDGES} edges it is split`);
  });

  it('describes unresolved services as they are drawn: calls to them dotted in Mermaid and DOT', async () => {
    const help = (await runCli(['render', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('unresolved services red with a dashed outline, calls to them dotted');
    expect(help).not.toContain('unresolved services red and dashed');
    const mermaid = golden('demo-org/architecture.mmd');
    expect(mermaid).toContain('n_web_shop -.->|"http 1.0.0"| n_recommendations');
    expect(mermaid).toMatch(/classDef unresolved [^\n]*stroke-dasharray/);
    expect(golden('demo-org/architecture.dot')).toContain(
      '"n_web_shop" -> "n_recommendations" [label="http 1.0.0", style="dotted"]',
    );
  });
});
