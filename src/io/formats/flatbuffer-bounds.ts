/**
 * Bounds on apache-arrow's metadata reads. Arrow IPC metadata is a flatbuffer, and the flatbuffers
 * runtime reads it without checking offsets: a read past the end gives 0 instead of failing, so a
 * damaged vector length makes apache-arrow decode millions of phantom schema fields or buffers (until
 * the process runs out of memory). Every read of the runtime's ByteBuffer (the 8-, 16- and 32-bit reads;
 * the wider ones are built on them) is checked against the buffer's length, so a damaged file fails at
 * its first read outside the metadata.
 */
import { ByteBuffer } from 'flatbuffers';

let bounded = false;

export function boundFlatbufferReads(): void {
  if (bounded) return;
  bounded = true;
  const proto = ByteBuffer.prototype;
  const check = (buffer: ByteBuffer, offset: number, size: number) => {
    if (!(offset >= 0 && offset + size <= buffer.capacity()))
      throw new RangeError(`metadata read at byte ${offset}, outside its ${buffer.capacity()} bytes`);
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- each original is called with .call(this)
  const { readUint8, readUint16, readInt32 } = proto;
  proto.readUint8 = function (this: ByteBuffer, offset: number) {
    check(this, offset, 1);
    return readUint8.call(this, offset);
  };
  proto.readUint16 = function (this: ByteBuffer, offset: number) {
    check(this, offset, 2);
    return readUint16.call(this, offset);
  };
  proto.readInt32 = function (this: ByteBuffer, offset: number) {
    check(this, offset, 4);
    return readInt32.call(this, offset);
  };
}
