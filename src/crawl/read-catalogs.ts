/**
 * `depmap import`'s reader: a catalog file, or a folder of them, read from disk into one repo
 * of the graph. A folder is walked once (the crawl's lister, its skipped folders and limits),
 * and every file whose content is a catalog format is imported; a Backstage Location is
 * followed through the same guards as any import (inside the folder, no FIFO or device, a
 * size limit), never over the network. The importers themselves stay pure.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { FileReadError, readRegularFileSync } from '../io/read-file.js';
import { detectImporter, listImporters, runImporter } from '../importers/index.js';
import type { Importer } from '../importers/types.js';
import type { DockerPinLevel } from '../manifest/types.js';
import type { RepoEntry } from '../graph/types.js';
import { catalogRepo } from '../interop/catalog-repo.js';
import { mergeResults, type FileResult } from '../interop/merge-results.js';
import { listRepoFiles } from './list-files.js';
import { MAX_IMPORT_BYTES, readInsideSync } from './read-inside.js';

/** The importers that read a whole catalog, not one repo's files. */
const CATALOG_FORMATS = ['backstage', 'cyclonedx', 'spdx'] as const;

const CANDIDATE = /\.(ya?ml|json|jsonld)$/i;
const MAX_FOLDER_FILES = 100_000;

export interface CatalogOptions {
  /** Read every file as this format instead of telling it by name and content. */
  format?: string;
  /** The folder Locations may not leave (default: the file's own folder, or the folder given). */
  root?: string;
  docker?: DockerPinLevel;
}

function catalogImporters(): Importer[] {
  return listImporters().filter((i) => (CATALOG_FORMATS as readonly string[]).includes(i.id));
}

/** Reads one input (a file or a folder) given on the command line, as one repo. */
export function readCatalog(input: string, cwd: string, id: string, options: CatalogOptions = {}): RepoEntry {
  const absolute = path.resolve(cwd, input);
  let folder: boolean;
  try {
    folder = statSync(absolute).isDirectory();
  } catch {
    throw new ConfigError(`${input}: no such file or folder`, { hint: 'give a catalog file or a folder of them' });
  }
  const forced = options.format === undefined ? undefined : catalogImporters().find((i) => i.id === options.format);
  if (options.format !== undefined && !forced)
    throw new UsageError(`--format ${options.format} is not a catalog format`, {
      hint: `one of ${catalogImporters()
        .map((i) => i.id)
        .join(', ')}`,
    });
  const root = path.resolve(cwd, options.root ?? (folder ? input : path.dirname(input)));
  const files = folder
    ? listRepoFiles(absolute, { want: (name) => CANDIDATE.test(name), maxFiles: MAX_FOLDER_FILES }).files.map((f) =>
        path.relative(root, path.join(absolute, f)).split(path.sep).join('/'),
      )
    : [path.relative(root, absolute).split(path.sep).join('/')];
  if (files.some((f) => f.startsWith('../')))
    throw new UsageError(`${input} is outside --root ${options.root ?? ''}`, {
      hint: 'give a --root that holds the catalog',
    });

  const readFile = (rel: string) => {
    const read = readInsideSync(root, root, rel, MAX_IMPORT_BYTES);
    return read.ok ? text(read.bytes) : undefined;
  };
  const results: FileResult[] = [];
  for (const file of files) {
    let content: string;
    if (folder) {
      const read = readInsideSync(root, root, file, MAX_IMPORT_BYTES);
      if (!read.ok) continue; // a folder's unreadable file is no catalog of ours
      content = text(read.bytes);
    } else {
      try {
        content = text(readRegularFileSync(absolute, MAX_IMPORT_BYTES));
      } catch (error) {
        if (error instanceof FileReadError)
          throw new ConfigError(`${input} ${error.detail}`, { hint: 'give a regular catalog file' });
        throw error;
      }
    }
    const importer = forced ?? detect(file, content);
    if (!importer) {
      if (folder) continue;
      throw new ConfigError(`${input} is not a catalog depmap imports`, {
        hint: 'give a Backstage catalog (catalog-info.yaml), a CycloneDX JSON BOM or an SPDX 3 JSON-LD document, or say which with --format',
      });
    }
    results.push({ file, result: runImporter(importer, content, { file, readFile, transitive: false }) });
  }
  if (results.length === 0)
    throw new ConfigError(`${input}: no Backstage catalog, CycloneDX BOM or SPDX 3 document in this folder`, {
      hint: 'give the catalog files themselves, or say which format they are in with --format',
    });
  return catalogRepo(mergeResults(results), {
    id,
    source: input,
    file: results[0]?.file ?? input,
    ...(options.docker ? { docker: options.docker } : {}),
  });
}

function detect(file: string, content: string): Importer | undefined {
  const importer = detectImporter(file, content);
  return importer && (CATALOG_FORMATS as readonly string[]).includes(importer.id) ? importer : undefined;
}

function text(bytes: Buffer): string {
  const s = bytes.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
