/**
 * The importers' registry: which importer reads a file, and the one safe entry point that
 * runs it. `importFile` never throws: a file it cannot read, or a bug in an importer, comes
 * back as a problem.
 */
import { IMPORTERS } from './registry.js';
import { emptyResult, type ImportContext, type ImportResult, type Importer } from './types.js';
import { basename } from '../util/paths.js';

export type * from './types.js';
export { servicesFor, pickComponent } from './services-for.js';

/** Larger than any real lockfile; a bigger file is refused rather than parsed. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

export function listImporters(): readonly Importer[] {
  return IMPORTERS;
}

/** The importer for a repo-relative path, by its name alone. */
export function findImporter(path: string): Importer | undefined {
  return IMPORTERS.find((importer) => importer.matches(path));
}

/** The importers that can tell their files by content: in the registry's order, loose signs last. */
const SNIFFERS: readonly Importer[] = [
  ...IMPORTERS.filter(({ sniff }) => sniff && !sniff.loose),
  ...IMPORTERS.filter(({ sniff }) => sniff?.loose),
];

/**
 * The importer for a file whose name says nothing (`infra/app.yaml`, `sbom.json`): what
 * its content looks like.
 */
export function detectImporter(path: string, text: string): Importer | undefined {
  const byName = findImporter(path);
  const head = text.slice(0, 64 * 1024);
  if (byName) {
    // A name two formats use (`sbom.json`: CycloneDX or SPDX): the content decides when it says the other one.
    if (!byName.sniff || byName.sniff.test(head)) return byName;
    const other = SNIFFERS.find(({ sniff }) => sniff && !sniff.loose && sniff.ext.test(path) && sniff.test(head));
    return other ?? byName;
  }
  // A depmap manifest has `services:` too, but is no compose file.
  if (/\.ya?ml$/i.test(path) && /^depmap:\s*\d/m.test(head)) return undefined;
  return SNIFFERS.find(({ sniff }) => sniff?.ext.test(path) && sniff.test(head));
}

export function importFile(text: string, ctx: ImportContext): ImportResult {
  const importer = detectImporter(ctx.file, text);
  if (!importer) {
    const result = emptyResult();
    result.problems.push({
      message: `depmap cannot import ${basename(ctx.file)}: no importer reads this kind of file`,
      hint: `supported: ${IMPORTERS.map((i) => i.id).join(', ')}`,
    });
    return result;
  }
  return runImporter(importer, text, ctx);
}

export function runImporter(importer: Importer, text: string, ctx: ImportContext): ImportResult {
  if (text.length > MAX_IMPORT_CHARS) {
    const result = emptyResult();
    result.problems.push({ message: `${ctx.file} is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MiB; not imported` });
    return result;
  }
  try {
    return importer.parse(text, ctx);
  } catch (error) {
    const result = emptyResult();
    result.problems.push({
      message: `the ${importer.id} importer failed on ${ctx.file}: ${(error as Error).message ?? String(error)}`,
      hint: 'this is a bug in depmap; please report it with the file',
    });
    return result;
  }
}
