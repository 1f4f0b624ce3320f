import { describe, expect, it } from 'vitest';
import { crc32c } from '../../src-main/store/tableCheck';

/** The plain byte-at-a-time CRC-32C (what tableCheck.ts did before), as the reference. */
function byteByByte(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0x82f63b78 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('CRC-32C of the table check, eight bytes a step (src-main/store/tableCheck.ts)', () => {
  it('gives the check values of RFC 3720 (iSCSI) and the standard "123456789"', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(32, 0))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    expect(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i)))).toBe(0x46dd794e);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it('agrees with the byte-by-byte CRC at every length and offset (the tail of fewer than eight bytes, a buffer inside a larger one)', () => {
    let seed = 7;
    const big = Buffer.from(Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24)));
    for (let length = 0; length <= 70; length++) {
      for (const offset of [0, 1, 3, 5, 8]) {
        const slice = big.subarray(offset, offset + length);
        expect(crc32c(slice), `length ${length} at ${offset}`).toBe(byteByByte(slice));
      }
    }
    expect(crc32c(big)).toBe(byteByByte(big));
  });
});
