/**
 * Each distinct manifest blob is parsed once per run, however many commits and paths
 * share it: a file moved without edits, or reverted to an older content, costs nothing.
 */
import { parseManifestBytes } from '../manifest/parse.js';
import type { DockerPinLevel, Manifest, Problem } from '../manifest/types.js';

export interface ParsedBlob {
  manifest?: Manifest;
  /** The first error, when the blob is not a valid manifest. */
  error?: Problem;
}

export class ParseCache {
  private readonly byOid = new Map<string, ParsedBlob>();
  parsed = 0;

  constructor(private readonly docker: DockerPinLevel) {}

  get(oid: string, file: string, bytes: Buffer): ParsedBlob {
    let entry = this.byOid.get(oid);
    if (!entry) {
      this.parsed++;
      const result = parseManifestBytes(bytes, file, { docker: this.docker });
      entry = {};
      if (result.manifest) entry.manifest = result.manifest;
      else {
        const error = result.problems.find((p) => p.severity === 'error');
        if (error) entry.error = error;
      }
      this.byOid.set(oid, entry);
    }
    // Same content at another path: the same manifest, told where it now lives.
    if (entry.manifest && entry.manifest.file !== file) return { manifest: { ...entry.manifest, file } };
    if (entry.error && entry.error.file !== file) return { error: { ...entry.error, file } };
    return entry;
  }
}
