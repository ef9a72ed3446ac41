/** A diff as JSON for scripts: counts, the readable lines, and the structured diff. */
import { safeJson } from '../../util/control-chars.js';
import { countDiff, describeDiff } from '../../graph/diff-describe.js';
import { isEmptyDiff } from '../../graph/diff-graphs.js';
import type { DiffReport } from './model.js';

const DIFF_FORMAT = 'depmap-diff';
const DIFF_VERSION = 1;

export function renderDiffJson(report: DiffReport): string {
  const value = {
    format: DIFF_FORMAT,
    version: DIFF_VERSION,
    from: report.from,
    to: report.to,
    changed: !isEmptyDiff(report.diff),
    summary: countDiff(report.diff),
    changes: describeDiff(report.diff),
    invalid: report.invalid ?? [],
    ...report.diff,
  };
  return `${safeJson(JSON.stringify(value, null, 2))}\n`;
}
