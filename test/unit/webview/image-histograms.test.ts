// The image panel's histograms: 256 level bins merged into fewer bins hold whole 8-bit levels (the same
// counts as binning pixels / 255 directly), and a transform moves the edges, not the counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImageChannelStats } from '../../../src/io/images/channel-stats';
import { mergedHistogram, transformedHistogram } from '../../../src/webview/images/histograms';

/** Levels 0…255 each once, plus 255 and 0 a second time: every bin holds a known count. */
function everyLevel() {
  const stats = new ImageChannelStats();
  const data = new Uint8Array([...Array.from({ length: 256 }, (_, v) => v), 255, 0]);
  stats.add({ width: data.length, height: 1, mode: 'L', depth: 8, data });
  return stats.result().channels[0];
}

test('mergedHistogram of 256 level bins into 64 gives the counts of binning v / 255 into 64 equal bins', () => {
  const gray = everyLevel();
  assert.equal(gray.levelHistogram[0], 2);
  assert.equal(gray.levelHistogram[255], 2);
  const merged = mergedHistogram(gray.levelHistogram, 64);
  const direct = new Float64Array(64);
  for (let v = 0; v < 256; v++) direct[Math.min(63, Math.floor((v / 255) * 64))]++;
  direct[0]++;
  direct[63]++;
  assert.deepEqual(merged.counts, direct);
  assert.equal(merged.edges.length, 65);
  assert.deepEqual([merged.edges[0], merged.edges[32], merged.edges[64]], [0, 0.5, 1]);
  assert.deepEqual(
    Array.from(mergedHistogram(gray.levelHistogram, 256).counts),
    Array.from(gray.levelHistogram),
  );
});

test('mergedHistogram refuses a bin count that does not divide the level bins', () => {
  assert.throws(
    () => mergedHistogram(new Float64Array(256), 48 as 64),
    /mergedHistogram: bins \(48\) must divide the 256 level bins/,
  );
});

test('transformedHistogram maps each edge through (x − center) / divisor and keeps the counts', () => {
  const merged = mergedHistogram(everyLevel().levelHistogram, 32);
  const symmetric = transformedHistogram(merged, 0.5, 0.5);
  assert.equal(symmetric.counts, merged.counts);
  assert.deepEqual([symmetric.edges[0], symmetric.edges[16], symmetric.edges[32]], [-1, 0, 1]);
  const z = transformedHistogram(merged, 0.25, 0.125);
  assert.deepEqual([z.edges[0], z.edges[32]], [-2, 6]);
});
