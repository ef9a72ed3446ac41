/**
 * depmap.config.yaml: the sources of a crawl and its settings, validated with zod and
 * reported at file:line:col like manifests, every problem at once. The `policy:` section
 * belongs to `depmap check`, which validates it with the positions kept here.
 */
import { existsSync } from 'node:fs';
import { readInputFile } from '../io/read-file.js';
import path from 'node:path';
import { array, number, strictObject, string, union, unknown, enum as zEnum } from 'zod';
import { atLocation, ConfigError, isDepmapError, type Location } from '../errors.js';
import { loadYamlBytes, MAX_YAML_BYTES, type LoadedYaml } from '../manifest/load-yaml.js';
import { explainIssues, formatPath, valueAt, type IssueDialect } from '../manifest/zod-issues.js';
import { looksLikeGitUrl, parseGitUrl } from './git-url.js';

const sourceSchema = union([
  string().min(1),
  strictObject({ url: string().min(1), ref: string().min(1).optional() }),
  strictObject({ path: string().min(1) }),
]);

const configSchema = strictObject({
  $schema: string().optional(),
  sources: array(sourceSchema)
    .superRefine((list, ctx) => {
      if (list.length === 0)
        ctx.addIssue({
          code: 'custom',
          message: 'the list is empty',
          params: { hint: 'list folders, globs or git URLs, or remove the field to crawl the current folder' },
        });
    })
    .optional()
    .meta({ description: 'Folders, globs of folders, or git URLs (url + ref).' }),
  cacheDir: string()
    .min(1)
    .optional()
    .meta({ description: 'Where git URLs are cloned (default: ~/.cache/depmap/repos).' }),
  concurrency: number().int().min(1).max(256).optional(),
  docker: zEnum(['exact', 'digest'])
    .optional()
    .meta({ description: 'How images must be pinned: a specific tag, or a digest.' }),
  composeFiles: array(string().min(1).max(500)).max(50).optional().meta({
    description:
      'With --discover: compose files outside the default project to read as layers, relative to each repo (as --compose-file).',
  }),
  policy: unknown().optional().meta({ description: 'The policy of `depmap check` (see depmap.policy.yaml).' }),
});

export interface DepmapConfig {
  file: string;
  /** Sources as strings, relative paths resolved against the config's folder. */
  sources: string[];
  /** Where each source is written in the config, so a refused one is reported there. */
  sourceAt: Map<string, Location>;
  cacheDir?: string;
  concurrency?: number;
  docker?: 'exact' | 'digest';
  /** Compose files outside the default project that discovery reads (repo-relative). */
  composeFiles?: string[];
  /** The raw `policy:` value and where it sits, for the policy loader. */
  policy?: { value: unknown; yaml: LoadedYaml; path: readonly PropertyKey[] };
}

/** The names a config file may have, in the order they are looked for. */
const CONFIG_NAMES = ['depmap.config.yaml', 'depmap.config.yml'] as const;

/**
 * The config file that applies in `cwd`: in it, else in the nearest folder above it up to
 * the top of its git checkout (as eslint and prettier look), else none. Two names in one
 * folder are an error: which one wins would be a guess.
 */
