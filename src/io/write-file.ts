/**
 * The one place that writes output files. A write goes to a temp file beside the target,
 * every write's result is checked, the file is flushed to disk (fsync) and closed, and only
 * then renamed over the target. So a full disk, a read-only folder or a signal leaves the
 * previous file byte for byte as it was, and never a truncated one under the real name.
 * Temp files are `.<name>.<pid>.<random>.tmp`; one left by a process that no longer runs
 * (killed with SIGKILL, or a power cut) is swept by the next write of the same file.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { IoError } from '../errors.js';
import { processAlive, undoOnInterrupt } from './cleanup.js';
import { describeErrno, errnoCode, errnoHint } from './errno.js';
import { pausePoint } from './pause.js';

export type Content = string | Uint8Array;

const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** Chunks are gathered to this size before each write. */
const WRITE_BUFFER = 1 << 20;

function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** The error a failed write of `target` becomes, in words, with what to do. */
export function writeError(target: string, error: unknown, what = 'write'): IoError {
  if (error instanceof IoError) return error;
  return new IoError(`cannot ${what} ${target}: ${describeErrno(error)}`, {
    hint: errnoHint(error, 'check the folder exists and is writable') ?? '',
  });
}

/**
 * Creates `dir` and its parents, or says what is in the way. One level at a time: a
 * recursive mkdir reports ENOENT where the truth is a read-only file system or a denied
 * permission.
 */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    const info = await stat(p).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (!(info instanceof Error)) {
      if (!info.isDirectory())
        throw new IoError(
          `cannot create folder ${dir}: ${p} is ${info.isFile() ? 'a file' : 'something else'}, not a folder`,
          { hint: 'give a path whose folders are folders' },
        );
      break;
    }
    if (errnoCode(info) === 'ENOTDIR') continue;
    if (errnoCode(info) !== 'ENOENT') throw writeError(dir, info, 'create folder');
    missing.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of missing) {
    try {
      await mkdir(p);
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') continue; // made meanwhile by another run
      throw writeError(dir, error, 'create folder');
    }
  }
}

/** Removes temp files of `file` left by depmap processes that no longer run. */
async function sweepStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP.exec(name);
    if (!match || match[1] !== base || processAlive(Number(match[2]))) continue;
    await rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

/** Flushes a folder's entries (a rename) to disk; file systems that cannot are left alone. */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder (EINVAL); the rename itself is done.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes the whole content into a new file at `temp`, flushed and closed; throws on any failure. */
export async function writeNewFile(temp: string, content: Content | Iterable<string>, mode?: number): Promise<void> {
  const handle = await open(temp, 'wx', mode ?? 0o666);
  let closed = false;
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) {
      await handle.writeFile(content);
    } else {
      // Each piece is encoded straight into a buffer that is written when full: no joined
      // string to build and encode again (a 40 MB snapshot's pieces are ~90,000 lines).
      const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
      let used = 0;
      for (const chunk of content) {
        // UTF-8 takes at most 3 bytes per UTF-16 unit.
        if (used + chunk.length * 3 > WRITE_BUFFER) {
          if (used > 0) await handle.writeFile(buffer.subarray(0, used));
          used = 0;
          if (chunk.length * 3 > WRITE_BUFFER) {
            await handle.writeFile(chunk);
            continue;
          }
        }
        used += buffer.write(chunk, used);
      }
      if (used > 0) await handle.writeFile(buffer.subarray(0, used));
    }
    await handle.sync();
    closed = true;
    await handle.close();
  } finally {
    if (!closed) await handle.close().catch(() => undefined);
  }
}

/** The permission bits of the file being replaced, so a rewrite keeps them. */
async function modeOf(file: string): Promise<number | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? info.mode & 0o7777 : undefined;
}

/** Writes `file` atomically: all of it or, on any failure, none of it. */
export async function writeFileAtomic(file: string, content: Content | Iterable<string>): Promise<void> {
  await writeFilesAtomic([[file, content]]);
}

/** Like {@link writeFileAtomic}, for content produced in pieces (a snapshot too large for one string). */
export async function writeChunksAtomic(file: string, chunks: Iterable<string>): Promise<void> {
  await writeFilesAtomic([[file, chunks]]);
}

/**
 * Writes several files: every one is written and flushed to its temp file first, and only
 * when all are complete are they renamed into place. A failure while writing leaves every
 * target as it was; renames do not need space, so they do not fail for want of it.
 */
export async function writeFilesAtomic(
  files: readonly (readonly [string, Content | Iterable<string>])[],
): Promise<void> {
  const temps: string[] = [];
  const forget = undoOnInterrupt(() => {
    for (const temp of temps) rmSync(temp, { force: true });
  });
  let current = '';
  try {
    for (const [file, content] of files) {
      current = file;
      await makeFolder(path.dirname(file));
      await sweepStaleTemps(file);
      const temp = tempNameFor(file);
      temps.push(temp);
      await writeNewFile(temp, content, await modeOf(file));
    }
    await pausePoint('write:temp-written');
    for (let i = 0; i < files.length; i++) {
      current = (files[i] as readonly [string, unknown])[0];
      await rename(temps[i] as string, current);
    }
    for (const dir of new Set(files.map(([file]) => path.dirname(file)))) await syncFolder(dir);
  } catch (error) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true }).catch(() => undefined)));
    throw writeError(current, error);
  } finally {
    forget();
  }
}
