/**
 * Ids and file names derived from graph names. They must be stable (the same name gives the
 * same id in every diagram and every run, so diffs of .mmd files stay small) and must survive
 * any character: names come from manifests, but also from importers and hand-edited
 * snapshots.
 */
import { createHash } from 'node:crypto';

const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/**
 * A Mermaid/DOT identifier for a name. Plain names (letters, digits, `-`) map readably and
 * one-to-one (`orders-db` → `n_orders_db`); anything else gets a different prefix and a hash
 * of the exact name, so two names never share an id. The prefix keeps ids away from Mermaid
 * keywords (`end`, `graph`, `class`) and from arrow heads (`--o`, `--x`).
 */
export function diagramId(prefix: string, name: string): string {
  if (/^[A-Za-z0-9-]+$/.test(name)) return `${prefix}_${name.replace(/-/g, '_')}`;
  const slug = name
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return `${prefix}x_${slug ? `${slug}_` : ''}${hash(name, 8)}`;
}

/**
 * A file name (without extension) for a name: kept as is when it is lower-case and plain,
 * otherwise made safe with a hash of the exact name, so that `Billing` and `billing` do not
 * collide on case-insensitive file systems.
 */
export function fileSlug(name: string): string {
  if (/^[a-z0-9][a-z0-9_-]*$/.test(name) && name.length <= 80) return name;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'x'}-${hash(name, 6)}`;
}
