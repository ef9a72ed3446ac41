/**
 * cycle: services that call each other in a loop. Each call of one concrete cycle of every
 * strongly connected group is reported at the line that declares it, so the CI of every
 * repo involved points at its own part of the loop.
 */
import { findCycles } from '../../graph/find-cycles.js';
import { toQueryGraph } from '../../graph/query-graph.js';
import type { GraphEdge } from '../../graph/types.js';
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import type { Finding } from '../types.js';

function check(input: CheckInput): Finding[] {
  const calls = new Map<string, GraphEdge>();
  for (const edge of input.snapshot.edges) {
    if (edge.type !== 'calls-service') continue;
    const key = `${edge.source}\0${edge.target}`;
    if (!calls.has(key)) calls.set(key, edge);
  }
  const findings: Finding[] = [];
  for (const cycle of findCycles(toQueryGraph(input.snapshot))) {
    const loop = cycle.example.join(' → ');
    const group =
      cycle.members.length > cycle.example.length - 1
        ? ` (${cycle.members.length} services call each other: ${cycle.members.join(', ')})`
        : '';
    for (let i = 0; i + 1 < cycle.example.length; i++) {
      const from = cycle.example[i] as string;
      const to = cycle.example[i + 1] as string;
      const edge = calls.get(`${from}\0${to}`);
      if (!edge) continue;
      findings.push({
        rule: 'cycle',
        ...edge.declared,
        component: from,
        subject: `cycle:${cycle.members.join(',')}:${from}->${to}`,
        message: `service call cycle: ${loop}${group}`,
        hint: `break the cycle, e.g. let ${to} publish an event instead of ${from} calling it`,
      });
    }
  }
  return findings;
}

export const cycle = defineRule({
  summary: 'Services that call each other in a cycle.',
  help: 'A call cycle couples deployments and can cascade failures. Break it, e.g. with an event instead of a call back.',
  orgWide: true,
  check,
});
