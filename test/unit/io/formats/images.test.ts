// Images against Pillow (Debian's python3-pil): decoded pixels equal Pillow's (PNG exactly; JPEG and
// WebP measured), and stats on an ImageFolder gives NumPy's per-channel mean/std over N, H, W of
// pixels / 255, per-class counts, skipped unreadable files and the Normalize line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratchDir } from '../../../helpers/cli';
import { decodeImageFile } from '../../../../src/io/node/image-files';
import { decodeJpegImage } from '../../../../src/io/images/jpeg';
import { hasPython, python, VEGA_DATA } from './fixtures';

const skip = !hasPython('PIL, numpy');

/** Pillow writes test images from real pictures (vega-datasets' PNGs) in several modes. */
const MAKE_IMAGES = (dir: string) => `
from PIL import Image
import numpy as np, json
src = Image.open('${VEGA_DATA}ffox.png').convert('RGBA')
big = Image.open('${VEGA_DATA}gimp.png').convert('RGB')
out = {}
def save(name, img, **kw):
    img.save('${dir}/' + name, **kw)
    back = Image.open('${dir}/' + name)
    back.load()
    pixels = back.convert('RGB') if back.mode == 'P' else back
    out[name] = {'mode': back.mode, 'size': back.size, 'raw': np.asarray(pixels).astype(np.int64).ravel().tolist()}
save('rgb.png', src.convert('RGB'))
save('l.png', src.convert('L'))
save('rgba.png', src)
save('la.png', src.convert('LA'))
save('p.png', src.convert('RGB').convert('P', palette=Image.ADAPTIVE, colors=64))
save('i16.png', Image.fromarray((np.asarray(src.convert('L')).astype(np.uint16) * 257 + 3)))
save('q90.jpg', big, quality=90)
save('q75-420.jpg', big, quality=75, subsampling=2)
save('gray.jpg', big.convert('L'), quality=85)
save('lossless.webp', big, lossless=True)
save('lossy.webp', big, quality=80)
print(json.dumps(out))
`;

test(
  "decodeImageFile gives Pillow's pixels: PNG in every mode (palette expanded to RGB), JPEG and WebP, sample for sample",
  { skip },
  async () => {
    const { dir, cleanup } = scratchDir();
    try {
      const pillow = JSON.parse(python(MAKE_IMAGES(dir))) as Record<
        string,
        { mode: string; size: [number, number]; raw: number[] }
      >;
      const differences: string[] = [];
      for (const [name, expected] of Object.entries(pillow)) {
        const image = await decodeImageFile(join(dir, name));
        assert.deepEqual([image.width, image.height], expected.size, name);
        if (name === 'p.png')
          assert.equal(image.mode, 'RGB'); // palette expanded, as convert('RGB')
        else if (name === 'i16.png') assert.equal(image.depth, 16);
        else assert.equal(image.mode, expected.mode, name);
        const ours = Array.from(image.data);
        assert.equal(ours.length, expected.raw.length, name);
        let largest = 0;
        for (let i = 0; i < ours.length; i++)
          largest = Math.max(largest, Math.abs(ours[i] - expected.raw[i]));
        differences.push(`${name}: ${largest}`);
        // libvips' libjpeg-turbo (mozjpeg) and libwebp decode as Pillow's do: measured 0 here.
        assert.equal(largest, 0, name);
      }
      console.log(`largest per-sample difference from Pillow (0–255 levels): ${differences.join(', ')}`);
    } finally {
      cleanup();
    }
  },
);

test(
  'decodeJpegImage (jpeg-js, where sharp is missing) stays within 32 levels of Pillow on the same JPEGs, under half a level on average',
  { skip },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      const pillow = JSON.parse(python(MAKE_IMAGES(dir))) as Record<
        string,
        { size: [number, number]; raw: number[] }
      >;
      const measured: string[] = [];
      for (const name of ['q90.jpg', 'q75-420.jpg', 'gray.jpg']) {
        const image = decodeJpegImage(new Uint8Array(readFileSync(join(dir, name))));
        const expected = pillow[name].raw;
        assert.equal(image.data.length, expected.length, name);
        let largest = 0;
        let sum = 0;
        for (let i = 0; i < expected.length; i++) {
          const d = Math.abs(image.data[i] - expected[i]);
          largest = Math.max(largest, d);
          sum += d;
        }
        measured.push(`${name}: largest ${largest}, mean ${(sum / expected.length).toFixed(3)}`);
        assert.ok(largest <= 32, `${name}: ${largest}`); // measured: 24 (colour), 1 (gray); mean under 0.5
      }
      console.log(`jpeg-js against Pillow (0–255 levels): ${measured.join('; ')}`);
    } finally {
      cleanup();
    }
  },
);

