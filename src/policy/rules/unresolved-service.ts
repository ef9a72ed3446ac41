/**
 * unresolved-service: a call to a service that is not a component and that no component
 * provides. With one repo scanned almost every internal call is unresolved, so the rule
 * only warns there unless the policy says otherwise (see severityOf).
 */
import { suggest } from '../../util/suggest.js';
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import { compilePatterns } from '../patterns.js';
import type { Finding } from '../types.js';

function check(input: CheckInput): Finding[] {
  const ignored = compilePatterns(input.policy.unresolvedService.ignore);
  const components = input.snapshot.nodes.filter((n) => n.type === 'component').map((n) => n.id);
  const findings: Finding[] = [];
  for (const edge of input.snapshot.edges) {
    if (edge.type !== 'calls-service' || edge.resolvedBy !== 'unresolved') continue;
    if (ignored({ kind: 'service', name: edge.target })) continue;
    const [guess] = suggest(edge.target, components);
    const api = edge.api ? ` and no component provides api ${edge.api}` : ' and no component provides it';
    const hint = guess
      ? `did you mean "${guess}"?`
      : input.scope === 'repo'
        ? 'only this repo was scanned: check the whole organisation (sources in depmap.config.yaml) to judge it, or list it in rules.unresolved-service.ignore'
        : 'correct the name, add the repo of the service to the scan, or give third parties and infrastructure their kind (external, database, queue, …)';
    findings.push({
      rule: 'unresolved-service',
      ...edge.declared,
      component: edge.source,
      subject: `service:${edge.target}${edge.api ? `#${edge.api}` : ''}`,
      message: `service "${edge.target}" is not a component${api}`,
      hint,
    });
  }
  return findings;
}

export const unresolvedService = defineRule({
  summary: 'A service reference that no component of the organisation is or provides.',
  help: 'Fix the name, add the manifest of the service to the scan, or mark third parties and infrastructure with kind: external, database, queue, ….',
  orgWide: true,
  options: ({ z, pattern }) => ({
    ignore: z.array(pattern).optional().meta({ description: 'Service names known to live outside the scanned repos.' }),
  }),
  normalize: (raw, policy) => {
    policy.unresolvedService = { ignore: raw.ignore ?? [] };
  },
  check,
});
