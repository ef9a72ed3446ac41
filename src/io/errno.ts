/**
 * File-system failures in words: "no space left on device" tells a user what to do, ENOSPC
 * does not. One table, so every read and write of depmap says the same thing for the same
 * failure.
 */

const WORDS: Record<string, [message: string, hint: string]> = {
  ENOSPC: ['no space left on device', 'free some space on that disk, or write somewhere else'],
  EDQUOT: ['disk quota exceeded', 'free some space within your quota, or write somewhere else'],
  EFBIG: [
    'file too large for this file system or the process file-size limit',
    'check `ulimit -f`, or write somewhere else',
  ],
  EROFS: ['read-only file system', 'write to a folder on a writable file system'],
  EACCES: ['permission denied', 'check the permissions of the file and its folder'],
  EPERM: ['operation not permitted', 'check the permissions of the file and its folder'],
  ENOENT: ['no such file or folder', 'check the path'],
  ENOTDIR: ['a part of the path is a file, not a folder', 'check every folder on the path exists and is a folder'],
  EISDIR: ['is a folder, not a file', 'give the path of a file'],
  ELOOP: ['a symlink loop (too many levels of symbolic links)', 'fix the symlinks on the path'],
  ENAMETOOLONG: ['the path is too long', 'use a shorter path'],
  EMFILE: ['too many open files', 'raise the open-file limit (`ulimit -n`) or lower --concurrency'],
  ENFILE: ['too many open files on this system', 'raise the open-file limit or lower --concurrency'],
  EIO: ['input/output error from the device', 'check the disk'],
  EBUSY: ['the file or folder is busy', 'close what uses it and try again'],
  ENOTEMPTY: ['the folder is not empty', 'remove what is in it, or give another folder'],
  EEXIST: ['something already exists there', 'remove it, or give another path'],
  EXDEV: ['the path crosses file systems', 'write inside one file system'],
  ETXTBSY: ['the file is busy', 'close what uses it and try again'],
  EPIPE: ['the reader closed the pipe', 'read the whole output'],
};

/** The errno code of a thrown value, when it has one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What went wrong, in words (the code in parentheses, for searching). */
export function describeErrno(error: unknown): string {
  const code = errnoCode(error);
  const words = code ? WORDS[code] : undefined;
  if (words) return `${words[0]} (${code})`;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

/** What to do about it, when depmap knows. */
export function errnoHint(error: unknown, fallback?: string): string | undefined {
  const code = errnoCode(error);
  return (code ? WORDS[code]?.[1] : undefined) ?? fallback;
}
