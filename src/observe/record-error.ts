/**
 * A record (a line, or a whole document) of the right syntax but the wrong shape: reported as
 * a problem at its line (and column, when known), and the rest of the file is read.
 */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly col?: number,
  ) {
    super(message);
  }
}

/** Where a record was read: its file, as shown, and its first line. */
export interface RecordAt {
  file: string;
  line: number;
  /** Reports part of a record as a problem while the rest of it is read. */
  problem?: (message: string) => void;
}
