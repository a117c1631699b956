// Images against Pillow (Debian's python3-pil): every decoded sample equals Pillow's (PNG, JPEG and
// WebP in every mode Pillow writes, and Debian's packaged photos), corrupt files give one line and the
// next file still decodes, and stats on an ImageFolder gives NumPy's per-channel mean/std over N, H, W
// of pixels / 255, per-class counts, skipped unreadable files and the Normalize line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratchDir } from '../../../helpers/cli';
import { InputError } from '../../../../src/io/errors';
import { decodeImageFile } from '../../../../src/io/node/image-files';
import { hasPython, python, VEGA_DATA } from './fixtures';

const skip = !hasPython('PIL, numpy');

/** Photos Debian packages: python-matplotlib-data's sample and scikit-learn's two dataset images. */
const DEBIAN_PHOTOS = [
  '/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg',
  '/usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg',
  '/usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg',
];
/** PNGs Debian packages (python-matplotlib-data): RGBA and RGB. */
const DEBIAN_PNGS = [
  '/usr/share/matplotlib/mpl-data/sample_data/logo2.png',
  '/usr/share/matplotlib/mpl-data/sample_data/Minduka_Present_Blue_Pack.png',
];

/** What Pillow reports of one image: its mode and size, and its samples dumped to `raw` (uint8 or <u2). */
interface PillowImage {
  file: string;
  mode: string;
  size: [number, number];
  raw: string;
  bits: 8 | 16;
}

/**
 * Pillow writes images in `dir` (from vega-datasets' PNGs and Debian's photos) and dumps the samples
 * Image.open gives for each written and each listed file: palette images as convert('RGB'/'RGBA'),
 * the rest as they open (no EXIF rotation, as Image.open does none).
 */
const PILLOW_IMAGES = (dir: string, existing: string[]) => `
from PIL import Image
import numpy as np, json, os
icon = Image.open('${VEGA_DATA}ffox.png').convert('RGBA')
big = Image.open('${VEGA_DATA}gimp.png').convert('RGB')
photo = Image.open('${DEBIAN_PHOTOS[1]}').convert('RGB')
out = []
def dump(path):
    img = Image.open(path)
    img.load()
    mode = img.mode
    if mode == 'P': img = img.convert('RGBA' if 'transparency' in img.info else 'RGB')
    a = np.asarray(img)
    raw = path + '.raw'
    bits = 16 if mode in ('I', 'I;16') else 8  # a 16-bit grayscale PNG opens as mode I
    open(raw, 'wb').write(a.astype('<u2' if bits == 16 else np.uint8).tobytes())
    out.append({'file': path, 'mode': mode, 'size': img.size, 'raw': raw, 'bits': bits})
def save(name, img, **kw):
    img.save(os.path.join('${dir}', name), **kw)
    dump(os.path.join('${dir}', name))
save('rgb.png', icon.convert('RGB'))
save('l.png', icon.convert('L'))
save('rgba.png', icon)
save('la.png', icon.convert('LA'))
save('p.png', icon.convert('RGB').convert('P', palette=Image.ADAPTIVE, colors=64))
save('p-transparent.png', icon.convert('P'), transparency=0)
save('i16.png', Image.fromarray((np.asarray(icon.convert('L')).astype(np.uint16) * 257 + 3)))
for q in [95, 90, 75, 50, 20]:
    save('q%d-444.jpg' % q, big, quality=q, subsampling=0)
save('q75-420.jpg', big, quality=75, subsampling=2)
save('q75-422.jpg', big, quality=75, subsampling=1)
save('q85-gray.jpg', big.convert('L'), quality=85)
save('progressive.jpg', photo, quality=80, progressive=True)
save('optimized.jpg', photo, quality=60, optimize=True, subsampling=1)
save('photo-q92.jpg', photo, quality=92)
exif = Image.Exif(); exif[0x0112] = 6  # orientation: rotate 90° clockwise to view; Image.open does not
save('orientation-6.jpg', big, quality=85, exif=exif)
save('odd-size.jpg', photo.crop((3, 5, 3 + 101, 5 + 67)), quality=88)
save('lossless.webp', big, lossless=True)
save('lossless-alpha.webp', icon, lossless=True)
save('lossless-opaque-rgba.webp', big.convert('RGBA'), lossless=True)
save('lossy.webp', big, quality=80)
save('lossy-alpha.webp', icon, quality=70)
save('photo-lossy.webp', photo, quality=85)
save('photo-lossless.webp', photo, lossless=True)
for path in ${JSON.stringify(existing)}: dump(path)
print(json.dumps(out))
`;

