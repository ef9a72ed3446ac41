import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, testDir } from '../helpers/fs.js';
import { cycloneDx16Validator } from './cyclonedx-schema.js';

describe('depmap export', () => {
  it('crawls sources and writes a schema-valid CycloneDX BOM to stdout', async () => {
    const result = await runCli(['export', '--format', 'cyclonedx', 'fixtures/demo-org/*', '--name', 'demo']);
    expect(result.code).toBe(0);
    const bom = JSON.parse(result.stdout) as { metadata: { component: { name: string } }; services: unknown[] };
    expect(cycloneDx16Validator()(bom)).toBe(true);
    expect(bom.metadata.component.name).toBe('demo');
    expect(bom.services).toHaveLength(20);
  });

  it('reads a snapshot and writes --out atomically; the same graph gives the same bytes', async () => {
    const dir = tempDir();
    const scan = await runCli(['scan', path.resolve('fixtures/demo-org') + '/*', '--out', 'graph.json', '--quiet'], {
      cwd: dir,
    });
    expect(scan.code).toBe(0);
    const first = await runCli(
      [
        'export',
        '-f',
        'backstage',
        '--snapshot',
        'graph.json',
        '--out',
        'out/catalog-info.yaml',
        '--owner',
        'group:platform',
      ],
      { cwd: dir },
    );
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toBe('depmap: wrote out/catalog-info.yaml (backstage)\n');
    const text = readFileSync(path.join(dir, 'out/catalog-info.yaml'), 'utf8');
    expect(text).toContain('kind: Component');
    const again = await runCli(['export', '-f', 'backstage', '--snapshot', 'graph.json', '--owner', 'group:platform'], {
      cwd: dir,
    });
    expect(again.stdout).toBe(text);
    const dsl = await runCli(['export', '-f', 'structurizr', '--snapshot', 'graph.json', '-o', '-'], { cwd: dir });
    expect(dsl.stdout).toMatch(/^workspace "system" /);
  });

  it('a BOM exported by depmap, imported with { from: }, keeps unpinned ranges unpinned', async () => {
    const dir = tempDir();
    expect(
      (
        await runCli(['export', '--format', 'cyclonedx', path.resolve('fixtures/demo-org'), '--out', 's.cdx.json'], {
          cwd: dir,
        })
      ).code,
    ).toBe(0);
    writeFileSync(
      path.join(dir, 'depmap.yaml'),
      'depmap: 1\nname: consumer\nkind: service\nlibraries:\n  - { from: s.cdx.json }\n',
    );
    const check = await runCli(['check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /^s\.cdx\.json\n {2}s\.cdx\.json:\d+:1 {2}error {2}unpinned {2}pkg:npm\/lodash: "\^4\.17\.21" is a caret range\n/,
    );
    expect(check.stdout).toContain('depmap check: 1 error, 0 warnings in 1 manifest;');
  });

  it('exits 1 when a crawled repo is broken, after writing the export of the rest', async () => {
    const dir = testDir({
      'good/depmap.yaml': 'depmap: 1\nname: good\nkind: service\n',
      'bad/depmap.yaml': 'depmap: 1\nname: bad\nkind: nonsense\n',
    });
    const result = await runCli(['export', '-f', 'structurizr', 'good', 'bad'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('s_good = softwareSystem "good"');
    expect(result.stderr).toContain('repo bad failed');
  });

  it('usage errors exit 2 with a hint', async () => {
    const missing = await runCli(['export', 'fixtures/demo-org/*']);
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'depmap: --format is required\n  hint: one of cyclonedx, backstage, structurizr, spdx\n',
    });
    const wrong = await runCli(['export', '--format', 'graphml']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Allowed choices are cyclonedx, backstage, structurizr, spdx');
    const created = await runCli(['export', '-f', 'spdx', 'fixtures/demo-org/*', '--created', '2026-12-06 18:00']);
    expect(created).toMatchObject({ code: 2 });
    expect(created.stderr).toContain('--created 2026-12-06 18:00 is not a time SPDX takes');
    const stamped = await runCli(['export', '-f', 'spdx', 'fixtures/demo-org/*', '--created', '2026-12-06T18:00:00Z']);
    expect(stamped.code).toBe(0);
    expect(stamped.stdout).toContain('"created": "2026-12-06T18:00:00Z"');
    const both = await runCli(['export', '-f', 'cyclonedx', 'x', '--snapshot', 'graph.json']);
    expect(both).toMatchObject({ code: 2 });
    expect(both.stderr).toContain('give sources or --snapshot, not both');
  });

  it('has examples in its help', async () => {
    const help = await runCli(['export', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:\n  $ depmap export --format cyclonedx');
  });
});
