/**
 * The skipped folders as help and docs print them: built from src/util/skipped-dirs.ts (help) or
 * held to it here (Markdown). A failing test prints the sentence the page should hold.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { INIT_MAX_DEPTH } from '../../src/crawl/init-files.js';
import { DISCOVERY_SKIPPED_DIRS, NOT_EVIDENCE_DIRS } from '../../src/importers/discover.js';
import { INIT_SKIPPED_DIRS, SKIPPED_DIRS } from '../../src/util/skipped-dirs.js';
import { inWords } from '../../src/util/words.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const oneLine = (text: string) => text.replace(/\s+/g, ' ');
const page = (file: string) => oneLine(readFileSync(path.join(ROOT, file), 'utf8'));
const codes = (dirs: ReadonlySet<string>) => inWords([...dirs].map((d) => `\`${d}\``));

/** Expects `file` to hold `sentence` (whitespace folded), naming the file and the sentence when it does not. */
function says(file: string, sentence: string): void {
  expect(page(file), `${file} should say (line breaks anywhere):\n\n${sentence}\n`).toContain(sentence);
}

describe('the skipped folders in help and docs', () => {
  it('validate and scan: docs/commands/validate.md', () => {
    says('docs/commands/validate.md', `(skipping ${codes(SKIPPED_DIRS)};`);
  });

  it('init: its --help and docs/commands/init.md', async () => {
    const help = oneLine((await runCli(['init', '--help'])).stdout);
    expect(help).toContain(`depmap init never walks into ${inWords([...INIT_SKIPPED_DIRS])}, and follows no symlink.`);
    says('docs/commands/init.md', `It never walks into ${codes(INIT_SKIPPED_DIRS)} (`);
    says('docs/commands/init.md', `reads at most ${INIT_MAX_DEPTH} folders deep`);
  });

  it('scan --discover: docs/commands/discover.md, with the folders walked but not taken as evidence', () => {
    says(
      'docs/commands/discover.md',
      `Discovery never walks into ${codes(DISCOVERY_SKIPPED_DIRS)}, and follows no symlink.`,
    );
    says(
      'docs/commands/discover.md',
      `It walks into ${codes(NOT_EVIDENCE_DIRS)} folders but takes no evidence from them`,
    );
  });
});
