// Reads a QR code back the way a phone's camera app would: PNG through pngjs, and the `qrcode` package's SVG
// (one path of M/m moves and h runs, one module per unit) drawn onto a bitmap, both decoded by jsQR.

import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

const SCALE = 8;
// jsqr is a CommonJS bundle whose types describe its ES default export: under Node's ESM the default import is
// the bundle's exports object, whose own `default` is the function.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;

function decodePixels(data: Uint8ClampedArray, width: number, height: number): string {
  const found = jsQR(data, width, height);
  if (found === null) throw new Error('no QR code found in the image');
  return found.data;
}

export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  return decodePixels(new Uint8ClampedArray(image.data), image.width, image.height);
}

export function decodeQrSvg(svg: string): string {
  const size = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const path = /<path[^>]*stroke="#000000"[^>]*\sd="([^"]+)"/.exec(svg);
  if (size === null || path === null) throw new Error('not an SVG from the qrcode package');
  const modules = Number(size[1]);
  const width = modules * SCALE;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of (path[1] ?? '').matchAll(/([MmHh])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    const n = Number(a);
    if (op === 'M') [x, y] = [n, Number(b)];
    else if (op === 'm') [x, y] = [x + n, y + Number(b)];
    else {
      const row = Math.floor(y);
      for (let col = x; col < x + n; col += 1) {
        for (let dy = 0; dy < SCALE; dy += 1) {
          for (let dx = 0; dx < SCALE; dx += 1) {
            const i = ((row * SCALE + dy) * width + col * SCALE + dx) * 4;
            data[i] = data[i + 1] = data[i + 2] = 0;
          }
        }
      }
      x += n;
    }
  }
  return decodePixels(data, width, width);
}
