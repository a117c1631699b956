/**
 * Axis ticks people read at a glance: multiples of a step 1, 2 or 5 × 10^k, chosen so that at most
 * `maxCount` ticks fall within [min, max]. Example: niceTicks(0.0166667, 0.216667, 6) =
 * [0.05, 0.1, 0.15, 0.2]; niceTicks(44.8167, 84.65, 5) = [50, 60, 70, 80].
 */
export function niceTicks(min: number, max: number, maxCount = 6): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max)) || maxCount < 1) return [];
  if (min === max) return [min];
  if (min > max) [min, max] = [max, min];
  const rough = (max - min) / maxCount;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10]
    .map((m) => m * power)
    .find((s) => Math.floor(max / s) - Math.ceil(min / s) + 1 <= maxCount)!;
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step); k * step <= max; k++) {
    // k·step computed from integers, then rounded to the step's decimals so 0.1·3 prints as 0.3.
    const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
    ticks.push(Number((k * step).toFixed(Math.min(decimals, 20))));
  }
  return ticks;
}
