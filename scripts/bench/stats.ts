// The figures every benchmark reports: percentiles of timed samples, rounded for the JSON report.

/** Percentile with linear interpolation between the closest ranks; NaN when there are no samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] as number;
  return a + ((sorted[high] as number) - a) * (rank - low);
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export interface Spread {
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

/** The spread of timed samples, in milliseconds to one decimal. */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: round(percentile(sorted, 0.5)),
    p10: round(percentile(sorted, 0.1)),
    p90: round(percentile(sorted, 0.9)),
    min: round(sorted[0] as number),
    max: round(sorted.at(-1) as number),
  };
}
