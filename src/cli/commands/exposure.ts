/**
 * `depmap exposure <purl>`: "who ran log4j-core < 2.15.0 on 2021-12-10, and when did each fix
 * it?" over the organisation's history. Versions are matched by the library's ecosystem's own
 * rules (npm and Cargo semver, Maven ranges and ordering, PEP 440, Go, RubyGems, NuGet).
 */
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import { parseRange, RangeSyntaxError } from '../../graph/version-range/index.js';
import { parseDate } from '../../history/dates.js';
import { findExposure, type ExposureQuery, type VersionTest } from '../../history/exposure.js';
import type { EdgeLineage } from '../../history/lineage.js';
import { parsePurl, type ParsedPurl } from '../../manifest/purl.js';
import { suggest } from '../../util/suggest.js';
import { EXPOSURE_FORMATS } from '../../render/history/exposure.js';
import { extensionsInWords, formatsHelp, renderOutput } from '../../render/output-format.js';
import type { CliContext } from '../context.js';
import { addHistoryInputOptions, type HistoryInputOptions } from '../history-input.js';
import { readLineage } from '../history-lineage.js';
import { writeOutput } from '../write-output.js';

interface ExposureOptions extends HistoryInputOptions {
  versions?: string;
  at?: string;
  since?: string;
  until?: string;
  callers?: boolean;
  format?: string;
  out?: string;
}

export function register(program: Command, ctx: CliContext): void {
  addHistoryInputOptions(
    program
      .command('exposure')
      .description(
        'which components depended on a library (in a version range), from when to when, and who called them',
      )
      .argument(
        '<purl>',
        'the library: pkg:maven/org.apache.logging.log4j/log4j-core (a version in it means exactly that one)',
      )
      .argument('[sources...]', "repos: folders, globs of folders or git URLs (default: the config's sources, or .)")
      .option(
        '--versions <range>',
        "matching versions, in the ecosystem's own syntax: '<2.15.0', '[2.0-beta9,2.15.0)', '~=1.4'",
      )
      .option('--at <date>', 'only those exposed on this date (YYYY-MM-DD is the whole UTC day)')
      .option('--since <date>', 'only intervals that reach past this date')
      .option('--until <date>', 'only intervals that began by this date')
      .option('--callers', 'also list the services that called each exposed component meanwhile')
      .addOption(
        new Option('--format <format>', 'output format (default: from the --out extension, else text)').choices(
          EXPOSURE_FORMATS.names(),
        ),
      )
      .option('-o, --out <file>', `write to this file (${extensionsInWords(EXPOSURE_FORMATS)} sets the format)`),
  )
    .addHelpText(
      'after',
      `
Each repo's whole main line is read. An interval starts at the commit that brought a matching
version in and ends at the one that moved to a version outside the range, or removed the
dependency. Ranges follow the ecosystem of the purl: npm and Cargo (semver ranges), Maven and
NuGet (intervals such as [1.0,2.0), and Maven's version order), PyPI (PEP 440 specifiers),
Go (semver with v), RubyGems (~> and comparisons); every ecosystem also takes comparisons
such as '>=2.0, <2.15.0' and '||' between alternatives. A version that cannot be compared (a
branch name, "latest") is named and not counted. A range that does not parse is a usage
error (exit 2). Exit 1 when a component is exposed (like a finding), 0 when none is.

${formatsHelp(EXPOSURE_FORMATS)}

Examples:
  $ depmap exposure pkg:maven/org.apache.logging.log4j/log4j-core --versions '<2.15.0' --at 2021-12-10 ./repos/*
  $ depmap exposure pkg:npm/lodash --versions '<4.17.21' --since 2020-01-01 --callers --format markdown
  $ depmap exposure pkg:pypi/django@3.2.13 --discover --format json`,
    )
    .action(async (purl: string, sources: string[], options: ExposureOptions) => {
      ctx.exitCode = await runExposure(purl, sources, options, ctx);
    });
}

