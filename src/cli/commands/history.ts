/**
 * `depmap history export`: the organisation's history as data, a temporal table with one row
 * per edge version (valid_from / valid_to), in JSON Lines or CSV for any database.
 */
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS } from '../../errors.js';
import { edgeRows } from '../../history/lineage.js';
import { HISTORY_EXPORT_FORMATS } from '../../render/history/export-table.js';
import { extensionsInWords, formatsHelp, renderOutput } from '../../render/output-format.js';
import type { CliContext } from '../context.js';
import { addHistoryInputOptions, type HistoryInputOptions } from '../history-input.js';
import { readLineage } from '../history-lineage.js';
import { writeOutput } from '../write-output.js';

interface ExportOptions extends HistoryInputOptions {
  format?: string;
  out?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const history = program
    .command('history')
    .description("the organisation's history as data (see `depmap history export --help`)");
  addHistoryInputOptions(
    history
      .command('export')
      .description('every edge version over the history of the repos: one row each, valid_from to valid_to')
      .argument('[sources...]', "repos: folders, globs of folders or git URLs (default: the config's sources, or .)")
      .addOption(
        new Option('--format <format>', 'output format (default: from the --out extension, else jsonl)').choices(
          HISTORY_EXPORT_FORMATS.names(),
        ),
      )
      .option(
        '-o, --out <file>',
        `write to this file instead of stdout (${extensionsInWords(HISTORY_EXPORT_FORMATS)} sets the format)`,
      ),
  )
    .addHelpText(
      'after',
      `
Columns: repo, component, dependency (a component, resource or library purl), kind
(uses-library or calls-service), version, major, minor, patch (the version's numbers when it
reads as one), image, pinned, valid_from, valid_to (UTC, ISO 8601; valid_to empty while it
holds), commit and author (who set that version), email, ended_by and ended_by_author (who
changed or removed it), subject. Rows are oldest first.
In CSV, an author, email or subject that a spreadsheet would run as a formula (=, +, -, @)
starts with a '; versions keep their bytes (==2.31.0 is a PyPI pin).

${formatsHelp(HISTORY_EXPORT_FORMATS)}

Examples:
  $ depmap history export ./repos/* --out history.csv
  $ sqlite3 org.db ".import --csv history.csv edges"
  $ depmap history export --discover --format jsonl | jq 'select(.valid_to == null)'`,
    )
    .action(async (sources: string[], options: ExportOptions) => {
      ctx.exitCode = await runExport(sources, options, ctx);
    });
}

async function runExport(sources: readonly string[], options: ExportOptions, ctx: CliContext): Promise<number> {
  const format = HISTORY_EXPORT_FORMATS.choose(options.format, options.out, 'jsonl');
  const { lineage, failed } = await readLineage(sources, options, ctx);
  const rows = edgeRows(lineage);
  const output = await renderOutput(format, 'history', rows, undefined, ctx.env);
  await writeOutput(output, options, ctx, `: ${rows.length} edge versions`);
  return failed > 0 ? EXIT_FINDINGS : 0;
}
