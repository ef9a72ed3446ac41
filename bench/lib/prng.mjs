/**
 * A seeded PRNG (mulberry32) and the sampling helpers the generator needs. Math.random is
 * never used: the same seed gives the same organisation, byte for byte.
 */

export function createRng(seed) {
  let a = hashSeed(seed) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** Integer in [min, max], both included. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks a key of `weights` ({ npm: 30, pypi: 18, … }) in proportion to its weight. */
    weighted: (weights) => {
      const entries = Object.entries(weights);
      const total = entries.reduce((n, [, w]) => n + w, 0);
      let x = next() * total;
      for (const [key, w] of entries) {
        x -= w;
        if (x < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    /** A child generator, so that adding draws in one place does not shift every other. */
    fork: (label) => createRng(`${seed}/${label}`),
  };
  return rng;
}

function hashSeed(seed) {
  const text = String(seed);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h;
}

/**
 * Zipf-like popularity over a ranked list: rank r has weight 1 / (r + 1)^s, so the first
 * entries (lodash, jackson-databind, requests…) are shared by most components and the tail
 * by few. Sampling is a binary search in the cumulative weights.
 */
export function zipf(size, exponent = 1) {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) {
    total += 1 / Math.pow(r + 1, exponent);
    cumulative[r] = total;
  }
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
