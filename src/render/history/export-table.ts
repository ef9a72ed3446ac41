/**
 * `depmap history export`: the organisation's history as a temporal table, one row per edge
 * version with `valid_from` / `valid_to`, for a database or a spreadsheet. JSON Lines keeps
 * types; CSV (RFC 4180 quoting, LF line ends) loads into SQLite, DuckDB or Postgres as it is.
 */
import type { EdgeRow } from '../../history/lineage.js';
import { safeJson } from '../../util/control-chars.js';
import { outputRegistry, type OutputFormat } from '../output-format.js';

const EDGE_COLUMNS: readonly (keyof EdgeRow)[] = [
  'repo',
  'component',
  'dependency',
  'kind',
  'version',
  'major',
  'minor',
  'patch',
  'image',
  'pinned',
  'valid_from',
  'valid_to',
  'commit',
  'author',
  'email',
  'ended_by',
  'ended_by_author',
  'subject',
];

/** Free text from commits (who, what they wrote), which nobody here controls. */
const FREE_TEXT = new Set<keyof EdgeRow>(['author', 'email', 'subject', 'ended_by_author']);

/**
 * A CSV field: quoted when it holds a quote, comma or line break. A spreadsheet runs a cell
 * starting with `=`, `+`, `-`, `@` or a tab as a formula: free text from commits so starting
 * gets a leading `'` (OWASP's advice). Versions keep their bytes for the databases the table
 * is for (`==2.31.0` is a PyPI pin), unless they hold what a formula needs to call out
 * (`(`, `|`, `!`), which no version does.
 */
function csvField(column: keyof EdgeRow, value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  const formula = /^[=+\-@\t\r]/.test(value) && (FREE_TEXT.has(column) || /[(|!]/.test(value));
  const text = formula ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function renderCsv(rows: readonly EdgeRow[]): string {
  const lines = [EDGE_COLUMNS.join(',')];
  for (const row of rows) lines.push(EDGE_COLUMNS.map((c) => csvField(c, row[c])).join(','));
  // Lines end in LF: every database's CSV reader takes it, and a terminal shows no stray CR.
  return `${lines.join('\n')}\n`;
}

function renderJsonl(rows: readonly EdgeRow[]): string {
  return rows.map((row) => `${safeJson(JSON.stringify(row))}\n`).join('');
}

export const HISTORY_EXPORT_FORMATS = outputRegistry<OutputFormat<readonly EdgeRow[], undefined>>([
  {
    format: 'jsonl',
    extension: 'jsonl',
    aliases: ['ndjson'],
    description: 'one JSON object per row',
    render: renderJsonl,
  },
  {
    format: 'csv',
    extension: 'csv',
    description: 'RFC 4180, a header row, null as empty, true/false as 1/0',
    render: renderCsv,
  },
]);
