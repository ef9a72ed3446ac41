/** The formats of `depmap check`'s reports: pure functions of the report to text. */
import type { CheckReport } from '../../policy/report.js';
import type { DiffReport } from '../diff/model.js';
import { outputRegistry, type OutputFormat } from '../output-format.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export interface CiOptions {
  color?: boolean;
  /** With --base: what the change does to the graph, drawn by the Markdown summary. */
  change?: DiffReport;
}

export interface CiFormat extends OutputFormat<CheckReport, CiOptions> {
  /** Code scanning and workflow annotations want paths from the repository root. */
  readonly fromRepoRoot?: true;
  /** Printed as workflow commands: the one report the output guard lets through. */
  readonly workflowCommands?: true;
  /** Also appended to $GITHUB_STEP_SUMMARY when asked for and that is set. */
  readonly jobSummary?: true;
  /** Draws what the change does to the graph (CiOptions.change), with --base. */
  readonly drawsChange?: true;
}

export const CI_FORMATS = outputRegistry<CiFormat>([
  {
    format: 'text',
    extension: 'txt',
    description: 'violations by file with the rule and the fix, then a summary',
    render: renderText,
  },
  { format: 'json', extension: 'json', description: 'the whole report, for scripts', render: renderJson },
  {
    format: 'sarif',
    extension: 'sarif',
    description: 'SARIF 2.1.0 for code scanning',
    fromRepoRoot: true,
    render: renderSarif,
  },
  { format: 'junit', extension: 'xml', description: 'JUnit XML: a test case per rule and file', render: renderJunit },
  {
    format: 'github',
    extension: 'txt',
    description: 'GitHub Actions annotations',
    fromRepoRoot: true,
    workflowCommands: true,
    render: renderGithub,
  },
  {
    format: 'markdown',
    extension: 'md',
    description: 'a summary table for pull requests and the job summary',
    jobSummary: true,
    drawsChange: true,
    render: renderMarkdown,
  },
]);
