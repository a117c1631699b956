// ImageChannelStats over decoded images made here: exact per-level counts give NumPy-style population
// statistics; grayscale joins colour as R = G = B; afterTransform maps them through each transform.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterTransform, ImageChannelStats, normalizeLines } from '../../../../src/io/images/channel-stats';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test('ImageChannelStats.result gives the mean and population std of every sample / 255, per channel', () => {
  const stats = new ImageChannelStats();
  stats.add({ width: 2, height: 1, mode: 'RGB', depth: 8, data: new Uint8Array([0, 10, 255, 255, 20, 255]) });
  stats.add({ width: 1, height: 1, mode: 'L', depth: 8, data: new Uint8Array([51]) });
  const result = stats.result();
  assert.equal(result.images, 2);
  assert.equal(result.pixels, 3);
  const red = [0, 255, 51].map((v) => v / 255);
  const mean = red.reduce((a, b) => a + b) / 3;
  close(result.channels[0].mean, mean);
  close(result.channels[0].std, Math.sqrt(red.reduce((a, v) => a + (v - mean) ** 2, 0) / 3));
  assert.equal(result.channels[2].min, 51 / 255);
  assert.equal(result.channels[2].max, 1);
  assert.deepEqual(
    result.normalize.mean,
    result.channels.map((c) => c.mean),
  );
  assert.equal(
    result.channels[0].histogram.reduce((a, b) => a + b),
    3,
  );
});

test('ImageChannelStats on 16-bit samples scales by 65535; alpha is reported apart', () => {
  const stats = new ImageChannelStats();
  stats.add({ width: 2, height: 1, mode: 'LA', depth: 16, data: new Uint16Array([0, 65535, 65535, 0]) });
  const result = stats.result();
  assert.deepEqual(
    result.channels.map((c) => c.name),
    ['L'],
  );
  close(result.channels[0].mean, 0.5);
  close(result.channels[0].std, 0.5);
  close(result.alpha!.mean, 0.5);
});

test('afterTransform: Normalize gives mean 0 and std 1, [-1, 1] doubles the std; normalizeLines rounds to 4 places', () => {
  const stats = new ImageChannelStats();
  stats.add({ width: 3, height: 1, mode: 'L', depth: 8, data: new Uint8Array([0, 100, 255]) });
  const [gray] = stats.result().channels;
  const normalized = afterTransform(gray, 'normalize');
  close(normalized.mean, 0);
  close(normalized.std, 1);
  close(normalized.min, -gray.mean / gray.std);
  const symmetric = afterTransform(gray, 'symmetric');
  close(symmetric.std, 2 * gray.std);
  assert.deepEqual([symmetric.min, symmetric.max], [-1, 1]);
  const lines = normalizeLines(stats.result());
  assert.equal(
    lines.torchvision,
    `transforms.Normalize(mean=[${Number(gray.mean.toFixed(4))}], std=[${Number(gray.std.toFixed(4))}])`,
  );
  assert.match(lines.keras, /^layers\.Normalization\(mean=\[0\.4641\], variance=\[0\.\d+\]\)$/);
});

test('ImageChannelStats.result gives each channel 256 level bins over [0, 1]: level v in bin v at 8 bits, 16-bit levels 256 to a bin', () => {
  const eight = new ImageChannelStats();
  eight.add({ width: 4, height: 1, mode: 'L', depth: 8, data: new Uint8Array([0, 1, 254, 255]) });
  const levels = eight.result().channels[0].levelHistogram;
  assert.equal(levels.length, 256);
  assert.deepEqual([levels[0], levels[1], levels[254], levels[255]], [1, 1, 1, 1]);
  assert.equal(levels.reduce((a, b) => a + b), 4);
  const sixteen = new ImageChannelStats();
  sixteen.add({ width: 4, height: 1, mode: 'L', depth: 16, data: new Uint16Array([0, 255, 32768, 65535]) });
  const wide = sixteen.result().channels[0].levelHistogram;
  assert.deepEqual([wide[0], wide[128], wide[255]], [2, 1, 1]);
});
