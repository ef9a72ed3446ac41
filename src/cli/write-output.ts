/**
 * The one place that writes output files: atomically (temp file + rename), so a reader
 * never sees half a file and a failed run never destroys the previous output.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IoError } from '../errors.js';

export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  await writeAtomic(file, (temp) => writeFile(temp, content));
}

/** Like {@link writeFileAtomic}, for content produced in pieces (a snapshot too large for one string). */
export async function writeChunksAtomic(file: string, chunks: Iterable<string>): Promise<void> {
  await writeAtomic(file, async (temp) => {
    const handle = await open(temp, 'w');
    try {
      let buffer = '';
      for (const chunk of chunks) {
        buffer += chunk;
        if (buffer.length >= 1 << 20) {
          await handle.write(buffer);
          buffer = '';
        }
      }
      if (buffer) await handle.write(buffer);
    } finally {
      await handle.close();
    }
  });
}

/** Writes through `write` into a temp file beside `file`, then renames it into place. */
async function writeAtomic(file: string, write: (temp: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await write(temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new IoError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'check the folder exists and is writable',
    });
  }
}

/**
 * Replaces a whole output folder: the new content is written to a sibling folder, then
 * swapped in, so re-running over the same folder leaves no stale files and a failure
 * leaves the old folder intact.
 */
export async function replaceDirAtomic(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${path.basename(abs)}.new.${suffix}`);
  const old = path.join(parent, `.${path.basename(abs)}.old.${suffix}`);
  try {
    await mkdir(staging, { recursive: true });
    for (const [name, content] of files) {
      const target = path.resolve(staging, name);
      if (!target.startsWith(staging + path.sep)) throw new Error(`output path ${name} leaves the folder`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    let hadOld = true;
    try {
      await rename(abs, old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      hadOld = false;
    }
    await rename(staging, abs);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new IoError(`cannot write ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'check the folder is writable',
    });
  }
}
