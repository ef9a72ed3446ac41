/**
 * Times commands as child processes: a warm-up run, then N runs, medians. Every ratio is
 * against a baseline measured in the same run on the same machine, never an absolute number,
 * so a slow or busy machine changes the milliseconds but not the verdict much.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * CPU time (user + sys, ms) of this process's waited-for children, from /proc on Linux;
 * undefined elsewhere. On a busy shared machine it moves less than wall time does.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After ")": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

export function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * Runs one command once; throws with its stderr when the exit code is not one of `okCodes`.
 * Output is discarded unless `capture` (then it is returned, for a sanity check).
 */
export function runOnce(c, { capture = false } = {}) {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(c.command, c.args, {
    cwd: c.cwd,
    env: c.env ?? process.env,
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  const ok = c.okCodes ?? [0];
  if (result.error) throw result.error;
  if (!ok.includes(result.status)) {
    throw new Error(
      `${c.name}: exit code ${result.status} (expected ${ok.join(' or ')})\n${(result.stderr ?? '').slice(-4000)}`,
    );
  }
  return { ms, cpu, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * Times each case `runs` times after `warmup` runs. Cases are interleaved (a, b, c, a, b, c…)
 * so that drift on a shared machine hits all of them alike.
 */
export function timeCommands(cases, { runs = 5, warmup = 1, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const samples = new Map(cases.map((c) => [c.name, []]));
  const cpu = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < warmup; i++) {
    for (const c of cases) {
      const { ms, stdout } = runOnce(c, { capture: Boolean(c.check) });
      if (c.check) c.check(stdout);
      log(`  warm-up ${c.name}: ${ms.toFixed(0)} ms`);
    }
  }
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      const r = runOnce(c);
      samples.get(c.name).push(r.ms);
      if (r.cpu !== undefined) cpu.get(c.name).push(r.cpu);
    }
    log(`  run ${i + 1}/${runs} done`);
  }
  return cases.map((c) => {
    const s = samples.get(c.name);
    const row = { name: c.name, median: median(s), min: Math.min(...s), max: Math.max(...s), samples: s };
    if (cpu.get(c.name).length === s.length) row.cpuMedian = median(cpu.get(c.name));
    return row;
  });
}

/**
 * Prints `name | median ms | min | max | ratio vs baseline`, plus the children's CPU time
 * (user + sys) and its ratio when the platform reports it.
 */
export function printTable(rows, baselineName, { title, out = process.stdout } = {}) {
  const base = rows.find((r) => r.name === baselineName);
  if (!base) throw new Error(`no baseline row named ${baselineName}`);
  const withCpu = rows.every((r) => r.cpuMedian !== undefined);
  const header = ['name', 'median ms', 'min ms', 'max ms', 'ratio vs baseline'];
  if (withCpu) header.push('cpu ms (user+sys)', 'cpu ratio');
  const table = [header];
  for (const r of rows) {
    const row = [
      r.name,
      r.median.toFixed(1),
      r.min.toFixed(1),
      r.max.toFixed(1),
      `${(r.median / base.median).toFixed(2)}x`,
    ];
    if (withCpu) row.push(r.cpuMedian.toFixed(0), `${(r.cpuMedian / base.cpuMedian).toFixed(2)}x`);
    table.push(row);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  if (title) out.write(`\n${title}\n(ratio = median / median of "${baselineName}", measured in this same run)\n`);
  out.write(
    `${line(table[0])}\n|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|\n`,
  );
  for (const row of table.slice(1)) out.write(`${line(row)}\n`);
}

/** `ratio ≤ target` as a PASS/MISS line; returns whether it passed. */
export function verdict(label, ratio, target, out = process.stdout) {
  const pass = ratio <= target;
  out.write(`${pass ? 'PASS' : 'MISS'} ${label}: ${ratio.toFixed(2)}x (target <= ${target}x)\n`);
  return pass;
}
