// Chart helpers: "nice" steps (1-2-5 × 10^k) so bins and buckets land on round numbers.

/** Smallest of 1, 2, 5 × 10^k that is ≥ raw (raw > 0). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw))
    throw new RangeError(`niceStep needs a positive finite number, got ${raw}`);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= raw * (1 - 1e-12)) return m * magnitude;
  return 10 * magnitude;
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge (the last bin also holds values equal to it). */
  to: number;
  count: number;
}

/**
 * Counts per bin of width `binWidth` (default: a nice width giving at most `maxBins` bins),
 * edges aligned to multiples of the width. Empty input ⇒ [].
 */
export function histogram(
  values: readonly number[],
  options: { binWidth?: number; maxBins?: number } = {},
): HistogramBin[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const maxBins = options.maxBins ?? 30;
  const width = options.binWidth ?? niceStep(Math.max(max - min, 1) / maxBins);
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.floor((max - start) / width) + 1);
  const bins: HistogramBin[] = [];
  for (let i = 0; i < count; i++)
    bins.push({ from: start + i * width, to: start + (i + 1) * width, count: 0 });
  for (const v of values) {
    const i = Math.min(count - 1, Math.floor((v - start) / width));
    (bins[i] as HistogramBin).count += 1;
  }
  return bins;
}
