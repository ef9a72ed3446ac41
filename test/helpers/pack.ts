/** The package as it would be published: `npm pack` of this checkout (scripts skipped: the test run built it). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './fs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function packTarball(): { tarball: string; files: string[] } {
  const out = tempDir('depmap-pack-');
  const [result] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  if (!result) throw new Error('npm pack wrote nothing');
  return { tarball: path.join(out, result.filename), files: result.files.map((f) => f.path) };
}
