/**
 * Replaces a whole output folder (the docs) so that it is always either the old folder or
 * the new one, complete, and never lost. The new content is written into a staging folder
 * beside it and flushed; then a journal (`.<name>.swap`) records the swap before the two
 * renames: `<name>` → `.<name>.old.*`, staging → `<name>`. A run killed between them (even
 * with SIGKILL, when nothing can clean up) leaves the journal, and the next write of the
 * folder finishes the swap: the new folder if it was complete, else the old one back. The
 * gap between the two renames is the only moment the folder is absent; POSIX has no atomic
 * exchange of two folders, and a symlink flip would commit a symlink to people's repos.
 * A lock file (`.<name>.lock`, holding the pid) keeps two depmap runs from swapping the
 * same folder at once.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, rm, rename } from 'node:fs/promises';
import path from 'node:path';
import { IoError } from '../errors.js';
import { processAlive, undoOnInterrupt } from './cleanup.js';
import { errnoCode } from './errno.js';
import { pausePoint } from './pause.js';
import { readRegularFileSync } from './read-file.js';
import { makeFolder, syncFolder, writeError, writeFileAtomic, writeNewFile, type Content } from './write-file.js';

interface Names {
  dir: string;
  parent: string;
  lock: string;
  journal: string;
  /** `.<name>.new.` and `.<name>.old.` prefixes of staging and old folders. */
  newPrefix: string;
  oldPrefix: string;
}

function namesOf(dir: string): Names {
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  return {
    dir: abs,
    parent,
    lock: path.join(parent, `.${base}.lock`),
    journal: path.join(parent, `.${base}.swap`),
    newPrefix: `.${base}.new.`,
    oldPrefix: `.${base}.old.`,
  };
}

interface Journal {
  next: string;
  old: string;
}

function readJournal(file: string): Journal | undefined {
  try {
    const value = JSON.parse(readRegularFileSync(file, 64 * 1024).toString('utf8')) as Partial<Journal>;
    if (typeof value.next === 'string' && typeof value.old === 'string') return { next: value.next, old: value.old };
  } catch {
    // missing or torn: a torn journal was never acted on (it is written atomically)
  }
  return undefined;
}

/**
 * Finishes or undoes a swap that a killed run left, and removes its leftovers. Synchronous,
 * so a signal handler can run it. Returns what it did, for a note on stderr.
 */
function recoverFolderSync(dir: string): string | undefined {
  const n = namesOf(dir);
  let note: string | undefined;
  const inParent = (name: string) => path.join(n.parent, name);
  const journal = readJournal(n.journal);
  let leftovers: string[] = [];
  try {
    leftovers = readdirSync(n.parent).filter((name) => name.startsWith(n.newPrefix) || name.startsWith(n.oldPrefix));
  } catch {
    return undefined;
  }
  if (!existsSync(n.dir)) {
    if (journal && existsSync(inParent(journal.next))) {
      renameSync(inParent(journal.next), n.dir);
      note = `finished the replacement of ${dir} that an interrupted run left half done`;
    } else if (journal && existsSync(inParent(journal.old))) {
      renameSync(inParent(journal.old), n.dir);
      note = `restored ${dir} from before an interrupted run`;
    } else {
      // Written by a depmap without the journal: staging and old folders of one run share a
      // suffix, and its staging folder was complete before the first rename.
      const olds = leftovers.filter((name) => name.startsWith(n.oldPrefix));
      for (const old of olds) {
        const suffix = old.slice(n.oldPrefix.length);
        const paired = `${n.newPrefix}${suffix}`;
        if (leftovers.includes(paired)) {
          renameSync(inParent(paired), n.dir);
          note = `finished the replacement of ${dir} that an interrupted run left half done`;
          break;
        }
      }
      if (!note && olds.length > 0) {
        renameSync(inParent(olds[olds.length - 1] as string), n.dir);
        note = `restored ${dir} from before an interrupted run`;
      }
    }
  }
  // The folder is in place: whatever else is there is a leftover of some run.
  for (const name of leftovers) {
    if (existsSync(inParent(name))) rmSync(inParent(name), { recursive: true, force: true });
  }
  rmSync(n.journal, { force: true });
  return note;
}

