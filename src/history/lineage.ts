/**
 * The lineage of every edge and node over a history: when each was first seen, each version
 * it went through (a temporal table: valid from one commit to the next), and when it was last
 * seen. Folded from the timeline's events, one repo at a time in its main-line order; pure.
 * `blame`, `exposure` and `history export` all read this one table.
 */
import type { EdgeSummary, NodeSummary } from '../graph/diff-graphs.js';
import { readVersion } from '../graph/read-version.js';
import { apiResolver, type ApiResolution } from './api-resolution.js';
import type { OrgTimeline } from './org-history.js';
import type { HistoryEvent } from './types.js';

/** A commit as the lineage tells it: which, when and who. */
export interface Stamp {
  repo: string;
  commit: string;
  /** Committer date, ISO 8601 in UTC to the second (`2021-12-10T14:00:00Z`). */
  date: string;
  time: number;
  author: string;
  email: string;
  subject: string;
}

/** One version of an edge: valid from the commit that set it until the one that changed or removed it. */
export interface EdgeVersion {
  version?: string;
  image?: string;
  pinned: boolean;
  protocol?: string;
  scope?: string;
  from: Stamp;
  /** The commit that ended this version (a new version, or the edge's removal); undefined while it holds. */
  to?: Stamp;
}

export interface EdgeLineage {
  repo: string;
  /** The edge's key in the graph (`source -> target` and what tells parallel edges apart). */
  key: string;
  type: EdgeSummary['type'];
  source: string;
  target: string;
  /** The commit that brought the edge in (the first time, if it came and went several times). */
  firstSeen: Stamp;
  /** The repo's tip while the edge is there; else the commit that removed it (`removed`). */
  lastSeen?: Stamp;
  removed?: true;
  /** Every version in order, gaps (removed, then added again) included as they happened. */
  versions: EdgeVersion[];
}

interface NodeLineage {
  id: string;
  type: NodeSummary['type'];
  kind: string;
  /** The repo whose history added it (a component's own repo). */
  repo: string;
  owner?: string;
  system?: string;
  firstSeen: Stamp;
  lastSeen?: Stamp;
  removed?: true;
}

export interface Lineage {
  edges: EdgeLineage[];
  nodes: NodeLineage[];
}

function stampOf(event: HistoryEvent): Stamp {
  return {
    repo: event.repo,
    commit: event.commit,
    date: utc(event.time),
    time: event.time,
    author: event.author,
    email: event.email,
    subject: event.subject,
  };
}

function versionOf(edge: EdgeSummary, from: Stamp): EdgeVersion {
  const v: EdgeVersion = { pinned: edge.pinned, from };
  if (edge.version !== undefined) v.version = edge.version;
  if (edge.image !== undefined) v.image = edge.image;
  if (edge.protocol !== undefined) v.protocol = edge.protocol;
  if (edge.scope !== undefined) v.scope = edge.scope;
  return v;
}

/** The lineage of a timeline read whole: each repo's events in its main-line order, its tip where what stays was last seen. */
export function lineageOf(timeline: Pick<OrgTimeline, 'byRepo' | 'repos' | 'resolution'>): Lineage {
  const tips = new Map<string, Stamp>();
  for (const repo of timeline.repos) {
    if (!repo.tip) continue;
    const { oid, ...rest } = repo.tip;
    tips.set(repo.id, { repo: repo.id, commit: oid, ...rest, date: utc(rest.time) });
  }
  return foldLineage(timeline.byRepo, tips, timeline.resolution);
}

/**
 * Folds each repo's events (in main-line order: dates can go backwards after a rebase) into
 * lineage. `tips` gives each repo's tip, the `lastSeen` of what is still there.
 */
