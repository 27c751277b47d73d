import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** Bytes per pixel of 8-bit PNG colour types: grayscale, RGB, gray+alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * The share of pixels darker than near-white in an 8-bit PNG (what `pdftoppm -png` writes): enough
 * of PNG to tell a rendered page from a blank one, undoing its row filters.
 */
export function inkShare(path: string): number {
  const png = readFileSync(path);
  let width = 0;
  let height = 0;
  let bpp = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bpp = data[8] === 8 ? (CHANNELS[data[9]!] ?? 0) : 0;
      if (bpp === 0) throw new Error(`expected an 8-bit PNG without palette, got depth ${data[8]} colour type ${data[9]}`);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const prev = Buffer.alloc(stride);
  const row = Buffer.alloc(stride);
  let ink = 0;
  for (let y = 0; y < height; y++) {
    const base = y * (stride + 1);
    const filter = raw[base]!;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      row[i] = (raw[base + 1 + i]! + ([0, a, b, (a + b) >> 1, paeth][filter] ?? 0)) & 0xff;
    }
    // Colour channels only (alpha, when there, is the last byte of a pixel and is not ink).
    const colours = bpp === 2 || bpp === 4 ? bpp - 1 : bpp;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let ch = 0; ch < colours; ch++) sum += row[x * bpp + ch]!;
      if (sum / colours < 230) ink++;
    }
    row.copy(prev);
  }
  return ink / (width * height);
}
