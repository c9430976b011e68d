// The app's icons, drawn here at start-up rather than kept as binary files: a PNG encoder in a few lines
// (PNG spec: signature, IHDR, one IDAT of zlib-deflated scanlines, IEND; CRC-32 per chunk) and a drawing of
// a token showing six digits. Deterministic: the same bytes on every start, so the service worker's shell
// version only changes when the drawing does. Chromium's installability wants 192 and 512 px icons; the
// maskable one keeps the drawing inside the central safe zone (a circle of 80 % of the width).

import { crc32, deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
const BLUE: Rgb = [0x0b, 0x4f, 0x8a];
const WHITE: Rgb = [0xff, 0xff, 0xff];

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(size: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3); // filter byte 0 (None) at the start of each scanline
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function inRoundedRect(u: number, v: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (u < x0 || u > x1 || v < y0 || v > y1) return false;
  const cx = Math.min(Math.max(u, x0 + r), x1 - r);
  const cy = Math.min(Math.max(v, y0 + r), y1 - r);
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
}

/** In unit coordinates (0…1) scaled by `scale` around the centre: a white card with two rows of three blue digits' blocks. */
function drawing(scale: number): (u: number, v: number) => Rgb {
  return (u0, v0) => {
    const u = 0.5 + (u0 - 0.5) / scale;
    const v = 0.5 + (v0 - 0.5) / scale;
    if (!inRoundedRect(u, v, 0.18, 0.26, 0.82, 0.74, 0.08)) return BLUE;
    for (let row = 0; row < 2; row++) {
      for (let col = 0; col < 3; col++) {
        const x0 = 0.27 + col * 0.17;
        const y0 = 0.35 + row * 0.17;
        if (inRoundedRect(u, v, x0, y0, x0 + 0.12, y0 + 0.12, 0.03)) return BLUE;
      }
    }
    return WHITE;
  };
}

function icon(size: number, scale: number): Buffer {
  const draw = drawing(scale);
  return encodePng(size, (x, y) => draw((x + 0.5) / size, (y + 0.5) / size));
}

/** Path (under /app/icons/) → PNG bytes. */
export function appIcons(): ReadonlyMap<string, Buffer> {
  return new Map([
    ['icon-192.png', icon(192, 1.25)],
    ['icon-512.png', icon(512, 1.25)],
    ['maskable-512.png', icon(512, 1)],
  ]);
}
