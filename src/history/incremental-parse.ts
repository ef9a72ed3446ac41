/**
 * Most commits to a manifest change one entry of a list (a version bump, a library added or
 * removed) or one line like `owner:`. Parsing thousands of whole versions dominates the cost
 * of reading a long history, so when the change between two versions is confined to whole
 * entries of `libraries`, `services` or `provides`, only those entries are parsed (by the
 * real parser, in a small document) and spliced into the previous version. The entries of
 * many versions can be parsed in one small document ({@link parseEntriesBatch}).
 *
 * Anything unusual (anchors, aliases, tabs, block scalars, other sections, imports, an
 * error, a duplicate) gives undefined and the caller parses the whole file: this is a
 * shortcut to the same result as parseManifest, never a second parser of the spec.
 */
import { parseManifest } from '../manifest/parse.js';
import type { DockerPinLevel, Manifest, Position } from '../manifest/types.js';

export type Section = 'libraries' | 'services' | 'provides';
const SECTIONS = new Set<string>(['libraries', 'services', 'provides']);
const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*$/;
/**
 * YAML features whose meaning reaches beyond one entry (anchors, aliases, tags, block
 * scalars, merge keys), or that the line logic cannot see (tabs, CR). The rest of the file
 * is the previous version's, which parsed cleanly.
 */
