/** `1 call`, `1,204 calls`, `2 transitive libraries`: a count and the word it counts. */
export const plural = (n: number, word: string, many = `${word}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
