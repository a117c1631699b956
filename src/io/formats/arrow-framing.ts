/**
 * A walk over an Arrow IPC file's or stream's messages before apache-arrow reads them. apache-arrow
 * trusts the framing: a damaged continuation marker reads as a negative length and its decoder runs on
 * garbage without end, and a footer block that points at a message which is not a record batch makes
 * its file reader start over on that block again and again. So each message's metadata and body
 * lengths must be non-negative and end inside the file (before a file's footer); only the first
 * message may be a schema, every other one a dictionary or record batch; and each of a file's footer
 * blocks must point at a message of its kind. A damaged one is refused with the byte it is at.
 */
import { InputError } from '../errors';

const MAGIC = 'ARROW1';
const CONTINUATION = -1;
/** Message header kinds (the flatbuffer union MessageHeader). */
const SCHEMA = 1;
const DICTIONARY_BATCH = 2;
const RECORD_BATCH = 3;
/** A footer Block struct: offset (long), metaDataLength (int, padded to 8), bodyLength (long). */
const BLOCK_SIZE = 24;

const magicAt = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(...bytes.subarray(at, at + MAGIC.length)) === MAGIC;

/**
 * The fields of a flatbuffer table rooted at `start`, every offset checked to stay in
 * [start, start + length): `at(id, size)` is a field's position, 0 when it is absent (its default),
 * undefined when its offset leaves the buffer.
 */
function rootTable(view: DataView, start: number, length: number) {
  const end = start + length;
  const inside = (at: number, size: number) => at >= start && at + size <= end;
  if (!inside(start, 4)) return undefined;
  const table = start + view.getUint32(start, true);
  if (!inside(table, 4)) return undefined;
  const vtable = table - view.getInt32(table, true);
  if (!inside(vtable, 4)) return undefined;
  const vtableSize = view.getUint16(vtable, true);
  if (!inside(vtable, vtableSize)) return undefined;
  const at = (id: number, size: number): number | undefined => {
    const slot = 4 + 2 * id;
    if (vtableSize < slot + 2) return 0;
    const offset = view.getUint16(vtable + slot, true);
    if (offset === 0) return 0;
    return inside(table + offset, size) ? table + offset : undefined;
  };
  /** A vector of `size`-byte structs: its first element's position and its length. */
  const vector = (id: number, size: number): { first: number; length: number } | undefined => {
    const field = at(id, 4);
    if (field === undefined) return undefined;
    if (field === 0) return { first: 0, length: 0 };
    const where = field + view.getUint32(field, true);
    if (!inside(where, 4)) return undefined;
    const count = view.getUint32(where, true);
    return inside(where + 4, count * size) ? { first: where + 4, length: count } : undefined;
  };
  return { at, vector };
}

/** Message.header_type (field 1) and Message.bodyLength (field 3), or undefined when unreadable. */
function messageFields(view: DataView, start: number, length: number) {
  const table = rootTable(view, start, length);
  const type = table?.at(1, 1);
  const body = table?.at(3, 8);
  if (type === undefined || body === undefined) return undefined;
  return {
    headerType: type === 0 ? 0 : view.getUint8(type),
    bodyLength: body === 0 ? 0 : Number(view.getBigInt64(body, true)),
  };
}

