/**
 * Most commits to a manifest change one entry of a list: a version bump, a library added or
 * removed. Parsing thousands of whole versions dominates the cost of reading a long
 * history, so when the change between two versions is confined to whole entries of
 * `libraries`, `services` or `provides`, only those entries are parsed (the real parser, on
 * a small document that keeps their line numbers) and spliced into the previous version.
 *
 * Anything unusual (anchors, aliases, tabs, block scalars, other sections, imports, an
 * error, a duplicate) gives undefined and the caller parses the whole file: this is a
 * shortcut to the same result as parseManifest, never a second parser of the spec.
 */
import { parseManifest } from '../manifest/parse.js';
import type { DockerPinLevel, Manifest, Position } from '../manifest/types.js';

type Section = 'libraries' | 'services' | 'provides';
const SECTIONS = new Set<string>(['libraries', 'services', 'provides']);
const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*$/;
/**
 * YAML features whose meaning reaches beyond one entry (anchors, aliases, tags, block
 * scalars, merge keys), or that the line logic cannot see (tabs, CR). The rest of the file
 * is the previous version's, which parsed cleanly.
 */
const UNSAFE_IN_ENTRY = /[&*!|>\t\r%`]|<</;

export function parseIncrementally(previous: { text: string; manifest: Manifest }, text: string, file: string, docker: DockerPinLevel): Manifest | undefined {
  const old = previous.text.split('\n');
  const now = text.split('\n');
  const shortest = Math.min(old.length, now.length);
  let p = 0;
  while (p < shortest && old[p] === now[p]) p++;
  let s = 0;
  while (s < shortest - p && old[old.length - 1 - s] === now[now.length - 1 - s]) s++;
  if (p === old.length && p === now.length) return { ...previous.manifest, file };

  // The section around the change: the last top-level key above it.
  let k = p - 1;
  while (k >= 0 && !/^[^\s#-]/.test(old[k] as string)) k--;
  const key = k >= 0 ? TOP_KEY.exec(old[k] as string) : null;
  if (!key || !SECTIONS.has(key[1] as string)) return undefined;
  const section = key[1] as Section;
  const itemLine = old.slice(k + 1).find((l) => /^ *- /.test(l)) ?? now.slice(k + 1).find((l) => /^ *- /.test(l));
  if (!itemLine) return undefined;
  const indent = (itemLine.match(/^ */) as RegExpMatchArray)[0].length;
  const isItem = (l: string) => l.length > indent && l.startsWith('- ', indent) && /^ *$/.test(l.slice(0, indent));
  const isInside = (l: string) => isItem(l) || /^\s*$/.test(l) || (l.length > indent + 1 && /^ +$/.test(l.slice(0, indent + 1)));

  // Widen the change to whole entries: back to an entry's first line, on to the next one.
  let a = p;
  while (a > k + 1 && !isItem(old[a] ?? now[a] ?? '')) a--;
  if (a <= k || !isItem(old[a] ?? now[a] ?? '')) return undefined;
  let oldEnd = old.length - s;
  let newEnd = now.length - s;
  while (oldEnd < old.length && !isItem(old[oldEnd] as string) && isInside(old[oldEnd] as string) && !/^\s*$/.test(old[oldEnd] as string)) {
    oldEnd++;
    newEnd++;
  }
  const after = old[oldEnd];
  if (after !== undefined && !isItem(after) && !/^\S/.test(after) && !/^\s*$/.test(after)) return undefined;
  const oldItems = old.slice(a, oldEnd);
  const newItems = now.slice(a, newEnd);
  for (const l of [...oldItems, ...newItems]) if (!isInside(l) || UNSAFE_IN_ENTRY.test(l)) return undefined;
  if (newItems.length > 0 && !isItem(newItems[0] as string)) return undefined;
  if (oldItems.length > 0 && !isItem(oldItems[0] as string)) return undefined;
  // The small document needs three lines of header and one for the section's key.
  if (a < 4) return undefined;

  const firstLine = a + 1;
  const oldLast = oldEnd; // 1-based last line of the old entries
  const inOld = (pos: Position) => pos.line >= firstLine && pos.line <= oldLast;
  const m = previous.manifest;
  if (m.fromRefs.some((r) => inOld(r.pos))) return undefined;
  const replaced = (m[section] as { pos: Position }[]).filter((e) => inOld(e.pos));
  if (replaced.length !== oldItems.filter(isItem).length) return undefined;

  let parsed: Manifest | undefined;
  if (newItems.some(isItem)) {
    const mini = ['depmap: 1', `name: ${m.name}`, 'kind: service', ...Array.from({ length: a - 4 }, () => ''), `${section}:`, ...newItems].join('\n');
    const result = parseManifest(`${mini}\n`, file, { docker });
    if (!result.manifest || result.problems.some((x) => x.severity === 'error')) return undefined;
    parsed = result.manifest;
    if (parsed.fromRefs.length > 0 || (parsed[section] as unknown[]).length !== newItems.filter(isItem).length) return undefined;
  }

  const delta = newEnd - oldEnd;
  const shift = <T extends { pos: Position }>(e: T): T => (e.pos.line > oldLast && delta !== 0 ? { ...e, pos: { line: e.pos.line + delta, col: e.pos.col } } : e);
  const splice = <T extends { pos: Position }>(list: readonly T[], fresh: readonly T[]): T[] => {
    const before = list.filter((e) => e.pos.line < firstLine);
    const rest = list.filter((e) => e.pos.line > oldLast).map(shift);
    return [...before, ...fresh, ...rest];
  };
  const next: Manifest = {
    ...m,
    file,
    provides: section === 'provides' ? splice(m.provides, parsed?.provides ?? []) : m.provides.map(shift),
    libraries: section === 'libraries' ? splice(m.libraries, parsed?.libraries ?? []) : m.libraries.map(shift),
    services: section === 'services' ? splice(m.services, parsed?.services ?? []) : m.services.map(shift),
    fromRefs: m.fromRefs.map(shift),
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
