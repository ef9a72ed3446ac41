/**
 * Output made in pieces (a snapshot, a timeline) is encoded piece by piece into a buffer that
 * is written when full: the file must hold exactly the text the pieces make, whatever their
 * sizes, with characters of every UTF-8 length, pieces that fill the buffer to its last byte,
 * and pieces larger than the buffer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeChunksAtomic } from '../../src/io/write-file.js';
import { tempDir } from '../helpers/fs.js';

describe('writing output in pieces', () => {
  it('writes exactly the text of the pieces', async () => {
    const dir = tempDir('depmap-chunks-');
    const chars = ['a', 'é', '€', '🚀', '\n'];
    const pieces: string[] = [];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 3000; i++) {
      const length = i % 500 === 0 ? 400_000 + (next() % 700_000) : next() % 900;
      let piece = '';
      while (piece.length < length) piece += (chars[next() % chars.length] as string).repeat(1 + (next() % 40));
      pieces.push(piece);
    }
    // A piece of exactly a third of a megabyte: the buffer's bound, to the unit.
    pieces.splice(10, 0, 'x'.repeat((1 << 20) / 4), 'ü'.repeat(Math.floor((1 << 20) / 3)));
    const file = path.join(dir, 'out.json');
    await writeChunksAtomic(file, pieces);
    const written = readFileSync(file);
    const expected = Buffer.from(pieces.join(''), 'utf8');
    expect(written.length).toBe(expected.length);
    expect(written.equals(expected)).toBe(true);
    await writeChunksAtomic(file, []);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
