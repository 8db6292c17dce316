/** Row offsets for a virtual list: `offsets[i]` is where row i starts, `offsets[n]` the total height. */
export function offsetsOf(n: number, height: (i: number) => number): Float64Array {
  const offsets = new Float64Array(n + 1);
  for (let i = 0; i < n; i += 1) offsets[i + 1] = offsets[i]! + height(i);
  return offsets;
}

/** The first row whose end lies after `y` (binary search); `n` when `y` is past the end. */
export function firstAtOrAfter(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