/** Takes the folder's lock, or fails naming the depmap that holds it. Returns the release. */
async function lock(n: Names, shown: string): Promise<() => void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(n.lock, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rmSync(n.lock, { force: true });
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw writeError(shown, error);
    }
    let holder = 0;
    try {
      holder = Number(readRegularFileSync(n.lock, 1024).toString('utf8').trim());
    } catch {
      // not a lock depmap wrote (a FIFO, a folder): removed below like a stale one
    }
    if (processAlive(holder) && holder !== process.pid) {
      throw new IoError(`${shown} is being written by another depmap (pid ${holder})`, {
        hint: `wait for it to finish; if no depmap is running, remove ${n.lock}`,
      });
    }
    // Left by a run that no longer exists.
    try {
      rmSync(n.lock, { recursive: true, force: true });
    } catch {
      // another run took it over first: try again
    }
  }
  throw new IoError(`cannot lock ${shown}: another depmap keeps taking it`, { hint: `try again, or remove ${n.lock}` });
}

/**
 * Finishes a swap an interrupted run left (see {@link recoverFolderSync}) when no other
 * depmap is writing the folder. Returns a note of what it did.
 */
export async function recoverFolder(dir: string): Promise<string | undefined> {
  const n = namesOf(dir);
  if (!existsSync(n.journal) && !existsSync(n.lock)) {
    const names = await readdir(n.parent).catch(() => [] as string[]);
    if (!names.some((name) => name.startsWith(n.newPrefix) || name.startsWith(n.oldPrefix))) return undefined;
  }
  let release: () => void;
  try {
    release = await lock(n, dir);
  } catch {
    return undefined; // a live run holds it and will finish its own swap
  }
  try {
    return recoverFolderSync(dir);
  } finally {
    release();
  }
}

/** Writes files into `root` (a new folder) with at most `parallel` writes at a time. */
async function writeTree(root: string, files: ReadonlyMap<string, Content>, parallel = 8): Promise<void> {
  const entries = [...files];
  const folders = new Set<string>();
  for (const [name] of entries) {
    const target = path.resolve(root, name);
    if (!target.startsWith(root + path.sep)) throw new IoError(`output path ${name} leaves the folder`);
    folders.add(path.dirname(target));
  }
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  let next = 0;
  let failed = false;
  const work = async () => {
    while (next < entries.length && !failed) {
      const [name, content] = entries[next++] as [string, Content];
      try {
        await writeNewFile(path.resolve(root, name), content);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // Every write has ended before a failure is reported: none may land after the cleanup.
  const results = await Promise.allSettled(Array.from({ length: Math.min(parallel, entries.length) }, work));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  for (const folder of [...folders].sort().reverse()) await syncFolder(folder);
}

/**
 * Replaces the folder `dir` with exactly `files` (paths relative to it). On any failure the
 * old folder stays as it was and nothing of the new one is left. Returns a note when a swap
 * left by an interrupted run was finished first.
 */
export async function replaceDirAtomic(dir: string, files: ReadonlyMap<string, Content>): Promise<string | undefined> {
  const n = namesOf(dir);
  await makeFolder(n.parent);
  const release = await lock(n, dir);
  const forgetLock = undoOnInterrupt(release);
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const staging = path.join(n.parent, `${n.newPrefix}${suffix}`);
  const old = path.join(n.parent, `${n.oldPrefix}${suffix}`);
  let forgetStaging = () => {};
  try {
    const note = recoverFolderSync(dir);
    forgetStaging = undoOnInterrupt(() => rmSync(staging, { recursive: true, force: true }));
    try {
      await mkdir(staging);
      await writeTree(staging, files);
      await pausePoint('docs:staged');
      await writeFileAtomic(n.journal, JSON.stringify({ next: path.basename(staging), old: path.basename(old) }));
    } catch (error) {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      rmSync(n.journal, { force: true });
      throw writeError(dir, error);
    }
    forgetStaging();
    // From here an interruption finishes the swap instead of throwing the new folder away.
    forgetStaging = undoOnInterrupt(() => recoverFolderSync(dir));
    try {
      try {
        await rename(n.dir, old);
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') throw error;
      }
      await pausePoint('docs:between-renames');
      await rename(staging, n.dir);
      await syncFolder(n.parent);
    } catch (error) {
      try {
        recoverFolderSync(dir);
      } catch {
        // the journal stays: the next run finishes the swap
      }
      throw writeError(dir, error);
    }
    rmSync(n.journal, { force: true });
    await rm(old, { recursive: true, force: true });
    return note;
  } finally {
    forgetStaging();
    forgetLock();
    release();
  }
}
