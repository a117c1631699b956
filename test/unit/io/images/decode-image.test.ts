// ImageDecoder with the .wasm bytes read through a counting reader: nothing is read before the first
// JPEG or WebP, each decoder is read and compiled once (a failed decode starts a fresh instance of the
// same compiled module), a reader that fails fails the call and is asked again, and bytes that are a
// view into a larger buffer decode as the same bytes alone. Images are written by Pillow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../../src/io/errors';
import type { ImageCodec } from '../../../../src/io/images/codec-wasm';
import { ImageDecoder } from '../../../../src/io/images/decode-image';
import { codecWasmPath } from '../../../../src/io/node/image-files';
import { scratchDir } from '../../../helpers/cli';
import { hasPython, python, VEGA_DATA } from '../formats/fixtures';

const skip = !hasPython('PIL, numpy');

/** A reader of the real .wasm files that counts what it is asked for. */
function countingReader() {
  const reads: ImageCodec[] = [];
  const read = (codec: ImageCodec) => {
    reads.push(codec);
    return Promise.resolve(new Uint8Array(readFileSync(codecWasmPath(codec))));
  };
  return { reads, read };
}

/** Pillow writes one PNG, JPEG and WebP of the same picture; returns their bytes and Pillow's RGB samples. */
function pillowFiles() {
  const { dir, cleanup } = scratchDir();
  try {
    python(`
from PIL import Image
import numpy as np
img = Image.open('${VEGA_DATA}gimp.png').convert('RGB')
for name, kw in [('x.png', {}), ('x.jpg', {'quality': 80}), ('x.webp', {'quality': 80})]:
    img.save('${dir}/' + name, **kw)
    np.asarray(Image.open('${dir}/' + name)).tofile('${dir}/' + name + '.raw')
`);
    const file = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
    return {
      png: file('x.png'),
      jpeg: file('x.jpg'),
      webp: file('x.webp'),
      pillow: { jpeg: file('x.jpg.raw'), webp: file('x.webp.raw') },
    };
  } finally {
    cleanup();
  }
}

test(
  'ImageDecoder.decode reads no wasm for a PNG, each decoder once for any number of JPEGs and WebPs, and none again after a corrupt JPEG',
  { skip },
  async () => {
    const files = pillowFiles();
    const { reads, read } = countingReader();
    const decoder = new ImageDecoder(read);
    assert.equal((await decoder.decode(files.png)).mode, 'RGB');
    assert.deepEqual(reads, []);
    for (let i = 0; i < 3; i++) assert.deepEqual((await decoder.decode(files.jpeg)).data, files.pillow.jpeg);
    assert.deepEqual(reads, ['jpeg']);
    const garbage = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9]);
    await assert.rejects(
      decoder.decode(garbage),
      (e: unknown) => e instanceof InputError && /^corrupt or truncated JPEG: /.test(e.message),
    );
    assert.deepEqual((await decoder.decode(files.jpeg)).data, files.pillow.jpeg);
    assert.deepEqual((await decoder.decode(files.webp)).data, files.pillow.webp);
    assert.deepEqual(reads, ['jpeg', 'webp']);
  },
);

test(
  "ImageDecoder.decode fails with the reader's own error when the wasm cannot be read, and asks again on the next image",
  { skip },
  async () => {
    const files = pillowFiles();
    let attempts = 0;
    const decoder = new ImageDecoder((codec) => {
      attempts++;
      if (attempts === 1) return Promise.reject(new Error(`no ${codec} decoder here`));
      return Promise.resolve(new Uint8Array(readFileSync(codecWasmPath(codec))));
    });
    await assert.rejects(
      decoder.decode(files.jpeg),
      (e: unknown) => !(e instanceof InputError) && (e as Error).message === 'no jpeg decoder here',
    );
    assert.deepEqual((await decoder.decode(files.jpeg)).data, files.pillow.jpeg);
    assert.equal(attempts, 2);
  },
);

test(
  'ImageDecoder.decode on a view into a larger buffer (as Node pools small Buffers) decodes just the viewed bytes',
  { skip },
  async () => {
    const files = pillowFiles();
    const decoder = new ImageDecoder(countingReader().read);
    for (const [bytes, pillow] of [
      [files.jpeg, files.pillow.jpeg],
      [files.webp, files.pillow.webp],
    ] as const) {
      const pool = new Uint8Array(bytes.length + 100).fill(0x55);
      pool.set(bytes, 37);
      assert.deepEqual((await decoder.decode(pool.subarray(37, 37 + bytes.length))).data, pillow);
    }
  },
);

test('ImageDecoder.decode names what it does not read: an empty file and unknown magic bytes', async () => {
  const decoder = new ImageDecoder(() => assert.fail('no wasm needed'));
  await assert.rejects(decoder.decode(new Uint8Array(0)), /^InputError: empty file$/);
  await assert.rejects(decoder.decode(new TextEncoder().encode('GIF89a......')), /unknown magic bytes/);
});

test(
  'ImageDecoder.decode leaves no ImageData global behind in Node (the extension host is shared)',
  { skip },
  async () => {
    const files = pillowFiles();
    const decoder = new ImageDecoder(countingReader().read);
    await decoder.decode(files.jpeg);
    await decoder.decode(files.webp);
    assert.equal('ImageData' in globalThis, false);
  },
);