const samplesOf = (image: PillowImage) => {
  const bytes = readFileSync(image.raw);
  return image.bits === 16
    ? new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2)
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
};

/** The largest |ours − Pillow's| over every sample, after checking size, mode and sample count agree. */
async function largestDifference(image: PillowImage): Promise<number> {
  const name = image.file;
  const ours = await decodeImageFile(image.file);
  assert.deepEqual([ours.width, ours.height], image.size, name);
  // A palette PNG is expanded as convert('RGB'), or convert('RGBA') when it has a transparent entry.
  if (image.mode === 'P') assert.match(ours.mode, /^RGBA?$/, name);
  else if (image.bits === 16) assert.equal(`${ours.mode}${ours.depth}`, 'L16', name);
  else assert.equal(ours.mode, image.mode, name);
  const expected = samplesOf(image);
  assert.equal(ours.data.length, expected.length, name);
  let largest = 0;
  for (let i = 0; i < expected.length; i++) largest = Math.max(largest, Math.abs(ours.data[i] - expected[i]));
  return largest;
}

test(
  "decodeImageFile gives Pillow's samples, to the level, for PNG in every mode, JPEG at every quality, subsampling and option, and WebP lossless and lossy, with and without alpha",
  { skip },
  async () => {
    const { dir, cleanup } = scratchDir();
    try {
      const pillow = JSON.parse(python(PILLOW_IMAGES(dir, []))) as PillowImage[];
      // Pillow's own modes: no alpha in a WebP written from an opaque RGBA image, L for a gray JPEG.
      const modes = Object.fromEntries(pillow.map((p) => [p.file.slice(dir.length + 1), p.mode]));
      assert.equal(modes['lossless-opaque-rgba.webp'], 'RGB');
      assert.equal(modes['lossy-alpha.webp'], 'RGBA');
      assert.equal(modes['q85-gray.jpg'], 'L');
      const differences: string[] = [];
      for (const image of pillow) {
        const largest = await largestDifference(image);
        differences.push(`${image.file.slice(dir.length + 1)} ${largest}`);
        assert.equal(largest, 0, image.file);
      }
      console.log(
        `largest difference from Pillow, 0–255 levels (${pillow.length} images): ${differences.join(', ')}`,
      );
    } finally {
      cleanup();
    }
  },
);

test(
  "decodeImageFile gives Pillow's samples for the photos and PNGs Debian packages (matplotlib's grace_hopper.jpg, scikit-learn's china.jpg and flower.jpg)",
  { skip },
  async () => {
    const present = [...DEBIAN_PHOTOS, ...DEBIAN_PNGS].filter((path) => existsSync(path));
    assert.deepEqual(
      present,
      [...DEBIAN_PHOTOS, ...DEBIAN_PNGS],
      'apt-get install python-matplotlib-data python3-sklearn',
    );
    const { dir, cleanup } = scratchDir();
    try {
      // Pillow's dumps go beside the files: copy them into the scratch folder first.
      const copies = present.map((path) => {
        const copy = join(dir, path.split('/').pop()!);
        writeFileSync(copy, readFileSync(path));
        return copy;
      });
      const pillow = (JSON.parse(python(PILLOW_IMAGES(dir, copies))) as PillowImage[]).slice(-copies.length);
      const differences: string[] = [];
      for (const image of pillow) {
        const largest = await largestDifference(image);
        differences.push(`${image.file.split('/').pop()} (${image.mode} ${image.size.join('×')}) ${largest}`);
        assert.equal(largest, 0, image.file);
      }
      console.log(`Debian's images against Pillow: ${differences.join(', ')}`);
    } finally {
      cleanup();
    }
  },
);

