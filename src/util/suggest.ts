/** "Did you mean …?" for unknown fields, values, node names and commands. */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? 0;
}

/** The closest candidates to `input` that are plausibly typos of it, best first. */
export function suggest(input: string, candidates: Iterable<string>, max = 1): string[] {
  const needle = input.toLowerCase();
  const limit = needle.length <= 3 ? 1 : Math.max(2, Math.floor(needle.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    // Containment is a good guess even when the lengths differ a lot: "pay" → "payments",
    // and a word that extends a valid one: "warning" → "warn".
    const contains = (needle.length >= 3 && hay.includes(needle)) || (hay.length >= 3 && needle.startsWith(hay));
    // The edit distance is at least the difference in length: skip what cannot be close.
    if (!contains && Math.abs(hay.length - needle.length) > limit) continue;
    let distance = editDistance(needle, hay);
    if (distance > limit && contains) distance = limit;
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const [best] = suggest(input, candidates);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}
