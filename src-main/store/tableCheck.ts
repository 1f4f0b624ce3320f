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

/**
 * CRC-32C (Castagnoli, reflected 0x82f63b78), eight bytes a step ("slicing-by-8": eight tables of
 * 256, each the one before advanced by a byte). Every start checks every live table of the store
 * (~110 MB at 200,000 customers and a year): byte by byte that was ~2 s of the start on a loaded
 * machine, about a third of it this way (`npm run bench`, section coldstart). Node has CRC-32
 * (zlib) but not CRC-32C, and LevelDB's masked checksums are CRC-32C.
 */
const CRC_TABLES = (() => {
  const t = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const prev = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = (prev >>> 8) ^ t[prev & 0xff]!;
    }
  }
  return t;
})();

export function crc32c(buf: Buffer): number {
  const t = CRC_TABLES;
  let crc = ~0;
  let i = 0;
  for (const end = buf.length - 8; i <= end; i += 8) {
    const a = crc ^ (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24));
    const b = buf[i + 4]! | (buf[i + 5]! << 8) | (buf[i + 6]! << 16) | (buf[i + 7]! << 24);
    crc =
      t[1792 + (a & 0xff)]! ^ t[1536 + ((a >>> 8) & 0xff)]! ^ t[1280 + ((a >>> 16) & 0xff)]! ^ t[1024 + (a >>> 24)]! ^
      t[768 + (b & 0xff)]! ^ t[512 + ((b >>> 8) & 0xff)]! ^ t[256 + ((b >>> 16) & 0xff)]! ^ t[b >>> 24]!;
  }
  for (; i < buf.length; i++) crc = t[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ ~0) >>> 0;
}

function mask(crc: number): number {
  return (((crc >>> 15) | (crc << 17)) + MASK_DELTA) >>> 0;
}

/**
 * The table files a LevelDB folder's current MANIFEST lists as live (leveldb/doc/log_format.md for
 * the records, db/version_edit.cc for their tags), or null when it cannot tell (no CURRENT, an
 * unreadable record): then every table file is checked. A compaction cut short by a close leaves
 * its output file half-written and unlisted; LevelDB deletes such files at the next open, so they
 * are not damage.
 */
export function liveTableNumbers(folder: string): Set<number> | null {
  let manifest: Buffer;
  try {
    const current = readFileSync(`${folder}/CURRENT`, 'utf8').trim();
    if (!/^MANIFEST-\d+$/.test(current)) return null;
    manifest = readFileSync(`${folder}/${current}`);
  } catch {
    return null;
  }
  const live = new Set<number>();
  const BLOCK = 32_768;
  let record: Buffer[] = [];
  for (let block = 0; block < manifest.length; block += BLOCK) {
    let pos = block;
    const end = Math.min(block + BLOCK, manifest.length);
    while (end - pos >= 7) {
      const length = manifest.readUInt16LE(pos + 4);
      const type = manifest[pos + 6]!;
      if (type === 0 && length === 0) break; // the block's zero padding
      if (pos + 7 + length > end) return null;
      const data = manifest.subarray(pos + 7, pos + 7 + length);
      pos += 7 + length;
      if (type === 1) record = [data];
      else if (type === 2) record = [data];
      else if (type === 3) record.push(data);
      else if (type === 4) record.push(data);
      else return null;
      if (type === 1 || type === 4) {
        if (!applyEdit(record.length === 1 ? record[0]! : Buffer.concat(record as unknown as Uint8Array[]), live)) return null;
        record = [];
      }
    }
  }
  return live;
}

/** One VersionEdit: its added and deleted files change `live`; false when it does not parse. */
function applyEdit(edit: Buffer, live: Set<number>): boolean {
  const at = { pos: 0 };
  const slice = () => {
    const n = varint(edit, at);
    at.pos += n;
  };
  while (at.pos < edit.length) {
    const tag = varint(edit, at);
    switch (tag) {
      case 1: slice(); break; // comparator
      case 2: case 3: case 4: case 9: varint(edit, at); break; // log, next file, last sequence, previous log
      case 5: varint(edit, at); slice(); break; // compact pointer: level, key
      case 6: varint(edit, at); live.delete(varint(edit, at)); break; // deleted file: level, number
      case 7: { // new file: level, number, size, smallest, largest
        varint(edit, at);
        live.add(varint(edit, at));
        varint(edit, at);
        slice();
        slice();
        break;
      }
      default:
        return false;
    }
    if (at.pos > edit.length) return false;
  }
  return true;
}