test(
  "stats --json on an ImageFolder gives NumPy's per-channel mean and population std of pixels/255, per-class counts, and lists the unreadable file",
  { skip },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      const root = join(dir, 'train');
      const reference = JSON.parse(
        python(`
from PIL import Image
import numpy as np, json, os
root = '${root}'
src = Image.open('${VEGA_DATA}gimp.png').convert('RGB')
rng = np.random.default_rng(7)
pixels = []
counts = {}
for cls, n in [('cat', 3), ('dog', 5)]:
    os.makedirs(f'{root}/{cls}', exist_ok=True)
    for i in range(n):
        w, h = int(rng.integers(20, 90)), int(rng.integers(20, 90))
        x, y = int(rng.integers(0, src.width - w)), int(rng.integers(0, src.height - h))
        img = src.crop((x, y, x + w, y + h))
        if i == 1: img = img.convert('L')  # grayscale counts as R = G = B (ImageFolder's convert('RGB'))
        img.save(f'{root}/{cls}/{i}.png')
        pixels.append(np.asarray(Image.open(f'{root}/{cls}/{i}.png').convert('RGB'), dtype=np.float64).reshape(-1, 3) / 255)
    counts[cls] = n
allp = np.concatenate(pixels)
print(json.dumps({'images': len(pixels), 'pixels': int(allp.shape[0]), 'mean': allp.mean(0).tolist(), 'std': allp.std(0).tolist(),
  'min': allp.min(0).tolist(), 'max': allp.max(0).tolist(), 'classes': counts}))
`),
      ) as {
        images: number;
        pixels: number;
        mean: number[];
        std: number[];
        min: number[];
        max: number[];
        classes: Record<string, number>;
      };
      writeFileSync(
        join(root, 'dog', 'broken.png'),
        readFileSync(join(root, 'dog', '0.png')).subarray(0, 100),
      );
      const result = runCli(['stats', root, '--json']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stderr, /skipped dog\/broken\.png: corrupt or truncated PNG/);
      const report = JSON.parse(result.stdout) as {
        images: number;
        pixels: number;
        channels: { name: string; mean: number; std: number; min: number; max: number }[];
        normalize: { mean: number[]; std: number[] };
        classes: Record<string, number>;
        skipped: { file: string; reason: string }[];
      };
      assert.equal(report.images, reference.images);
      assert.equal(report.pixels, reference.pixels);
      assert.deepEqual(report.classes, reference.classes);
      assert.deepEqual(
        report.channels.map((c) => c.name),
        ['R', 'G', 'B'],
      );
      report.channels.forEach((c, k) => {
        assert.ok(Math.abs(c.mean - reference.mean[k]) < 1e-12, `mean ${c.name}`);
        assert.ok(Math.abs(c.std - reference.std[k]) < 1e-12, `std ${c.name}`);
        assert.equal(c.min, reference.min[k]);
        assert.equal(c.max, reference.max[k]);
      });
      assert.deepEqual(
        report.normalize.mean,
        report.channels.map((c) => c.mean),
      );
      assert.deepEqual(
        report.skipped.map((s) => s.file),
        ['dog/broken.png'],
      );
      const text = runCli(['stats', root]);
      const mean = reference.mean.map((v) => Number(v.toFixed(4))).join(', ');
      assert.ok(text.stdout.includes(`transforms.Normalize(mean=[${mean}], std=[`), text.stdout);
      assert.match(text.stdout, /layers\.Normalization\(mean=\[[^\]]+\], variance=\[[^\]]+\]\)/);
    } finally {
      cleanup();
    }
  },
);

test(
  'stats --json on one grayscale PNG and one RGBA PNG: L alone, alpha reported apart from colour',
  { skip },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      mkdirSync(dir, { recursive: true });
      const reference = JSON.parse(
        python(`
from PIL import Image
import numpy as np, json
src = Image.open('${VEGA_DATA}ffox.png').convert('RGBA')
src.convert('L').save('${dir}/l.png'); src.save('${dir}/rgba.png')
l = np.asarray(Image.open('${dir}/l.png'), dtype=np.float64) / 255
a = np.asarray(Image.open('${dir}/rgba.png'), dtype=np.float64).reshape(-1, 4) / 255
print(json.dumps({'l': [l.mean(), l.std()], 'rgb': [a[:, :3].mean(0).tolist(), a[:, :3].std(0).tolist()], 'alpha': [a[:, 3].mean(), a[:, 3].std()]}))
`),
      ) as { l: [number, number]; rgb: [number[], number[]]; alpha: [number, number] };
      const gray = JSON.parse(runCli(['stats', join(dir, 'l.png'), '--json']).stdout) as {
        channels: { name: string; mean: number; std: number }[];
      };
      assert.deepEqual(
        gray.channels.map((c) => c.name),
        ['L'],
      );
      assert.ok(Math.abs(gray.channels[0].mean - reference.l[0]) < 1e-12);
      assert.ok(Math.abs(gray.channels[0].std - reference.l[1]) < 1e-12);
      const rgba = JSON.parse(runCli(['stats', join(dir, 'rgba.png'), '--json']).stdout) as {
        channels: { name: string; mean: number; std: number }[];
        alpha: { mean: number; std: number };
      };
      assert.deepEqual(
        rgba.channels.map((c) => c.name),
        ['R', 'G', 'B'],
      );
      rgba.channels.forEach((c, k) => assert.ok(Math.abs(c.std - reference.rgb[1][k]) < 1e-12));
      assert.ok(Math.abs(rgba.alpha.mean - reference.alpha[0]) < 1e-12);
    } finally {
      cleanup();
    }
  },
);
