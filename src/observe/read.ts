/**
 * Reads `--observed` files: the one place of src/observe that touches the disk. Each file is
 * opened with depmap's checks (a FIFO or a device is refused before a byte is read),
 * gunzipped when it starts with gzip's magic bytes, split into lines with a cap per line, and
 * handed to the pure reader (read-lines.ts). Nothing holds a whole file: memory is a line, the
 * pending spans of derive.ts's window and one entry per distinct call; only a file that is
 * one pretty-printed JSON document is kept whole, up to 256 MB.
 */
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { errorMessage, IoError, isDepmapError } from '../errors.js';
import { FileReadError, openRegularFile } from '../io/read-file.js';
import type { ObservedFormat, ObservedInput } from './model.js';
import { ObservedReader } from './read-lines.js';
import { LineSplitter } from './split-lines.js';

/** A longer line is a problem, skipped: JSON.parse of it would take several times its size. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK = 1 << 20;

export interface ReadObservedOptions {
  cwd: string;
  /** The format of every file (`--observed-format`); told from the content when absent. */
  format?: ObservedFormat;
  /** Bytes read so far (compressed, for gzip) and the total size of the files. */
  onProgress?: (bytes: number, total: number) => void;
}

export async function readObserved(files: readonly string[], options: ReadObservedOptions): Promise<ObservedInput> {
  const reader = new ObservedReader();
  const opened = [];
  try {
    for (const file of files) {
      const full = path.resolve(options.cwd, file);
      try {
        opened.push({ file, ...(await openRegularFile(full)) });
      } catch (error) {
        if (!(error instanceof FileReadError)) throw error;
        throw new IoError(`cannot read observed file ${file}: it ${error.detail}`, {
          hint: 'give a file of traces or service-graph metrics',
        });
      }
    }
    const total = opened.reduce((sum, f) => sum + f.size, 0);
    let before = 0;
    for (const { file, handle, size } of opened) {
      const sink = reader.file(file, options.format);
      const splitter = new LineSplitter(sink, MAX_LINE_BYTES);
      const magic = Buffer.alloc(2);
      const { bytesRead } = await handle.read(magic, 0, 2, 0);
      const gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
      const raw = handle.createReadStream({ start: 0, highWaterMark: CHUNK, autoClose: false });
      const stream = gzip ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
      if (gzip) raw.on('error', (error) => stream.destroy(error));
      try {
        for await (const chunk of stream) {
          splitter.push(chunk as Buffer);
          options.onProgress?.(before + raw.bytesRead, total);
        }
        splitter.end();
      } catch (error) {
        if (isDepmapError(error)) throw error;
        // A truncated or corrupt gzip stream: what came before it is read.
        if (!gzip || !(error instanceof Error) || !('code' in error) || !String(error.code).startsWith('Z_'))
          throw new IoError(`cannot read observed file ${file}: ${errorMessage(error)}`);
        splitter.end();
        sink.broken(`gzip data is damaged (${error.message}): the rest of the file is not read`);
      }
      sink.end();
      before += size;
    }
  } finally {
    await Promise.all(opened.map((f) => f.handle.close()));
  }
  return reader.result();
}
