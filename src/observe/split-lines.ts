/**
 * Bytes in, lines out, with a cap on a line's length: a hostile or broken file (one 10 GB
 * line) costs the cap, never the file. Pure (chunks are pushed by the reader), so the cap is
 * tested without a 64 MB file.
 */

export interface LineSink {
  line(text: string, lineNumber: number): void;
  /** A line longer than the cap, skipped: its number and how many bytes it had when it was cut. */
  tooLong(lineNumber: number, bytes: number): void;
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private skipping = false;
  private lineNumber = 1;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl === -1) {
        this.keep(chunk.subarray(from));
        return;
      }
      if (this.skipping) {
        this.skipping = false;
      } else if (this.partBytes + nl - from > this.maxLineBytes) {
        this.sink.tooLong(this.lineNumber, this.partBytes + nl - from);
      } else if (this.parts.length === 0) {
        this.emit(chunk.toString('utf8', from, nl));
      } else {
        this.parts.push(chunk.subarray(from, nl));
        this.emit(Buffer.concat(this.parts).toString('utf8'));
      }
      this.parts = [];
      this.partBytes = 0;
      this.lineNumber++;
      from = nl + 1;
    }
  }

  end(): void {
    if (this.skipping || this.partBytes === 0) return;
    this.emit(Buffer.concat(this.parts).toString('utf8'));
    this.parts = [];
    this.partBytes = 0;
  }

  private keep(rest: Buffer): void {
    if (this.skipping || rest.length === 0) return;
    if (this.partBytes + rest.length > this.maxLineBytes) {
      this.sink.tooLong(this.lineNumber, this.partBytes + rest.length);
      this.parts = [];
      this.partBytes = 0;
      this.skipping = true;
      return;
    }
    // A copy: the stream may reuse its buffer.
    this.parts.push(Buffer.from(rest));
    this.partBytes += rest.length;
  }

  private emit(text: string): void {
    this.sink.line(text.endsWith('\r') ? text.slice(0, -1) : text, this.lineNumber);
  }
}
