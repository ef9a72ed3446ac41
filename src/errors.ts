/**
 * Typed errors. The CLI turns a DepmapError into a message and its exit code; anything else
 * is a bug and is reported as one.
 */
import { oneLine } from './util/control-chars.js';

export const EXIT_OK = 0;
/** Findings: invalid manifests, policy violations, failed repos in a crawl. */
export const EXIT_FINDINGS = 1;
/** Usage, configuration or IO error: depmap could not do what was asked. */
export const EXIT_ERROR = 2;

/** A position in a file, 1-based line and column. */
export interface Location {
  file: string;
  line?: number;
  col?: number;
}

export function formatLocation(loc: Location): string {
  if (loc.line === undefined) return loc.file;
  return loc.col === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.col}`;
}

export class DepmapError extends Error {
  readonly exitCode: number;
  readonly location: Location | undefined;
  readonly hint: string | undefined;

  constructor(
    message: string,
    options: { exitCode?: number; location?: Location; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? EXIT_ERROR;
    this.location = options.location;
    this.hint = options.hint;
  }

  /**
   * One line (plus an optional hint line) as the user sees it. Messages quote paths, names
   * and values from data: each part is kept on its line, its control characters shown.
   */
  describe(): string {
    const where = this.location ? `${oneLine(formatLocation(this.location))}: ` : '';
    return this.hint
      ? `${where}${oneLine(this.message)}\n  hint: ${oneLine(this.hint)}`
      : `${where}${oneLine(this.message)}`;
  }
}

/** Wrong flags, arguments or combinations of them. */
export class UsageError extends DepmapError {}

/** A config, policy or snapshot file that cannot be used. */
export class ConfigError extends DepmapError {}

/** A file or repository that cannot be read or written. */
export class IoError extends DepmapError {}

/** The same error, placed at `location` (the config line a refused source came from). */
export function atLocation(error: DepmapError, location: Location): DepmapError {
  const Kind = error.constructor as new (
    message: string,
    options: ConstructorParameters<typeof DepmapError>[1],
  ) => DepmapError;
  const options: ConstructorParameters<typeof DepmapError>[1] = { exitCode: error.exitCode, location, cause: error };
  if (error.hint) options.hint = error.hint;
  return new Kind(error.message, options);
}

export function isDepmapError(error: unknown): error is DepmapError {
  return error instanceof DepmapError;
}

/** The message of any thrown value, for reports that must not crash on odd throwables. */
export function errorMessage(error: unknown): string {
  if (error instanceof DepmapError) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}
