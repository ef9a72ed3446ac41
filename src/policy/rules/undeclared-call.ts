/**
 * undeclared-call: a call that traces or service-graph metrics show (`--observed`) and no
 * manifest declares. Reported at the caller's manifest, where the declaration belongs; runs
 * only when observations were joined.
 */
import type { GraphEdge, Observation } from '../../graph/types.js';
import { OBSERVED_REPO } from '../../graph/types.js';
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import { compilePatterns } from '../patterns.js';
import type { Finding } from '../types.js';

/** `123 calls (4 failed), seen 2024-05-01 to 2024-05-08`: what the observations say of a call. */
function observedWords(o: Observation): string {
  const failed = o.errors > 0 ? ` (${o.errors} failed)` : '';
  const seen = o.firstSeen && o.lastSeen ? `, seen ${o.firstSeen.slice(0, 10)} to ${o.lastSeen.slice(0, 10)}` : '';
  return `${o.calls} call${o.calls === 1 ? '' : 's'}${failed}${seen}`;
}

function hintFor(edge: GraphEdge, kind: string | undefined): string {
  const protocol = edge.protocol ? `, protocol: ${edge.protocol}` : '';
  const k = kind && kind !== 'service' ? `, kind: ${kind}` : '';
  return `declare it in the manifest of ${edge.source}: services: - { name: ${edge.target}${k}${protocol} }; or list it in rules.undeclared-call.allow`;
}

function check(input: CheckInput): Finding[] {
  const ignored = compilePatterns(input.policy.undeclaredCall.ignore);
  const kinds = new Map(input.snapshot.nodes.map((n) => [n.id, n.kind]));
  const findings: Finding[] = [];
  for (const edge of input.snapshot.edges) {
    if (edge.type !== 'calls-service' || edge.presence !== 'observed-only' || !edge.observed) continue;
    // A caller no manifest has cannot declare anything: it is reported as a name that matched nothing.
    if (edge.declared.repo === OBSERVED_REPO) continue;
    if (ignored({ kind: 'service', name: edge.target })) continue;
    findings.push({
      rule: 'undeclared-call',
      ...edge.declared,
      component: edge.source,
      subject: `service:${edge.target}`,
      message: `${edge.source} calls ${edge.target} (${observedWords(edge.observed)}), which its manifest does not declare`,
      hint: hintFor(edge, kinds.get(edge.target)),
    });
  }
  return findings;
}

export const undeclaredCall = defineRule({
  summary: 'A call that traces or service-graph metrics show and no manifest declares.',
  help: 'Declare the call in the calling component’s depmap.yaml (services:), so the map and the CI gate know it; or list the callee in rules.undeclared-call.allow.',
  orgWide: false,
  active: (input) => input.snapshot.observed !== undefined,
  options: ({ z, pattern }) => ({
    allow: z.array(pattern).optional().meta({
      description:
        'Callees any component may call without declaring them (a tracing backend, a cloud metadata endpoint).',
    }),
    ignore: z
      .array(pattern)
      .optional()
      .meta({ description: 'Callees whose undeclared calls are not reported (the same as allow).' }),
  }),
  normalize: (raw, policy) => {
    policy.undeclaredCall = { ignore: [...(raw.allow ?? []), ...(raw.ignore ?? [])] };
  },
  check,
});
