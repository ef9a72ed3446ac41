import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir } from '../helpers/fs.js';
import { gitRepo } from '../helpers/git.js';

const manifest = (express: string) =>
  `depmap: 1\nname: shop\nkind: service\nlibraries:\n  - pkg:npm/express@${express}\n`;

describe('depmap docs: the timeline page', () => {
  it('is written from the git history of the sources and listed on the index', async () => {
    const org = tempDir();
    gitRepo(
      [
        { files: { 'depmap.yaml': manifest('4.18.2') }, date: '2024-02-01T10:00:00Z', message: 'shop: first manifest' },
        { files: { 'depmap.yaml': manifest('4.19.2') }, date: '2024-03-05T10:00:00Z', message: 'shop: express 4.19' },
      ],
      path.join(org, 'shop'),
    );
    const out = path.join(tempDir(), 'docs');
    const result = await runCli(['docs', org, '--out', out, '--no-svg', '-q']);
    expect(result.code).toBe(0);
    const page = readFileSync(path.join(out, 'timeline.md'), 'utf8');
    expect(page).toContain('## 2024-03');
    expect(page).toContain('shop: express 4.19');
    expect(page).toContain('pkg:npm/express 4.18.2 → 4.19.2 (minor upgrade)');
    expect(page).toContain('```mermaid\ntimeline');
    expect(readFileSync(path.join(out, 'index.md'), 'utf8')).toContain('(timeline.md)');
  });

  it('is left out, with a note, for a snapshot or sources without git history', async () => {
    const out = path.join(tempDir(), 'docs');
    const snapshot = path.join(tempDir(), 'g.json');
    await runCli(['scan', 'fixtures/demo-org', '--out', snapshot, '-q']);
    const fromSnapshot = await runCli(['docs', '--snapshot', snapshot, '--out', out, '--no-svg', '-q']);
    expect(fromSnapshot.code).toBe(0);
    expect(fromSnapshot.stderr).toContain('no timeline page: a snapshot has no history');
    expect(existsSync(path.join(out, 'timeline.md'))).toBe(false);
    expect(existsSync(path.join(out, 'index.md'))).toBe(true);
  });
});
