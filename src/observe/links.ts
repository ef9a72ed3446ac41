/**
 * Dependency links, already aggregated by the tracing backend: Jaeger's `/api/dependencies`
 * (`[{parent, child, callCount}]`, or that list under `"data"`) and Zipkin's
 * `/api/v2/dependencies` (`[{parent, child, callCount, errorCount}]`). No times, no
 * latencies: only who calls whom, how often, how often in error.
 */
import type { CallTable } from './call-table.js';
import { RecordError, type RecordAt } from './record-error.js';

/** Reads a list of links into `table`; returns how many links it held. */
export function readDependencyLinks(value: unknown, at: RecordAt, table: CallTable): number {
  const links = Array.isArray(value) ? value : (value as { data?: unknown } | null)?.data;
  if (!Array.isArray(links))
    throw new RecordError('not dependency links: expected a list of {parent, child, callCount}');
  let count = 0;
  const bad: string[] = [];
  for (const [i, link] of links.entries()) {
    const l = link as { parent?: unknown; child?: unknown; callCount?: unknown; errorCount?: unknown } | null;
    const wrong = shapeProblem(l);
    if (wrong !== undefined || !l) {
      bad.push(`link ${i + 1}: ${wrong ?? 'not an object'}`);
      continue;
    }
    count++;
    if (l.parent === l.child) continue;
    table.add({
      caller: l.parent as string,
      callerNamespace: undefined,
      callee: l.child as string,
      calleeNamespace: undefined,
      calleeKind: 'service',
      protocol: undefined,
      calls: l.callCount as number,
      errors: typeof l.errorCount === 'number' ? l.errorCount : 0,
      start: undefined,
      durationMs: undefined,
      file: at.file,
      line: at.line,
    });
  }
  // The good links count; the others are one problem of this record (the whole record when none is good).
  if (bad.length > 0) {
    const message = `${bad.length} of ${links.length} dependency links skipped (${bad.slice(0, 3).join('; ')}${bad.length > 3 ? '; …' : ''})`;
    if (count === 0 || !at.problem) throw new RecordError(message);
    at.problem(message);
  }
  return count;
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** What is wrong with a link's shape; undefined when it is a link. */
function shapeProblem(
  l: { parent?: unknown; child?: unknown; callCount?: unknown; errorCount?: unknown } | null,
): string | undefined {
  if (!l || typeof l !== 'object') return 'not an object';
  if (typeof l.parent !== 'string' || l.parent === '') return 'no "parent" name';
  if (typeof l.child !== 'string' || l.child === '') return 'no "child" name';
  if (!isCount(l.callCount)) return `"callCount" ${JSON.stringify(l.callCount) ?? 'missing'} is not a whole number`;
  if (l.errorCount !== undefined && !isCount(l.errorCount))
    return `"errorCount" ${JSON.stringify(l.errorCount)} is not a whole number`;
  return undefined;
}