function foldLineage(
  lists: readonly (readonly HistoryEvent[])[],
  tips: ReadonlyMap<string, Stamp> = new Map(),
  resolution?: ApiResolution,
): Lineage {
  const edges: EdgeLineage[] = [];
  const nodes: NodeLineage[] = [];
  const resolve = apiResolver(resolution);
  for (const list of lists) {
    const repo = list[0]?.repo;
    if (repo === undefined) continue;
    const openEdges = new Map<string, EdgeLineage>();
    const openNodes = new Map<string, NodeLineage>();
    const close = (line: { lastSeen?: Stamp; removed?: true }, at: Stamp): void => {
      line.lastSeen = at;
      line.removed = true;
    };
    const openEdge = (edge: EdgeSummary, at: Stamp): void => {
      const known = openEdges.get(edge.key);
      if (known) {
        // Added again after a removal: the same lineage, with a gap.
        delete known.removed;
        delete known.lastSeen;
        known.versions.push(versionOf(edge, at));
        return;
      }
      const line: EdgeLineage = {
        repo,
        key: edge.key,
        type: edge.type,
        source: edge.source,
        target: edge.target,
        firstSeen: at,
        versions: [versionOf(edge, at)],
      };
      openEdges.set(edge.key, line);
      edges.push(line);
    };
    for (const event of list) {
      const at = stampOf(event);
      const { diff } = event;
      for (const removed of diff.edges.removed) {
        const edge = resolve.edge(removed);
        const line = openEdges.get(edge.key);
        if (!line || line.removed) continue;
        const last = line.versions[line.versions.length - 1];
        if (last && !last.to) last.to = at;
        close(line, at);
      }
      for (const changed of diff.edges.changed) {
        const change = { from: resolve.edge(changed.from), to: resolve.edge(changed.to) };
        const line = openEdges.get(change.from.key) ?? openEdges.get(change.to.key);
        if (!line || line.removed) {
          openEdge(change.to, at);
          continue;
        }
        const last = line.versions[line.versions.length - 1];
        if (last && !last.to) last.to = at;
        line.versions.push(versionOf(change.to, at));
        // A new scope, protocol or api gives the edge a new key: the same story goes on under it.
        if (change.to.key !== change.from.key) {
          openEdges.delete(change.from.key);
          openEdges.set(change.to.key, line);
          line.key = change.to.key;
        }
      }
      for (const edge of diff.edges.added) openEdge(resolve.edge(edge), at);
      for (const node of diff.nodes.removed) {
        const line = openNodes.get(node.id);
        if (line && !line.removed) close(line, at);
      }
      for (const change of diff.nodes.changed) {
        const line = openNodes.get(change.id);
        if (!line) continue;
        for (const field of change.fields) {
          if (field.field !== 'owner' && field.field !== 'system' && field.field !== 'kind') continue;
          if (field.to === undefined) delete line[field.field];
          else line[field.field] = field.to;
        }
      }
      for (const node of diff.nodes.added) {
        const known = openNodes.get(node.id);
        if (known) {
          delete known.removed;
          delete known.lastSeen;
          known.kind = node.kind;
          if (node.owner !== undefined) known.owner = node.owner;
          continue;
        }
        const line: NodeLineage = { id: node.id, type: node.type, kind: node.kind, repo, firstSeen: at };
        if (node.owner !== undefined) line.owner = node.owner;
        if (node.system !== undefined) line.system = node.system;
        openNodes.set(node.id, line);
        nodes.push(line);
      }
    }
    const tip = tips.get(repo);
    if (tip) {
      for (const line of openEdges.values()) if (!line.removed) line.lastSeen = tip;
      for (const line of openNodes.values()) if (!line.removed) line.lastSeen = tip;
    }
  }
  // The unresolved services the history made of calls the graph resolves by API are not nodes of the graph.
  const resolved = (n: NodeLineage) =>
    n.type === 'resource' && resolve.names.has(n.id) && !resolution?.components.has(n.id);
  return { edges, nodes: resolve.names.size > 0 ? nodes.filter((n) => !resolved(n)) : nodes };
}

/**
 * One row of the temporal table: an edge at one version, valid from `valid_from` (the commit
 * that set it) until `valid_to` (the commit that changed or removed it; null while it holds).
 * Times are UTC ISO 8601 (`2021-12-10T14:00:00Z`), so text order is time order.
 */
export interface EdgeRow {
  repo: string;
  component: string;
  dependency: string;
  kind: EdgeSummary['type'];
  version: string | null;
  /** The version's numbers, where it reads as one (`2.14.1` → 2, 14, 1; missing parts 0): compare them in SQL, `(major, minor, patch) < (2, 15, 0)`. */
  major: number | null;
  minor: number | null;
  patch: number | null;
  image: string | null;
  pinned: boolean;
  valid_from: string;
  valid_to: string | null;
  commit: string;
  author: string;
  email: string;
  ended_by: string | null;
  ended_by_author: string | null;
  subject: string;
}

/** The temporal table of every edge version, oldest first. */
export function edgeRows(lineage: Lineage): EdgeRow[] {
  const rows: { row: EdgeRow; time: number }[] = [];
  for (const line of lineage.edges) {
    for (const v of line.versions) {
      rows.push({
        time: v.from.time,
        row: {
          repo: line.repo,
          component: line.source,
          dependency: line.target,
          kind: line.type,
          version: v.version ?? null,
          ...numbersOf(v.version),
          image: v.image ?? null,
          pinned: v.pinned,
          valid_from: utc(v.from.time),
          valid_to: v.to ? utc(v.to.time) : null,
          commit: v.from.commit,
          author: v.from.author,
          email: v.from.email,
          ended_by: v.to?.commit ?? null,
          ended_by_author: v.to?.author ?? null,
          subject: v.from.subject,
        },
      });
    }
  }
  rows.sort(
    (a, b) =>
      a.time - b.time ||
      cmp(a.row.repo, b.row.repo) ||
      cmp(a.row.component, b.row.component) ||
      cmp(a.row.dependency, b.row.dependency),
  );
  return rows.map((r) => r.row);
}

function numbersOf(version: string | undefined): Pick<EdgeRow, 'major' | 'minor' | 'patch'> {
  const read = version === undefined ? undefined : readVersion(version);
  return read ? { major: read.major, minor: read.minor, patch: read.patch } : { major: null, minor: null, patch: null };
}

/** UTC, to the second: text that sorts and compares as time in any database (git's dates carry their own offsets). */
const utc = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
