/**
 * Blobs of one read. The pure readers (the replay of commits, imports resolved at a tree) only
 * see the blobs fetched so far and note the ones they lack; the caller fetches those in one
 * batch and reads again, so a read costs one `cat-file --batch` whatever it touches.
 */
import type { CatFile } from './cat-file.js';

export interface Blobs {
  /** A blob's bytes, or undefined when it has not been fetched yet (an oversized one is cut, see git.ts). */
  get(oid: string): Buffer | undefined;
  /** A blob's whole size, when it was fetched. */
  size?(oid: string): number | undefined;
}

/** Rounds of fetching for imports that include other files (`-r base.txt`, `env_file:`). */
export const MAX_FETCH_ROUNDS = 8;

/** Blobs fetched through an open cat-file, each once. */
export class BlobStore implements Blobs {
  private readonly bytes = new Map<string, Buffer>();
  private readonly sizes = new Map<string, number>();
  /** Ids git could not give (missing or corrupt objects): said, never silently skipped. */
  readonly missing = new Set<string>();
  /** Asked for and not answered yet. */
  private readonly asked = new Set<string>();
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly cat: CatFile) {}

  get(oid: string): Buffer | undefined {
    return this.bytes.get(oid);
  }

  size(oid: string): number | undefined {
    return this.sizes.get(oid) ?? this.bytes.get(oid)?.length;
  }

  /** Lets go of every blob but `oids` (a walk that no longer needs them), so memory follows the tree, not the history. */
  keepOnly(oids: ReadonlySet<string>): void {
    this.drop([...this.bytes.keys()].filter((oid) => !oids.has(oid)));
  }

  /** Lets go of blobs no later read needs. */
  drop(oids: readonly string[]): void {
    for (const oid of oids) {
      this.bytes.delete(oid);
      this.sizes.delete(oid);
    }
  }

  /**
   * Fetches what is not here yet. Calls may overlap (a log streaming its commits asks as it
   * goes): a blob already asked for is not asked again, and since cat-file answers in order,
   * the last request's answer means every earlier one's is in.
   */
  fetch(oids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(oids)].filter(
      (oid) => !this.bytes.has(oid) && !this.missing.has(oid) && !this.asked.has(oid),
    );
    if (wanted.length === 0) return this.last;
    for (const oid of wanted) this.asked.add(oid);
    this.last = this.cat.get(wanted).then((objects) => {
      for (const object of objects) {
        this.asked.delete(object.name);
        if (object.oid && object.data) {
          this.bytes.set(object.oid, object.data);
          if (object.size !== undefined && object.size !== object.data.length) this.sizes.set(object.oid, object.size);
        } else this.missing.add(object.name);
      }
    });
    return this.last;
  }
}

/** Reads blobs fetched so far, and keeps the ids of those that were not, in `need`. */
export class BlobReader {
  readonly need = new Set<string>();

  constructor(private readonly blobs: Blobs) {}

  bytes(oid: string): Buffer | undefined {
    const bytes = this.blobs.get(oid);
    if (bytes === undefined) this.need.add(oid);
    return bytes;
  }

  /** A blob's whole size (its bytes may be cut when it is huge). */
  size(oid: string): number | undefined {
    return this.blobs.size?.(oid) ?? this.blobs.get(oid)?.length;
  }

  /** A symlink's target, as `lookup` takes it. */
  readonly text = (oid: string): string | undefined => this.bytes(oid)?.toString('utf8');
}
