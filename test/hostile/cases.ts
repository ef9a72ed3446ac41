/** Building blocks of hostile cases: manifests, a good repo beside a bad one, FIFOs, tmpfs. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { writeTree } from '../helpers/fs.js';

export function manifest(name: string, extra = ''): string {
  return `depmap: 1\nname: ${name}\nkind: service\n${extra}`;
}

/** `org/good` (a plain manifest) and `org/<bad>` with the given files. */
export function orgWithBad(dir: string, bad: Record<string, string | Uint8Array>, badName = 'bad'): string {
  writeTree(path.join(dir, 'org', 'good'), { 'depmap.yaml': manifest('good') });
  writeTree(path.join(dir, 'org', badName), bad);
  return path.join(dir, 'org');
}

export function fifo(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
  return file;
}

export function symlink(target: string, file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  symlinkSync(target, file);
  return file;
}

export function write(file: string, content: string | Uint8Array): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

const mounts: string[] = [];
afterAll(() => {
  for (const dir of mounts.splice(0)) {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmdirSync(dir);
    } catch {
      // left for the OS
    }
  }
});

let tmpfsWorks: boolean | undefined;

/** True when this process may mount a tmpfs (root with CAP_SYS_ADMIN, as on this project's CI). */
export function canMountTmpfs(): boolean {
  // To run the suite as a machine without mount rights would (the file-size-limit fallback).
  if (process.env.DEPMAP_TEST_NO_TMPFS === '1') return false;
  if (tmpfsWorks === undefined) tmpfsWorks = mountTmpfs(64 * 1024) !== undefined;
  return tmpfsWorks;
}

/** A new tmpfs of `bytes`, read-only with `readOnly`; undefined when the machine does not allow it. */
export function mountTmpfs(bytes: number, options: { readOnly?: boolean } = {}): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'depmap-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}${options.readOnly ? ',ro' : ''}`, 'tmpfs', dir], {
      stdio: 'ignore',
    });
  } catch {
    rmdirSync(dir);
    return undefined;
  }
  mounts.push(dir);
  return dir;
}
