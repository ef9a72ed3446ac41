/**
 * The hostile-input suite: one row per case, run as users run depmap (the real bin, in a
 * process of its own, with a hang limit), and checked the same way every time:
 * - the exit code, and the words the message must contain;
 * - no stack trace, no raw control character and no CI command from data in stdout or stderr;
 * - no temp file, staging folder, journal or lock of depmap's left anywhere in the case;
 * - files that must survive a failure are byte for byte as they were;
 * - outputs that were written are complete (JSON parses, snapshots load);
 * - the other repos of a crawl are still mapped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseSnapshot } from '../../src/graph/snapshot.js';
import { tempDir } from '../helpers/fs.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'depmap.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the process had to be killed for running past the hang limit. */
  hung: boolean;
}

export interface Setup {
  args: string[];
  /** Working folder, relative to the case folder (default: the case folder). */
  cwd?: string;
  env?: Record<string, string>;
  /** Runs while the process runs (to signal it at a pause point); resolves when done. */
  during?: (child: ChildProcess, run: { stderr: () => string }) => Promise<void>;
  /** Wraps the command: e.g. ['bash', '-c', 'ulimit -f 16; exec "$@"', 'bash']. */
  wrap?: string[];
  /** stdout goes to this file (relative to the case, or absolute: /dev/full). */
  stdoutTo?: string;
  /** More folders (a tmpfs) to check for leftovers. */
  dirs?: string[];
  /** Files or folders that must be byte-identical after the run, known only once set up. */
  unchanged?: string[];
}

export interface Row {
  name: string;
  /** Builds the case in a fresh folder; returns how to run depmap on it. */
  setup(dir: string): Setup | Promise<Setup>;
  code: number | number[];
  /** Words stderr must contain; `stdoutSays`: words stdout must contain. */
  says?: (string | RegExp)[];
  stdoutSays?: (string | RegExp)[];
  /** Files or folders (relative to the case, or absolute) that must be byte-identical after the run. */
  unchanged?: string[];
  /** A snapshot the run writes (relative path, or '-' for stdout) and the components it must hold. */
  mapped?: { snapshot: string; components: string[] };
  /** Files that must not exist afterwards (markers a hostile repo would create). */
  absent?: string[];
  /** Why this machine cannot run the case (no tmpfs, …); the row is then reported as skipped. */
  unavailable?: () => string | undefined;
  /** Output lines that may start with `::` (the github report's own annotations). */
  commandsAllowed?: boolean;
  /** More checks, after the common ones. */
  then?: (run: Run, dir: string) => void | Promise<void>;
  /** Hang limit in ms (default 30 s). */
  limit?: number;
}

/** Runs the real CLI in a process of its own; kills it past `limit` ms. */
export function runDepmap(setup: Setup, dir: string, limit = 30_000): Promise<Run> {
  const cwd = path.resolve(dir, setup.cwd ?? '.');
  const command = [...(setup.wrap ?? []), process.execPath, BIN, ...setup.args];
  return new Promise((resolve, reject) => {
    const stdio: ['ignore', 'pipe' | number, 'pipe'] = ['ignore', 'pipe', 'pipe'];
    let fd: number | undefined;
    if (setup.stdoutTo) {
      fd = openSync(path.resolve(dir, setup.stdoutTo), 'w');
      stdio[1] = fd;
    }
    const child = spawn(command[0] as string, command.slice(1), {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...setup.env, DEPMAP_TEST_PAUSE: setup.env?.DEPMAP_TEST_PAUSE ?? '' },
      stdio,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, limit);
    const during = setup.during?.(child, { stderr: () => stderr }).catch(reject);
    child.on('error', reject);
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      if (fd !== undefined) closeSync(fd);
      await during;
      resolve({ code, signal, stdout, stderr, hung });
    });
  });
}

