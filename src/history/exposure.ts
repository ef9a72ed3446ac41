/**
 * "Who ran log4j-core < 2.15.0 on 2021-12-10, and when did each fix it?": over the lineage of
 * an organisation's history, each component's intervals of depending on a matching version
 * of one library (entered and left by which commits, and what it moved to), its owner, and
 * the services that called it meanwhile (the blast radius across both layers). Pure.
 */
import type { EdgeLineage, EdgeVersion, Lineage, Stamp } from './lineage.js';

/** What a version is matched against: an ecosystem's range, or one exact version. */
export interface VersionTest {
  /** How the test reads in a report: `< 2.15.0 (maven)`. */
  text: string;
  matches(version: string): boolean;
}

export interface ExposureQuery {
  /** The library's node id: its canonical versionless purl. */
  purl: string;
  versions?: VersionTest;
  /** Only intervals that overlap this period (ms): a day given as YYYY-MM-DD is the whole day, a date-time one instant; `label` as the user gave it. */
  at?: { start: number; end: number; label?: string };
  /** Only intervals that overlap [since, until] (ms). */
  since?: number;
  until?: number;
  callers?: boolean;
}

export interface ExposureInterval {
  /** The commit that brought in a matching version (or the library at one). */
  from: Stamp;
  /** The commit that left the matching versions; undefined while it is still exposed. */
  to?: Stamp;
  /** The matching versions it went through, in order. */
  versions: string[];
  /** What it left to: the version moved to, or that the dependency was removed. */
  leftTo?: { version: string } | { removed: true };
  /** True when the dependency came in through a lockfile rather than directly. */
  scope?: string;
}

interface Caller {
  component: string;
  repo: string;
  /** When the call was there while the component was exposed. */
  from: Stamp;
  to?: Stamp;
}

interface ExposedComponent {
  component: string;
  repo: string;
  owner?: string;
  system?: string;
  intervals: ExposureInterval[];
  callers?: Caller[];
}

export interface Exposure {
  purl: string;
  versions?: string;
  at?: { start: number; end: number; label?: string };
  since?: number;
  until?: number;
  components: ExposedComponent[];
  /** Versions met that the test cannot read (`latest`, a branch, a range left in a manifest): not counted as matches. */
  unreadable: { component: string; repo: string; version: string }[];
}

/** [from, to) meets [since, until]: the commit that ended it no longer has it. */
const overlaps = (from: Stamp, to: Stamp | undefined, since: number, until: number): boolean =>
  from.time <= until && (to === undefined || to.time > since);

function keep(query: ExposureQuery, from: Stamp, to: Stamp | undefined): boolean {
  if (query.at !== undefined && !overlaps(from, to, query.at.start, query.at.end)) return false;
  if (query.since !== undefined || query.until !== undefined)
    return overlaps(from, to, query.since ?? -Infinity, query.until ?? Infinity);
  return true;
}

/** One exact version, as manifests pin them: `2.14.1`, `v1.2.3`, `1.0.0-rc.1`, `5.2.0.rc1`. */
const PLAIN = /^[vV]?\d+(\.\d+)*([-+.]?[0-9A-Za-z]+([.-][0-9A-Za-z]+)*)?$/;
/** The same written as a pin (`==2.31.0` in PyPI, `=1.0.204` in Cargo): the version it pins. */
const PINNED = /^={1,3}\s*(.+)$/;
/** Wildcard segments are ranges, not versions: `4.x`, `1.*`. */
const WILDCARD = /(^|\.)[xX*](\.|$)/;

/**
 * Whether a version of an edge matches: true, false, or undefined when it is no one version
 * (`latest`, a branch, a range left in a manifest without a lockfile): said, not counted. No
 * test means any version matches.
 */
function matching(v: EdgeVersion, test: VersionTest | undefined): boolean | undefined {
  if (!test) return true;
  if (v.version === undefined) return undefined;
  const text = v.version.trim();
  const version = PINNED.exec(text)?.[1]?.trim() ?? text;
  if (!PLAIN.test(version) || WILDCARD.test(version)) return undefined;
  try {
    return test.matches(version) || (version !== text && test.matches(text));
  } catch {
    return undefined;
  }
}

