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
  for (const link of links) {
    const l = link as { parent?: unknown; child?: unknown; callCount?: unknown; errorCount?: unknown } | null;
    if (typeof l?.parent !== 'string' || typeof l.child !== 'string' || l.parent === '' || l.child === '') continue;
    count++;
    if (l.parent === l.child) continue;
    table.add({
      caller: l.parent,
      callerNamespace: undefined,
      callee: l.child,
      calleeNamespace: undefined,
      calleeKind: 'service',
      protocol: undefined,
      calls: typeof l.callCount === 'number' && l.callCount > 0 ? l.callCount : 0,
      errors: typeof l.errorCount === 'number' && l.errorCount > 0 ? l.errorCount : 0,
      start: undefined,
      durationMs: undefined,
      file: at.file,
      line: at.line,
    });
  }
  return count;
}