/** Resolves once stderr says depmap paused at `point` (DEPMAP_TEST_PAUSE). */
export async function pausedAt(run: { stderr: () => string }, point: string, limit = 20_000): Promise<void> {
  const start = Date.now();
  while (!run.stderr().includes(`paused at ${point}`)) {
    if (Date.now() - start > limit) throw new Error(`depmap never paused at ${point}; stderr: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// What depmap names its temp files, staging folders, journals and locks.
const LEFTOVER = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$|^\..+\.(new|old)\.\d+\.[0-9a-f]{8}$|^\..+\.(swap|lock)$/;

/** depmap's own leftovers under `dir` (not inside .git folders). */
export function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(d, name);
      if (LEFTOVER.test(name)) found.push(path.relative(dir, full));
      let info;
      try {
        info = lstatSync(full);
      } catch {
        continue;
      }
      if (info.isDirectory() && name !== '.git' && name !== 'node_modules') walk(full);
    }
  };
  walk(dir);
  return found;
}

// Controls a terminal or CI log would act on; depmap's output never has them (NO_COLOR, no TTY).
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Checks a stream's text for what data must never bring into an output read by people or CI. */
export function expectCleanStream(text: string, what: string, options: { commandsAllowed?: boolean } = {}): void {
  const bad = RAW_CONTROL.exec(text);
  expect(
    bad,
    `${what} has a raw control character U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 30), (bad?.index ?? 0) + 30))}`,
  ).toBeNull();
  for (const line of text.split('\n')) {
    const start = line.trimStart();
    if (start.startsWith('::')) {
      expect(
        options.commandsAllowed && /^::(error|warning|notice) [^\n]*::/.test(start),
        `${what} has a workflow command line: ${line}`,
      ).toBe(true);
    }
    expect(/##(\[|vso\[|teamcity\[)/i.test(line), `${what} has a CI log command: ${line}`).toBe(false);
    // A line the output guard had to defuse was started by data too.
    expect(/^(INJECTED|\\u003a:)/.test(start), `${what}: data started a line: ${line}`).toBe(false);
  }
}

/** A file's bytes, or a folder's files and their bytes (as base64, for comparing). */
export function snapshotOf(target: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(target)) return out;
  if (!lstatSync(target).isDirectory()) return { '.': readFileSync(target).toString('base64') };
  for (const entry of readdirSync(target, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      out[path.relative(target, path.join(entry.parentPath, entry.name))] = readFileSync(
        path.join(entry.parentPath, entry.name),
      ).toString('base64');
  }
  return out;
}

/** Registers the rows as tests. */
export function runRows(rows: readonly Row[]): void {
  const names = new Set<string>();
  for (const row of rows) {
    if (names.has(row.name)) throw new Error(`two rows are named ${row.name}`);
    names.add(row.name);
    const reason = row.unavailable?.();
    if (reason) {
      it.skip(`${row.name} (not on this machine: ${reason})`, () => undefined);
      continue;
    }
    it(row.name, async () => {
      const dir = tempDir('depmap-hostile-');
      const setup = await row.setup(dir);
      const before = new Map(
        [...(row.unchanged ?? []), ...(setup.unchanged ?? [])].map((f) => [f, snapshotOf(path.resolve(dir, f))]),
      );
      const run = await runDepmap(setup, dir, row.limit);
      const shown = `exit ${run.code} (${run.signal ?? 'no signal'})\n--- stderr\n${run.stderr}\n--- stdout\n${run.stdout.slice(0, 2000)}`;
      expect(run.hung, `hung past the limit\n${shown}`).toBe(false);
      const codes = Array.isArray(row.code) ? row.code : [row.code];
      expect(codes, shown).toContain(run.code);
      for (const words of row.says ?? []) {
        if (typeof words === 'string') expect(run.stderr, shown).toContain(words);
        else expect(run.stderr, shown).toMatch(words);
      }
      for (const words of row.stdoutSays ?? []) {
        if (typeof words === 'string') expect(run.stdout, shown).toContain(words);
        else expect(run.stdout, shown).toMatch(words);
      }
      expect(run.stderr, shown).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
      expectCleanStream(run.stdout, 'stdout', { commandsAllowed: row.commandsAllowed === true });
      expectCleanStream(run.stderr, 'stderr');
      for (const d of [dir, ...(setup.dirs ?? [])]) expect(leftovers(d), `leftovers in ${d}\n${shown}`).toEqual([]);
      for (const [file, was] of before) expect(snapshotOf(path.resolve(dir, file)), `${file} changed`).toEqual(was);
      for (const file of row.absent ?? []) expect(existsSync(path.resolve(dir, file)), `${file} exists`).toBe(false);
      if (row.mapped) {
        const text =
          row.mapped.snapshot === '-' ? run.stdout : readFileSync(path.join(dir, row.mapped.snapshot), 'utf8');
        const snapshot = parseSnapshot(text, row.mapped.snapshot);
        const components = snapshot.nodes.filter((n) => n.type === 'component').map((n) => n.id);
        for (const c of row.mapped.components) expect(components, shown).toContain(c);
      }
      await row.then?.(run, dir);
    });
  }
}
