/**
 * A small ImageFolder written by Pillow (Debian's python3) for the image panel's tests: class `cat` holds
 * two RGB PNGs of noise and a grayscale one, class `dog` an RGB PNG, an RGBA PNG and a truncated PNG
 * (skipped with its reason). NumPy gives the answer key as torchvision's loader sees the images
 * (Image.convert('RGB'): grayscale as R = G = B, alpha dropped): per-channel mean, population std, min
 * and max of pixels / 255, each channel's count per 8-bit level, and the alpha channel's statistics.
 */
import { python } from '../unit/io/formats/fixtures';

export interface ChannelKey {
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Samples per 8-bit level (256 entries). */
  levels: number[];
}

export interface ImageFolderKey {
  images: number;
  pixels: number;
  classes: Record<string, number>;
  channels: ChannelKey[];
  alpha: ChannelKey;
  skipped: string[];
}

export function writeImageFolder(root: string): ImageFolderKey {
  return JSON.parse(
    python(`
import json, os
import numpy as np
from PIL import Image
root = ${JSON.stringify(root)}
rng = np.random.default_rng(20261201)
def save(path, array, mode):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(array, mode).save(path)
    return path
noise = lambda shape, centre, spread: np.clip(rng.normal(centre, spread, shape), 0, 255).astype(np.uint8)
good = [
    save(root + '/cat/0.png', rng.integers(10, 246, (12, 16, 3), dtype=np.uint8), 'RGB'),
    save(root + '/cat/1.png', noise((10, 14, 3), [170, 90, 40], 35), 'RGB'),
    save(root + '/cat/2-gray.png', noise((9, 11), 60, 25), 'L'),
    save(root + '/dog/0.png', noise((13, 7, 3), [30, 120, 220], 20), 'RGB'),
    save(root + '/dog/1-rgba.png', np.dstack([noise((8, 8, 3), 128, 60), rng.integers(0, 256, (8, 8), dtype=np.uint8)]), 'RGBA'),
]
whole = open(good[0], 'rb').read()
open(root + '/dog/2-truncated.png', 'wb').write(whole[:60])
rgb = [np.asarray(Image.open(p).convert('RGB')) for p in good]
levels = np.concatenate([a.reshape(-1, 3) for a in rgb])
values = levels.astype(np.float64) / 255
def channel(v, l):
    return {'mean': float(v.mean()), 'std': float(v.std()), 'min': float(v.min()), 'max': float(v.max()),
            'levels': np.bincount(l, minlength=256).tolist()}
alpha = np.asarray(Image.open(good[4]))[..., 3].ravel()
print(json.dumps({
    'images': len(good),
    'pixels': int(levels.shape[0]),
    'classes': {'cat': 3, 'dog': 2},
    'channels': [channel(values[:, c], levels[:, c]) for c in range(3)],
    'alpha': channel(alpha.astype(np.float64) / 255, alpha),
    'skipped': ['dog/2-truncated.png'],
}))
`),
  ) as ImageFolderKey;
}
