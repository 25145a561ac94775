/**
 * Downsampling for charts. Both functions keep the shape a person looks for: LTTB keeps
 * the points that make the largest triangles (visually important ones), and min/max
 * buckets keep every spike. Inputs are sorted by x.
 */
export interface XY {
  x: number;
  y: number;
}

/** Largest-Triangle-Three-Buckets (Steinarsson, 2013): at most `threshold` points. */
export function lttb<P extends XY>(points: readonly P[], threshold: number): P[] {
  const n = points.length;
  if (threshold >= n || n <= 2) return points.slice();
  if (threshold < 3) return [points[0]!, points[n - 1]!].slice(0, Math.max(threshold, 1));
  const out: P[] = [points[0]!];
  const bucketSize = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i += 1) {
    // The average of the next bucket stands in for the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j += 1) {
      avgX += points[j]!.x;
      avgY += points[j]!.y;
    }
    const span = Math.max(nextEnd - nextStart, 1);
    avgX /= span;
    avgY /= span;
    const start = Math.floor(i * bucketSize) + 1;
    const end = Math.floor((i + 1) * bucketSize) + 1;
    const pa = points[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j += 1) {
      const p = points[j]!;
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]!);
    a = best;
  }
  out.push(points[n - 1]!);
  return out;
}

/** A precomputed block: its lowest and highest point. */
export interface MinMaxBlock<P> {
  min: P;
  max: P;
}

/**
 * Merges consecutive blocks into at most `threshold / 2` buckets and answers each
 * bucket's minimum and maximum in x order: at most `threshold` points, every extreme kept.
 */
export function mergeMinMaxBlocks<P extends XY>(blocks: readonly MinMaxBlock<P>[], threshold: number): P[] {
  const bucketCount = Math.max(1, Math.floor(threshold / 2));
  const perBucket = Math.ceil(blocks.length / bucketCount);
  const out: P[] = [];
  for (let start = 0; start < blocks.length; start += perBucket) {
    let min = blocks[start]!.min;
    let max = blocks[start]!.max;
    for (let j = start + 1; j < Math.min(start + perBucket, blocks.length); j += 1) {
      const block = blocks[j]!;
      if (block.min.y < min.y) min = block.min;
      if (block.max.y > max.y) max = block.max;
    }
    if (min === max) out.push(min);
    else if (min.x <= max.x) out.push(min, max);
    else out.push(max, min);
  }
  return out;
}
