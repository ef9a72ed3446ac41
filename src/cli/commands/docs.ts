/**
 * `depmap docs`: the architecture docs of the whole map, written as one folder that GitHub
 * and any Markdown site render as it is. Re-running replaces the folder in one step.
 */
import { terminalText } from '../../render/escape/index.js';
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { DepmapError, EXIT_ERROR, EXIT_FINDINGS, UsageError, errorMessage } from '../../errors.js';
import type { ExtraPage } from '../../render/docs/build-docs.js';
import type { Snapshot } from '../../graph/types.js';
import type { CliContext } from '../context.js';
import { addGraphInputOptions, type GraphInputOptions } from '../load-graph.js';
import { timelineDocsPage } from '../docs-timeline.js';
import { explorerDocsPage } from '../docs-explorer.js';
import { errnoCode } from '../../io/errno.js';
import { fileKind, readRegularFileSync } from '../../io/read-file.js';
import { writeError } from '../../io/write-file.js';
import { SVG_CACHE_FILE } from '../../render/svg-cache.js';

interface DocsOptions extends GraphInputOptions {
  out?: string;
  svg: boolean;
  timeline: boolean;
  explorer: boolean;
  force?: boolean;
  redraw?: boolean;
}

/** What a provider of extra pages gets: the graph and how the command was called. */
export interface DocsPageInput {
  snapshot: Snapshot;
  sources: readonly string[];
  options: GraphInputOptions;
  ctx: CliContext;
  /** True when the docs read the sources' git history (the timeline page is on). */
  history: boolean;
}

export type DocsPageProvider = (input: DocsPageInput) => Promise<ExtraPage[]>;

/**
 * Pages that other parts of depmap add to the docs (the history timeline goes here). Each
 * provider's pages are written with the others and listed on the index under "More".
 */
export const DOCS_PAGE_PROVIDERS: DocsPageProvider[] = [timelineDocsPage, explorerDocsPage];

/** The first line of index.md tells a docs folder from any other folder. */
const MARKER = '<!-- Written by `depmap docs`';

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('docs')
    .description('write architecture docs: Markdown pages, Mermaid and SVG diagrams, graph.json')
    .argument('[sources...]', "repos to crawl: folders, globs, git URLs (default: the config's sources, else .)")
    .option('-o, --out <dir>', 'the docs folder to write (replaced as a whole)')
    .option('--no-svg', 'do not draw SVGs (the pages then embed Mermaid, which GitHub draws)')
    .option('--no-timeline', 'no timeline page (it reads the git history of every source)')
    .option('--no-explorer', 'no explorer.html (the interactive map)')
    .option('--force', 'replace --out even when it is not a folder depmap docs wrote')
    .option('--redraw', "draw every SVG again instead of taking the last run's SVGs of unchanged diagrams");
  addGraphInputOptions(command);
  command.addHelpText(
    'after',
    `
Writes into --out:
  index.md            overview diagram, systems, components (kind, owner, repo), resources,
                      and warnings with counts: unpinned, unresolved, skew, cycles
  systems/<name>.md   a system's diagram, components, resources, calls across its border
  components/<n>.md   a component's neighbourhood diagram, what it provides, calls and is
                      called by (with versions), its libraries with versions and pin status
  warnings.md         every warning with where it is declared
  libraries.md        every library, the versions in use and who uses each
  timeline.md         every change over the git history of the sources (--no-timeline: none)
  explorer.html       the interactive map (as \`depmap explore\` writes it), with a time slider
                      when the timeline is read (--no-explorer: none)
  graph.json          the snapshot (as \`depmap scan --out\` writes it)
  *.mmd, *.svg        each diagram next to its page; SVGs need Chrome or Chromium, and
                      without one everything else is still written (the pages embed Mermaid)
  ${SVG_CACHE_FILE}
                      the key each SVG was drawn under: the next run draws only the
                      diagrams that changed and takes the others from this folder
                      (--redraw: all of them)

Links are relative, so the folder can live anywhere in a repo or a docs site. The folder is
replaced as a whole on every run; depmap refuses to replace a folder it did not write
unless --force is given.

Examples:
  $ depmap docs fixtures/demo-org --out docs/architecture
  $ depmap docs --config depmap.config.yaml --out docs/architecture --no-svg
  $ depmap docs --snapshot graph.json --out site/architecture`,
  );
  command.action(async (sources: string[], options: DocsOptions) => {
    ctx.exitCode = await runDocs(sources, options, ctx);
  });
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return true;
    throw writeError(dir, error, 'read');
  }
}

function wroteByDepmap(dir: string): boolean {
  try {
    return readRegularFileSync(path.join(dir, 'index.md'), 1 << 20)
      .toString('utf8')
      .includes(MARKER);
  } catch {
    return false;
  }
}

