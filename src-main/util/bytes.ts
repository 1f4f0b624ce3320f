/**
 * A Buffer seen as a plain Uint8Array. @types/pouchdb-core declares its own global `Buffer`
 * interface, which merges with Node's and stops Buffers passing where a Uint8Array is wanted.
 */
export function bytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);
}
