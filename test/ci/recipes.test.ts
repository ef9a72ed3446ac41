/**
 * The CI recipes as they run: the GitHub Action (action.yml, checked against the action
 * schema, its `run` steps executed as the runner would, with bash -eo pipefail and the
 * runner's files for outputs, PATH and the job summary) and the GitLab template (its script
 * run in a merge-request checkout), both on a real pull request: a shallow clone of a branch
 * that adds a dependency its base did not have, against the packed package.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateAction } from '@action-validator/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../helpers/fs.js';
import { commit, git, initRepo } from '../helpers/git.js';
import { packTarball } from '../helpers/pack.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let tarball = '';
beforeAll(() => {
  tarball = packTarball().tarball;
}, 120_000);

const MANIFEST = (libraries: string[]) =>
  `depmap: 1\nname: shop\nkind: service\nlibraries:\n${libraries.map((l) => `  - ${l}`).join('\n')}\n`;

/**
 * A pull request: `origin` (bare) with main at `base`, the branch `feature` at `head`, and a
 * shallow clone of feature as CI checks it out. Returns the clone.
 */
function pullRequest(base: Record<string, string> | undefined, head: Record<string, string>): string {
  const dir = tempDir('depmap-pr-');
  const work = initRepo(path.join(dir, 'work'));
  commit(work, { files: base ?? { 'README.md': 'no manifest yet\n' }, message: 'base' }, 0);
  git(work, ['checkout', '-q', '-b', 'feature']);
  commit(work, { files: head, message: 'feature' }, 1);
  const origin = path.join(dir, 'origin.git');
  git(dir, ['clone', '-q', '--bare', work, origin]);
  const clone = path.join(dir, 'clone');
  git(dir, ['clone', '-q', '--depth=1', '--branch', 'feature', `file://${origin}`, clone]);
  return clone;
}

interface Step {
  name?: string;
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

function bash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // As the runner runs a `shell: bash` step.
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
      { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Runs the action's `run` steps in `repo` as a runner would; returns each step's result and the outputs. */
async function runAction(repo: string, given: Record<string, string>, event: { baseRef?: string } = {}) {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  const runner = tempDir('depmap-runner-');
  const files = {
    GITHUB_OUTPUT: path.join(runner, 'output'),
    GITHUB_PATH: path.join(runner, 'path'),
    GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const temp = path.join(runner, 'temp');
  mkdirSync(temp);
  const outputs = new Map<string, Record<string, string>>();
  const results: { name: string; code: number; stdout: string; stderr: string }[] = [];
  const expand = (text: string) =>
    text
      .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => inputs[name] ?? '')
      .replace(/\$\{\{\s*github\.action_path\s*\}\}/g, ROOT)
      .replace(
        /\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g,
        (_m, id: string, key: string) => outputs.get(id)?.[key] ?? '',
      );
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    expect(step.shell, `${step.name}: a composite step names its shell`).toBe('bash');
    const extraPath = readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...files,
      PATH: [...extraPath, process.env.PATH].join(path.delimiter),
      RUNNER_TEMP: temp,
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_BASE_REF: event.baseRef ?? '',
      npm_config_cache: path.join(runner, 'npm-cache'),
      NO_COLOR: '1',
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v);
    writeFileSync(files.GITHUB_OUTPUT, '');
    const cwd = path.resolve(repo, expand(step['working-directory'] ?? '.'));
    const result = await bash(expand(step.run), cwd, env);
    results.push({ name: step.name ?? '', ...result });
    const written = readFileSync(files.GITHUB_OUTPUT, 'utf8');
    outputs.set(
      step.id ?? '',
      Object.fromEntries(
        written
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      ),
    );
    if (result.code !== 0) break;
  }
  return { results, outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'), temp };
}

describe('the GitHub Action', () => {
  it('is a valid action: its metadata passes the action schema, and it uploads SARIF with a pinned action', () => {
    const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    expect(validateAction(text).errors).toEqual([]);
    const action = parse(text) as Action;
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps)
      if (step.uses) expect(step.uses, 'third-party actions are pinned to a commit').toMatch(/@[0-9a-f]{40}$/);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['base', 'policy', 'formats']));
  });

  it('installs the depmap of its own release, as the GitLab template and the docs do', () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
    expect(action.inputs.package?.default).toBe(`depmap-cli@${version}`);
    const template = parse(readFileSync(path.join(ROOT, 'ci/gitlab/depmap.gitlab-ci.yml'), 'utf8')) as Record<
      string,
      { variables?: Record<string, string> }
    >;
    expect(template['.depmap-check']?.variables?.DEPMAP_PACKAGE).toBe(`depmap-cli@${version}`);
    expect(readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8')).toContain(
      `--package=depmap-cli@${version} depmap check`,
    );
  });

  it('on a pull request that adds a dependency: annotations, SARIF, the job summary, and a failing job', async () => {
    const repo = pullRequest(
      { 'depmap.yaml': MANIFEST(['pkg:npm/express@4.19.2']) },
      { 'depmap.yaml': MANIFEST(['pkg:npm/express@4.19.2', 'pkg:npm/left-pad@1.3.0']) },
    );
    const { results, outputs, summary } = await runAction(repo, { package: tarball }, { baseRef: 'main' });
    expect(results.map((r) => r.name)).toEqual(['Install depmap', 'depmap check']);
    expect(results[0]?.code, results[0]?.stderr).toBe(0);
    const check = results[1] as { code: number; stdout: string; stderr: string };
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toMatch(
      /^::error file=depmap\.yaml,line=6,col=5,title=depmap new-dependency::new dependency pkg:npm\/left-pad@1\.3\.0/m,
    );
    const sarif = outputs.get('check')?.['sarif-file'] as string;
    expect(existsSync(sarif)).toBe(true);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(['new-dependency']);
    expect(summary).toContain('## depmap check');
    expect(summary).toContain('left-pad');
    // The picture of the change against the base branch, drawn by GitHub from the job summary.
    expect(summary).toContain('### The architecture against `origin/main`');
    expect(summary).toMatch(
      /```mermaid\n---\n[\s\S]*?\n---\nflowchart LR\n[\s\S]*==>\|"1\.3\.0"\| nx_pkg_npm_left_pad_[0-9a-f]{8}\n[\s\S]*```/,
    );
  }, 300_000);

  it('on a pull request that changes nothing new: the job passes', async () => {
    const repo = pullRequest(
      { 'depmap.yaml': MANIFEST(['pkg:npm/express@4.19.2']) },
      { 'depmap.yaml': MANIFEST(['pkg:npm/express@4.19.2']), 'src.txt': 'x' },
    );
    const { results } = await runAction(repo, { package: tarball }, { baseRef: 'main' });
    expect(results[1]?.code, results[1]?.stderr).toBe(0);
    expect(results[1]?.stdout).toContain('depmap check: no violations');
  }, 300_000);

  it('on the pull request that adopts depmap (no manifest at the base): one notice, no flood of new dependencies', async () => {
    const repo = pullRequest(undefined, {
      'depmap.yaml': MANIFEST(['pkg:npm/express@4.19.2', 'pkg:npm/left-pad@1.3.0', 'pkg:npm/lodash@4.17.21']),
    });
    const { results } = await runAction(repo, { package: tarball }, { baseRef: 'main' });
    const check = results[1] as { code: number; stdout: string };
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/^::(error|warning) /m);
    expect(check.stdout.match(/^::notice /gm)?.length).toBe(1);
    expect(check.stdout).toMatch(/^::notice [^\n]*::[^\n]*had no depmap\.yaml/m);
  }, 300_000);

  it('refuses an unknown report format in its input with a clear annotation', async () => {
    const repo = pullRequest({ 'depmap.yaml': MANIFEST([]) }, { 'depmap.yaml': MANIFEST([]) });
    const { results } = await runAction(repo, { package: tarball, formats: 'github,sarf' }, { baseRef: 'main' });
    expect(results[1]?.code).toBe(2);
    expect(results[1]?.stdout).toContain('::error title=depmap::unknown report format "sarf"');
  }, 300_000);
});

