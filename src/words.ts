/** `1 repo`, `3 repos`, `2 libraries`: the one way depmap counts things in messages. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