const UNSAFE_IN_ENTRY = /[&*!|>\t\r%`]|<</;
/** Top-level fields whose one-line change is taken without parsing the whole file. */
const SCALAR_FIELD = /^(owner|system|description):[ ]+(.*)$/;
const HEADER = ['depmap: 1', 'name: x', 'kind: service'];

/** What changed between two texts, found from the texts alone. */
export type Plan =
  | { kind: 'same' }
  | { kind: 'field'; field: 'owner' | 'system' | 'description'; line: string }
  | {
      kind: 'entries';
      section: Section;
      /** 0-based first line of the entries, in both texts. */
      start: number;
      /** 1-based last line of the old entries. */
      oldLast: number;
      /** Lines added (negative: removed) by the change. */
      delta: number;
      /** The new entries' lines, and how many entries they hold. */
      lines: string[];
      entries: number;
      oldEntries: number;
      indent: number;
    };

export function planIncremental(oldText: string, newText: string): Plan | undefined {
  const old = oldText.split('\n');
  const now = newText.split('\n');
  const shortest = Math.min(old.length, now.length);
  let p = 0;
  while (p < shortest && old[p] === now[p]) p++;
  let s = 0;
  while (s < shortest - p && old[old.length - 1 - s] === now[now.length - 1 - s]) s++;
  if (p === old.length && p === now.length) return { kind: 'same' };
  if (old.length - s - p === 1 && now.length - s - p === 1) {
    const before = SCALAR_FIELD.exec(old[p] as string);
    const after = SCALAR_FIELD.exec(now[p] as string);
    if (
      before &&
      after &&
      before[1] === after[1] &&
      !UNSAFE_IN_ENTRY.test(now[p] as string) &&
      !/^\s*$/.test(after[2] as string)
    ) {
      return { kind: 'field', field: after[1] as 'owner' | 'system' | 'description', line: now[p] as string };
    }
  }

  // The section around the change: the last top-level key above it.
  let k = p - 1;
  while (k >= 0 && !/^[^\s#-]/.test(old[k] as string)) k--;
  const key = k >= 0 ? TOP_KEY.exec(old[k] as string) : null;
  if (!key || !SECTIONS.has(key[1] as string)) return undefined;
  const itemLine = old.slice(k + 1).find((l) => /^ *- /.test(l)) ?? now.slice(k + 1).find((l) => /^ *- /.test(l));
  if (!itemLine) return undefined;
  const indent = (itemLine.match(/^ */) as RegExpMatchArray)[0].length;
  const isItem = (l: string) => l.length > indent && l.startsWith('- ', indent) && /^ *$/.test(l.slice(0, indent));
  const isInside = (l: string) =>
    isItem(l) || /^\s*$/.test(l) || (l.length > indent + 1 && /^ +$/.test(l.slice(0, indent + 1)));

  // Widen the change to whole entries: back to an entry's first line, on to the next one.
  let a = p;
  while (a > k + 1 && !isItem(old[a] ?? now[a] ?? '')) a--;
  if (a <= k || !isItem(old[a] ?? now[a] ?? '')) return undefined;
  let oldEnd = old.length - s;
  let newEnd = now.length - s;
  while (
    oldEnd < old.length &&
    !isItem(old[oldEnd] as string) &&
    isInside(old[oldEnd] as string) &&
    !/^\s*$/.test(old[oldEnd] as string)
  ) {
    oldEnd++;
    newEnd++;
  }
  const after = old[oldEnd];
  if (after !== undefined && !isItem(after) && !/^\S/.test(after) && !/^\s*$/.test(after)) return undefined;
  const oldItems = old.slice(a, oldEnd);
  const newItems = now.slice(a, newEnd);
  for (const l of oldItems) if (!isInside(l) || UNSAFE_IN_ENTRY.test(l)) return undefined;
  for (const l of newItems) if (!isInside(l) || UNSAFE_IN_ENTRY.test(l)) return undefined;
  if (newItems.length > 0 && !isItem(newItems[0] as string)) return undefined;
  if (oldItems.length > 0 && !isItem(oldItems[0] as string)) return undefined;
  return {
    kind: 'entries',
    section: key[1] as Section,
    start: a,
    oldLast: oldEnd,
    delta: newEnd - oldEnd,
    lines: newItems,
    entries: newItems.filter(isItem).length,
    oldEntries: oldItems.filter(isItem).length,
    indent,
  };
}

/** Entries of one section parsed by the real parser, with their lines in their own file. */
export type ParsedEntries = Pick<Manifest, 'provides' | 'libraries' | 'services'>;

export interface EntriesRequest {
  section: Section;
  /** The entries' lines, and the 0-based line of the first in its file. */
  lines: string[];
  start: number;
  entries: number;
}

const moveBy =
  (offset: number) =>
  <T extends { pos: Position }>(e: T): T => ({ ...e, pos: { line: e.pos.line + offset, col: e.pos.col } });

/**
 * Parses the entries of many requests of one section in one small document, where the
 * same entry may come from several versions (no duplicate check across them: applyPlan
 * checks each version's). On a failure (an invalid entry) halves the batch until the
 * failing requests stand alone and get undefined.
 */
export function parseEntriesBatch(
  requests: readonly EntriesRequest[],
  file: string,
  docker: DockerPinLevel,
): (ParsedEntries | undefined)[] {
  if (requests.length === 0) return [];
  const section = (requests[0] as EntriesRequest).section;
  const lines = [...HEADER, `${section}:`];
  const firstLines: number[] = [];
  for (const r of requests) {
    firstLines.push(lines.length + 1);
    lines.push(...r.lines);
  }
  const result = parseManifest(`${lines.join('\n')}\n`, file, { docker, independentEntries: true });
  const parsed = result.manifest;
  const total = requests.reduce((n, r) => n + r.entries, 0);
  if (
    !parsed ||
    parsed.fromRefs.length > 0 ||
    result.problems.some((x) => x.severity === 'error') ||
    parsed[section].length !== total
  ) {
    if (requests.length === 1) return [undefined];
    const half = Math.ceil(requests.length / 2);
    return [
      ...parseEntriesBatch(requests.slice(0, half), file, docker),
      ...parseEntriesBatch(requests.slice(half), file, docker),
    ];
  }
  const out: ParsedEntries[] = [];
  let taken = 0;
  requests.forEach((r, i) => {
    const move = moveBy(r.start + 1 - (firstLines[i] as number));
    const mine = (parsed[section] as { pos: Position }[]).slice(taken, taken + r.entries).map(move);
    taken += r.entries;
    out.push({
      provides: section === 'provides' ? (mine as Manifest['provides']) : [],
      libraries: section === 'libraries' ? (mine as Manifest['libraries']) : [],
      services: section === 'services' ? (mine as Manifest['services']) : [],
    });
  });
  return out;
}

/** Reads a changed `owner:`/`system:`/`description:` line with the real parser. */
export function parseField(
  plan: Extract<Plan, { kind: 'field' }>,
  file: string,
  docker: DockerPinLevel,
): string | undefined {
  const result = parseManifest(`${[...HEADER, plan.line].join('\n')}\n`, file, { docker });
  if (result.problems.some((x) => x.severity === 'error')) return undefined;
  return result.manifest?.[plan.field];
}

/** The previous version with the plan's change applied; undefined when it does not fit. */
export function applyPlan(
  previous: Manifest,
  plan: Plan,
  file: string,
  parsed: ParsedEntries | string | undefined,
): Manifest | undefined {
  if (plan.kind === 'same') return { ...previous, file };
  if (plan.kind === 'field') {
    if (typeof parsed !== 'string' || previous[plan.field] === undefined) return undefined;
    return { ...previous, file, [plan.field]: parsed };
  }
  if (typeof parsed === 'string' || (parsed === undefined && plan.entries > 0)) return undefined;
  const { section, oldLast, delta } = plan;
  const firstLine = plan.start + 1;
  const inOld = (pos: Position) => pos.line >= firstLine && pos.line <= oldLast;
  if (previous.fromRefs.some((r) => inOld(r.pos))) return undefined;
  if ((previous[section] as { pos: Position }[]).filter((e) => inOld(e.pos)).length !== plan.oldEntries)
    return undefined;

  const move = moveBy(delta);
  const shift = <T extends { pos: Position }>(e: T): T => (e.pos.line > oldLast && delta !== 0 ? move(e) : e);
  const splice = <T extends { pos: Position }>(list: readonly T[], fresh: readonly T[]): T[] => [
    ...list.filter((e) => e.pos.line < firstLine),
    ...fresh,
    ...list.filter((e) => e.pos.line > oldLast).map(shift),
  ];
  const next: Manifest = {
    ...previous,
    file,
    provides: section === 'provides' ? splice(previous.provides, parsed?.provides ?? []) : previous.provides.map(shift),
    libraries:
      section === 'libraries' ? splice(previous.libraries, parsed?.libraries ?? []) : previous.libraries.map(shift),
    services: section === 'services' ? splice(previous.services, parsed?.services ?? []) : previous.services.map(shift),
    fromRefs: previous.fromRefs.map(shift),
  };
  // The checks that span entries: the same ones the full parse makes.
  const keys =
    section === 'libraries'
      ? next.libraries.map((l) => `${l.purl}#${l.scope ?? ''}`)
      : section === 'services'
        ? next.services.map((x) => `${x.name}#${x.api ?? ''}#${x.protocol ?? ''}`)
        : next.provides.map((x) => `${x.api}@${x.version}`);
  if (new Set(keys).size !== keys.length) return undefined;
  return next;
}

/** Plan, parse and apply in one go: one version after another. */
export function parseIncrementally(
  previous: { text: string; manifest: Manifest },
  text: string,
  file: string,
  docker: DockerPinLevel,
): Manifest | undefined {
  const plan = planIncremental(previous.text, text);
  if (!plan) return undefined;
  if (plan.kind === 'same') return applyPlan(previous.manifest, plan, file, undefined);
  if (plan.kind === 'field') return applyPlan(previous.manifest, plan, file, parseField(plan, file, docker));
  const parsed = plan.entries > 0 ? parseEntriesBatch([plan], file, docker)[0] : undefined;
  return applyPlan(previous.manifest, plan, file, parsed);
}
