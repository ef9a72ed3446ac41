/**
 * Latency percentiles in fixed memory: a log-scale histogram per observed call, so a million
 * spans of one edge cost the same 1 KB as ten. Eight buckets per doubling from 1 µs to about
 * 70 minutes: a percentile is the middle of its bucket, within ±4.5 % of the true value.
 */

const PER_DOUBLING = 8;
/** log2 of the lowest bucket's bound, in milliseconds (2^-10 ms ≈ 1 µs). */
const LOW = -10;
/** log2 of the highest bound (2^22 ms ≈ 70 min); longer durations land in the last bucket. */
const HIGH = 22;
const BUCKETS = (HIGH - LOW) * PER_DOUBLING + 1;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;

  add(ms: number, count = 1): void {
    if (count <= 0) return;
    const i = bucketOf(ms);
    this.counts[i] = (this.counts[i] as number) + count;
    this.total += count;
  }

  /** p50, p95 and p99 in milliseconds, 3 significant digits; undefined when nothing was added. */
  percentiles(): { p50: number; p95: number; p99: number } | undefined {
    if (this.total === 0) return undefined;
    return { p50: this.quantile(0.5), p95: this.quantile(0.95), p99: this.quantile(0.99) };
  }

  private quantile(q: number): number {
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return i === 0 ? 0 : round3(2 ** (LOW + (i - 0.5) / PER_DOUBLING));
    }
    return 0;
  }
}

function bucketOf(ms: number): number {
  if (!(ms > 0)) return 0;
  const i = Math.floor((Math.log2(ms) - LOW) * PER_DOUBLING) + 1;
  return i < 1 ? 1 : i >= BUCKETS ? BUCKETS - 1 : i;
}

function round3(ms: number): number {
  return Number(ms.toPrecision(3));
}
