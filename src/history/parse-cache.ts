/**
 * A manifest blob is parsed once while it is recent, however many commits and paths share it:
 * a file moved without edits, or reverted to one of the last versions, costs nothing.
 * A version that changed a few entries of the one before it is parsed incrementally, and
 * {@link ParseCache.prepare} parses the changed entries of many versions ahead, together.
 */
import { isUtf8 } from 'node:buffer';
import { MAX_YAML_BYTES } from '../manifest/load-yaml.js';
import { parseManifestBytes } from '../manifest/parse.js';
import type { DockerPinLevel, Manifest, Problem } from '../manifest/types.js';
import type { Blobs } from './blobs.js';
import {
  applyPlan,
  parseEntriesBatch,
  parseField,
  parseIncrementally,
  planIncremental,
  type EntriesRequest,
  type ParsedEntries,
  type Plan,
  type Section,
} from './incremental-parse.js';

/** A parsed blob; its text is not kept (at 50,000 versions that was 50 MB): a base's is read from the blobs again. */
export interface ParsedBlob {
  manifest?: Manifest;
  /** The first error, when the blob is not a valid manifest. */
  error?: Problem;
}

/**
 * How a manifest differs from the version it was made from: only these entries (or only
 * its header) changed. Lets the graph change be computed on them alone.
 */
export interface ManifestChange {
  base: Manifest;
  /** The section whose entries changed; undefined when only header fields did. */
  section?: Section;
  removed: readonly unknown[];
  added: readonly unknown[];
}

const changes = new WeakMap<Manifest, ManifestChange>();

/** What changed from its base, for a manifest made by an incremental parse. */
export function changeFrom(manifest: Manifest): ManifestChange | undefined {
  return changes.get(manifest);
}

function changeOf(base: Manifest, next: Manifest, plan: Plan): ManifestChange {
  if (plan.kind !== 'entries') return { base, removed: [], added: [] };
  const first = plan.start + 1;
  const inRange = (list: readonly { pos: { line: number } }[], last: number) =>
    list.filter((e) => e.pos.line >= first && e.pos.line <= last);
  return {
    base,
    section: plan.section,
    removed: inRange(base[plan.section], plan.oldLast),
    added: inRange(next[plan.section], plan.oldLast + plan.delta),
  };
}

/**
 * Parsed versions kept: a version that comes back within this many others (a revert) is not
 * parsed again; an older one is, from its text. Keeping every version held the manifests of
 * a whole history (50,000 commits: ~100 MB), and a longer window kept each version alive long
 * enough to reach the old generation, which made the garbage collector slower: 5.7 s with
 * 1,024 kept, 5.2 s with 16 (CLI, 50,000 commits; the same peak memory).
 */
const KEPT_VERSIONS = 16;

/** A plan as kept until it is applied: its lines were only needed to parse its entries. */
function withoutLines(plan: Plan): Plan {
  return plan.kind === 'entries' ? { ...plan, lines: [] } : plan;
}

/** Versions whose entries are parsed in one small document. */
const BATCH = 48;

/** Plain UTF-8 text of a size the full parse accepts (a BOM is left to the full parse). */
function textOf(bytes: Buffer | undefined): string | undefined {
  if (!bytes || bytes.length > MAX_YAML_BYTES || bytes[0] === 0xef || !isUtf8(bytes)) return undefined;
  return bytes.toString('utf8');
}

interface Pending {
  key: string;
  file: string;
  plan: Extract<Plan, { kind: 'entries' }>;
}

export class ParseCache {
  private readonly byOid = new Map<string, ParsedBlob>();
  /**
   * Each path's last version, whatever was let go from byOid: the base of the path's next
   * version (a monorepo whose 40 manifests change in turn keeps every base).
   */
  private readonly latest = new Map<string, { oid: string; entry: ParsedBlob }>();
  /** Plans and parsed entries by `base\0oid`, made ahead by {@link prepare}. */
  private readonly prepared = new Map<string, { plan: Plan; parsed: ParsedEntries | string | undefined }>();
  /** Blobs parsed (one that comes back after KEPT_VERSIONS others counts again), and how many only in part. */
  parsed = 0;
  incremental = 0;

  /**
   * `blobs`: where a base version's text is read from for an incremental parse.
   * `incremental: false` parses every version whole (for tests of the shortcut).
   */
  constructor(
    private readonly docker: DockerPinLevel,
    private readonly blobs: Blobs,
    private readonly incrementalParse = true,
  ) {}

