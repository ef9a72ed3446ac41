/**
 * `init --observed`: the calls traces show a component makes, added to the `services:` init
 * writes after what its files show.
 */
import type { ImportedServiceRef } from '../types.js';

/** A call traces show: the service entry to write, and other names of the callee (a database's host) to use when its own is taken. */
export interface ObservedRef {
  ref: ImportedServiceRef;
  file: string;
  otherNames?: readonly string[];
}

/**
 * `services` with the observed calls of `names` added, those already there (by any of their
 * names) left as they are. A callee named like the component itself (a database named after
 * its service) is written under its next name.
 */
export function withObserved(
  services: { ref: ImportedServiceRef; file: string }[],
  names: readonly string[],
  options: { observed?: ObservedCalls },
): void {
  const own = new Set(names.map((n) => n.toLowerCase()));
  const known = new Set(services.map((s) => s.ref.name.toLowerCase()));
  for (const call of options.observed?.(names) ?? []) {
    const candidates = [call.ref.name, ...(call.otherNames ?? [])];
    if (candidates.some((n) => known.has(n.toLowerCase()))) continue;
    const name = candidates.find((n) => !own.has(n.toLowerCase()));
    if (name === undefined) continue;
    for (const n of candidates) known.add(n.toLowerCase());
    services.push({ ref: { ...call.ref, name }, file: call.file });
  }
}

/** What traces show a component calls, by its name or one of its aliases. */
export type ObservedCalls = (names: readonly string[]) => ObservedRef[];