export function checkIpcFraming(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isFile = magicAt(bytes, 0);
  let at = isFile ? 8 : 0;
  let end = bytes.length;
  let footer = 0;
  if (isFile) {
    if (bytes.length < 18 || !magicAt(bytes, bytes.length - MAGIC.length))
      throw new InputError(
        `corrupt or truncated Arrow IPC: no ${MAGIC} magic at the end of its ${bytes.length} bytes (footer missing)`,
      );
    footer = view.getInt32(bytes.length - 10, true);
    if (footer <= 0 || footer > bytes.length - 18)
      throw new InputError(
        `corrupt or truncated Arrow IPC: footer length ${footer} > file size ${bytes.length}`,
      );
    end = bytes.length - 10 - footer;
  }
  const fault = (where: number, what: string) =>
    new InputError(`corrupt or truncated Arrow IPC: message at byte ${where}: ${what}`);
  /** Each message's start and header kind, for the footer's blocks. */
  const kinds = new Map<number, number>();
  while (at + 4 <= end) {
    let prefix = 4;
    let length = view.getInt32(at, true);
    if (length === CONTINUATION) {
      if (at + 8 > end) throw fault(at, 'cut off after its continuation marker');
      length = view.getInt32(at + 4, true);
      prefix = 8;
    }
    if (length === 0) break;
    if (length < 0 || at + prefix + length > end)
      throw fault(at, `metadata of ${length} bytes where ${end - at - prefix} are left`);
    const fields = messageFields(view, at + prefix, length);
    if (fields === undefined) throw fault(at, 'its metadata holds no readable header type or body length');
    // The first message is the schema (a file may keep it in its footer only); the rest are batches.
    const first = kinds.size === 0;
    const batch = fields.headerType === DICTIONARY_BATCH || fields.headerType === RECORD_BATCH;
    if (!(batch || (first && fields.headerType === SCHEMA)))
      throw fault(
        at,
        `header type ${fields.headerType}, not a ${first ? 'schema or ' : ''}record or dictionary batch`,
      );
    const body = fields.bodyLength;
    if (body < 0 || at + prefix + length + body > end)
      throw fault(at, `a body of ${body} bytes where ${end - at - prefix - length} are left`);
    kinds.set(at, fields.headerType);
    at += prefix + length + body;
  }
  if (isFile) checkFooterBlocks(view, end, footer, kinds);
}

/** Footer.dictionaries (field 2) and Footer.recordBatches (field 3) point at messages of their kind. */
function checkFooterBlocks(view: DataView, start: number, length: number, kinds: Map<number, number>) {
  const table = rootTable(view, start, length);
  const fault = (what: string) =>
    new InputError(`corrupt or truncated Arrow IPC: footer at byte ${start}: ${what}`);
  if (!table) throw fault('its offsets leave the footer');
  for (const [id, kind, name] of [
    [2, DICTIONARY_BATCH, 'dictionary'],
    [3, RECORD_BATCH, 'record batch'],
  ] as const) {
    const blocks = table.vector(id, BLOCK_SIZE);
    if (!blocks) throw fault(`its ${name} blocks leave the footer`);
    for (let i = 0; i < blocks.length; i++) {
      const offset = Number(view.getBigInt64(blocks.first + i * BLOCK_SIZE, true));
      if (kinds.get(offset) !== kind)
        throw fault(`${name} block ${i} points at byte ${offset}, where no ${name} message starts`);
    }
  }
}

/** The parts of an apache-arrow Data chunk whose sizes the record batch's length must fit. */
interface ColumnChunkData {
  offset: number;
  length: number;
  stride: number;
  values?: { length: number };
  valueOffsets?: { length: number };
  nullBitmap?: { length: number };
  type: { typeId: number };
}

/** apache-arrow's Type.Bool: its values are a bitmap. */
const BOOL_TYPE_ID = 6;

/**
 * A record batch's length against its column's buffers: apache-arrow takes the length from the
 * metadata and the buffers from the body without comparing them, so a damaged length makes a reader
 * walk millions of rows past the data (reading zeros, until memory runs out).
 */
export function checkColumnBuffers(name: string, chunks: readonly ColumnChunkData[]): void {
  for (const chunk of chunks) {
    const rows = chunk.offset + chunk.length;
    const short = (buffer: string, holds: number) =>
      new InputError(
        `corrupt or truncated Arrow IPC: column ${name}: a record batch of ${chunk.length} rows with a ${buffer} for ${holds}`,
      );
    const bitmapRows = (bitmap: { length: number }) => bitmap.length * 8;
    if (chunk.nullBitmap && chunk.nullBitmap.length > 0 && bitmapRows(chunk.nullBitmap) < rows)
      throw short('validity bitmap', bitmapRows(chunk.nullBitmap));
    if (chunk.valueOffsets) {
      if (chunk.valueOffsets.length < rows + 1) throw short('offsets buffer', chunk.valueOffsets.length - 1);
    } else if (chunk.values) {
      const holds =
        chunk.type.typeId === BOOL_TYPE_ID
          ? bitmapRows(chunk.values)
          : Math.floor(chunk.values.length / Math.max(1, chunk.stride));
      if (holds < rows) throw short('values buffer', holds);
    }
  }
}