/** Runs of consecutive matching versions of one edge, each an interval. */
function intervalsOf(line: EdgeLineage, test: VersionTest | undefined, unreadable: Set<string>): ExposureInterval[] {
  const out: ExposureInterval[] = [];
  const verdicts = line.versions.map((v) => matching(v, test));
  let open: ExposureInterval | undefined;
  line.versions.forEach((v, i) => {
    const m = verdicts[i];
    if (m === undefined && v.version !== undefined) unreadable.add(v.version);
    if (m !== true) return;
    if (!open) {
      open = { from: v.from, versions: [] };
      if (v.scope !== undefined) open.scope = v.scope;
    }
    if (v.version !== undefined && open.versions.at(-1) !== v.version) open.versions.push(v.version);
    const next = line.versions[i + 1];
    // The next version starts at the commit that ended this one when it replaced it; else the edge was removed.
    const replaced = next !== undefined && v.to !== undefined && next.from.commit === v.to.commit;
    if (replaced && verdicts[i + 1] === true) return;
    if (v.to) {
      open.to = v.to;
      open.leftTo = replaced && next.version !== undefined ? { version: next.version } : { removed: true };
    }
    out.push(open);
    open = undefined;
  });
  return out;
}

export function findExposure(lineage: Lineage, query: ExposureQuery): Exposure {
  const byComponent = new Map<string, ExposedComponent>();
  const unreadable: Exposure['unreadable'] = [];
  for (const line of lineage.edges) {
    if (line.type !== 'uses-library' || line.target !== query.purl) continue;
    const odd = new Set<string>();
    const intervals = intervalsOf(line, query.versions, odd).filter((i) => keep(query, i.from, i.to));
    for (const version of odd) unreadable.push({ component: line.source, repo: line.repo, version });
    if (intervals.length === 0) continue;
    const id = `${line.repo}\u0000${line.source}`;
    let exposed = byComponent.get(id);
    if (!exposed) {
      exposed = { component: line.source, repo: line.repo, intervals: [] };
      byComponent.set(id, exposed);
    }
    exposed.intervals.push(...intervals);
  }
  // A component is its repo's: one moved between repos has an owner in each.
  const nodes = new Map(lineage.nodes.filter((n) => n.type === 'component').map((n) => [`${n.repo}\u0000${n.id}`, n]));
  const calls = query.callers ? callsByTarget(lineage) : undefined;
  for (const exposed of byComponent.values()) {
    exposed.intervals.sort((a, b) => a.from.time - b.from.time);
    const node = nodes.get(`${exposed.repo}\u0000${exposed.component}`);
    if (node?.owner !== undefined) exposed.owner = node.owner;
    if (node?.system !== undefined) exposed.system = node.system;
    if (calls) exposed.callers = callersOf(calls.get(exposed.component) ?? [], exposed);
  }
  const components = [...byComponent.values()].sort(
    (a, b) => (a.intervals[0]?.from.time ?? 0) - (b.intervals[0]?.from.time ?? 0) || cmp(a.component, b.component),
  );
  const out: Exposure = { purl: query.purl, components, unreadable };
  if (query.versions) out.versions = query.versions.text;
  if (query.at !== undefined) out.at = query.at;
  if (query.since !== undefined) out.since = query.since;
  if (query.until !== undefined) out.until = query.until;
  return out;
}

/** The service calls of the lineage by what they call: each exposed component looks up its own. */
function callsByTarget(lineage: Lineage): Map<string, EdgeLineage[]> {
  const out = new Map<string, EdgeLineage[]>();
  for (const line of lineage.edges) {
    if (line.type !== 'calls-service') continue;
    const list = out.get(line.target);
    if (list) list.push(line);
    else out.set(line.target, [line]);
  }
  return out;
}

const later = (a: Stamp, b: Stamp): Stamp => (b.time > a.time ? b : a);
const sooner = (a: Stamp | undefined, b: Stamp | undefined): Stamp | undefined =>
  a === undefined ? b : b === undefined ? a : b.time < a.time ? b : a;

/**
 * Services that called the component while it was exposed, each with the part of the time it
 * did: [from, to) of the call meets [from, to) of an interval, and is cut to it.
 */
function callersOf(calls: readonly EdgeLineage[], exposed: ExposedComponent): Caller[] {
  const out = new Map<string, Caller>();
  for (const line of calls) {
    if (line.source === exposed.component) continue;
    for (const v of line.versions) {
      for (const i of exposed.intervals) {
        const meets = v.from.time < (i.to?.time ?? Infinity) && (v.to?.time ?? Infinity) > i.from.time;
        if (!meets) continue;
        const from = later(v.from, i.from);
        const to = sooner(v.to, i.to);
        const id = `${line.repo}\u0000${line.source}`;
        const known = out.get(id);
        if (!known) {
          const caller: Caller = { component: line.source, repo: line.repo, from };
          if (to) caller.to = to;
          out.set(id, caller);
          continue;
        }
        if (from.time < known.from.time) known.from = from;
        if (to === undefined) delete known.to;
        else if (known.to && to.time > known.to.time) known.to = to;
      }
    }
  }
  return [...out.values()].sort((a, b) => cmp(a.component, b.component) || cmp(a.repo, b.repo));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