/** The docs folder is replaced whole: refuse anything whose loss would hurt. */
async function checkOutDir(
  out: string,
  sources: readonly string[],
  options: DocsOptions,
  ctx: CliContext,
): Promise<void> {
  const dir = path.resolve(ctx.cwd, out);
  const inside = (parent: string, child: string) => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const precious = [ctx.cwd, os.homedir(), path.parse(dir).root];
  for (const p of precious) {
    if (inside(dir, p))
      throw new UsageError(`refusing to replace ${out}: it holds ${p === ctx.cwd ? 'the current folder' : p}`, {
        hint: 'give a folder of its own, e.g. docs/architecture',
      });
  }
  for (const source of sources) {
    if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(source)) continue;
    const abs = path.resolve(ctx.cwd, source.replace(/[*?[].*$/, ''));
    if (inside(dir, abs))
      throw new UsageError(`refusing to replace ${out}: the source ${source} is inside it`, {
        hint: 'give a folder of its own, e.g. docs/architecture',
      });
  }
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw writeError(out, error);
  }
  if (!info.isDirectory())
    throw new UsageError(`${out} is ${fileKind(info)}, not a folder`, {
      hint: 'give the path of a folder for the docs',
    });
  if (options.force || (await isEmptyOrMissing(dir)) || wroteByDepmap(dir)) return;
  throw new UsageError(`refusing to replace ${out}: it has files, and depmap docs did not write it`, {
    hint: 'the docs folder is replaced as a whole; give an empty or new folder, or --force',
  });
}

export async function runDocs(sources: readonly string[], options: DocsOptions, ctx: CliContext): Promise<number> {
  if (!options.out)
    throw new UsageError('--out <dir> is required', { hint: 'e.g. depmap docs ./repos --out docs/architecture' });
  // A run killed while swapping the folder is finished first, whatever this run does next.
  const { recoverFolder } = await import('../../io/replace-dir.js');
  const recovered = await recoverFolder(path.resolve(ctx.cwd, options.out));
  if (recovered) ctx.stderr.write(`depmap: note: ${recovered}\n`);
  await checkOutDir(options.out, sources, options, ctx);
  const [{ loadGraph }, { reportScan }, { replaceDirAtomic }, { buildDocs }, { svgUnavailable }, { docsSvgs }] =
    await Promise.all([
      import('../load-graph.js'),
      import('../report-scan.js'),
      import('../../io/replace-dir.js'),
      import('../../render/docs/build-docs.js'),
      import('../../render/svg-step.js'),
      import('../docs-svgs.js'),
    ]);
  const { snapshot } = await loadGraph(sources, options, ctx);
  const { failed } = reportScan(snapshot, ctx, { quiet: true });
  const extraPages: ExtraPage[] = [];
  const providers = DOCS_PAGE_PROVIDERS.filter(
    (p) => (options.timeline || p !== timelineDocsPage) && (options.explorer || p !== explorerDocsPage),
  );
  for (const provide of providers)
    extraPages.push(...(await provide({ snapshot, sources, options, ctx, history: options.timeline })));

  let exitCode = failed > 0 ? EXIT_FINDINGS : 0;
  let svg = options.svg;
  const unavailable = svg ? await svgUnavailable(ctx.env) : undefined;
  if (unavailable) {
    ctx.stderr.write(
      `depmap: note: ${unavailable.reason}: the docs are written without SVGs (the pages embed Mermaid, which GitHub draws)\n  hint: ${unavailable.hint}\n`,
    );
    svg = false;
  }
  let docs = buildDocs(snapshot, { svg, extraPages });
  const files = new Map<string, string>(docs.files);
  let drawn: { drawn: number; reused: number } | undefined;
  if (svg) {
    try {
      const dir = path.resolve(ctx.cwd, options.out);
      // Only a folder depmap wrote holds SVGs worth taking (and each is checked: svg-cache.ts).
      const reuse = !options.redraw && wroteByDepmap(dir) ? { dir, shown: options.out } : undefined;
      const { drawingIdentity } = await import('../../render/svg.js');
      const identity = drawingIdentity(ctx.env) ?? '';
      const svgs = await docsSvgs(docs.diagrams, { identity, reuse, quiet: options.quiet }, ctx);
      for (const [file, text] of svgs.files) files.set(file, text);
      drawn = svgs;
    } catch (error) {
      // The pages are still worth writing; the error is not hidden.
      ctx.stderr.write(
        `depmap: error: the SVGs could not be drawn: ${errorMessage(error)}\n  the docs are written without them\n`,
      );
      exitCode = error instanceof DepmapError ? error.exitCode : EXIT_ERROR;
      docs = buildDocs(snapshot, { svg: false, extraPages });
      files.clear();
      for (const [name, text] of docs.files) files.set(name, text);
    }
  }
  const finished = await replaceDirAtomic(path.resolve(ctx.cwd, options.out), files);
  if (finished) ctx.stderr.write(`depmap: note: ${finished}\n`);
  for (const note of docs.notes) ctx.stderr.write(`depmap: ${note}\n`);
  if (!options.quiet) {
    const pages = [...files.keys()].filter((f) => f.endsWith('.md')).length;
    const svgs = drawn ? `, ${drawn.drawn + drawn.reused} SVGs (${drawn.drawn} drawn, ${drawn.reused} unchanged)` : '';
    ctx.stderr.write(
      `depmap: wrote ${terminalText(options.out)}: ${pages} pages, ${docs.diagrams.length} diagrams${svgs}, graph.json\n`,
    );
  }
  return exitCode;
}