/** decodeImageFile's failure on `file`: an InputError of one line, which the caller matches. */
async function refusal(file: string): Promise<string> {
  const error = await decodeImageFile(file).then(
    () => assert.fail(`${file} decoded`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof InputError, String(error));
  assert.ok(!error.message.includes('\n'), error.message);
  return error.message;
}

test(
  'decodeImageFile refuses a truncated or corrupt JPEG or WebP in one line naming the file, and decodes the next good file exactly',
  { skip },
  async () => {
    const { dir, cleanup } = scratchDir();
    try {
      const pillow = JSON.parse(
        python(`
from PIL import Image
import numpy as np, json
photo = Image.open('${DEBIAN_PHOTOS[2]}').convert('RGB')
photo.save('${dir}/good.jpg', quality=90)
photo.save('${dir}/good.webp', quality=80)
photo.convert('CMYK').save('${dir}/cmyk.jpg')
photo.save('${dir}/animated.webp', save_all=True, append_images=[photo.rotate(90)], duration=100)
good = open('${dir}/good.jpg', 'rb').read()
open('${dir}/truncated.jpg', 'wb').write(good[:len(good) // 2])
open('${dir}/garbage.jpg', 'wb').write(good[:2] + bytes(range(256)) * 4)
flipped = bytearray(good); flipped[len(good) // 2] ^= 0xff
open('${dir}/flipped.jpg', 'wb').write(flipped)
webp = open('${dir}/good.webp', 'rb').read()
open('${dir}/truncated.webp', 'wb').write(webp[:len(webp) // 2])
start = webp.index(b'\\x9d\\x01\\x2a')  # the VP8 frame's start code
open('${dir}/bad-start-code.webp', 'wb').write(webp[:start] + b'\\0\\0\\0' + webp[start + 3:])
def pillow_reads(name):
    try:
        Image.open('${dir}/' + name).load(); return True
    except Exception: return False
np.asarray(Image.open('${dir}/good.jpg')).tofile('${dir}/good.jpg.raw')
np.asarray(Image.open('${dir}/good.webp')).tofile('${dir}/good.webp.raw')
np.asarray(Image.open('${dir}/flipped.jpg')).tofile('${dir}/flipped.jpg.raw')
print(json.dumps({n: pillow_reads(n) for n in ['truncated.jpg', 'garbage.jpg', 'flipped.jpg', 'truncated.webp', 'bad-start-code.webp']}))
`),
      ) as Record<string, boolean>;
      // Pillow refuses the truncated and garbled files, and reads the flipped one (libjpeg skips the damage).
      assert.deepEqual(pillow, {
        'truncated.jpg': false,
        'garbage.jpg': false,
        'flipped.jpg': true,
        'truncated.webp': false,
        'bad-start-code.webp': false,
      });
      const exact = async (name: string) => {
        const expected = readFileSync(join(dir, `${name}.raw`));
        const ours = await decodeImageFile(join(dir, name));
        assert.ok(
          Buffer.from(ours.data.buffer, ours.data.byteOffset, ours.data.byteLength).equals(expected),
          name,
        );
      };
      const at = (name: string) => join(dir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      assert.match(
        await refusal(join(dir, 'truncated.jpg')),
        new RegExp(`^${at('truncated.jpg')}: corrupt or truncated JPEG: Premature end of JPEG file$`),
      );
      await exact('good.jpg');
      // libjpeg's fatal error ends its instance with exit(1); the next decode runs on a fresh one.
      for (let round = 0; round < 3; round++)
        assert.match(
          await refusal(join(dir, 'garbage.jpg')),
          new RegExp(`^${at('garbage.jpg')}: corrupt or truncated JPEG: \\S`),
        );
      await exact('good.jpg');
      assert.ok(!readFileSync(join(dir, 'flipped.jpg.raw')).equals(readFileSync(join(dir, 'good.jpg.raw'))));
      await exact('flipped.jpg');
      assert.match(
        await refusal(join(dir, 'cmyk.jpg')),
        /: CMYK JPEG \(4 components\) is not read: convert it to RGB first$/,
      );
      assert.match(
        await refusal(join(dir, 'truncated.webp')),
        /: corrupt or truncated WebP: its RIFF header gives \d+ bytes, the file has \d+$/,
      );
      assert.match(
        await refusal(join(dir, 'bad-start-code.webp')),
        /: corrupt or truncated WebP: libwebp decoded no image$/,
      );
      assert.match(await refusal(join(dir, 'animated.webp')), /: animated WebP is not read/);
      await exact('good.webp');
      await exact('good.jpg');
    } finally {
      cleanup();
    }
  },
);

test(
  "stats --json (the built CLI, its decoders' .wasm in dist/) on a folder of JPEG and WebP gives NumPy's per-channel statistics of Pillow's pixels, alpha apart",
  { skip },
  () => {
    const { dir, cleanup } = scratchDir();
    try {
      const reference = JSON.parse(
        python(`
from PIL import Image
import numpy as np, json, os
photo = Image.open('${DEBIAN_PHOTOS[1]}').convert('RGB')
icon = Image.open('${VEGA_DATA}ffox.png').convert('RGBA')
os.makedirs('${dir}/a'); os.makedirs('${dir}/b')
photo.crop((0, 0, 200, 150)).save('${dir}/a/colour.jpg', quality=85)
photo.crop((100, 100, 300, 260)).convert('L').save('${dir}/a/gray.jpg', quality=90)
photo.crop((300, 50, 640, 427)).save('${dir}/b/lossy.webp', quality=75)
icon.save('${dir}/b/alpha.webp', lossless=True)
good = open('${dir}/a/colour.jpg', 'rb').read()
open('${dir}/a/cut.jpg', 'wb').write(good[: len(good) // 3])
rgb, alpha = [], []
for name in ['a/colour.jpg', 'a/gray.jpg', 'b/alpha.webp', 'b/lossy.webp']:
    img = Image.open('${dir}/' + name)
    if img.mode == 'RGBA': alpha.append(np.asarray(img, dtype=np.float64)[..., 3].ravel() / 255)
    rgb.append(np.asarray(img.convert('RGB'), dtype=np.float64).reshape(-1, 3) / 255)
rgb = np.concatenate(rgb); alpha = np.concatenate(alpha)
print(json.dumps({'pixels': rgb.shape[0], 'mean': rgb.mean(0).tolist(), 'std': rgb.std(0).tolist(), 'alpha': [alpha.mean(), alpha.std()]}))
`),
      ) as { pixels: number; mean: number[]; std: number[]; alpha: [number, number] };
      const result = runCli(['stats', dir, '--json']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        result.stderr,
        /skipped a\/cut\.jpg: corrupt or truncated JPEG: Premature end of JPEG file/,
      );
      const report = JSON.parse(result.stdout) as {
        images: number;
        pixels: number;
        channels: { name: string; mean: number; std: number }[];
        alpha: { mean: number; std: number };
        classes: Record<string, number>;
      };
      assert.equal(report.images, 4);
      assert.equal(report.pixels, reference.pixels);
      assert.deepEqual(report.classes, { a: 2, b: 2 });
      report.channels.forEach((c, k) => {
        assert.ok(
          Math.abs(c.mean - reference.mean[k]) < 1e-12,
          `mean ${c.name}: ${c.mean} vs ${reference.mean[k]}`,
        );
        assert.ok(
          Math.abs(c.std - reference.std[k]) < 1e-12,
          `std ${c.name}: ${c.std} vs ${reference.std[k]}`,
        );
      });
      assert.ok(Math.abs(report.alpha.mean - reference.alpha[0]) < 1e-12);
      assert.ok(Math.abs(report.alpha.std - reference.alpha[1]) < 1e-12);
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
