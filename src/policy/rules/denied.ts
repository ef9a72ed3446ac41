/** denied: any library, image or service that matches a deny pattern, with the policy's reason. */
import { libraryUses, librarySubject, serviceUses } from '../declarations.js';
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import { compilePatterns, readablePurl, type DependencyRef } from '../patterns.js';
import type { Finding } from '../types.js';

function check(input: CheckInput): Finding[] {
  const entries = input.policy.denied.deny;
  if (entries.length === 0) return [];
  const reasons = new Map(entries.map((e) => [e.pattern, e.reason]));
  const match = compilePatterns(entries.map((e) => e.pattern));
  const findings: Finding[] = [];
  const report = (finding: Omit<Finding, 'rule' | 'message' | 'hint'>, what: string, pattern: string) => {
    const reason = reasons.get(pattern);
    findings.push({
      ...finding,
      rule: 'denied',
      message: `${what} is denied by the policy (${pattern})${reason ? `: ${reason}` : ''}`,
      hint: reason ? 'replace it as the reason says' : 'replace it, or ask the owners of the policy why it is denied',
    });
  };
  for (const { manifest, lib, at } of libraryUses(input.snapshot.repos)) {
    const ref: DependencyRef =
      lib.version === undefined
        ? { kind: 'library', purl: lib.purl }
        : { kind: 'library', purl: lib.purl, version: lib.version };
    const pattern = match(ref);
    if (pattern)
      report(
        { ...at, component: manifest.name, subject: librarySubject(lib) },
        `${readablePurl(lib.purl)}${lib.version ? `@${lib.version}` : ''}`,
        pattern,
      );
  }
  for (const { manifest, svc, at } of serviceUses(input.snapshot.repos)) {
    const byName = match({ kind: 'service', name: svc.name });
    if (byName)
      report({ ...at, component: manifest.name, subject: `service:${svc.name}` }, `service ${svc.name}`, byName);
    const byImage = svc.image === undefined ? undefined : match({ kind: 'image', image: svc.image });
    if (byImage)
      report(
        { ...at, component: manifest.name, subject: `image:${svc.name}` },
        `image ${svc.image} of ${svc.name}`,
        byImage,
      );
  }
  return findings;
}

export const denied = defineRule({
  summary: 'A dependency that matches a deny pattern of the policy.',
  help: 'The policy forbids this dependency; the reason is given with each violation. Replace it.',
  orgWide: false,
  options: ({ z, deny }) => ({
    deny: z
      .array(deny)
      .optional()
      .meta({ description: 'Dependencies that must not be used, each with the reason shown to the user.' }),
  }),
  normalize: (raw, policy) => {
    policy.denied = {
      deny: (raw.deny ?? []).map((d) => {
        if (typeof d === 'string') return { pattern: d };
        return d.reason === undefined ? { pattern: d.pattern } : { pattern: d.pattern, reason: d.reason };
      }),
    };
  },
  check,
});
