import { readFileSync } from 'node:fs';

/**
 * Reads a LevelDB table file (`*.ldb`, `*.sst`) and checks the checksum of every block.
 *
 * LevelDB reads without checking checksums, so a zeroed or overwritten block decodes as empty or
 * as garbage: documents vanish silently and PouchDB throws from inside a callback (a crash after
 * "ready", again on every start). leveldown offers no `verify_checksums`, so the check is done
 * here, by the table format (leveldb/doc/table_format.md): a 48-byte footer naming the index block,
 * whose entries name every data block; each block is followed by a type byte and a masked CRC-32C.
 * Returns null when the file is whole, else what is wrong with it. Never writes.
 */
export function tableProblem(path: string): string | null {
  const file = readFileSync(path);
  if (file.length < FOOTER) return 'truncated';
  const footer = file.subarray(file.length - FOOTER);
  if (!footer.subarray(40).equals(MAGIC)) return 'truncated or overwritten (no table footer)';
  const at = { pos: 0 };
  const meta = { offset: varint(footer, at), size: varint(footer, at) };
  const index = { offset: varint(footer, at), size: varint(footer, at) };
  const end = file.length - FOOTER;
  for (const handle of [meta, index]) {
    const problem = blockProblem(file, handle, end);
    if (problem) return problem;
  }
  const handles = indexHandles(blockContents(file, index));
  if (!handles) return 'unreadable index block';
  for (const handle of handles) {
    const problem = blockProblem(file, handle, end);
    if (problem) return problem;
  }
  return null;
}

const FOOTER = 48;
const TRAILER = 5; // type byte + CRC-32C
const MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]); // 0xdb4775248b80fb57, little-endian
const MASK_DELTA = 0xa282ead8;

interface Handle {
  offset: number;
  size: number;
}

function blockProblem(file: Buffer, { offset, size }: Handle, end: number): string | null {
  if (offset + size + TRAILER > end) return `block at ${offset} lies past the end of the file (truncated)`;
  const stored = file.readUInt32LE(offset + size + 1);
  const crc = crc32c(file.subarray(offset, offset + size + 1)); // contents and type byte
  return mask(crc) === stored ? null : `block at ${offset} fails its checksum`;
}

function blockContents(file: Buffer, { offset, size }: Handle): Buffer | null {
  const raw = file.subarray(offset, offset + size);
  const type = file[offset + size];
  if (type === 0) return raw;
  if (type === 1) return snappyDecompress(raw);
  return null;
}

/** The block handles an index block's entries hold (a block: entries, then the restart array). */
function indexHandles(block: Buffer | null): Handle[] | null {
  if (!block || block.length < 4) return null;
  const restarts = block.readUInt32LE(block.length - 4);
  const limit = block.length - 4 - restarts * 4;
  if (limit < 0) return null;
  const handles: Handle[] = [];
  const at = { pos: 0 };
  while (at.pos < limit) {
    varint(block, at); // bytes shared with the previous key
    const unshared = varint(block, at);
    const valueLength = varint(block, at);
    at.pos += unshared;
    const value = { pos: at.pos };
    handles.push({ offset: varint(block, value), size: varint(block, value) });
    at.pos += valueLength;
  }
  return at.pos === limit ? handles : null;
}

function varint(buf: Buffer, at: { pos: number }): number {
  let result = 0;
  for (let shift = 1; at.pos < buf.length; shift *= 128) {
    const byte = buf[at.pos++]!;
    result += (byte & 0x7f) * shift;
    if (byte < 0x80) return result;
  }
  return Number.NaN;
}

/** Snappy's raw format, for the (small) index blocks LevelDB compresses. Null if malformed. */
function snappyDecompress(input: Buffer): Buffer | null {
  const at = { pos: 0 };
  const length = varint(input, at);
  if (!Number.isFinite(length) || length > 64 * 1024 * 1024) return null;
  const out = Buffer.alloc(length);
  let o = 0;
  let i = at.pos;
  while (i < input.length) {
    const tag = input[i++]!;
    let len: number;
    let offset = 0;
    switch (tag & 3) {
      case 0: {
        len = tag >>> 2;
        if (len >= 60) {
          const bytes = len - 59;
          len = 0;
          for (let b = 0; b < bytes; b++) len += input[i++]! * 256 ** b;
        }
        len += 1;
        if (i + len > input.length || o + len > length) return null;
        input.copy(out, o, i, i + len);
        i += len;
        o += len;
        continue;
      }
      case 1:
        len = ((tag >>> 2) & 7) + 4;
        offset = ((tag >>> 5) << 8) | input[i++]!;
        break;
      case 2:
        len = (tag >>> 2) + 1;
        offset = input.readUInt16LE(i);
        i += 2;
        break;
      default:
        len = (tag >>> 2) + 1;
        offset = input.readUInt32LE(i);
        i += 4;
    }
    if (offset === 0 || offset > o || o + len > length) return null;
    for (let k = 0; k < len; k++, o++) out[o] = out[o - offset]!;
  }
  return o === length ? out : null;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(buf: Buffer): number {
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = CRC_TABLE[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function mask(crc: number): number {
  return (((crc >>> 15) | (crc << 17)) + MASK_DELTA) >>> 0;
}
