/**
 * How the explorer's data is written compactly: numbers as columns of the narrowest width, and
 * strings interned once. The page reads them back (page/model.ts).
 */
/**
 * A column of numbers as text: a letter for the width the largest value needs (b: 1 byte,
 * h: 2, i: 4; f: float32) and the bytes in base64. Signed columns (string indexes, -1 for
 * none) are stored plus one. '' when every entry is the default (0, or -1 signed), which the
 * page reads back as such: a graph without observations or APIs carries no columns of nothing,
 * and 50,000 edges between 10,000 nodes take 2 bytes an end, not 4.
 */
export function column(values: ArrayLike<number>, signed = false): string {
  const shift = signed ? 1 : 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, (values[i] as number) + shift);
  if (max === 0) return '';
  const Width = max < 256 ? Uint8Array : max < 65536 ? Uint16Array : Uint32Array;
  const out = new Width(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] as number) + shift;
  const code = Width === Uint8Array ? 'b' : Width === Uint16Array ? 'h' : 'i';
  return code + Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('base64');
}

export const floats = (values: Float32Array): string =>
  `f${Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')}`;

/** Strings interned once: the page holds each name, version and file one time. */
export class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string | undefined): number {
    if (value === undefined || value === '') return -1;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}
