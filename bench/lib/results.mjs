/**
 * `--results <file>`: a bench appends one JSON line per row of issue 18's table it measured,
 * for bench/scale/run.mjs to print every row in one table:
 *
 *   {"row": "scan-yaml", "what": "…", "figure": "1.19x", "value": 1.19, "target": "<= 1.5x",
 *    "pass": true, "detail": "cpu 1.22x"}
 *
 * `row` is a stable id (bench/scale/run.mjs knows which bench gives which); `figure` and
 * `target` are what a reader sees, `value` the number behind `figure`.
 */
import { appendFileSync } from 'node:fs';

/** Appends one result line to `file`; does nothing when there is no file (no `--results`). */
export function writeResult(file, { row, what, figure, value, target, pass, detail = '' }) {
  if (!file) return;
  const line = { row, what, figure, value: Number.isFinite(value) ? Number(value.toFixed(4)) : null };
  Object.assign(line, { target, pass: Boolean(pass), detail });
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** A ratio as the tables print it: `1.19x`, or `n/a`. */
export const times = (ratio) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a');
