/**
 * `depmap blame <from> <to>`: which commit brought an edge in, each change of its version,
 * image, protocol or pin since, and who made them, over the whole history of the sources
 * (with --discover, from before the repos had a depmap.yaml).
 */
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import type { EdgeLineage } from '../../history/lineage.js';
import { canonicalPurl, parsePurl } from '../../manifest/purl.js';
import { BLAME_FORMATS } from '../../render/history/blame.js';
import { extensionsInWords, formatsHelp, renderOutput } from '../../render/output-format.js';
import { suggest } from '../../util/suggest.js';
import type { CliContext } from '../context.js';
import { addHistoryInputOptions, type HistoryInputOptions } from '../history-input.js';
import { readLineage } from '../history-lineage.js';
import { writeOutput } from '../write-output.js';

interface BlameOptions extends HistoryInputOptions {
  format?: string;
  out?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addHistoryInputOptions(
    program
      .command('blame')
      .description('which commit brought an edge in, each version change since, and who made them')
      .argument('<from>', 'the component the edge starts from')
      .argument('<to>', 'what it depends on: a service or component name, a purl, or a library name')
      .argument('[sources...]', "repos: folders, globs of folders or git URLs (default: the config's sources, or .)")
      .addOption(
        new Option('--format <format>', 'output format (default: from the --out extension, else text)').choices(
          BLAME_FORMATS.names(),
        ),
      )
      .option('-o, --out <file>', `write to this file (${extensionsInWords(BLAME_FORMATS)} sets the format)`),
  )
    .addHelpText(
      'after',
      `
The whole main line of each repo is read. An edge that went and came back is one story with
a gap. "lastSeen" is the repo's tip while the edge is there, else the commit that removed it.
<to> may be a purl (pkg:npm/express, with or without version), a library's name as its
ecosystem writes it (express, org.apache.logging.log4j:log4j-core), or a service name.

${formatsHelp(BLAME_FORMATS)}

Examples:
  $ depmap blame checkout payments ./repos/*
  $ depmap blame checkout pkg:npm/express --discover --format json
  $ depmap blame api org.apache.logging.log4j:log4j-core --format markdown --out blame.md`,
    )
    .action(async (from: string, to: string, sources: string[], options: BlameOptions) => {
      ctx.exitCode = await runBlame(from, to, sources, options, ctx);
    });
}

/** True when `target` (a node id) is what the user named by `to`. */
function namesTarget(to: string, purl: string | undefined, target: string): boolean {
  if (target === to || (purl !== undefined && target === purl)) return true;
  if (!target.startsWith('pkg:')) return target.toLowerCase() === to.toLowerCase();
  try {
    // `express`, `org.apache.logging.log4j:log4j-core`, or the artifact alone: `log4j-core`.
    const name = parsePurl(target).name.toLowerCase();
    const wanted = to.toLowerCase();
    return name === wanted || name.slice(Math.max(name.lastIndexOf(':'), name.lastIndexOf('/')) + 1) === wanted;
  } catch {
    return false;
  }
}

function findEdges(edges: readonly EdgeLineage[], from: string, to: string): EdgeLineage[] {
  const purl = to.startsWith('pkg:') ? canonicalPurl(to) : undefined;
  const found = edges.filter((e) => e.source === from && namesTarget(to, purl, e.target));
  if (found.length > 0) return found;
  const sources = new Set(edges.map((e) => e.source));
  if (!sources.has(from)) {
    const near = suggest(from, sources, 3);
    throw new UsageError(`"${from}" depended on nothing in the history read`, {
      hint:
        near.length > 0
          ? `did you mean ${near.map((c) => `"${c}"`).join(', ')}?`
          : 'check the component name and the sources (with --discover for repos without a depmap.yaml)',
    });
  }
  const near = suggest(to, new Set(edges.filter((e) => e.source === from).map((e) => e.target)), 3);
  throw new UsageError(`"${from}" never depended on "${to}" in the history read`, {
    hint:
      near.length > 0
        ? `did you mean ${near.map((c) => `"${c}"`).join(', ')}?`
        : `list its edges with \`depmap deps ${from}\``,
  });
}

async function runBlame(
  from: string,
  to: string,
  sources: readonly string[],
  options: BlameOptions,
  ctx: CliContext,
): Promise<number> {
  const format = BLAME_FORMATS.choose(options.format, options.out, 'text');
  const { lineage, failed } = await readLineage(sources, options, ctx);
  const edges = findEdges(lineage.edges, from, to);
  await writeOutput(await renderOutput(format, 'blame', { from, to, edges }, undefined, ctx.env), options, ctx);
  return failed > 0 ? EXIT_FINDINGS : 0;
}
