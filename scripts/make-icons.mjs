// Draws the app icon — a rounded teal square with a white medical cross — and writes
// assets/icon.png (512×512) and assets/icon.ico (256, 48, 32, 16). Node built-ins only:
// shapes are signed-distance fields, so every size is drawn directly with smooth edges.
//   node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const TOP = [20, 184, 166]; // teal-500
const BOTTOM = [15, 118, 110]; // teal-700
const WHITE = [255, 255, 255];

/** Signed distance from (px, py) to a box centred at (cx, cy) with half-sizes (hx, hy) and corner radius r. */
function roundedBox(px, py, cx, cy, hx, hy, r) {
  const qx = Math.abs(px - cx) - (hx - r);
  const qy = Math.abs(py - cy) - (hy - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const coverage = (distance) => Math.min(1, Math.max(0, 0.5 - distance));

/** RGBA pixels of the icon at `size`×`size`, top row first. */
function draw(size) {
  const s = size;
  const c = s / 2;
  const margin = s <= 16 ? 0 : s * 0.04;
  const half = c - margin;
  const radius = s * 0.22;
  // Small sizes snap the cross to whole pixels, so its edges stay sharp.
  const snap = (v) => (s <= 48 ? Math.round(v) : v);
  const arm = { long: snap(s * 0.3), short: snap(s * 0.1), r: s <= 48 ? 0 : s * 0.025 };
  const out = new Uint8Array(s * s * 4);
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const square = coverage(roundedBox(px, py, c, c, half, half, radius));
      const cross = coverage(Math.min(roundedBox(px, py, c, c, arm.long, arm.short, arm.r), roundedBox(px, py, c, c, arm.short, arm.long, arm.r)));
      const t = y / (s - 1);
      const i = (y * s + x) * 4;
      for (let k = 0; k < 3; k++) {
        const teal = TOP[k] + (BOTTOM[k] - TOP[k]) * t;
        out[i + k] = Math.round(teal + (WHITE[k] - teal) * cross);
      }
      out[i + 3] = Math.round(255 * square);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1)); // each row: filter byte 0, then pixels
  for (let y = 0; y < size; y++) rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A 32-bit DIB for an ICO entry: BGRA rows bottom-up, then the (unused, all-zero) AND mask. */
function dib(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

/**
 * The 256 entry is PNG (as Windows' own tools write it); the small ones are classic DIBs,
 * which every reader — Explorer, NSIS, rcedit — understands.
 */
function ico(sizes) {
  const images = sizes.map((size) => (size >= 256 ? png(size, draw(size)) : dib(size, draw(size))));
  const dir = Buffer.alloc(6 + 16 * sizes.length);
  dir.writeUInt16LE(0, 0);
  dir.writeUInt16LE(1, 2); // 1 = icon
  dir.writeUInt16LE(sizes.length, 4);
  let offset = dir.length;
  sizes.forEach((size, i) => {
    const e = 6 + 16 * i;
    dir[e] = size >= 256 ? 0 : size; // 0 means 256
    dir[e + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4); // planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(images[i].length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([dir, ...images]);
}

const dir = new URL('../assets/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('icon.png', dir), png(512, draw(512)));
writeFileSync(new URL('icon.ico', dir), ico([256, 48, 32, 16]));
console.log('wrote assets/icon.png and assets/icon.ico');