function libraryOf(text: string): ParsedPurl {
  try {
    return parsePurl(text);
  } catch (error) {
    throw new UsageError(`"${text}" is not a package URL: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'write pkg:<type>/<namespace>/<name>, e.g. pkg:maven/org.apache.logging.log4j/log4j-core or pkg:npm/lodash',
    });
  }
}

/** A library no component ever depended on is a mistake to say (a typo), not "0 exposed". */
function mustBeKnown(library: ParsedPurl, edges: readonly EdgeLineage[]): void {
  const libraries = new Set(edges.filter((e) => e.type === 'uses-library').map((e) => e.target));
  if (libraries.has(library.purl)) return;
  const near = suggest(library.purl, libraries, 3);
  throw new UsageError(`no component depended on ${library.purl} in the history read`, {
    hint:
      near.length > 0
        ? `did you mean ${near.map((c) => `"${c}"`).join(', ')}?`
        : 'check the purl (pkg:<type>/<namespace>/<name>), the sources, or add --discover for repos without a depmap.yaml',
  });
}

function versionTest(library: ParsedPurl, options: ExposureOptions): VersionTest | undefined {
  if (options.versions !== undefined) {
    if (library.version !== undefined)
      throw new UsageError(`give the version in the purl (@${library.version}) or --versions, not both`);
    try {
      const range = parseRange(library.ecosystem, options.versions);
      return { text: `${options.versions} (${library.ecosystem})`, matches: (v) => range.matches(v) };
    } catch (error) {
      if (!(error instanceof RangeSyntaxError)) throw error;
      throw new UsageError(
        `--versions "${options.versions}" is not a ${library.ecosystem} version range: ${error.message}`,
      );
    }
  }
  if (library.version === undefined) return undefined;
  let exact;
  try {
    exact = parseRange(library.ecosystem, `=${library.version}`);
  } catch (error) {
    if (!(error instanceof RangeSyntaxError)) throw error;
    throw new UsageError(
      `"${library.version}" in ${purlText(library)} is not ${article(library.ecosystem)} ${library.ecosystem} version`,
      {
        hint: 'give one version in the purl, or a range with --versions',
      },
    );
  }
  return { text: `= ${library.version} (${library.ecosystem})`, matches: (v) => exact.matches(v) };
}

/** `an npm`, `an oci`, `a maven`: as the names are said. */
const article = (word: string): string => (/^([aeiou]|npm$|rpm$)/i.test(word) ? 'an' : 'a');
const purlText = (library: ParsedPurl): string => `${library.purl}@${library.version ?? ''}`;

async function runExposure(
  purlText: string,
  sources: readonly string[],
  options: ExposureOptions,
  ctx: CliContext,
): Promise<number> {
  const format = EXPOSURE_FORMATS.choose(options.format, options.out, 'text');
  const library = libraryOf(purlText);
  const query: ExposureQuery = { purl: library.purl };
  const versions = versionTest(library, options);
  if (versions) query.versions = versions;
  if (options.at !== undefined)
    query.at = {
      start: parseDate(options.at, 'start', '--at'),
      end: parseDate(options.at, 'end', '--at'),
      label: options.at,
    };
  if (options.since !== undefined) query.since = parseDate(options.since, 'start', '--since');
  if (options.until !== undefined) query.until = parseDate(options.until, 'end', '--until');
  if (query.since !== undefined && query.until !== undefined && query.since > query.until)
    throw new UsageError(`--since ${options.since} is after --until ${options.until}`);
  if (options.callers) query.callers = true;
  const { lineage, failed } = await readLineage(sources, options, ctx);
  mustBeKnown(library, lineage.edges);
  const exposure = findExposure(lineage, query);
  const output = await renderOutput(format, 'exposure', exposure, undefined, ctx.env);
  await writeOutput(output, options, ctx, `: ${exposure.components.length} exposed`);
  return failed > 0 || exposure.components.length > 0 ? EXIT_FINDINGS : 0;
}