  /** `base`: the blob this one replaced at the same path, when it was a valid manifest. */
  get(oid: string, file: string, bytes: Buffer, base?: string): ParsedBlob {
    let entry = this.byOid.get(oid);
    if (entry) {
      // The most recently used last: what is let go first is what was used longest ago.
      this.byOid.delete(oid);
    } else {
      this.parsed++;
      entry = this.parse(oid, file, bytes, base);
      if (this.byOid.size >= KEPT_VERSIONS) this.byOid.delete(this.byOid.keys().next().value as string);
    }
    this.byOid.set(oid, entry);
    this.latest.set(file, { oid, entry });
    // Same content at another path: the same manifest, told where it now lives.
    if (entry.manifest && entry.manifest.file !== file) return { manifest: { ...entry.manifest, file } };
    if (entry.error && entry.error.file !== file) return { error: { ...entry.error, file } };
    return entry;
  }

  /**
   * Parses ahead the changed entries of every version that follows another at the same
   * path (`versions`: each path's blobs in commit order), many versions per document.
   */
  prepare(versions: ReadonlyMap<string, readonly string[]>): void {
    const groups = new Map<string, Pending[]>();
    for (const [file, oids] of versions) {
      for (let i = 1; i < oids.length; i++) {
        const base = oids[i - 1] as string;
        const oid = oids[i] as string;
        const key = `${base}\0${oid}`;
        if (this.byOid.has(oid) || this.prepared.has(key)) continue;
        const a = textOf(this.blobs.get(base));
        const b = textOf(this.blobs.get(oid));
        if (a === undefined || b === undefined) continue;
        const plan = planIncremental(a, b);
        if (!plan) continue;
        if (plan.kind === 'field') this.prepared.set(key, { plan, parsed: this.field(plan, file) });
        else if (plan.kind === 'same' || plan.entries === 0)
          this.prepared.set(key, { plan: withoutLines(plan), parsed: undefined });
        else {
          const group = `${plan.section}\0${plan.indent}`;
          const list = groups.get(group) ?? [];
          list.push({ key, file, plan });
          groups.set(group, list);
        }
      }
    }
    for (const list of groups.values())
      for (let i = 0; i < list.length; i += BATCH) this.flush(list.slice(i, i + BATCH));
  }

  /** Field lines by text: an owner that goes back and forth is read once per value. */
  private readonly fields = new Map<string, string | undefined>();

  private field(plan: Extract<Plan, { kind: 'field' }>, file: string): string | undefined {
    if (!this.fields.has(plan.line)) this.fields.set(plan.line, parseField(plan, file, this.docker));
    return this.fields.get(plan.line);
  }

  private flush(items: readonly Pending[]): void {
    if (items.length === 0) return;
    const requests: EntriesRequest[] = items.map((i) => i.plan);
    const parsed = parseEntriesBatch(requests, (items[0] as Pending).file, this.docker);
    items.forEach((item, i) => this.prepared.set(item.key, { plan: withoutLines(item.plan), parsed: parsed[i] }));
  }

  private parse(oid: string, file: string, bytes: Buffer, base: string | undefined): ParsedBlob {
    const last = this.latest.get(file);
    const previous =
      base === undefined ? undefined : (this.byOid.get(base) ?? (last?.oid === base ? last.entry : undefined));
    if (this.incrementalParse && previous?.manifest && previous.manifest.file === file) {
      const manifest = this.parseFrom(previous.manifest, base as string, oid, file, bytes);
      if (manifest) {
        this.incremental++;
        return { manifest };
      }
    }
    const result = parseManifestBytes(bytes, file, { docker: this.docker });
    if (result.manifest) return { manifest: result.manifest };
    const error = result.problems.find((p) => p.severity === 'error');
    return error ? { error } : {};
  }

  /** The version made from its base's manifest: by the plan made ahead, or planned now from both texts. */
  private parseFrom(previous: Manifest, base: string, oid: string, file: string, bytes: Buffer): Manifest | undefined {
    // A plan made ahead was made from both texts.
    const key = `${base}\0${oid}`;
    const ahead = this.prepared.get(key);
    if (ahead) {
      this.prepared.delete(key);
      const manifest = applyPlan(previous, ahead.plan, file, ahead.parsed);
      if (manifest) {
        changes.set(manifest, changeOf(previous, manifest, ahead.plan));
        // The base's own change was diffed when the base came: kept, it would hold the base's
        // base, and so on, every version of the history.
        changes.delete(previous);
      }
      return manifest;
    }
    const text = textOf(bytes);
    const baseText = textOf(this.blobs.get(base));
    if (text === undefined || baseText === undefined) return undefined;
    return parseIncrementally({ text: baseText, manifest: previous }, text, file, this.docker);
  }
}
