/**
 * Each distinct manifest blob is parsed once per run, however many commits and paths
 * share it: a file moved without edits, or reverted to an older content, costs nothing.
 */
import { isUtf8 } from 'node:buffer';
import { MAX_YAML_BYTES } from '../manifest/load-yaml.js';
import { parseManifestBytes } from '../manifest/parse.js';
import { parseIncrementally } from './incremental-parse.js';
import type { DockerPinLevel, Manifest, Problem } from '../manifest/types.js';

export interface ParsedBlob {
  manifest?: Manifest;
  /** The first error, when the blob is not a valid manifest. */
  error?: Problem;
}

interface Entry extends ParsedBlob {
  /** The text, kept while the blob may be the base of an incremental parse. */
  text?: string;
}

export class ParseCache {
  private readonly byOid = new Map<string, Entry>();
  /** Distinct blobs parsed, and how many of them only in part. */
  parsed = 0;
  incremental = 0;

  constructor(private readonly docker: DockerPinLevel) {}

  /** `base`: the blob this one replaced at the same path, when it was a valid manifest. */
  get(oid: string, file: string, bytes: Buffer, base?: string): ParsedBlob {
    let entry = this.byOid.get(oid);
    if (!entry) {
      this.parsed++;
      entry = this.parse(file, bytes, base);
      this.byOid.set(oid, entry);
    }
    // Same content at another path: the same manifest, told where it now lives.
    if (entry.manifest && entry.manifest.file !== file) return { manifest: { ...entry.manifest, file } };
    if (entry.error && entry.error.file !== file) return { error: { ...entry.error, file } };
    return entry;
  }

  private parse(file: string, bytes: Buffer, base: string | undefined): Entry {
    const previous = base === undefined ? undefined : this.byOid.get(base);
    // Incremental only between plain UTF-8 texts of a size the full parse would accept.
    const text = bytes.length <= MAX_YAML_BYTES && bytes[0] !== 0xef && isUtf8(bytes) ? bytes.toString('utf8') : undefined;
    if (text !== undefined && previous?.manifest && previous.text !== undefined && previous.manifest.file === file) {
      const manifest = parseIncrementally({ text: previous.text, manifest: previous.manifest }, text, file, this.docker);
      if (manifest) {
        this.incremental++;
        return { manifest, text };
      }
    }
    const result = parseManifestBytes(bytes, file, { docker: this.docker });
    if (result.manifest) return text === undefined ? { manifest: result.manifest } : { manifest: result.manifest, text };
    const error = result.problems.find((p) => p.severity === 'error');
    return error ? { error } : {};
  }
}
