/** Counts and the one-sentence summary every CI reporter shares. */
import type { CheckReport } from '../../policy/report.js';
import { count as plural } from '../../util/words.js';

export { plural };

/** `2 errors, 1 warning in 9 manifests (3 known in the baseline, 1 stale baseline entry)` */
export function summarySentence(report: CheckReport): string {
  const { errors, warnings, known, stale, manifests } = report.summary;
  const found =
    errors + warnings === 0 ? 'no violations' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const extras: string[] = [];
  if (known > 0) extras.push(`${known} known in the baseline`);
  if (stale > 0) extras.push(plural(stale, 'stale baseline entry', 'stale baseline entries'));
  return `${found} in ${plural(manifests, 'manifest')}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

/** `fails (--fail-on error)` or `passes (--fail-on error)` */
export function verdict(report: CheckReport): string {
  return `${report.summary.failed ? 'fails' : 'passes'} (--fail-on ${report.failOn})`;
}

export function severityWord(severity: 'error' | 'warn'): string {
  return severity === 'error' ? 'error' : 'warning';
}
