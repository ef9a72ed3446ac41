/**
 * unobserved-dependency: a declared call that the observations never show, although they span
 * at least `minDays` and show the caller itself making calls (a component with no spans of its
 * own is not instrumented: its silence says nothing). A stale declaration, or a dormant path; warns
 * by default.
 */
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import { compilePatterns } from '../patterns.js';
import type { Finding, Note } from '../types.js';

const DAY = 86_400_000;

/** Days the observations span; undefined when they carry no times (dependency links, metrics). */
function windowDays(input: CheckInput): number | undefined {
  const w = input.snapshot.observed?.window;
  if (!w) return undefined;
  return (Date.parse(w.to) - Date.parse(w.from)) / DAY;
}

function check(input: CheckInput): Finding[] {
  const { minDays, ignore } = input.policy.unobservedDependency;
  const days = windowDays(input);
  if (days === undefined || days < minDays) return [];
  const ignored = compilePatterns(ignore);
  // Components the observations show making calls: being called says nothing of a component's
  // own instrumentation (a peer named by its callers may export no span at all).
  const seen = new Set<string>();
  for (const edge of input.snapshot.edges) if (edge.observed) seen.add(edge.source);
  const findings: Finding[] = [];
  for (const edge of input.snapshot.edges) {
    if (edge.type !== 'calls-service' || edge.presence !== 'declared-only' || !seen.has(edge.source)) continue;
    if (ignored({ kind: 'service', name: edge.target })) continue;
    const w = input.snapshot.observed?.window;
    findings.push({
      rule: 'unobserved-dependency',
      ...edge.declared,
      component: edge.source,
      subject: `service:${edge.target}${edge.api ? `#${edge.api}` : ''}`,
      message: `${edge.source} declares a call to ${edge.target}, never observed in ${Math.floor(days)} days of traces (${w?.from.slice(0, 10)} to ${w?.to.slice(0, 10)})`,
      hint: 'remove the declaration if the call is gone; if it is a rare path (a yearly job, a fallback), list it in rules.unobserved-dependency.ignore',
    });
  }
  return findings;
}

function notes(input: CheckInput): Note[] {
  const days = windowDays(input);
  const { minDays } = input.policy.unobservedDependency;
  if (days !== undefined && days >= minDays) return [];
  const why =
    days === undefined
      ? 'the observations carry no times (dependency links or metrics)'
      : `the observations span ${days.toFixed(1)} days, less than rules.unobserved-dependency.minDays (${minDays})`;
  const file = input.snapshot.observed?.files[0]?.file ?? '';
  return [
    {
      rule: 'unobserved-dependency',
      repo: '',
      file,
      message: `declared calls are not judged against the observations: ${why}`,
    },
  ];
}

export const unobservedDependency = defineRule({
  summary: 'A declared call that traces never show, over a window of at least minDays in which the caller was seen.',
  help: 'Remove a declaration the code no longer makes; a rare but real call (a yearly job, a fallback) goes in rules.unobserved-dependency.ignore.',
  orgWide: false,
  defaultSeverity: 'warn',
  active: (input) => input.snapshot.observed !== undefined,
  notes,
  options: ({ z, pattern }) => ({
    minDays: z.number().min(0).max(3650).optional().meta({
      description:
        'Fewest days the observations must span before a declared call they never show is reported (default 7).',
    }),
    ignore: z
      .array(pattern)
      .optional()
      .meta({ description: 'Callees whose unobserved declarations are not reported.' }),
  }),
  normalize: (raw, policy) => {
    policy.unobservedDependency = { minDays: raw.minDays ?? 7, ignore: raw.ignore ?? [] };
  },
  check,
});
