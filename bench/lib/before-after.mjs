/**
 * "Before and after" in one run: the same command from an older build (`--before <dir>`, a
 * folder holding that build's dist/ and package.json) and from this build with the fast
 * manifest reader off (DEPMAP_FAST_YAML=0), timed interleaved with the rest; and the table of
 * each depmap row against each baseline, wall and CPU, with the target beside it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The variants of one depmap case: this build; this build with the fast YAML reader off;
 * and, with `before`, the older build at `before/dist/depmap.js`.
 */
export function beforeAfterCases(c, before) {
  const cases = [{ ...c, name: `${c.name} (yaml only)`, env: { ...(c.env ?? process.env), DEPMAP_FAST_YAML: '0' } }, c];
  if (before) {
    const bin = path.resolve(before, 'dist', 'depmap.js');
    if (!existsSync(bin))
      throw new Error(`--before: ${bin} is missing (give a folder with a built dist/ and its package.json)`);
    cases.unshift({ ...c, name: `${c.name} (before)`, args: [bin, ...c.args.slice(1)] });
  }
  return cases;
}

const ratio = (a, b) => (a === undefined || b === undefined ? undefined : a / b);
const shown = (r) => (r === undefined ? 'n/a' : `${r.toFixed(2)}x`);

/**
 * One line per depmap row and baseline: the ratio of medians, wall and CPU, and the target.
 * `goals` is [{ baseline: <row name>, target: <ratio> }]; returns whether `judged` met every one (wall).
 */
export function printVersus(rows, depmapNames, goals, judged, out = process.stdout) {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const table = [['depmap', 'vs baseline', 'wall ratio', 'cpu ratio', 'target', 'verdict (wall)']];
  let pass = true;
  for (const goal of goals) {
    const base = byName.get(goal.baseline);
    for (const name of depmapNames) {
      const row = byName.get(name);
      if (!row || !base) continue;
      const wall = ratio(row.median, base.median);
      const met = wall <= goal.target;
      if (name === judged) pass = pass && met;
      table.push([
        name,
        goal.baseline,
        shown(wall),
        shown(ratio(row.cpuMedian, base.cpuMedian)),
        `<= ${goal.target}x`,
        met ? 'PASS' : 'MISS',
      ]);
    }
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (r) =>
    `| ${r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  out.write(
    `\n${line(table[0])}\n|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|\n`,
  );
  for (const r of table.slice(1)) out.write(`${line(r)}\n`);
  return pass;
}