export async function findConfig(cwd: string): Promise<string | undefined> {
  const { findRepoRoot } = await import('./git-head.js');
  const top = (await findRepoRoot(cwd)) ?? path.resolve(cwd);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const found = CONFIG_NAMES.map((name) => path.join(dir, name)).filter((file) => existsSync(file));
    if (found.length > 1) {
      throw new ConfigError(`two config files: ${found.map((f) => path.relative(cwd, f) || f).join(' and ')}`, {
        hint: 'keep one of them, or choose with --config',
      });
    }
    if (found[0]) return path.relative(cwd, found[0]) || path.basename(found[0]);
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

/** `found`: the file was looked up (not given with --config), so the hint says so. */
export async function loadConfig(file: string, cwd: string, found = false): Promise<DepmapConfig> {
  const abs = path.resolve(cwd, file);
  const bytes = await readInputFile(
    abs,
    file,
    'config',
    MAX_YAML_BYTES,
    found
      ? 'depmap reads the config file it finds in the working folder or above it: fix or remove that one, or give another with --config'
      : 'check the path given to --config',
  );
  const loaded = loadYamlBytes(bytes, file);
  if (!loaded.ok) throw new InvalidConfigError(loaded.problems);
  const yaml = loaded.yaml;
  const parsed = configSchema.safeParse(yaml.value);
  if (!parsed.success) {
    throw new InvalidConfigError(
      explainIssues(parsed.error.issues, yaml.value, configIssues)
        .map((p) => {
          const field = formatPath(p.path) || 'config';
          // An unknown field's message names it already, as does "x is empty".
          const named = p.key || p.message.startsWith(`${field} `);
          return {
            file,
            ...yaml.positionOf(p.path, { key: p.key }),
            message: named ? p.message : `${field}: ${p.message}`,
            hint: p.hint,
          };
        })
        .sort((a, b) => a.line - b.line || a.col - b.col),
    );
  }
  const dir = path.dirname(abs);
  const sourceAt = new Map<string, Location>();
  const sources = (parsed.data.sources ?? []).map((s, i) => {
    const source =
      typeof s === 'string'
        ? resolveSource(s, dir)
        : 'url' in s
          ? s.ref
            ? `${s.url}#${s.ref}`
            : s.url
          : resolveSource(s.path, dir);
    const at: Location = {
      file,
      ...yaml.positionOf(typeof s === 'string' ? ['sources', i] : ['sources', i, 'url' in s ? 'url' : 'path']),
    };
    sourceAt.set(source, at);
    // A URL git must never see is refused here, at its line, before anything is crawled.
    if (looksLikeGitUrl(source) || source.startsWith('-')) {
      try {
        parseGitUrl(source);
      } catch (error) {
        throw isDepmapError(error) ? atLocation(error, at) : error;
      }
    }
    return source;
  });
  const config: DepmapConfig = { file, sources, sourceAt };
  if (parsed.data.cacheDir) config.cacheDir = path.resolve(dir, parsed.data.cacheDir);
  if (parsed.data.concurrency) config.concurrency = parsed.data.concurrency;
  if (parsed.data.docker) config.docker = parsed.data.docker;
  if (parsed.data.composeFiles) config.composeFiles = parsed.data.composeFiles;
  if (parsed.data.policy !== undefined) config.policy = { value: parsed.data.policy, yaml, path: ['policy'] };
  return config;
}

function resolveSource(source: string, dir: string): string {
  // URLs (refused later if unsafe, like any other) and home-relative paths are left as written.
  if (looksLikeGitUrl(source) || source.startsWith('~')) return source;
  return path.resolve(dir, source);
}

/** A config that cannot be used: every problem in it, each at file:line:col with its hint. */
class InvalidConfigError extends ConfigError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const first = problems[0] as ConfigProblem;
    super(first.message, options(first));
    this.problems = problems;
  }

  override describe(): string {
    if (this.problems.length === 1) return super.describe();
    const lines = this.problems.map((p) => new ConfigError(p.message, options(p)).describe());
    return `invalid config\n${lines.join('\n')}`;
  }
}

interface ConfigProblem {
  file: string;
  line: number;
  col: number;
  message: string;
  hint?: string | undefined;
}

function options(p: ConfigProblem): { location: Location; hint?: string } {
  const location = { file: p.file, line: p.line, col: p.col };
  return p.hint ? { location, hint: p.hint } : { location };
}

const [, urlSource, pathSource] = sourceSchema.options;
const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How zod's issues read in a config: a source is a folder or URL, `{ url, ref }` or `{ path }`. */
const configIssues: IssueDialect = {
  keysAt(at, root) {
    if (at.length === 0) return Object.keys(configSchema.shape);
    if (at.length === 2 && at[0] === 'sources') {
      const entry = valueAt(root, at);
      return Object.keys((isMapping(entry) && 'path' in entry ? pathSource : urlSource).shape);
    }
    return [];
  },
  // Indexes follow the order of the options of sourceSchema.
  unionBranch: (_at, value) =>
    typeof value === 'string' ? 0 : isMapping(value) ? ('path' in value ? 2 : 1) : undefined,
  invalidEntry: (at) =>
    at[0] === 'sources'
      ? {
          message: 'a source is a folder, a glob of folders or a git URL, { url, ref } or { path }',
          hint: 'e.g. - ./repos/* or - { url: https://github.com/acme/shop.git, ref: main }',
        }
      : undefined,
  requiredHint: (name) =>
    name === 'url'
      ? 'e.g. url: https://github.com/acme/shop.git'
      : name === 'path'
        ? 'e.g. path: ./repos/shop'
        : undefined,
};
