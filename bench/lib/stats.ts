/** Order statistics for benchmark samples. */

/** The q-quantile (0..1) of the samples, by linear interpolation between closest ranks; NaN when empty. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);
export const p95 = (samples: readonly number[]): number => quantile(samples, 0.95);
export const max = (samples: readonly number[]): number => (samples.length === 0 ? NaN : Math.max(...samples));

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;
