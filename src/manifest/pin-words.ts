/**
 * A pin verdict in words: what is not pinned and why. validate (a warning at the version, or
 * at the line of an imported file) and check's unpinned rule (a finding) both say it
 * through here, so the two cannot drift apart again.
 */
import { problemAt } from './problem.js';
import type { Manifest, PinVerdict, Problem } from './types.js';

/** What a verdict is about. */
export type PinSubject =
  /** `label`: the library as the caller shows it (its purl, or the purl as people read it). */
  | { kind: 'library'; label: string }
  /** `api` is named when given. */
  | { kind: 'service'; name: string; api?: string | undefined }
  | { kind: 'image'; service: string }
  /** The component's own image (`image:` of the manifest). */
  | { kind: 'own-image' }
  | { kind: 'provided'; api: string };

interface PinWords {
  message: string;
  hint?: string;
}

/** `pkg:npm/express: "^4.19.0" is a caret range`, and the verdict's hint. */
export function pinWords(subject: PinSubject, verdict: PinVerdict): PinWords {
  const words: PinWords = { message: `${subjectWords(subject)}${verdict.reason ?? 'not pinned'}` };
  if (verdict.hint) words.hint = verdict.hint;
  return words;
}

function subjectWords(subject: PinSubject): string {
  switch (subject.kind) {
    case 'library':
      return `${subject.label}: `;
    case 'service':
      return `service ${subject.name}${subject.api ? ` api ${subject.api}` : ''}: `;
    case 'image':
      // The reason names the image: `service cache: image "redis:latest" has the rolling tag`.
      return `service ${subject.service}: image `;
    case 'provided':
      return `provided api ${subject.api}: `;
    case 'own-image':
      return 'image ';
  }
}

/**
 * Warnings for the unpinned versions a manifest took from its `from:` files, at the line of
 * the imported file (`importedFrom.file`, as the importer named it) they were read from.
 */
export function importedPinProblems(manifest: Manifest): Problem[] {
  const problems: Problem[] = [];
  const add = (from: { file: string; line?: number }, subject: PinSubject, verdict: PinVerdict) => {
    const words = pinWords(subject, verdict);
    problems.push(
      problemAt(from.file, 'warning', 'unpinned', words.message, {
        hint: words.hint,
        at: { line: from.line ?? 1, col: 1 },
      }),
    );
  };
  for (const lib of manifest.libraries) {
    if (lib.importedFrom && !lib.pin.pinned) add(lib.importedFrom, { kind: 'library', label: lib.purl }, lib.pin);
  }
  for (const svc of manifest.services) {
    if (!svc.importedFrom) continue;
    if (!svc.pin.pinned) add(svc.importedFrom, { kind: 'service', name: svc.name }, svc.pin);
    if (svc.imagePin && !svc.imagePin.pinned) add(svc.importedFrom, { kind: 'image', service: svc.name }, svc.imagePin);
  }
  return problems;
}
