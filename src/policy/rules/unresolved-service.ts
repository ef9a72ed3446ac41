/**
 * unresolved-service: a call to a service that is not a component and that no component
 * provides. With one repo scanned almost every internal call is unresolved, so the rule
 * only warns there unless the policy says otherwise (see severityOf).
 */
import { suggest } from '../../util/suggest.js';
import type { CheckInput } from '../input.js';
import { compilePatterns } from '../patterns.js';
import type { Finding } from '../types.js';

export function unresolvedServiceRule(input: CheckInput): Finding[] {
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
