/**
 * Text encodings of CSV files: found from the first bytes (a byte-order mark, else valid UTF-8, else
 * Windows-1252 as Excel writes it), turned into UTF-8 for the tokenizer chunk by chunk, and written
 * back in the same encoding.
 */
import type { Encoding } from './dialect';

/** The encoding a byte-order mark announces, and the mark's length. */
function bomOf(bytes: Uint8Array): { encoding: Encoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Whether `prefix` is UTF-8, allowing a sequence cut at its end when the file goes on. */
function isUtf8(prefix: Uint8Array, complete: boolean): boolean {
  let end = prefix.length;
  if (!complete) {
    // back up over a multi-byte sequence the prefix cuts in two
    let k = end - 1;
    while (k >= 0 && end - k <= 4 && (prefix[k] & 0xc0) === 0x80) k--;
    if (k >= 0 && prefix[k] >= 0xc0) end = k;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** The encoding of a file from its first bytes, and whether it starts with a byte-order mark. */
export function detectEncoding(prefix: Uint8Array, complete: boolean): { encoding: Encoding; bom: boolean } {
  const bom = bomOf(prefix);
  if (bom) return { encoding: bom.encoding, bom: true };
  return { encoding: isUtf8(prefix, complete) ? 'utf-8' : 'windows-1252', bom: false };
}

/**
 * Bytes of `encoding` in, UTF-8 out, chunk by chunk (a character split between chunks is held over).
 * UTF-8 input passes through untouched, its BOM left for the tokenizer to skip.
 */
export class Utf8Transcoder {
  private readonly decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | null;
  private readonly encoder = new TextEncoder();

  constructor(encoding: Encoding) {
    this.decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  }

  get passesThrough(): boolean {
    return this.decoder === null;
  }

  push(chunk: Uint8Array): Uint8Array {
    if (!this.decoder) return chunk;
    return this.encoder.encode(this.decoder.decode(chunk, { stream: true }));
  }

  end(): Uint8Array {
    if (!this.decoder) return new Uint8Array(0);
    return this.encoder.encode(this.decoder.decode());
  }
}

/** Windows-1252's bytes 0x80–0x9F (the rest of it is Latin-1); 0 where the code page has no character. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];
const CP1252_OF = new Map(CP1252_HIGH.flatMap((code, k) => (code ? [[code, 0x80 + k] as const] : [])));

/**
 * Text as bytes of `encoding` (outputs written in the input's encoding). A character Windows-1252
 * cannot hold is an error naming it, never a silent `?`.
 */
export function encodeText(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-16le':
    case 'utf-16be': {
      const bytes = new Uint8Array(text.length * 2);
      const high = encoding === 'utf-16be' ? 0 : 1;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        bytes[2 * i + high] = code >> 8;
        bytes[2 * i + 1 - high] = code & 0xff;
      }
      return bytes;
    }
    case 'windows-1252': {
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : CP1252_OF.get(code);
        if (byte === undefined)
          throw new RangeError(
            `encodeText: '${text[i]}' (U+${code.toString(16).toUpperCase().padStart(4, '0')}) has no Windows-1252 byte; write the output as UTF-8 (--encoding utf-8)`,
          );
        bytes[i] = byte;
      }
      return bytes;
    }
  }
}

/** The byte-order mark of `encoding`. */
export function bomBytes(encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Uint8Array.of(0xef, 0xbb, 0xbf);
    case 'utf-16le':
      return Uint8Array.of(0xff, 0xfe);
    case 'utf-16be':
      return Uint8Array.of(0xfe, 0xff);
    case 'windows-1252':
      return new Uint8Array(0);
  }
}
