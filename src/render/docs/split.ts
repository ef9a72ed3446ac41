/**
 * Sections too long to read: past SECTION_ROWS rows, a section's table becomes a count per
 * group (a system, an ecosystem) with each group's rows on a page of its own. A person reads
 * their system's page, not a page of 3,000 rows (at 3,000 components single pages reached
 * 13–14 MB).
 */
import { anchor, link, md, plural, table } from './markdown.js';
import { SECTION_ROWS, type Site } from './site.js';

export interface Split<T> {
  items: readonly T[];
  table: (page: string, items: readonly T[]) => string;
  /** The group an item is listed under when the section is split ('' last, as "other"). */
  group: (item: T) => string;
  groupLink: (page: string, group: string) => string;
  /** The section's heading, also the title of each group's page. */
  heading: string;
  /** The page the section is on, as the group pages' breadcrumb names it. */
  parent: string;
  file: (group: string) => string;
  /** What a row is ("finding", "call"), counted per group, and its plural. */
  unit: string;
  units: string;
  explain: string;
  /** The header of the group column. */
  column: string;
}

export function splitByGroup<T>(site: Site, page: string, split: Split<T>): string {
  if (split.items.length <= SECTION_ROWS) return split.table(page, split.items);
  const groups = new Map<string, T[]>();
  for (const item of split.items) {
    const key = split.group(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const rows = [...groups]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([group, items]) => {
      const target = split.file(group);
      const name = md(group || 'other');
      site.pages.set(target, () =>
        [
          `# ${split.heading}: ${name}`,
          '',
          `${link(target, 'index.md', 'Architecture')} › ${link(target, page, split.parent, anchor(split.heading))} › ${name}`,
          '',
          `${plural(items.length, split.unit, split.units)}. ${split.explain}`,
          '',
          split.table(target, items),
          '',
        ].join('\n'),
      );
      return [split.groupLink(page, group), link(page, target, plural(items.length, split.unit, split.units))];
    });
  return table([split.column, `${split.units[0]?.toUpperCase()}${split.units.slice(1)}`], rows);
}
