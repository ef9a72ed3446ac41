/**
 * Output injection: an organisation whose manifests carry hostile text in every free field
 * (owner, description, tags, links, versions, images, URLs, library names), in folder names,
 * and in git commit subjects and authors. Every command and every output format is run on it;
 * what it writes is checked per format (checks.ts), and stdout and stderr by the harness.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { findBrowser } from '../../src/render/find-browser.js';
import { writeTree } from '../helpers/fs.js';
import { checkFile, checkTree } from './checks.js';
import { parseAllDocuments } from 'yaml';
import { HOSTILE, hostile } from './corpus.js';
import { GOOD, hostileHistory, hostileOrg } from './hostile-org.js';
import { BIN, runRows, type Row, type Run } from './harness.js';

/** Checks each listed output (relative to the case) by its format; folders file by file. */
function outputs(files: string[], min = 1): Row['then'] {
  return async (_run: Run, dir: string) => {
    let checked = 0;
    for (const file of files) {
      const [name, format] = file.split('=') as [string, string | undefined];
      const full = path.join(dir, name);
      if (name.endsWith('/')) checked += await checkTree(full);
      else {
        await checkFile(full, format);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(min);
    // The hostile text did reach the output (escaped): the checks above had something to check.
    const all = files
      .map((f) => f.split('=')[0] as string)
      .flatMap((f) => (f.endsWith('/') ? textsUnder(path.join(dir, f)) : [readFileSync(path.join(dir, f), 'utf8')]));
    expect(
      all.some((t) => t.includes('INJECTED')),
      'no hostile text reached the outputs',
    ).toBe(true);
  };
}

function textsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

/** stdout or stderr carried the hostile text (escaped), so the stream checks had something to check. */
const carries: Row['then'] = (run) => expect(`${run.stdout}${run.stderr}`).toContain('INJECTED');

const withBrowser = () =>
  findBrowser(process.env) || process.env.DEPMAP_REQUIRE_BROWSER === '1' ? undefined : 'no Chrome or Chromium';

function orgRow(
  name: string,
  args: string[],
  code: number | number[],
  then: Row['then'] = carries,
  extra: Partial<Row> = {},
): Row {
  return { name, setup: (dir) => (hostileOrg(dir), { args }), code, then, ...extra };
}

const rows: Row[] = [
  orgRow('validate: text', ['validate', 'org'], 0),
  orgRow(
    'validate: json',
    ['validate', 'org', '--format', 'json'],
    0,
    (run, dir) => (JSON.parse(run.stdout), carries(run, dir)),
  ),
  orgRow(
    'scan: the summary and warnings on stderr, the snapshot to a file',
    ['scan', 'org', '--out', 'g.json'],
    [0, 1],
    outputs(['g.json']),
    { mapped: { snapshot: 'g.json', components: ['evil', 'good', 'odd0', 'odd1', 'odd2'] } },
  ),
  orgRow('scan: the snapshot to stdout', ['scan', 'org', '--out', '-'], [0, 1], carries, {
    mapped: { snapshot: '-', components: ['evil', 'good'] },
  }),
  orgRow('list components', ['list', 'components', 'org'], [0, 1]),
  orgRow('list services', ['list', 'services', 'org'], [0, 1]),
  orgRow('list libraries', ['list', 'libraries', 'org'], [0, 1]),
  orgRow(
    'list libraries: json',
    ['list', 'libraries', 'org', '--format', 'json'],
    [0, 1],
    (run, dir) => (JSON.parse(run.stdout), carries(run, dir)),
  ),
  orgRow('impact', ['impact', 'evil', 'org'], [0, 1]),
  orgRow('deps', ['deps', 'evil', 'org'], [0, 1]),
  // Names are restricted by the spec: these answers carry none of the hostile text, only its streams' checks.
  orgRow('why', ['why', 'odd0', 'good', 'org'], [0, 1], () => undefined),
  orgRow('skew', ['skew', 'org'], [0, 1]),
  orgRow('cycles', ['cycles', 'org'], [0, 1], () => undefined),
  orgRow('check: text', ['check', 'org'], 1),
  orgRow(
    'check: json',
    ['check', 'org', '--format', 'json'],
    1,
    (run, dir) => (JSON.parse(run.stdout), carries(run, dir)),
  ),
  orgRow(
    'check: github annotations on stdout',
    ['check', 'org', '--format', 'github'],
    1,
    async (run, dir) => {
      const { checkGithub } = await import('./checks.js');
      checkGithub(run.stdout, 'stdout');
      expect(run.stdout).toMatch(/^::error /m);
      carries(run, dir);
    },
    { commandsAllowed: true },
  ),
  orgRow(
    'check: markdown on stdout',
    ['check', 'org', '--format', 'markdown'],
    1,
    async (run, dir) => ((await import('./checks.js')).checkMarkdown(run.stdout, 'stdout'), carries(run, dir)),
  ),
  orgRow(
    'check: junit on stdout',
    ['check', 'org', '--format', 'junit'],
    1,
    async (run, dir) => ((await import('./checks.js')).checkXml(run.stdout, 'stdout'), carries(run, dir)),
  ),
  orgRow(
    'check: every report to a file at once, and the job summary',
    [
      'check',
      'org',
      '--output',
      'sarif=out/r.sarif',
      '--output',
      'junit=out/r.xml',
      '--output',
      'markdown=out/r.md',
      '--output',
      'json=out/r.json',
      '--output',
      'github=out/r.github',
      '--output',
      'text=out/r.txt',
    ],
    1,
    outputs(['out/', 'summary.md=md'], 7),
    {
      setup: (dir) => (
        hostileOrg(dir),
        {
          args: [
            'check',
            'org',
            '--output',
            'sarif=out/r.sarif',
            '--output',
            'junit=out/r.xml',
            '--output',
            'markdown=out/r.md',
            '--output',
            'json=out/r.json',
            '--output',
            'github=out/r.github',
            '--output',
            'text=out/r.txt',
          ],
          env: { GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') },
        }
      ),
    },
  ),
  orgRow(
    'render: the flowchart of every system to a folder',
    ['render', 'org', '--out', 'out'],
    [0, 1],
    outputs(['out/']),
  ),
  // architecture-beta titles are names (restricted); escape.test.ts runs the corpus through its escaper.
  orgRow(
    'render: architecture-beta',
    ['render', 'org', '--style', 'architecture', '--out', 'out'],
    [0, 1],
    async (run, dir) => void (await checkTree(path.join(dir, 'out'))),
  ),
  orgRow(
    'render: a component focus with its libraries',
    ['render', 'org', '--focus', 'evil', '--libraries', '--out', 'out'],
    [0, 1],
    outputs(['out/']),
  ),
  orgRow(
    'render: the libraries view',
    ['render', 'org', '--view', 'libraries', '--focus', 'evil', '--out', 'out'],
    [0, 1],
    outputs(['out/']),
  ),
  orgRow('render: DOT', ['render', 'org', '--format', 'dot', '--out', 'out'], [0, 1], outputs(['out/'])),
  orgRow('render: JSON', ['render', 'org', '--format', 'json', '--out', 'out'], [0, 1], outputs(['out/'])),
  orgRow(
    'render: SVG in a real browser',
    ['render', 'org', '--format', 'svg', '--out', 'out'],
    [0, 1],
    outputs(['out/']),
    { unavailable: withBrowser, limit: 120_000 },
  ),
  orgRow(
    'docs: Markdown and Mermaid',
    ['docs', 'org', '--out', 'docs', '--no-svg', '--no-timeline'],
    [0, 1],
    outputs(['docs/'], 10),
  ),
  orgRow(
    'docs: with SVGs drawn in a real browser',
    ['docs', 'org', '--out', 'docs', '--no-timeline'],
    [0, 1],
    outputs(['docs/'], 10),
    { unavailable: withBrowser, limit: 180_000 },
  ),
  orgRow(
    'export: CycloneDX',
    ['export', '--format', 'cyclonedx', 'org', '--out', 'bom.cdx.json'],
    [0, 1],
    outputs(['bom.cdx.json']),
  ),
  orgRow(
    'export: Backstage',
    ['export', '--format', 'backstage', 'org', '--out', 'catalog.yaml'],
    [0, 1],
    async (run, dir) => {
      await outputs(['catalog.yaml'])?.(run, dir);
      const text = readFileSync(path.join(dir, 'catalog.yaml'), 'utf8');
      expect(text).not.toMatch(/(^|\n)INJECTED/);
      // Lossless: the description reads back exactly as the manifest wrote it.
      const evil = parseAllDocuments(text)
        .map((d) => d.toJS() as { kind: string; metadata: { name: string; description?: string } })
        .find((e) => e.kind === 'Component' && e.metadata.name === 'evil');
      expect(evil?.metadata.description).toBe(HOSTILE.join(' | ').slice(0, 2000));
    },
  ),
  orgRow(
    'export: Structurizr DSL',
    ['export', '--format', 'structurizr', 'org', '--out', 'workspace.dsl'],
    [0, 1],
    outputs(['workspace.dsl']),
  ),
  ...(['text', 'markdown', 'mermaid', 'json'] as const).map((format): Row => ({
    name: `diff of two snapshots: ${format}`,
    setup: (dir) => {
      writeTree(path.join(dir, 'before', 'good'), { 'depmap.yaml': GOOD });
      hostileOrg(dir);
      for (const [from, to] of [
        ['before', 'a.json'],
        ['org', 'b.json'],
      ])
        execFileSync(process.execPath, [BIN, 'scan', from as string, '--out', to as string, '-q'], {
          cwd: dir,
          stdio: 'ignore',
        });
      return {
        args: [
          'diff',
          'a.json',
          'b.json',
          '--format',
          format,
          '--out',
          `out/diff.${format === 'mermaid' ? 'mmd' : format === 'markdown' ? 'md' : format === 'text' ? 'txt' : 'json'}`,
        ],
      };
    },
    code: 0,
    then: outputs(['out/']),
  })),
  ...(['markdown', 'mermaid', 'json'] as const).map((format): Row => ({
    name: `timeline of hostile commits: ${format}`,
    setup: (dir) => {
      hostileHistory(dir);
      return {
        args: [
          'timeline',
          'hist',
          '--granularity',
          'commit',
          '--format',
          format,
          '--out',
          `out/t.${format === 'mermaid' ? 'mmd' : format === 'markdown' ? 'md' : 'json'}`,
        ],
      };
    },
    code: [0, 1],
    then: outputs(['out/']),
  })),
  {
    name: 'timeline of hostile commits: Markdown on stdout',
    setup: (dir) => (hostileHistory(dir), { args: ['timeline', 'hist', '--granularity', 'commit'] }),
    code: [0, 1],
    then: async (run, dir) => ((await import('./checks.js')).checkMarkdown(run.stdout, 'stdout'), carries(run, dir)),
  },
  {
    name: 'init: a package.json with hostile text gives a manifest that is plain YAML',
    setup: (dir) => {
      writeTree(path.join(dir, 'app'), {
        'package.json': JSON.stringify({
          name: 'app',
          description: hostile(0),
          author: hostile(10),
          dependencies: { left: hostile(2).slice(0, 50) },
        }),
      });
      mkdirSync(path.join(dir, 'out'));
      return { args: ['init', 'app', '--dry-run'] };
    },
    code: 0,
    then: async (run, dir) => ((await import('./checks.js')).checkYaml(run.stdout, 'stdout'), carries(run, dir)),
  },
];

describe('nothing from data is injected into any output', () => runRows(rows));
