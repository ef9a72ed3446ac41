/**
 * skew: a library used at more distinct versions across the organisation than the policy's
 * threshold (default 1), reported at each declaration; and an API consumed at a version its
 * provider does not offer, reported at the consumer.
 */
import { findSkew } from '../../graph/find-skew.js';
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import { compilePatterns, readablePurl } from '../patterns.js';
import type { Finding } from '../types.js';

/** Versions and users named in one finding; `depmap skew` lists them all. */
const SHOWN_VERSIONS = 6;
const SHOWN_USERS = 3;

type SkewVersions = ReturnType<typeof findSkew>['libraries'][number]['versions'];

/**
 * The versions of a skewed library as one finding tells them: each with the components at it.
 * A finding is made at every use, so a library used by 1,000 components at 50 versions must not
 * list them all in each (that made `check` of 1,000 repos write 158 MB, and run out of memory
 * at 10,000): at most SHOWN_VERSIONS versions (this use's, the newest, then the most used) and
 * SHOWN_USERS components each, and how many more.
 */
function versionsText(versions: SkewVersions, own: string): string {
  let shown = versions;
  if (versions.length > SHOWN_VERSIONS) {
    const keep = new Set([own, versions[versions.length - 1]?.version ?? own]);
    for (const v of [...versions].sort((a, b) => b.components.length - a.components.length)) {
      if (keep.size >= SHOWN_VERSIONS) break;
      keep.add(v.version);
    }
    shown = versions.filter((v) => keep.has(v.version));
  }
  const users = (components: readonly string[]) =>
    components.length <= SHOWN_USERS
      ? components.join(', ')
      : `${components.slice(0, SHOWN_USERS).join(', ')} and ${components.length - SHOWN_USERS} more`;
  const parts = shown.map((v) => `${v.version} (${users(v.components)})`);
  if (shown.length < versions.length)
    parts.push(`and ${versions.length - shown.length} more versions (\`depmap skew\` lists them all)`);
  return parts.join(', ');
}

function check(input: CheckInput): Finding[] {
  const { threshold, ignore } = input.policy.skew;
  const ignored = compilePatterns(ignore);
  const report = findSkew(input.snapshot);
  const findings: Finding[] = [];
  const over = new Map(
    report.libraries
      .filter((s) => s.versions.length > threshold && !ignored({ kind: 'library', purl: s.library }))
      .map((s) => [s.library, s]),
  );
  const texts = new Map<string, string>();
  for (const edge of input.snapshot.edges) {
    if (edge.type !== 'uses-library' || edge.transitive || !edge.version) continue;
    const skew = over.get(edge.target);
    if (!skew) continue;
    const name = readablePurl(skew.library);
    const textKey = `${skew.library}\0${edge.version}`;
    let versions = texts.get(textKey);
    if (versions === undefined) texts.set(textKey, (versions = versionsText(skew.versions, edge.version)));
    const newest = skew.versions[skew.versions.length - 1]?.version ?? '';
    const allowed = threshold > 1 ? `; the policy allows ${threshold}` : '';
    findings.push({
      rule: 'skew',
      ...edge.declared,
      component: edge.source,
      subject: `library:${name}${edge.scope ? ` [${edge.scope}]` : ''}`,
      message: `${name} is used at ${skew.versions.length} versions across the organisation${allowed}: ${versions}`,
      hint:
        edge.version === newest ? `align the others on ${newest}` : `align on one version, e.g. the newest: ${newest}`,
    });
  }
  for (const m of report.mismatches) {
    findings.push({
      rule: 'skew',
      ...m.declared,
      component: m.consumer,
      subject: `api:${m.provider}#${m.api}`,
      message: `${m.consumer} consumes ${m.api} ${m.version}, which ${m.provider} does not provide (it provides ${m.provided.join(', ')})`,
      hint: `consume a version ${m.provider} provides, or have ${m.provider} provide ${m.version}`,
    });
  }
  return findings;
}

export const skew = defineRule({
  summary:
    'A library used at more versions across the organisation than the policy allows, or an API consumed at a version its provider does not offer.',
  help: 'Align the versions (usually on the newest), or consume a version of the API that its provider serves.',
  orgWide: true,
  options: ({ z, pattern }) => ({
    threshold: z.number().int().min(1).max(1000).optional().meta({
      description: 'Most distinct versions of one library allowed across the organisation (default 1).',
    }),
    ignore: z.array(pattern).optional().meta({ description: 'Libraries this rule does not judge.' }),
  }),
  normalize: (raw, policy) => {
    policy.skew = { threshold: raw.threshold ?? 1, ignore: raw.ignore ?? [] };
  },
  check,
});