describe('the GitLab CI template', () => {
  it('is an includable template: a hidden job to extend and a merge-request job', () => {
    const template = parse(readFileSync(path.join(ROOT, 'ci/gitlab/depmap.gitlab-ci.yml'), 'utf8')) as Record<
      string,
      { extends?: string; script?: string[]; rules?: unknown[]; artifacts?: { reports?: { junit?: string } } }
    >;
    expect(template['.depmap-check']?.artifacts?.reports?.junit).toBe('depmap-junit.xml');
    expect(template.depmap?.extends).toBe('.depmap-check');
    expect(JSON.stringify(template.depmap?.rules)).toContain('merge_request_event');
  });

  it('runs its script in a merge request: the JUnit report says what is new, and the job fails', async () => {
    const repo = pullRequest(
      { 'depmap.yaml': MANIFEST(['pkg:npm/express@4.19.2']) },
      { 'depmap.yaml': MANIFEST(['pkg:npm/express@4.19.2', 'pkg:npm/left-pad@1.3.0']) },
    );
    const template = parse(readFileSync(path.join(ROOT, 'ci/gitlab/depmap.gitlab-ci.yml'), 'utf8')) as Record<
      string,
      { variables: Record<string, string>; script: string[] }
    >;
    const job = template['.depmap-check'] as { variables: Record<string, string>; script: string[] };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...job.variables,
      DEPMAP_PACKAGE: tarball,
      CI_PROJECT_DIR: repo,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_PIPELINE_SOURCE: 'merge_request_event',
      npm_config_cache: path.join(tempDir(), 'npm-cache'),
      NO_COLOR: '1',
    };
    const result = await bash(job.script.join('\n'), repo, env);
    expect(result.code, result.stderr).toBe(1);
    const junit = readFileSync(path.join(repo, 'depmap-junit.xml'), 'utf8');
    expect(junit).toMatch(
      /<testcase name="new-dependency"[^>]*>\s*<failure message="new dependency pkg:npm\/left-pad@1\.3\.0/,
    );
  }, 300_000);
});
