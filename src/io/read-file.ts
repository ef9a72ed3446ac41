/**
 * The one way depmap reads a file it did not write: manifests, lockfiles, snapshots, policies,
 * configs, git's own HEAD. A repo can commit a FIFO, or a symlink to /dev/zero, where a file
 * is expected; a plain read then waits forever or fills memory. So the file is opened
 * without blocking, checked on the open descriptor (no window between the check and the
 * read), and read with a size limit that holds even when the size on disk lies (procfs).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { IoError } from '../errors.js';
import { describeErrno, errnoCode } from './errno.js';

// Opening a FIFO for reading blocks until a writer appears, unless non-blocking.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 1 << 16;

export type ReadFailure = 'missing' | 'not-a-file' | 'too-large' | 'loop' | 'unreadable';

/** A file that could not be read, with the reason and a sentence that says it. */
export class FileReadError extends Error {
  constructor(
    readonly reason: ReadFailure,
    /** What is wrong, to follow the path in a message: `is a FIFO (named pipe), not a file`. */
    readonly detail: string,
    readonly code?: string,
  ) {
    super(detail);
  }
}

/** What something that is not a regular file is, in words. */
export function fileKind(stats: Stats): string {
  if (stats.isFile()) return 'a file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** `5 MB`, `0.25 MB`, `5.2 MB`. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1048576;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(mb < 1 ? 2 : 1)} MB`;
}

function tooLarge(size: number | undefined, maxBytes: number): FileReadError {
  // Just over the limit, rounded megabytes would read like the limit: then say the bytes.
  const close = size !== undefined && size < maxBytes * 1.1;
  const shown = size === undefined ? '' : close ? `${size.toLocaleString('en-US')} bytes, ` : `${megabytes(size)}, `;
  return new FileReadError('too-large', `is ${shown}over the ${megabytes(maxBytes)} limit`);
}

function openFailure(error: unknown): FileReadError {
  const code = errnoCode(error);
  if (code === 'ENOENT') return new FileReadError('missing', 'does not exist', code);
  if (code === 'ELOOP') return new FileReadError('loop', 'is a symlink loop (too many levels of symbolic links)', code);
  if (code === 'EISDIR') return new FileReadError('not-a-file', 'is a folder, not a file', code);
  if (code === 'ENOTDIR')
    return new FileReadError('missing', 'does not exist (a part of the path is a file, not a folder)', code);
  if (code === 'ENXIO') return new FileReadError('not-a-file', 'is a socket or device, not a file', code);
  return new FileReadError('unreadable', `cannot be read: ${describeErrno(error)}`, code);
}

function checkOpened(stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new FileReadError('not-a-file', `is ${fileKind(stats)}, not a file`);
  if (stats.size > maxBytes) throw tooLarge(stats.size, maxBytes);
}

/**
 * Reads `size` bytes (what fstat said), or, when the size is 0 as procfs reports it, until
 * the end with the limit checked as it goes. A file that grows meanwhile is read as it was.
 */
function readAllSync(fd: number, size: number, maxBytes: number): Buffer {
  if (size > 0) {
    const buffer = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buffer, got, size - got, null);
      if (n === 0) break;
      got += n;
    }
    return got === size ? buffer : buffer.subarray(0, got);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const n = readSync(fd, buffer, 0, CHUNK, null);
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw tooLarge(undefined, maxBytes);
    chunks.push(buffer.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

/** Reads a regular file of at most `maxBytes`, or throws a {@link FileReadError}. */
export function readRegularFileSync(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(error);
  }
  try {
    const stats = fstatSync(fd);
    checkOpened(stats, maxBytes);
    return readAllSync(fd, stats.size, maxBytes);
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError('unreadable', `cannot be read: ${describeErrno(error)}`, errnoCode(error));
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a regular file for streaming (traces of any size), with the checks of the reads
 * above made on the open descriptor: a FIFO or a device is refused before a byte is read.
 * The caller closes the handle.
 */
export async function openRegularFile(file: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(error);
  }
  try {
    const stats = await handle.stat();
    checkOpened(stats, Number.MAX_SAFE_INTEGER);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    if (error instanceof FileReadError) throw error;
    throw new FileReadError('unreadable', `cannot be read: ${describeErrno(error)}`, errnoCode(error));
  }
}

/** {@link readRegularFileSync} without blocking the event loop, for large files. */
async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(error);
  }
  try {
    const stats = await handle.stat();
    checkOpened(stats, maxBytes);
    const read = (buffer: Buffer, offset: number) =>
      handle.read(buffer, offset, buffer.length - offset, null).then((r) => r.bytesRead);
    if (stats.size > 0) {
      const buffer = Buffer.allocUnsafe(stats.size);
      let got = 0;
      while (got < buffer.length) {
        const n = await read(buffer, got);
        if (n === 0) break;
        got += n;
      }
      return got === buffer.length ? buffer : buffer.subarray(0, got);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const n = await read(buffer, 0);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(undefined, maxBytes);
      chunks.push(buffer.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError('unreadable', `cannot be read: ${describeErrno(error)}`, errnoCode(error));
  } finally {
    await handle.close();
  }
}

/** The file's text, or undefined when it is missing; anything else unreadable still throws. */
export function readOptionalTextSync(file: string, maxBytes: number): string | undefined {
  try {
    return readRegularFileSync(file, maxBytes).toString('utf8');
  } catch (error) {
    if (error instanceof FileReadError && error.reason === 'missing') return undefined;
    throw error;
  }
}

/**
 * Reads a file the user named (a snapshot, a policy, a config) or one depmap looks for in
 * the working folder, as an IoError that names it: `cannot read policy p.yaml: is a FIFO
 * (named pipe), not a file`.
 */
export async function readInputFile(
  file: string,
  shown: string,
  what: string,
  maxBytes: number,
  hint = 'check the path',
): Promise<Buffer> {
  try {
    return await readRegularFile(file, maxBytes);
  } catch (error) {
    const detail = error instanceof FileReadError ? error.detail : `cannot be read: ${describeErrno(error)}`;
    throw new IoError(`cannot read ${what} ${shown}: it ${detail}`, { hint });
  }
}

/** The longest string V8 makes (Node 20): a text file larger than this cannot be read as one. */
export const MAX_STRING_BYTES = 0x1fffffe8;
