/**
 * Lists kept for the whole run (a history's events, one per commit) at their length. An array
 * filled by `push` keeps room for ~17 items, and most of an event's lists hold one item or
 * none: at 50,000 commits the slack and the empty lists were a quarter of the events' memory.
 */

/** The one empty list every empty kept list shares: frozen, so a `push` throws instead of filling them all. */
const NONE: readonly never[] = Object.freeze([]);

/** `list` as a list of exactly its length (a copy), or the shared empty one. */
export function fit<T>(list: T[]): T[] {
  return list.length === 0 ? (NONE as never[]) : list.slice();
}
