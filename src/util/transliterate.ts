/**
 * Names in other alphabets, spelled in ASCII where that is unambiguous: accents dropped
 * (`Ünïcödé` → `Unicode`), a few letters spelled out (`ß` → `ss`). Letters of other scripts
 * are left as they are, for the caller to notice and decide.
 */

/** Letters that Unicode does not decompose into an ASCII letter and a mark. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
};

export function transliterate(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\x00-\x7F]/gu, (c) => LETTERS[c] ?? c);
}
