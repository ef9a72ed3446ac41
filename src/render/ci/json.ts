/** The whole report as JSON, for scripts; stable key order, no timestamps. */
import { safeJson } from '../../util/control-chars.js';
import type { CheckReport } from '../../policy/report.js';

export function renderJson(report: CheckReport): string {
  return `${safeJson(JSON.stringify(report, null, 2))}\n`;
}
